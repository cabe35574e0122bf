package analysis

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"huddle/internal/transcript"
)

// UnknownSpeaker names the speaker of cues whose file never named one.
const UnknownSpeaker = "Unknown"

// speakerAcc accumulates one speaker's totals.
type speakerAcc struct {
	name  string
	talk  float64
	words int
	turns int
}

// cueInfo is what the analysis knows about one cue.
type cueInfo struct {
	speaker int32
	turn    int32
	stats   cueStats
}

// turnInfo is a maximal run of consecutive cues by one speaker.
type turnInfo struct {
	speaker     int32
	first, last int32 // cue indexes
	start, end  float64
	questions   int
	openCue     int32 // cue holding the turn's last open question, or -1
}

// call is the state of one Analyze call.
type call struct {
	a      *Analyzer
	t      *transcript.Transcript
	cues   []transcript.Cue
	info   []cueInfo
	turns  []turnInfo
	spk    []speakerAcc
	rep    int32
	hits   []hit
	minT   float64
	maxT   float64
	report *Report
	slab   []float64 // backing store for the report's *float64 values
	// nextRep[k] is the first rep turn after turn k, or -1; see nextRepTurn.
	nextRep []int32
}

// Analyze computes the report for t. rep selects the rep: a speaker whose
// name equals it ignoring case, else the only speaker whose name starts with
// it; empty rep picks the speaker with the most talk time (most words when
// t is untimed), the first to speak on a tie.
//
// Cues are first sorted by start time (stably). A cue without a speaker is
// attributed to UnknownSpeaker. A timed transcript with a cue that ends
// before it starts, or has a negative or non-finite time, is an error.
func (a *Analyzer) Analyze(t *transcript.Transcript, rep string) (*Report, error) {
	if t == nil || len(t.Cues) == 0 {
		return nil, errors.New("transcript has no cues")
	}
	if t.Timed {
		for i, cue := range t.Cues {
			if !finite(cue.Start) || !finite(cue.End) || cue.Start < 0 || cue.End < cue.Start {
				return nil, fmt.Errorf("cue %d (line %d): bad times %v to %v", i+1, cue.Line, cue.Start, cue.End)
			}
		}
	}
	c := &call{a: a, t: t, cues: t.Cues}
	if !slices.IsSortedFunc(c.cues, byStart) {
		c.cues = slices.Clone(c.cues)
		slices.SortStableFunc(c.cues, byStart)
	}
	c.scan()
	if err := c.pickRep(rep); err != nil {
		return nil, err
	}
	c.report = &Report{Format: t.Format, Timed: t.Timed, Rep: c.spk[c.rep].name, Turns: len(c.turns)}
	c.metrics()
	c.phrases()
	c.moments()
	return c.report, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func byStart(x, y transcript.Cue) int { return cmp.Compare(x.Start, y.Start) }

// scan counts words, questions and phrase matches per cue, and builds the
// speakers and turns.
func (c *call) scan() {
	ids := make(map[string]int32, 8)
	lastName, lastSpk := "", int32(-1)
	c.info = make([]cueInfo, len(c.cues))
	c.turns = make([]turnInfo, 0, len(c.cues)/2+1)
	c.hits = make([]hit, 0, 64)
	c.minT, c.maxT = math.Inf(1), math.Inf(-1)
	for i := range c.cues {
		cue := &c.cues[i]
		name := cue.Speaker
		if name == "" {
			name = UnknownSpeaker
		}
		// Consecutive cues by one speaker, the common case, skip the map.
		s := lastSpk
		if name != lastName {
			var ok bool
			if s, ok = ids[name]; !ok {
				s = int32(len(c.spk))
				ids[name] = s
				c.spk = append(c.spk, speakerAcc{name: name})
			}
			lastName, lastSpk = name, s
		}
		in := &c.info[i]
		in.speaker = s
		in.stats, c.hits = c.a.scan(cue.Text, int32(i), c.hits)
		acc := &c.spk[s]
		acc.words += in.stats.words
		if c.t.Timed {
			acc.talk += cue.End - cue.Start
			c.minT = min(c.minT, cue.Start)
			c.maxT = max(c.maxT, cue.End)
		}
		if i == 0 || s != c.info[i-1].speaker {
			c.turns = append(c.turns, turnInfo{speaker: s, first: int32(i), start: cue.Start, end: cue.End, openCue: -1})
			acc.turns++
		}
		tn := &c.turns[len(c.turns)-1]
		tn.last = int32(i)
		tn.end = max(tn.end, cue.End)
		tn.questions += in.stats.questions
		if in.stats.open > 0 {
			tn.openCue = int32(i)
		}
		in.turn = int32(len(c.turns) - 1)
	}
}

// pickRep resolves the rep's name.
func (c *call) pickRep(name string) error {
	if name == "" {
		best := 0
		for i, s := range c.spk {
			if c.t.Timed && s.talk > c.spk[best].talk || !c.t.Timed && s.words > c.spk[best].words {
				best = i
			}
		}
		c.rep = int32(best)
		return nil
	}
	var exact, prefix []int32
	lower := strings.ToLower(name)
	for i, s := range c.spk {
		switch {
		case strings.EqualFold(s.name, name):
			exact = append(exact, int32(i))
		case strings.HasPrefix(strings.ToLower(s.name), lower):
			prefix = append(prefix, int32(i))
		}
	}
	switch {
	case len(exact) == 1:
		c.rep = exact[0]
		return nil
	case len(exact) == 0 && len(prefix) == 1:
		c.rep = prefix[0]
		return nil
	case len(exact)+len(prefix) > 1:
		return fmt.Errorf("rep %q matches several speakers: %s", name, c.speakerList(append(exact, prefix...)))
	}
	return fmt.Errorf("no speaker matches rep %q; speakers: %s", name, c.speakerList(nil))
}

// speakerList quotes the named speakers, or all speakers when which is nil.
func (c *call) speakerList(which []int32) string {
	var names []string
	for i, s := range c.spk {
		if which == nil || slices.Contains(which, int32(i)) {
			names = append(names, fmt.Sprintf("%q", s.name))
		}
	}
	return strings.Join(names, ", ")
}

// metrics fills the talk-time, turn and question metrics.
func (c *call) metrics() {
	r := c.report
	timed := c.t.Timed
	var totalTalk float64
	var totalWords int
	for _, s := range c.spk {
		totalTalk += s.talk
		totalWords += s.words
	}
	rep := c.spk[c.rep]
	order := make([]int, len(c.spk))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		if timed {
			return cmp.Compare(c.spk[y].talk, c.spk[x].talk)
		}
		return cmp.Compare(c.spk[y].words, c.spk[x].words)
	})
	r.Speakers = make([]Speaker, len(order))
	for i, j := range order {
		s := c.spk[j]
		r.Speakers[i] = Speaker{Name: s.name, Words: s.words, Turns: s.turns}
		if timed {
			r.Speakers[i].TalkSeconds = c.num(s.talk)
		}
	}
	for i := range c.cues {
		if c.info[i].speaker == c.rep {
			r.Questions += c.info[i].stats.questions
			r.OpenQuestions += c.info[i].stats.open
		}
	}
	if !timed {
		if totalWords > 0 {
			r.TalkRatio = c.num(float64(rep.words) / float64(totalWords))
		}
		return
	}
	duration := c.maxT - c.minT
	r.DurationSeconds = c.num(duration)
	if totalTalk > 0 {
		r.TalkRatio = c.num(rep.talk / totalTalk)
	}
	if duration > 0 {
		r.Interactivity = c.num(float64(len(c.turns)-1) / (duration / 60))
	}
	if rep.talk > 0 {
		r.WordsPerMinute = c.num(float64(rep.words) / (rep.talk / 60))
	}
	var patience float64
	var follows int
	for k, tn := range c.turns {
		d := tn.end - tn.start
		if tn.speaker == c.rep {
			r.LongestMonologueSeconds = c.maxNum(r.LongestMonologueSeconds, d)
			if k > 0 {
				patience += max(0, tn.start-c.turns[k-1].end)
				follows++
			}
		} else {
			r.LongestCustomerStorySeconds = c.maxNum(r.LongestCustomerStorySeconds, d)
		}
	}
	if follows > 0 {
		r.PatienceSeconds = c.num(patience / float64(follows))
	}
}

// num rounds v to 3 decimal places and returns a pointer to it. The values
// share arrays of 64, so a report costs a few allocations, not one per
// number; a full array is left to the pointers into it.
func (c *call) num(v float64) *float64 {
	if len(c.slab) == cap(c.slab) {
		c.slab = make([]float64, 0, 64)
	}
	c.slab = append(c.slab, round3(v))
	return &c.slab[len(c.slab)-1]
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func (c *call) maxNum(p *float64, v float64) *float64 {
	if p == nil || round3(v) > *p {
		return c.num(v)
	}
	return p
}

// at returns the start of a cue as a report time, nil when untimed.
func (c *call) at(cue int32) *float64 {
	if !c.t.Timed {
		return nil
	}
	return c.num(c.cues[cue].Start)
}

func (c *call) isRep(cue int32) bool { return c.info[cue].speaker == c.rep }

func (c *call) speakerOf(cue int32) string { return c.spk[c.info[cue].speaker].name }
