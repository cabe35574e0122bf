package service

import (
	"context"
	"math"
	"slices"

	"huddle/internal/analysis"
	"huddle/internal/domain"
)

// Suggestion limits: how many calls are scanned and moments offered.
const (
	suggestCalls      = 200
	maxSuggestions    = 8
	highlyRated       = 4.0 // an average peer score that counts as great
	defaultMomentSpan = 60.0
	nextStepLead      = 30.0
)

// ExampleSuggestion is a candidate moment for an example of great.
type ExampleSuggestion struct {
	CallID     int64
	CallTitle  string
	OwnerName  string
	Start, End float64
	Reason     string
	RatedHigh  bool // peer reviewers rated the call highly on the criterion
}

// momentKinds are the teachable moments that may show a motion done well.
var momentKinds = map[domain.Motion][]string{
	domain.MotionDiscovery:     {analysis.MomentDiscoveryQuestion, analysis.MomentLongCustomerStory},
	domain.MotionQualification: {analysis.MomentDiscoveryQuestion, analysis.MomentLongCustomerStory},
	domain.MotionDemo:          {analysis.MomentDiscoveryQuestion},
	domain.MotionOutbound:      {analysis.MomentDiscoveryQuestion},
	domain.MotionObjections:    {analysis.MomentObjection},
	domain.MotionNegotiation:   {analysis.MomentObjection},
}

// ExampleSuggestions offers coaches and administrators candidate moments
// for a criterion, from calls they may see: first calls peer reviewers
// rated highly on it, then moments the analysis flagged that match the
// rubric's motion (answered objections, open questions that got the buyer
// talking, an agreed next step). Stretches already proposed for the
// criterion are left out.
func (s *Service) ExampleSuggestions(ctx context.Context, a Actor, rubricID int64, key string) ([]ExampleSuggestion, error) {
	if err := requireSuggester(a); err != nil {
		return nil, err
	}
	rb, err := s.Rubric(ctx, a, rubricID)
	if err != nil {
		return nil, err
	}
	if _, ok := criterionByKey(rb, key); !ok {
		return nil, domain.Invalid("criterion", "%s has no criterion %q in its latest version", rb.Name, key)
	}
	calls, _, err := s.Calls(ctx, a, domain.CallFilter{Page: domain.Page{Limit: suggestCalls}})
	if err != nil {
		return nil, err
	}
	rated, err := s.ratedCalls(ctx, a, rubricID, key)
	if err != nil {
		return nil, err
	}
	taken, err := s.takenRanges(ctx, a, rubricID, key)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(calls, func(x, y domain.Call) int { return btoi(rated[y.ID]) - btoi(rated[x.ID]) })
	out := []ExampleSuggestion{}
	names := map[int64]string{}
	for _, listed := range calls {
		if len(out) == maxSuggestions {
			break
		}
		c, err := s.store.Call(ctx, a.Org.ID, listed.ID) // the list leaves the analysis out
		if err != nil {
			return nil, err
		}
		for _, m := range candidateMoments(c, rb.Motion, rated[c.ID]) {
			if len(out) == maxSuggestions {
				return out, nil
			}
			if taken[rangeKey{c.ID, m.Start, m.End}] {
				continue
			}
			if _, ok := names[c.OwnerID]; !ok {
				names[c.OwnerID] = ownerName(ctx, s, a, c.OwnerID)
			}
			m.CallID, m.CallTitle, m.OwnerName, m.RatedHigh = c.ID, c.Title, names[c.OwnerID], rated[c.ID]
			out = append(out, m)
		}
	}
	return out, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func ownerName(ctx context.Context, s *Service, a Actor, id int64) string {
	if p, err := s.store.Person(ctx, a.Org.ID, id); err == nil {
		return p.Name
	}
	return ""
}

// ratedCalls are the calls whose peer reviews scored the criterion highly,
// counting only reviews their recipient may read: a lone early review of
// an anonymous request stays out until it is released (feedback_access.go),
// as in skill profiles.
func (s *Service) ratedCalls(ctx context.Context, a Actor, rubricID int64, key string) (map[int64]bool, error) {
	rated, err := s.store.CriterionScores(ctx, a.Org.ID, rubricID, key, highlyRated, s.anonymousRelease())
	out := map[int64]bool{}
	for _, cs := range rated {
		out[cs.CallID] = true
	}
	return out, err
}

type rangeKey struct {
	call       int64
	start, end float64
}

// takenRanges are the stretches the actor can see proposed or shown for
// the criterion; someone else's hidden proposal does not count, or its
// absence from the suggestions would give it away.
func (s *Service) takenRanges(ctx context.Context, a Actor, rubricID int64, key string) (map[rangeKey]bool, error) {
	list, err := s.store.CriterionExamples(ctx, a.Org.ID, domain.ExampleFilter{RubricID: rubricID})
	out := map[rangeKey]bool{}
	for _, e := range list {
		if e.CriterionKey == key && roleIn(a, e) != exampleNone {
			out[rangeKey{e.CallID, e.Start, e.End}] = true
		}
	}
	return out, err
}

// candidateMoments picks a call's moments that may show the motion done
// well; a call rated highly falls back on its first timed moment.
func candidateMoments(c domain.Call, motion domain.Motion, rated bool) []ExampleSuggestion {
	r, err := DecodeReport(c)
	if err != nil || r == nil || !r.Timed || c.Status != domain.CallReady {
		return nil
	}
	var out []ExampleSuggestion
	add := func(at, end *float64, reason string) {
		if at == nil {
			return
		}
		stop := *at + defaultMomentSpan
		if end != nil && *end > *at {
			stop = *end
		}
		if r.DurationSeconds != nil {
			stop = math.Min(stop, *r.DurationSeconds)
		}
		stop = math.Min(stop, *at+domain.MaxExampleSeconds)
		if stop > *at {
			out = append(out, ExampleSuggestion{Start: *at, End: stop, Reason: reason})
		}
	}
	for _, m := range r.Moments {
		if slices.Contains(momentKinds[motion], m.Kind) && answered(r, m) {
			add(m.AtSeconds, m.EndSeconds, m.Reason)
		}
	}
	if motion == domain.MotionNextSteps && r.NextSteps.Agreed && r.NextSteps.AgreedAtSeconds != nil {
		at := math.Max(0, *r.NextSteps.AgreedAtSeconds-nextStepLead)
		add(&at, nil, "A next step was agreed here.")
	}
	if len(out) == 0 && rated {
		for _, m := range r.Moments {
			if m.AtSeconds != nil {
				add(m.AtSeconds, m.EndSeconds, m.Reason)
				break
			}
		}
	}
	for i := range out {
		if rated {
			out[i].Reason = "Rated highly by peer reviewers on this criterion. " + out[i].Reason
		}
	}
	return out
}

// answered is false for an objection moment the rep left unanswered: not
// an example of great.
func answered(r *analysis.Report, m analysis.Moment) bool {
	if m.Kind != analysis.MomentObjection {
		return true
	}
	for _, o := range r.Objections.Items {
		if o.Turn == m.Turn {
			return o.Answered
		}
	}
	return false
}
