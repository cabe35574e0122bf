package stt

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"huddle/internal/transcript"
)

// UnlabelledSpeaker names the speaker of every cue when the service does
// not diarize.
const UnlabelledSpeaker = "Speaker"

// maxSpeakerBytes caps a speaker label from the service.
const maxSpeakerBytes = 100

// ErrNoSpeech is returned, inside an *Error, when the service heard
// nothing it could write down.
var ErrNoSpeech = errors.New("no speech was recognised in the recording")

// response is the part of verbose_json and diarized_json answers Huddle
// uses. Both carry "text" and "segments"; diarized segments add a
// "speaker" (as do WhisperX-style servers on verbose_json).
type response struct {
	Text     *string   `json:"text"`
	Segments []segment `json:"segments"`
}

type segment struct {
	Start   float64 `json:"start"`
	End     float64 `json:"end"`
	Text    string  `json:"text"`
	Speaker label   `json:"speaker"`
}

// label is a speaker label sent as a string, a number or null.
type label string

// UnmarshalJSON accepts "SPEAKER_00", 0 and null.
func (l *label) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err == nil {
		*l = label(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("speaker is neither text nor a number")
	}
	*l = label(n.String())
	return nil
}

// parseResponse turns a service answer into a transcript: timed cues from
// segments, or a single untimed cue when there is only text.
func parseResponse(data []byte) (*transcript.Transcript, error) {
	var r response
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("not a transcription: %w", err)
	}
	if r.Text == nil && r.Segments == nil {
		return nil, errors.New(`not a transcription: no "text" or "segments"`)
	}
	if len(r.Segments) > transcript.MaxCues {
		return nil, fmt.Errorf("%d segments, more than the limit of %d", len(r.Segments), transcript.MaxCues)
	}
	t := &transcript.Transcript{Format: Format, Timed: true}
	speaker := ""
	for i, s := range r.Segments {
		if s.Speaker != "" {
			if name := speakerName(string(s.Speaker)); name != "" {
				speaker = name
			}
		}
		text := cleanText(s.Text)
		if text == "" {
			continue
		}
		c := transcript.Cue{Speaker: speaker, Start: max(s.Start, 0), End: s.End, Text: text, Line: i + 1}
		if c.Speaker == "" {
			c.Speaker = UnlabelledSpeaker
		}
		c.End = max(c.End, c.Start)
		t.Cues = append(t.Cues, c)
	}
	if len(t.Cues) > 0 {
		t.Timed = hasTimes(t.Cues)
		return t, nil
	}
	text := ""
	if r.Text != nil {
		text = cleanText(*r.Text)
	}
	if text == "" {
		return nil, ErrNoSpeech
	}
	t.Timed = false
	t.Cues = []transcript.Cue{{Speaker: UnlabelledSpeaker, Text: text, Line: 1}}
	return t, nil
}

// hasTimes reports whether any cue has a real time: some servers send
// segments with every time zero.
func hasTimes(cues []transcript.Cue) bool {
	for _, c := range cues {
		if c.End > 0 {
			return true
		}
	}
	return false
}

// speakerName makes a diarization label readable: "SPEAKER_00" becomes
// "Speaker 1" and OpenAI's "A" becomes "Speaker A"; names are kept.
func speakerName(s string) string {
	s = cleanText(s)
	if len(s) > maxSpeakerBytes {
		s = strings.ToValidUTF8(s[:maxSpeakerBytes], "")
	}
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
		return "Speaker " + s
	}
	if len(s) > 8 && strings.EqualFold(s[:8], "speaker_") {
		if n, err := strconv.Atoi(s[8:]); err == nil && n >= 0 && n < 1000 {
			return "Speaker " + strconv.Itoa(n+1)
		}
	}
	return s
}

// cleanText trims the text and turns runs of white space and control
// characters into single spaces.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.FieldsFunc(s, isSpaceOrControl), " ")
}

func isSpaceOrControl(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\u200b' || r == '\ufeff'
}
