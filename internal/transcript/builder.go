package transcript

import (
	"bytes"
	"unsafe"
)

// builder collects cues. All cue text is written into one buffer that
// becomes a single string at the end, so a transcript costs a few
// allocations rather than one per cue.
type builder struct {
	cues     []Cue
	spans    []textSpan
	buf      []byte
	speakers map[string]string // cleaned name -> interned name
	raw      map[string]string // raw label -> interned name
	speaker  string            // speaker of the last cue, continued by unlabelled cues
	lastRaw  []byte            // raw label that gave speaker
	scratch  []byte
	start    int // offset in buf where the open cue's text begins
}

type textSpan struct{ from, to int }

// newBuilder makes a builder for an input of size bytes; cue text is never
// longer than its input, so the text buffer does not grow.
func newBuilder(size int) *builder {
	return &builder{
		buf:      make([]byte, 0, size),
		cues:     make([]Cue, 0, size/128+1),
		spans:    make([]textSpan, 0, size/128+1),
		speakers: make(map[string]string),
		raw:      make(map[string]string),
	}
}

// begin opens a new cue.
func (b *builder) begin() { b.start = len(b.buf) }

// text appends cleaned src to the open cue.
func (b *builder) text(src []byte) { b.buf = appendClean(b.buf, b.start, src) }

// setSpeaker sets the speaker for this and later cues from a raw label.
func (b *builder) setSpeaker(raw []byte) {
	if b.lastRaw != nil && bytes.Equal(raw, b.lastRaw) {
		return // consecutive cues by one speaker are the common case
	}
	b.lastRaw = append(b.lastRaw[:0], raw...)
	if s, ok := b.raw[string(raw)]; ok {
		b.speaker = s
		return
	}
	// A new raw label: clean it, and intern the name so that labels that
	// differ only in markup share one string.
	b.scratch = appendClean(b.scratch[:0], 0, raw)
	s, ok := b.speakers[string(b.scratch)]
	if !ok {
		s = string(b.scratch)
		b.speakers[s] = s
	}
	b.raw[string(raw)] = s
	b.speaker = s
}

// commit closes the open cue. A cue whose cleaned text is empty is dropped.
func (b *builder) commit(start, end float64, line int) error {
	if len(b.buf) == b.start {
		return nil
	}
	if len(b.cues) >= MaxCues {
		return errorf(line, "more than %d cues", MaxCues)
	}
	b.cues = append(b.cues, Cue{Speaker: b.speaker, Start: start, End: end, Line: line})
	b.spans = append(b.spans, textSpan{b.start, len(b.buf)})
	b.start = len(b.buf)
	return nil
}

func (b *builder) finish(format string, timed bool) *Transcript {
	// The buffer is never written again, so the string can share its
	// memory instead of copying it.
	all := unsafe.String(unsafe.SliceData(b.buf), len(b.buf))
	for i, sp := range b.spans {
		b.cues[i].Text = all[sp.from:sp.to]
	}
	return &Transcript{Format: format, Timed: timed, Cues: b.cues}
}
