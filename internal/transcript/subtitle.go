package transcript

import "bytes"

// subtitleParser reads the cue-block formats: WebVTT, SRT and SBV. A cue
// block is an optional identifier (SRT cue number, WebVTT cue id), a timing
// line and text lines, ended by a blank line. Lenient where real files
// differ: the WEBVTT header is optional, SRT cue numbers are optional, ',' or
// '.' may precede the fraction, and a timing line inside cue text starts a
// new cue (the line before it is dropped when it is a bare cue number).
// Strict where data would be lost: a bad timestamp or a block with no timing
// line after the first cue is an error.
type subtitleParser struct {
	format    string
	r         *lineReader
	b         *builder
	header    bool // saw a WEBVTT header
	state     int
	ident     []byte // identifier line waiting for its timing line
	identLine int
	lines     [][]byte // text lines of the open cue
	open      bool     // a cue's timing line has been read
	start     float64
	end       float64
	cueLine   int
}

const (
	stBlockStart = iota // expecting an identifier, a timing line or a comment block
	stExpectTime        // read an identifier; expecting its timing line
	stText              // reading cue text
	stSkip              // skipping a NOTE, STYLE or REGION block, or the header
)

func parseSubtitle(text []byte, format string) (*Transcript, error) {
	p := &subtitleParser{format: format, r: newLineReader(text), b: newBuilder(len(text))}
	if err := p.run(); err != nil {
		return nil, err
	}
	if len(p.b.cues) == 0 && format == FormatVTT && !p.header {
		return nil, errorf(0, "no WEBVTT header and no cues")
	}
	return p.b.finish(format, true), nil
}

func (p *subtitleParser) run() error {
	first := true
	for {
		line, ok, err := p.r.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if first && !isBlank(line) {
			first = false
			if p.format == FormatVTT && bytes.HasPrefix(line, []byte("WEBVTT")) {
				p.header = true
				p.state = stSkip
				continue
			}
		}
		if err := p.line(line); err != nil {
			return err
		}
	}
	if p.state == stExpectTime {
		if err := p.orphanBlock(); err != nil {
			return err
		}
	}
	return p.flush()
}

func (p *subtitleParser) line(line []byte) error {
	num := p.r.num
	if isBlank(line) {
		switch p.state {
		case stExpectTime:
			if err := p.orphanBlock(); err != nil {
				return err
			}
		case stText:
			if err := p.flush(); err != nil {
				return err
			}
		}
		p.state = stBlockStart
		return nil
	}
	switch p.state {
	case stSkip:
		if p.isTiming(line) { // a header with no blank line after it
			return p.timing(line, num)
		}
		return nil
	case stBlockStart:
		if p.isTiming(line) {
			return p.timing(line, num)
		}
		if p.format == FormatVTT && isVTTBlockKeyword(line) {
			p.state = stSkip
			return nil
		}
		if p.format == FormatSBV {
			return errorf(num, "expected a timing line like \"0:00:01.000,0:00:02.000\", got %s", quote(line))
		}
		p.ident, p.identLine = line, num
		p.state = stExpectTime
		return nil
	case stExpectTime:
		if p.isTiming(line) {
			return p.timing(line, num)
		}
		if p.format == FormatVTT && len(p.b.cues) == 0 && !p.open {
			p.state = stSkip // header material such as "Region:" lines
			return nil
		}
		return errorf(num, "expected a timing line like \"00:00:01,000 --> 00:00:02,000\" after %s, got %s", quote(p.ident), quote(line))
	default: // stText
		if p.isTiming(line) {
			if n := len(p.lines); n > 0 && allDigits(bytes.TrimSpace(p.lines[n-1])) {
				p.lines = p.lines[:n-1]
			}
			return p.timing(line, num)
		}
		p.lines = append(p.lines, line)
		return nil
	}
}

// orphanBlock handles an identifier-like block that had no timing line.
// Before the first cue of a WebVTT file it is header material; otherwise it
// is an error.
func (p *subtitleParser) orphanBlock() error {
	if p.format == FormatVTT && len(p.b.cues) == 0 && !p.open {
		if !p.header {
			return errorf(p.identLine, "missing WEBVTT header, and %s is not a cue timing line", quote(p.ident))
		}
		return nil
	}
	return errorf(p.identLine, "cue %s has no timing line", quote(p.ident))
}

func (p *subtitleParser) isTiming(line []byte) bool {
	if p.format == FormatSBV {
		_, _, ok := sbvTiming(line)
		return ok
	}
	return containsArrow(line)
}

// timing starts a new cue at a timing line, closing the open one.
func (p *subtitleParser) timing(line []byte, num int) error {
	if err := p.flush(); err != nil {
		return err
	}
	var err error
	if p.format == FormatSBV {
		left, right, _ := sbvTiming(line)
		p.start, p.end, err = parseTimePair(left, right, num)
	} else {
		p.start, p.end, err = parseArrowTiming(line, num)
	}
	if err != nil {
		return err
	}
	p.open = true
	p.cueLine = num
	p.lines = p.lines[:0]
	p.state = stText
	return nil
}

// flush turns the open cue's text lines into one cue per speaker: a WebVTT
// voice span "<v Name>" at the start of a line, or a "Name:" label on the
// first line, sets the speaker.
func (p *subtitleParser) flush() error {
	if !p.open {
		return nil
	}
	p.open = false
	b := p.b
	b.begin()
	for i, line := range p.lines {
		if name, rest, ok := voiceSpan(line); ok {
			if err := b.commit(p.start, p.end, p.cueLine); err != nil {
				return err
			}
			if len(name) > 0 {
				b.setSpeaker(name)
			}
			line = rest
		} else if i == 0 {
			if name, rest, ok := splitLabel(line); ok {
				b.setSpeaker(name)
				line = rest
			}
		}
		b.text(line)
	}
	p.lines = p.lines[:0]
	return b.commit(p.start, p.end, p.cueLine)
}

// isVTTBlockKeyword reports whether line starts a WebVTT NOTE, STYLE or
// REGION block.
func isVTTBlockKeyword(line []byte) bool {
	for _, kw := range [...]string{"NOTE", "STYLE", "REGION"} {
		if bytes.HasPrefix(line, []byte(kw)) && (len(line) == len(kw) || line[len(kw)] == ' ' || line[len(kw)] == '\t') {
			return true
		}
	}
	return false
}
