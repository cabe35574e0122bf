package analysis

// phrases turns phrase matches into filler counts, next steps, objections,
// competitor mentions and tracker counts.
func (c *call) phrases() {
	r := c.report
	cfg := &c.a.cfg
	affirmed := make([]bool, len(c.turns)) // customer-side turn with an affirmation
	for _, h := range c.hits {
		for _, e := range c.a.entries[h.pattern] {
			if e.kind == kindAffirmation && !c.isRep(h.cue) {
				affirmed[c.info[h.cue].turn] = true
			}
		}
	}
	r.Competitors = []Mentions{}
	competitors := make([]int, len(cfg.Competitors)) // index+1 in r.Competitors
	r.Trackers = make([]Mentions, len(cfg.Trackers))
	for i, t := range cfg.Trackers {
		r.Trackers[i].Name = t.Name
	}
	r.Objections = Objections{ByCategory: map[string]int{}, Items: []Objection{}}
	lastObjection := make([]int32, len(cfg.Objections)) // turn+1 of the category's last objection
	r.NextSteps.Mentions = []Mention{}
	lastNextStep := int32(-1)
	var fillers int
	for _, h := range c.hits {
		turn := c.info[h.cue].turn
		rep := c.isRep(h.cue)
		for _, e := range c.a.entries[h.pattern] {
			switch e.kind {
			case kindFiller:
				if rep {
					fillers++
				}
			case kindObjection:
				if rep || lastObjection[e.idx] == turn+1 {
					continue
				}
				lastObjection[e.idx] = turn + 1
				c.objection(cfg.Objections[e.idx].Name, c.a.phrases[h.pattern], h.cue)
			case kindCompetitor:
				if competitors[e.idx] == 0 {
					r.Competitors = append(r.Competitors, Mentions{Name: cfg.Competitors[e.idx]})
					competitors[e.idx] = len(r.Competitors)
				}
				c.count(&r.Competitors[competitors[e.idx]-1], h.cue, rep)
			case kindTracker:
				c.count(&r.Trackers[e.idx], h.cue, rep)
			case kindNextStep:
				if lastNextStep == turn {
					continue
				}
				lastNextStep = turn
				agreed := !rep
				for k := turn; rep && k <= turn+2 && int(k) < len(c.turns); k++ {
					agreed = agreed || affirmed[k]
				}
				m := Mention{Phrase: c.a.phrases[h.pattern], AtSeconds: c.at(h.cue), Speaker: c.speakerOf(h.cue), Turn: int(turn) + 1, Agreed: agreed}
				r.NextSteps.Mentions = append(r.NextSteps.Mentions, m)
				if agreed {
					r.NextSteps.Agreed = true
					r.NextSteps.AgreedAtSeconds = m.AtSeconds
				}
			}
		}
	}
	r.FillerWords = fillers
	rep := c.spk[c.rep]
	if c.t.Timed && rep.talk > 0 {
		r.FillerWordsPerMinute = c.num(float64(fillers) / (rep.talk / 60))
	}
}

// count adds one match of a competitor or tracker.
func (c *call) count(m *Mentions, cue int32, rep bool) {
	m.Count++
	if rep {
		m.RepCount++
	} else {
		m.CustomerCount++
	}
	if m.Count == 1 {
		m.FirstAtSeconds = c.at(cue)
	}
}

// objection records an objection raised in cue and how the rep answered.
func (c *call) objection(category, phrase string, cue int32) {
	r := c.report
	turn := c.info[cue].turn
	o := Objection{Category: category, Phrase: phrase, AtSeconds: c.at(cue), Speaker: c.speakerOf(cue), Turn: int(turn) + 1}
	if k := c.nextRepTurn(int(turn)); k >= 0 {
		o.Answered = true
		if c.t.Timed {
			o.AnswerAfterSeconds = c.num(max(0, c.turns[k].start-c.turns[turn].end))
			o.AnswerSeconds = c.num(c.turns[k].end - c.turns[k].start)
		}
	}
	r.Objections.Total++
	r.Objections.ByCategory[category]++
	r.Objections.Items = append(r.Objections.Items, o)
}

// nextRepTurn returns the index of the first rep turn after turn, or -1.
// The answers are computed once, backwards, so that many objections in a
// long call cost linear time.
func (c *call) nextRepTurn(turn int) int {
	if c.nextRep == nil {
		c.nextRep = make([]int32, len(c.turns))
		next := int32(-1)
		for k := len(c.turns) - 1; k >= 0; k-- {
			c.nextRep[k] = next
			if c.turns[k].speaker == c.rep {
				next = int32(k)
			}
		}
	}
	return int(c.nextRep[turn])
}
