package service

import (
	"context"
	"time"

	"huddle/internal/domain"
)

// helpfulnessMonths is how many months the helpfulness history covers,
// the current one included.
const helpfulnessMonths = 12

// HelpfulnessMonth is one calendar month (in the reviewer's time zone) of
// the helpfulness ratings a reviewer received, by when they were given.
type HelpfulnessMonth struct {
	Month   time.Time // the first day of the month, at midnight in the reviewer's zone
	Average float64   // 0 when Count is 0
	Count   int
}

// HelpfulnessHistory is how helpful a reviewer's reviews were rated:
// overall, and month by month over the last twelve months, oldest first.
type HelpfulnessHistory struct {
	Overall domain.Helpfulness
	Months  []HelpfulnessMonth
}

// MyHelpfulness returns the actor's own helpfulness as a reviewer. Nobody
// sees anyone else's: the figures are about the actor's reviews only, and
// say nothing new to the people who rated them.
func (s *Service) MyHelpfulness(ctx context.Context, a Actor) (HelpfulnessHistory, error) {
	var h HelpfulnessHistory
	if a.Person.ID == 0 {
		return h, nil
	}
	var err error
	if h.Overall, err = s.store.ReviewerHelpfulness(ctx, a.Org.ID, a.Person.ID); err != nil {
		return h, err
	}
	loc, err := time.LoadLocation(a.Person.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	now := s.now().In(loc)
	first := time.Date(now.Year(), now.Month()-helpfulnessMonths+1, 1, 0, 0, 0, 0, loc)
	ratings, err := s.store.ReviewerRatings(ctx, a.Org.ID, a.Person.ID, first)
	if err != nil {
		return h, err
	}
	h.Months = make([]HelpfulnessMonth, helpfulnessMonths)
	for i := range h.Months {
		h.Months[i].Month = time.Date(first.Year(), first.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
	}
	sums := make([]int, helpfulnessMonths)
	for _, r := range ratings {
		at := r.RatedAt.In(loc)
		i := (at.Year()-first.Year())*12 + int(at.Month()) - int(first.Month())
		if i < 0 || i >= helpfulnessMonths {
			continue // rated after now (a clock set back): not history
		}
		h.Months[i].Count++
		sums[i] += r.Score
	}
	for i := range h.Months {
		if n := h.Months[i].Count; n > 0 {
			h.Months[i].Average = float64(sums[i]) / float64(n)
		}
	}
	return h, nil
}
