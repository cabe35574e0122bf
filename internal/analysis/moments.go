package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// moments flags the teachable moments: objections and how they were
// handled, monologues right after a customer question, a missing next step
// at the end, strong open discovery questions and long customer stories.
// Only objections and a missing next step are flagged in untimed
// transcripts.
func (c *call) moments() {
	r := c.report
	r.Moments = []Moment{}
	for _, o := range r.Objections.Items {
		tn := c.turns[o.Turn-1]
		m := Moment{Kind: MomentObjection, AtSeconds: o.AtSeconds, Speaker: o.Speaker, Turn: o.Turn}
		cat := strings.ReplaceAll(o.Category, "_", " ")
		switch {
		case !o.Answered:
			m.Reason = fmt.Sprintf("%s raised a %s objection (%q); the rep did not answer it.", o.Speaker, cat, o.Phrase)
		case o.AnswerAfterSeconds != nil:
			m.Reason = fmt.Sprintf("%s raised a %s objection (%q); the rep answered after %s and spoke for %s.",
				o.Speaker, cat, o.Phrase, duration(*o.AnswerAfterSeconds), duration(*o.AnswerSeconds))
		default:
			m.Reason = fmt.Sprintf("%s raised a %s objection (%q); see how the rep answered.", o.Speaker, cat, o.Phrase)
		}
		if c.t.Timed {
			end := tn.end
			if k := c.nextRepTurn(o.Turn - 1); k >= 0 {
				end = c.turns[k].end
			}
			m.EndSeconds = c.num(end)
		}
		r.Moments = append(r.Moments, m)
	}
	c.noNextStep()
	if c.t.Timed {
		c.timedMoments()
	}
	slices.SortStableFunc(r.Moments, func(x, y Moment) int {
		if x.AtSeconds != nil && y.AtSeconds != nil {
			if d := cmp.Compare(*x.AtSeconds, *y.AtSeconds); d != 0 {
				return d
			}
		}
		return cmp.Compare(x.Turn, y.Turn)
	})
}

// noNextStep flags a call with no next-step mention in its closing window
// (anywhere, when untimed).
func (c *call) noNextStep() {
	r := c.report
	window := c.a.cfg.NextStepWindow
	if !c.t.Timed {
		if len(r.NextSteps.Mentions) == 0 {
			r.Moments = append(r.Moments, Moment{Kind: MomentNoNextStep, Turn: len(c.turns), Speaker: c.spk[c.rep].name,
				Reason: "No concrete next step (a date, a meeting, something to send over) was set in the conversation."})
		}
		return
	}
	from := max(c.minT, c.maxT-window)
	for _, m := range r.NextSteps.Mentions {
		if *m.AtSeconds >= round3(from) {
			return
		}
	}
	turn := len(c.turns)
	for turn > 1 && c.turns[turn-1].start > from {
		turn--
	}
	where := "the call"
	if from > c.minT {
		where = "the last " + duration(c.maxT-from) + " of the call"
	}
	r.Moments = append(r.Moments, Moment{Kind: MomentNoNextStep, AtSeconds: c.num(from), EndSeconds: c.num(c.maxT),
		Speaker: c.spk[c.rep].name, Turn: turn,
		Reason: "No concrete next step (a date, a meeting, something to send over) was set in " + where + "."})
}

// timedMoments flags monologues after a question, discovery questions and
// long customer stories.
func (c *call) timedMoments() {
	r := c.report
	cfg := &c.a.cfg
	covered := make([]bool, len(c.turns))
	for k, tn := range c.turns {
		d := tn.end - tn.start
		if tn.speaker != c.rep {
			continue
		}
		if k > 0 && d > cfg.MonologueAfterQuestion && c.turns[k-1].questions > 0 {
			prev := c.spk[c.turns[k-1].speaker].name
			r.Moments = append(r.Moments, Moment{Kind: MomentMonologueAfterQuestion, AtSeconds: c.num(tn.start), EndSeconds: c.num(tn.end),
				Speaker: c.spk[c.rep].name, Turn: k + 1,
				Reason: fmt.Sprintf("%s asked a question, then the rep talked for %s without a break. Did the answer stay on the question?", prev, duration(d))})
		}
		if tn.openCue >= 0 && k+1 < len(c.turns) {
			next := c.turns[k+1]
			if nd := next.end - next.start; nd >= cfg.DiscoveryAnswer {
				st := c.info[tn.openCue].stats
				q := c.cues[tn.openCue].Text[st.openFrom:st.openTo]
				who := c.spk[next.speaker].name
				r.Moments = append(r.Moments, Moment{Kind: MomentDiscoveryQuestion, AtSeconds: c.num(c.cues[tn.openCue].Start), EndSeconds: c.num(next.end),
					Speaker: c.spk[c.rep].name, Turn: k + 1,
					Reason: fmt.Sprintf("Open question %q got %s talking for %s.", excerpt(q), who, duration(nd))})
				covered[k+1] = true
			}
		}
	}
	for k, tn := range c.turns {
		d := tn.end - tn.start
		if tn.speaker == c.rep || covered[k] || d < cfg.LongStory {
			continue
		}
		who := c.spk[tn.speaker].name
		r.Moments = append(r.Moments, Moment{Kind: MomentLongCustomerStory, AtSeconds: c.num(tn.start), EndSeconds: c.num(tn.end),
			Speaker: who, Turn: k + 1,
			Reason: fmt.Sprintf("%s talked for %s without interruption: listen for pains, priorities and how the rep followed up.", who, duration(d))})
	}
}

// duration formats seconds as "45 s" or "3 min 10 s".
func duration(s float64) string {
	s = math.Round(s)
	if s < 60 {
		return fmt.Sprintf("%.0f s", s)
	}
	m := math.Floor(s / 60)
	if rest := s - m*60; rest > 0 {
		return fmt.Sprintf("%.0f min %.0f s", m, rest)
	}
	return fmt.Sprintf("%.0f min", m)
}

// excerpt shortens a quotation to about 120 bytes.
func excerpt(s string) string {
	const max = 120
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return s[:cut] + "…"
}
