package transcript

import (
	"bytes"
	"encoding/binary"
	"html"
	"unicode/utf8"
)

// appendClean appends src to dst with tags removed, HTML entities decoded
// and white space collapsed. start is where the current cue's text begins in
// dst: a separating space is written only when the cue already has text.
func appendClean(dst []byte, start int, src []byte) []byte {
	pending := len(dst) > start
	// White space at either end only ever becomes the separating space,
	// which pending already stands for.
	for len(src) > 0 && isSpace(src[0]) {
		src = src[1:]
	}
	for len(src) > 0 && isSpace(src[len(src)-1]) {
		src = src[:len(src)-1]
	}
	if isPlain(src) {
		if pending && len(src) > 0 {
			dst = append(dst, ' ')
		}
		return append(dst, src...)
	}
	for i := 0; i < len(src); {
		// Copy a run of ordinary bytes, single spaces between words
		// included, in one append.
		j := i
		for j < len(src) {
			c := src[j]
			if !cleanSpecial[c] {
				j++
				continue
			}
			if c == ' ' && j > i && j+1 < len(src) && !cleanSpecial[src[j+1]] {
				j += 2
				continue
			}
			break
		}
		if j > i {
			if pending {
				dst = append(dst, ' ')
				pending = false
			}
			dst = append(dst, src[i:j]...)
			i = j
			continue
		}
		c := src[i]
		n := 1
		switch {
		case isSpace(c):
			pending = len(dst) > start
			i++
			continue
		case c == '<':
			if n = tagLen(src[i:]); n > 0 {
				i += n
				continue
			}
		case c == '{':
			if n = braceTagLen(src[i:]); n > 0 {
				i += n
				continue
			}
		case c == '&':
			if r, n := entity(src[i:]); n > 0 {
				i += n
				if r == ' ' || r == 0xA0 {
					pending = len(dst) > start
					continue
				}
				if pending {
					dst = append(dst, ' ')
					pending = false
				}
				dst = utf8.AppendRune(dst, r)
				continue
			}
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0xA0: // no-break space
			i += 2
			pending = len(dst) > start
			continue
		}
		if pending {
			dst = append(dst, ' ')
			pending = false
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

// isPlain reports whether src, trimmed of white space, needs no cleaning:
// no markup, no entities, no white space but single spaces between words.
// It may report false for text that needs no cleaning (any control byte
// makes it false), which only costs the slower path. It tests eight bytes
// at a time.
func isPlain(src []byte) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		lows  = 0x7f7f7f7f7f7f7f7f
		rep   = ones // rep*c repeats byte c in every lane
	)
	// hasByte reports whether any byte of x is c.
	hasByte := func(x, c uint64) bool {
		y := x ^ rep*c
		return (y-ones)&^y&highs != 0
	}
	prevSpace := false
	word := func(x uint64) bool {
		if hasByte(x, '<') || hasByte(x, '&') || hasByte(x, '{') || hasByte(x, 0xC2) ||
			(x-rep*0x20)&^x&highs != 0 { // a byte below 0x20: a control byte
			return false
		}
		// Exactly the high bits of the space bytes.
		y := x ^ rep*' '
		sp := ^((y&lows + lows) | y | lows)
		if sp&(sp>>8) != 0 || prevSpace && sp&0x80 != 0 {
			return false // two spaces in a row
		}
		prevSpace = sp>>63 != 0
		return true
	}
	i := 0
	for ; i+8 <= len(src); i += 8 {
		if !word(binary.LittleEndian.Uint64(src[i:])) {
			return false
		}
	}
	for ; i < len(src); i++ {
		c := src[i]
		if c < 0x20 || c == '<' || c == '&' || c == '{' || c == 0xC2 || c == ' ' && prevSpace {
			return false
		}
		prevSpace = c == ' '
	}
	return true
}

// cleanSpecial marks the bytes appendClean must look at: white space and
// the first bytes of tags, entities and the no-break space.
var cleanSpecial = [256]bool{
	' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true,
	'<': true, '{': true, '&': true, 0xC2: true,
}

// tagLen returns the length of the markup tag at the start of b ("<i>",
// "</c>", "<c.colorE5E5E5>", "<00:17.500>", `<font color="red">`), or 0
// when b does not start with one.
func tagLen(b []byte) int {
	if len(b) < 3 {
		return 0
	}
	c := b[1]
	if !(c == '/' || c == '!' || isASCIILetter(c) || (c >= '0' && c <= '9')) {
		return 0
	}
	end := bytes.IndexByte(b[1:], '>')
	if end < 0 || end > 200 {
		return 0
	}
	return end + 2
}

// braceTagLen returns the length of the brace tag at the start of b: an
// SSA override tag such as "{\an8}" in SRT files, or a transcription mark
// such as "{vocalsound}" or "{disfmarker}" in meeting corpora. It returns 0
// when b does not start with one.
func braceTagLen(b []byte) int {
	for i := 1; i < len(b) && i < 64; i++ {
		c := b[i]
		switch {
		case c == '}':
			if i == 1 {
				return 0
			}
			return i + 1
		case isASCIILetter(c) || c == '\\' || c == '_' || c == '-' || (i > 1 && c >= '0' && c <= '9'):
		default:
			return 0
		}
	}
	return 0
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// entity decodes the HTML character reference at the start of b, returning
// its rune and length, or length 0 when b does not start with one.
func entity(b []byte) (rune, int) {
	end := bytes.IndexByte(b, ';')
	if end < 2 || end > 32 {
		return 0, 0
	}
	name := b[1:end]
	switch string(name) {
	case "amp":
		return '&', end + 1
	case "lt":
		return '<', end + 1
	case "gt":
		return '>', end + 1
	case "quot":
		return '"', end + 1
	case "apos":
		return '\'', end + 1
	case "nbsp":
		return ' ', end + 1
	}
	for _, c := range name {
		if !(isASCIILetter(c) || (c >= '0' && c <= '9') || c == '#') {
			return 0, 0
		}
	}
	s := html.UnescapeString(string(b[:end+1]))
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) || s == string(b[:end+1]) {
		return 0, 0 // unknown entity, or one that expands to several runes
	}
	return r, end + 1
}

// Speaker labels: "Name: text". The name is 1 to maxLabelWords words and
// at most maxLabelBytes bytes, contains a letter, and has none of the
// characters that mark a sentence rather than a name.
const (
	maxLabelBytes = 64
	maxLabelWords = 6
)

// splitLabel splits "Name: text" into the name and the text after the colon.
func splitLabel(line []byte) (name, rest []byte, ok bool) {
	limit := len(line)
	if limit > maxLabelBytes+1 {
		limit = maxLabelBytes + 1
	}
	colon := bytes.IndexByte(line[:limit], ':')
	if colon <= 0 {
		return nil, nil, false
	}
	if colon+1 < len(line) && line[colon+1] != ' ' && line[colon+1] != '\t' {
		return nil, nil, false
	}
	name = line[:colon]
	if !isLabel(name) {
		return nil, nil, false
	}
	return name, line[colon+1:], true
}

func isLabel(name []byte) bool {
	if len(name) == 0 || isSpace(name[0]) || isSpace(name[len(name)-1]) {
		return false
	}
	switch name[0] {
	case '-', '[', '(', '<', '*', '#', '>', '"', '\'':
		return false
	}
	words, letter := 1, false
	for _, c := range name {
		switch {
		case c == ' ' || c == '\t':
			words++
		case c == ',' || c == '?' || c == '!' || c == '"' || c == ';' || c == '<' || c == '>' || c == '{' || c == '}':
			return false
		case isASCIILetter(c) || c >= 0x80:
			letter = true
		}
	}
	return letter && words <= maxLabelWords
}

// voiceSpan parses a WebVTT voice tag at the start of line, "<v Name>" or
// "<v.class Name>", returning the name and the text after the tag.
func voiceSpan(line []byte) (name, rest []byte, ok bool) {
	if len(line) < 4 || line[0] != '<' || line[1] != 'v' || (line[2] != ' ' && line[2] != '.' && line[2] != '\t') {
		return nil, nil, false
	}
	end := bytes.IndexByte(line, '>')
	if end < 0 {
		return nil, nil, false
	}
	tag := line[2:end]
	sp := bytes.IndexAny(tag, " \t")
	if sp < 0 {
		return nil, line[end+1:], true // a voice tag with classes but no name
	}
	return bytes.TrimSpace(tag[sp:]), line[end+1:], true
}
