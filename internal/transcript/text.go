package transcript

import "bytes"

// parseText reads plain-text transcripts:
//
//	Alice: Hi Bob, thanks for joining.
//	[00:00:05] Bob: Happy to be here.
//	00:00:09	Alice:	Chat exports put tabs between the fields.
//
// and Otter-style paragraphs, a "Name  0:05" line (two or more spaces or a
// tab before the time) followed by the text:
//
//	Alice  0:05
//	Hi Bob.
//
// A time stamp is "[h:mm:ss]", "(h:mm:ss)" or a bare "h:mm:ss" (hours and
// fraction optional). A line with no label continues the previous cue; a
// stamped line with no label is a new cue by the previous speaker. Either
// every cue has a time stamp or none has: once the first cue has one, lines
// without a stamp continue the previous cue even if they look like labels.
// Plain text has no end times: a cue ends where the next one starts, and the
// last cue lasts as long as its words take at 150 words per minute.
func parseText(text []byte) (*Transcript, error) {
	b := newBuilder(len(text))
	r := newLineReader(text)
	var (
		open       bool
		start      float64
		cueLine    int
		stamped    = -1 // 1 when the first cue had a time stamp, 0 when not
		firstLine  int
		paragraphs = true // previous line was blank, or this is the first line
	)
	newCue := func(num int, hasTS bool, ts float64) error {
		if open {
			if err := b.commit(start, -1, cueLine); err != nil {
				return err
			}
		}
		s := 0
		if hasTS {
			s = 1
		}
		// Once the first cue has a stamp, unstamped lines never start a
		// cue (see below), so the only mismatch is a late stamp.
		switch {
		case stamped < 0:
			stamped, firstLine = s, num
		case stamped != s:
			return errorf(num, "line has a time stamp, but the cue on line %d has none", firstLine)
		}
		open, start, cueLine = true, ts, num
		b.begin()
		return nil
	}
	for {
		line, ok, err := r.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		num := r.num
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			paragraphs = true
			continue
		}
		ts, rest, hasTS := leadingStamp(line)
		name, after, labelled := splitLabel(rest)
		otterName, otterTS, otter := otterHeader(line)
		switch {
		case hasTS:
			if err := newCue(num, true, ts); err != nil {
				return nil, err
			}
			if labelled {
				b.setSpeaker(name)
				rest = after
			}
			b.text(rest)
		case otter && paragraphs:
			if err := newCue(num, true, otterTS); err != nil {
				return nil, err
			}
			b.setSpeaker(otterName)
		case open && stamped == 1:
			// In a time-stamped transcript every cue has a stamp, so
			// this is more of the same message, even if it looks like
			// "Name: text" (a quote in a chat message, say).
			b.text(line)
		case labelled:
			if err := newCue(num, false, 0); err != nil {
				return nil, err
			}
			b.setSpeaker(name)
			b.text(after)
		case open:
			b.text(line)
		default:
			return nil, errorf(num, "expected a line like \"Name: text\", got %s", quote(line))
		}
		paragraphs = false
	}
	if open {
		if err := b.commit(start, -1, cueLine); err != nil {
			return nil, err
		}
	}
	timed := stamped == 1
	t := b.finish(FormatText, timed)
	if timed {
		fillMissingEnds(t.Cues)
	} else {
		for i := range t.Cues {
			t.Cues[i].End = 0
		}
	}
	return t, nil
}

// leadingStamp strips a time stamp from the start of line.
func leadingStamp(line []byte) (ts float64, rest []byte, ok bool) {
	if len(line) < 4 {
		return 0, line, false
	}
	if c := line[0]; c == '[' || c == '(' {
		closer := byte(']')
		if c == '(' {
			closer = ')'
		}
		end := bytes.IndexByte(line, closer)
		if end < 0 || !isTimestampStart(line[1:end]) {
			return 0, line, false
		}
		ts, ok := parseTimestamp(line[1:end])
		if !ok {
			return 0, line, false
		}
		return ts, trimLeftSpace(line[end+1:]), true
	}
	if !isTimestampStart(line) {
		return 0, line, false
	}
	end := bytes.IndexAny(line, " \t")
	if end < 0 {
		return 0, line, false
	}
	ts, ok = parseTimestamp(line[:end])
	if !ok {
		return 0, line, false
	}
	return ts, trimLeftSpace(line[end:]), true
}

// otterHeader parses "Name  0:05": a label, two or more spaces or a tab, and
// a time stamp ending the line.
func otterHeader(line []byte) (name []byte, ts float64, ok bool) {
	sp := bytes.LastIndexAny(line, " \t")
	if sp <= 0 {
		return nil, 0, false
	}
	ts, ok = parseTimestamp(line[sp+1:])
	if !ok {
		return nil, 0, false
	}
	gap := line[:sp+1]
	name = bytes.TrimRight(gap, " \t")
	if len(gap)-len(name) < 2 && line[sp] != '\t' {
		return nil, 0, false
	}
	if !isLabel(name) || len(name) > maxLabelBytes {
		return nil, 0, false
	}
	return name, ts, true
}

// fillMissingEnds gives every cue with a negative End the next cue's start,
// or for the last cue (or when the next cue starts earlier) the time its
// words take at 150 words per minute.
func fillMissingEnds(cues []Cue) {
	for i := range cues {
		c := &cues[i]
		if c.End >= 0 {
			continue
		}
		if i+1 < len(cues) && cues[i+1].Start >= c.Start {
			c.End = cues[i+1].Start
		} else {
			c.End = c.Start + speakingSeconds(c.Text)
		}
	}
}

// speakingSeconds estimates how long text takes to say at 150 words per
// minute.
func speakingSeconds(text string) float64 {
	words := 0
	inWord := false
	for i := 0; i < len(text); i++ {
		sp := isSpace(text[i])
		if !sp && !inWord {
			words++
		}
		inWord = !sp
	}
	return float64(words) * 60 / 150
}
