// Package transcript parses call transcripts in the formats sales reps
// actually have — WebVTT (Zoom, Microsoft Teams), SRT, SBV (YouTube), plain
// text "Name: text" lines and JSON speaker turns — into one Transcript type.
//
// Input may be UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or
// BOM-less UTF-16 (recognised by its NUL bytes). Bytes that are not valid
// UTF-8 are decoded as Windows-1252, the usual encoding of subtitle files
// saved by Windows tools; valid UTF-8 sequences in the same file are kept.
// LF, CRLF and CR-only line endings, and mixtures of them, are accepted.
//
// Cue text is cleaned: HTML entities are decoded, styling and voice tags are
// removed, and runs of white space become one space. A cue without a speaker
// label continues the previous cue's speaker.
package transcript

import (
	"path/filepath"
	"strings"
)

// Format names, as stored in Transcript.Format.
const (
	FormatVTT  = "vtt"  // WebVTT, including Zoom and Microsoft Teams exports
	FormatSRT  = "srt"  // SubRip
	FormatSBV  = "sbv"  // YouTube SubViewer
	FormatText = "text" // plain "Name: text" lines, optionally time-stamped
	FormatJSON = "json" // JSON array of speaker turns
)

// Transcript is a parsed conversation.
type Transcript struct {
	Format string // one of the Format constants
	Timed  bool   // whether cues carry real start and end times
	Cues   []Cue  // in file order
}

// Cue is one piece of speech.
type Cue struct {
	Speaker string  // speaker name; empty when the file never named one
	Start   float64 // seconds from the start of the recording; 0 when untimed
	End     float64 // seconds; never before Start
	Text    string  // cleaned text: no tags, entities decoded, single spaces
	Line    int     // 1-based line in the file where the cue starts
}

// Parse decodes data and parses it in the format detected from its content,
// using the extension of name (which may be empty) as a hint when the content
// is ambiguous. Errors are *Error values unless the input exceeds a limit.
func Parse(data []byte, name string) (*Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	return parseDecoded(text, detect(text, filepath.Ext(name)))
}

// ParseFormat decodes data and parses it as the given format.
func ParseFormat(data []byte, format string) (*Transcript, error) {
	text, err := decode(data)
	if err != nil {
		return nil, err
	}
	return parseDecoded(text, format)
}

// Detect reports the format Parse would use for data named name.
func Detect(data []byte, name string) (string, error) {
	text, err := decode(data)
	if err != nil {
		return "", err
	}
	return detect(text, filepath.Ext(name)), nil
}

func parseDecoded(text []byte, format string) (*Transcript, error) {
	if len(text) > MaxInputBytes {
		return nil, tooBig()
	}
	if isBlank(text) {
		return nil, errorf(0, "file is empty")
	}
	var (
		t   *Transcript
		err error
	)
	switch format {
	case FormatVTT, FormatSRT, FormatSBV:
		t, err = parseSubtitle(text, format)
	case FormatText:
		t, err = parseText(text)
	case FormatJSON:
		t, err = parseJSON(text)
	default:
		return nil, errorf(0, "unknown format %q", format)
	}
	if err != nil {
		return nil, err
	}
	if len(t.Cues) == 0 {
		return nil, errorf(0, "no cues with text found")
	}
	return t, nil
}

// detect picks a format from decoded content, falling back on the file
// extension (with its dot) when the content does not decide.
func detect(text []byte, ext string) string {
	head := trimLeftSpace(text)
	jsonExt := true
	switch {
	case hasPrefixFold(head, "WEBVTT"):
		return FormatVTT
	case len(head) > 0 && head[0] == '{':
		return FormatJSON
	case len(head) > 0 && head[0] == '[':
		// "[00:01:02] Name: text" is plain text; "[{...}]", "[[" or "[]" is JSON.
		rest := trimLeftSpace(head[1:])
		if len(rest) == 0 || rest[0] == '{' || rest[0] == ']' || rest[0] == '[' || rest[0] == '"' {
			return FormatJSON
		}
		jsonExt = false
	}
	ext = strings.ToLower(ext)
	sample := head
	if len(sample) > detectWindow {
		sample = sample[:detectWindow]
	}
	switch {
	case containsArrow(sample):
		if ext == ".vtt" {
			return FormatVTT
		}
		return FormatSRT
	case firstLineIsSBVTiming(sample):
		return FormatSBV
	}
	switch ext {
	case ".vtt":
		return FormatVTT
	case ".srt":
		return FormatSRT
	case ".sbv", ".sub":
		return FormatSBV
	case ".json":
		if jsonExt {
			return FormatJSON
		}
	}
	return FormatText
}

// detectWindow is how much of the start of a file detect looks at.
const detectWindow = 4096
