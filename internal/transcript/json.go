package transcript

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// parseJSON reads speaker turns: the first array, in document order, whose
// first element is an object with a "speaker" (or "speaker_name") key. The
// array may be the whole document or nested in objects, as in
//
//	{"meeting_transcripts": [{"speaker": "A", "content": "Hi."}]}
//
// Each turn has "text" or "content", and optionally "start" and "end" in
// seconds (numbers, numeric strings or "h:mm:ss.fff" strings). A turn
// without a speaker continues the previous speaker. Either every turn has a
// start or none has; a missing end is the next turn's start. The document
// must be valid JSON, with at most MaxJSONDepth levels of nesting.
func parseJSON(text []byte) (*Transcript, error) {
	p := &jsonParser{data: text, b: newBuilder(len(text)), stamped: -1}
	if err := p.value(0); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.data) {
		return nil, p.errorf("unexpected %s after the JSON value", quote(p.rest(20)))
	}
	if !p.found {
		return nil, errorf(0, `no array of speaker turns found (objects with "speaker" and "text" or "content")`)
	}
	timed := p.stamped == 1
	t := p.b.finish(FormatJSON, timed)
	if timed {
		fillMissingEnds(t.Cues)
	} else {
		for i := range t.Cues {
			t.Cues[i].End = 0
		}
	}
	return t, nil
}

type jsonParser struct {
	data    []byte
	pos     int
	b       *builder
	found   bool // the turn array has been read
	stamped int  // 1 when the first turn had a start, 0 when not, -1 before
	// line counting, done incrementally because positions only grow
	linePos, lineNum int
	textBuf, nameBuf []byte
}

// turn is one speaker turn as read from JSON.
type turn struct {
	speaker, text []byte
	hasSpeaker    bool
	hasText       bool
	start, end    float64
	hasStart      bool
	hasEnd        bool
}

func (p *jsonParser) line(pos int) int {
	if pos > p.linePos {
		p.lineNum += bytes.Count(p.data[p.linePos:pos], []byte{'\n'})
		p.linePos = pos
	}
	return p.lineNum + 1
}

func (p *jsonParser) errorf(format string, args ...any) *Error {
	return errorf(p.line(p.pos), format, args...)
}

func (p *jsonParser) rest(n int) []byte {
	end := p.pos + n
	if end > len(p.data) {
		end = len(p.data)
	}
	return p.data[p.pos:end]
}

func (p *jsonParser) skipSpace() {
	data, pos := p.data, p.pos
	for pos < len(data) {
		c := data[pos]
		// Indentation of pretty-printed files is skipped 8 spaces at a
		// time.
		if c == ' ' && pos+8 <= len(data) && binary.LittleEndian.Uint64(data[pos:]) == eightSpaces {
			pos += 8
			continue
		}
		if !jsonSpace[c] {
			break
		}
		pos++
	}
	p.pos = pos
}

const eightSpaces = 0x2020202020202020

// jsonSpace marks the white-space bytes of JSON.
var jsonSpace = [256]bool{' ': true, '\t': true, '\n': true, '\r': true}

// value reads any JSON value, looking for the turn array inside it.
func (p *jsonParser) value(depth int) error {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of JSON")
	}
	switch p.data[p.pos] {
	case '{':
		return p.object(depth+1, nil)
	case '[':
		return p.array(depth + 1)
	case '"':
		_, _, err := p.str()
		return err
	case 't':
		return p.literal("true")
	case 'f':
		return p.literal("false")
	case 'n':
		return p.literal("null")
	default:
		_, err := p.number()
		return err
	}
}

func (p *jsonParser) literal(lit string) error {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(lit)) {
		return p.errorf("invalid JSON value %s", quote(p.rest(10)))
	}
	p.pos += len(lit)
	return nil
}

// array reads an array. If no turn array has been found yet and the first
// element is an object with a speaker, this is the turn array.
func (p *jsonParser) array(depth int) error {
	if depth > MaxJSONDepth {
		return p.errorf("JSON nested more than %d levels deep", MaxJSONDepth)
	}
	p.pos++ // '['
	turns := false
	for i := 0; ; i++ {
		if done, err := p.nextElement(i, ']', "array"); done || err != nil {
			return err
		}
		if p.pos < len(p.data) && p.data[p.pos] == '{' && (turns || (i == 0 && !p.found)) {
			line := p.line(p.pos)
			foundBefore := p.found
			var t turn
			if err := p.object(depth+1, &t); err != nil {
				return err
			}
			if i == 0 && t.hasSpeaker && !foundBefore {
				turns, p.found = true, true
			}
			if turns {
				if err := p.addTurn(&t, line); err != nil {
					return err
				}
			}
			continue
		}
		if turns {
			return p.errorf("expected a speaker turn object, got %s", quote(p.rest(10)))
		}
		if err := p.value(depth); err != nil {
			return err
		}
	}
}

// nextElement moves past the separator before element i of an array or
// object, and reports done when it met the closing bracket instead.
func (p *jsonParser) nextElement(i int, closing byte, what string) (done bool, err error) {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return false, p.errorf("unexpected end of JSON in an %s", what)
	}
	switch c := p.data[p.pos]; {
	case c == closing:
		p.pos++
		return true, nil
	case i == 0:
		return false, nil
	case c == ',':
		p.pos++
		p.skipSpace()
		return false, nil
	}
	return false, p.errorf("expected ',' or '%c' in an %s, got %s", closing, what, quote(p.rest(10)))
}

// object reads an object, filling t with the turn fields when t is not nil.
func (p *jsonParser) object(depth int, t *turn) error {
	if depth > MaxJSONDepth {
		return p.errorf("JSON nested more than %d levels deep", MaxJSONDepth)
	}
	p.pos++ // '{'
	for i := 0; ; i++ {
		if done, err := p.nextElement(i, '}', "object"); done || err != nil {
			return err
		}
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return p.errorf("expected a string key in an object, got %s", quote(p.rest(10)))
		}
		key, _, err := p.str()
		if err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return p.errorf("expected ':' after an object key")
		}
		p.pos++
		p.skipSpace()
		if t == nil {
			if err := p.value(depth); err != nil {
				return err
			}
			continue
		}
		if err := p.turnField(depth, t, key); err != nil {
			return err
		}
	}
}

func (p *jsonParser) turnField(depth int, t *turn, key []byte) error {
	if p.pos >= len(p.data) {
		return p.errorf("unexpected end of JSON")
	}
	c := p.data[p.pos]
	switch string(key) {
	case "speaker", "speaker_name":
		switch {
		case c == '"':
			s, esc, err := p.str()
			if err != nil {
				return err
			}
			if esc {
				p.nameBuf = unescape(p.nameBuf[:0], s)
				s = p.nameBuf
			}
			t.speaker, t.hasSpeaker = s, true
			return nil
		case c == '-' || (c >= '0' && c <= '9'):
			n, err := p.number()
			if err != nil {
				return err
			}
			p.nameBuf = append(append(p.nameBuf[:0], "Speaker "...), n...)
			t.speaker, t.hasSpeaker = p.nameBuf, true
			return nil
		case c == 'n':
			return p.literal("null")
		}
		return p.errorf("speaker must be a string or a number")
	case "text", "content":
		if c != '"' {
			return p.errorf("%s must be a string", key)
		}
		s, esc, err := p.str()
		if err != nil {
			return err
		}
		if esc {
			p.textBuf = unescape(p.textBuf[:0], s)
			s = p.textBuf
		}
		t.text, t.hasText = s, true
		return nil
	case "start", "start_time", "end", "end_time":
		v, ok, err := p.seconds()
		if err != nil {
			return err
		}
		if key[0] == 's' {
			t.start, t.hasStart = v, ok
		} else {
			t.end, t.hasEnd = v, ok
		}
		return nil
	}
	return p.value(depth)
}

// seconds reads a time in seconds: a number, a numeric string, a
// "h:mm:ss.fff" string or null (ok false).
func (p *jsonParser) seconds() (v float64, ok bool, err error) {
	switch c := p.data[p.pos]; {
	case c == 'n':
		return 0, false, p.literal("null")
	case c == '"':
		s, _, err := p.str()
		if err != nil {
			return 0, false, err
		}
		s = bytes.TrimSpace(s)
		if v, ok := parseTimestamp(s); ok {
			return v, true, nil
		}
		if v, err := strconv.ParseFloat(string(s), 64); err == nil && v >= 0 && v < 1e9 {
			return v, true, nil
		}
		return 0, false, p.errorf("bad time %s", quote(s))
	default:
		n, err := p.number()
		if err != nil {
			return 0, false, err
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil || v < 0 || v >= 1e9 {
			return 0, false, p.errorf("bad time %s", quote(n))
		}
		return v, true, nil
	}
}

func (p *jsonParser) addTurn(t *turn, line int) error {
	if !t.hasText {
		return errorf(line, `speaker turn has no "text" or "content"`)
	}
	s := 0
	if t.hasStart {
		s = 1
	}
	switch {
	case p.stamped < 0:
		p.stamped = s
	case p.stamped != s && t.hasStart:
		return errorf(line, `speaker turn has a "start", but the first turn has none`)
	case p.stamped != s:
		return errorf(line, `speaker turn has no "start", but the first turn has one`)
	}
	b := p.b
	b.begin()
	if t.hasSpeaker {
		b.setSpeaker(t.speaker)
	}
	b.text(t.text)
	end := -1.0
	if t.hasEnd {
		end = max(t.end, t.start)
	}
	return b.commit(t.start, end, line)
}

// str reads a string, returning its raw bytes between the quotes and
// whether it contains escapes.
func (p *jsonParser) str() (s []byte, escaped bool, err error) {
	start := p.pos + 1
	i := start
	for {
		j := bytes.IndexByte(p.data[i:], '"')
		if j < 0 {
			return nil, false, p.errorf("unterminated string")
		}
		if k := bytes.IndexByte(p.data[i:i+j], '\\'); k >= 0 {
			j = k
		}
		i += j
		if p.data[i] == '"' {
			p.pos = i + 1
			return p.data[start:i], escaped, nil
		}
		escaped = true
		if i+1 >= len(p.data) {
			return nil, false, p.errorf("unterminated string")
		}
		switch p.data[i+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			i += 2
		case 'u':
			if i+6 > len(p.data) || !isHex4(p.data[i+2:i+6]) {
				p.pos = i
				return nil, false, p.errorf("bad \\u escape in a string")
			}
			i += 6
		default:
			p.pos = i
			return nil, false, p.errorf("bad escape %s in a string", quote(p.data[i:i+2]))
		}
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'f') {
			return false
		}
	}
	return true
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case c <= '9':
			r = r<<4 | rune(c-'0')
		default:
			r = r<<4 | rune(c|0x20-'a'+10)
		}
	}
	return r
}

// unescape decodes the escapes of a string that str validated.
func unescape(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'b', 'f', 'n', 'r', 't':
			dst = append(dst, ' ')
		case 'u':
			r := hex4(s[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2 := utf16.DecodeRune(r, hex4(s[i+3:i+7])); r2 != utf8.RuneError {
					r = r2
					i += 6
				}
			}
			dst = utf8.AppendRune(dst, r)
		default: // '"', '\\', '/'
			dst = append(dst, s[i])
		}
	}
	return dst
}

// number reads a JSON number.
func (p *jsonParser) number() ([]byte, error) {
	start := p.pos
	i := p.pos
	if i < len(p.data) && p.data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(p.data) && p.data[i] >= '0' && p.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		return nil, p.errorf("invalid JSON value %s", quote(p.rest(10)))
	}
	if i < len(p.data) && p.data[i] == '.' {
		i++
		if digits() == 0 {
			return nil, p.errorf("invalid JSON number %s", quote(p.data[start:i]))
		}
	}
	if i < len(p.data) && (p.data[i] == 'e' || p.data[i] == 'E') {
		i++
		if i < len(p.data) && (p.data[i] == '+' || p.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, p.errorf("invalid JSON number %s", quote(p.data[start:i]))
		}
	}
	p.pos = i
	return p.data[start:i], nil
}
