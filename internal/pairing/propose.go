package pairing

import (
	"fmt"
	"sort"

	"huddle/internal/pairing/matching"
)

// Result is the proposal of one round.
type Result struct {
	Mode Mode `json:"mode"`
	// Date is the round's date; MeetingDay the weekday overlaps were computed for.
	Date       string      `json:"date"`
	MeetingDay string      `json:"meeting_day"`
	Pairs      []Pair      `json:"pairs"`
	Groups     []Group     `json:"groups"`
	Unmatched  []Unmatched `json:"unmatched"`
	// TotalWeight is the sum of the chosen pairs' (or groups') weights.
	TotalWeight float64 `json:"total_weight"`
	// GreedyWeight is what heaviest-edge-first matching reaches on the same
	// candidate graph (pairs mode).
	GreedyWeight float64 `json:"greedy_weight,omitempty"`
	// RandomBaseline is the mean objective of random groupings with the same
	// group sizes; UpperBound caps any grouping's objective (groups mode).
	RandomBaseline float64 `json:"random_baseline,omitempty"`
	UpperBound     float64 `json:"upper_bound,omitempty"`
	// Candidates are every edge the optimiser considered.
	Candidates []Candidate `json:"candidates,omitempty"`
	Stats      Stats       `json:"stats"`
}

// Pair is one proposed pairing.
type Pair struct {
	A            string    `json:"a"`
	B            string    `json:"b"`
	Weight       float64   `json:"weight"`
	Breakdown    Breakdown `json:"breakdown"`
	OverlapHours float64   `json:"overlap_hours"`
	Slot         string    `json:"slot"`
	Reasons      []string  `json:"reasons"`
}

// Group is one proposed circle or clinic.
type Group struct {
	Members []string `json:"members"`
	// Weight is the summed benefit of every pair inside the group.
	Weight  float64  `json:"weight"`
	Slot    string   `json:"slot"`
	Hours   float64  `json:"slot_hours"`
	Reasons []string `json:"reasons"`
}

// Unmatched is someone left out of the round, with the reason.
type Unmatched struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// Candidate is an edge of the candidate graph.
type Candidate struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Weight float64 `json:"weight"`
}

// Stats describe the size of the round.
type Stats struct {
	People         int  `json:"people"`
	Available      int  `json:"available"`
	CandidateEdges int  `json:"candidate_edges"`
	K              int  `json:"k"`
	Exhaustive     bool `json:"exhaustive"`
}

// Propose validates in and builds the round: pairs (a maximum-weight
// matching of the candidate graph) or groups, plus everyone left out.
func Propose(in Input) (Result, error) {
	p, err := newProblem(in)
	if err != nil {
		return Result{}, err
	}
	if p.opts.Mode == ModeGroups {
		return p.proposeGroups(), nil
	}
	return p.proposePairs()
}

func (p *problem) newResult(c *candidates) Result {
	res := Result{
		Mode:       p.opts.Mode,
		Date:       dateString(p.date),
		MeetingDay: p.meet.String(),
		Pairs:      []Pair{},
		Groups:     []Group{},
		Unmatched:  []Unmatched{},
		Stats: Stats{
			People: len(p.members), Available: len(c.pool), CandidateEdges: len(c.edges),
			K: p.opts.K, Exhaustive: p.opts.Exhaustive,
		},
	}
	for _, e := range c.edges {
		res.Candidates = append(res.Candidates, Candidate{A: c.pool[e.U].ID, B: c.pool[e.V].ID, Weight: toFloat(e.W)})
	}
	return res
}

func (p *problem) proposePairs() (Result, error) {
	pool := p.pool()
	c := p.buildCandidates(pool, p.opts.K, 0, p.opts.Exhaustive)
	mate, err := p.matchAll(c)
	if err != nil {
		return Result{}, err
	}
	res := p.newResult(c)
	var total int64
	for i, j := range mate {
		if j <= i {
			continue
		}
		a, b := pool[i], pool[j]
		w := p.weight(a, b)
		total += w
		res.Pairs = append(res.Pairs, p.explainPair(a, b, w))
	}
	sort.SliceStable(res.Pairs, func(x, y int) bool { return res.Pairs[x].Weight > res.Pairs[y].Weight })
	res.TotalWeight = toFloat(total)
	res.GreedyWeight = toFloat(matching.Weight(matching.Greedy(len(pool), c.edges), c.edges))

	inPool := map[*member]int{}
	for i, m := range pool {
		inPool[m] = i
	}
	for _, m := range p.members {
		i, ok := inPool[m]
		switch {
		case !ok:
			res.Unmatched = append(res.Unmatched, Unmatched{m.ID, p.unavailableReason(m)})
		case mate[i] == -1:
			res.Unmatched = append(res.Unmatched, Unmatched{m.ID, p.unpairedReason(c, i)})
		}
	}
	return res, nil
}

// matchAll finds a maximum-weight matching of the candidate graph. If two
// unmatched people could have been paired but neither was among the other's
// best k, their edge joins the graph and the matching is solved again, so
// that everyone unmatched with eligible partners really is the odd one out.
func (p *problem) matchAll(c *candidates) ([]int, error) {
	for {
		mate, err := matching.MaxWeight(len(c.pool), c.edges)
		if err != nil {
			return nil, fmt.Errorf("pairing: matching: %w", err)
		}
		var lonely []int
		for i := range c.pool {
			if mate[i] == -1 && c.why[i].eligible > 0 {
				lonely = append(lonely, i)
			}
		}
		added := false
		for x, i := range lonely {
			for _, j := range lonely[x+1:] {
				if p.eligible(c.table, c.pool[i], c.pool[j]) {
					c.edges = append(c.edges, matching.Edge{U: i, V: j, W: p.weight(c.pool[i], c.pool[j])})
					added = true
				}
			}
		}
		if !added {
			return mate, nil
		}
	}
}

// unavailableReason explains why someone is not in the pool at all.
func (p *problem) unavailableReason(m *member) string {
	if m.OptOut {
		return "opted out"
	}
	return fmt.Sprintf("capacity reached: %d of %d pairings still active", m.active, m.Capacity)
}

// unpairedReason explains why pool member i got no partner or group.
func (p *problem) unpairedReason(c *candidates, i int) string {
	why := c.why[i]
	others := len(c.pool) - 1
	switch {
	case others == 0:
		return "no one else is available this round"
	case why.eligible > 0 && p.opts.Mode == ModeGroups:
		return fmt.Sprintf("odd one out: no group with a common %.1f h slot had room", p.opts.MinOverlapHours)
	case why.eligible > 0:
		return fmt.Sprintf("odd one out: all %d eligible partners were matched with others", why.eligible)
	case why.tzFail == others:
		return fmt.Sprintf("no one within the time-zone window: nobody shares %.1f h of working hours with them on %s", p.opts.MinOverlapHours, p.meet)
	case why.tzFail == 0:
		return fmt.Sprintf("everyone available was paired with them in the last %d days", p.opts.RepeatAfterDays)
	default:
		return fmt.Sprintf("no eligible partner: %d share less than %.1f h of working hours, %d were paired with them in the last %d days",
			why.tzFail, p.opts.MinOverlapHours, why.repeatFail, p.opts.RepeatAfterDays)
	}
}

// toFloat converts an integer weight back to benefit units.
func toFloat(w int64) float64 { return float64(w) / weightScale }

func dateString(c civil) string {
	return fmt.Sprintf("%04d-%02d-%02d", c.y, int(c.m), c.d)
}
