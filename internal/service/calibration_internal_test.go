package service

import (
	"testing"

	"huddle/internal/domain"
)

// TestWeightedTotals: 1 is 0 and 5 is 100; the rubric's weights count;
// skipped criteria neither help nor hurt; an unweighted rubric weighs
// criteria equally.
func TestWeightedTotals(t *testing.T) {
	weighted := domain.Rubric{Criteria: []domain.RubricCriterion{{ID: 1, Name: "Pain", Weight: 60}, {ID: 2, Name: "Trust", Weight: 40}}}
	review := func(scores ...int) domain.Review {
		var rv domain.Review
		for i, s := range scores {
			if s > 0 {
				rv.Scores = append(rv.Scores, domain.ReviewScore{CriterionID: int64(i + 1), Score: s})
			}
		}
		return rv
	}
	for _, c := range []struct {
		rubric domain.Rubric
		scores []int
		want   float64
		ok     bool
	}{
		{weighted, []int{5, 1}, 60, true},
		{weighted, []int{1, 5}, 40, true},
		{weighted, []int{3, 3}, 50, true},
		{weighted, []int{0, 5}, 100, true}, // pain skipped
		{weighted, []int{0, 0}, 0, false},
		{domain.Rubric{Criteria: []domain.RubricCriterion{{ID: 1}, {ID: 2}}}, []int{5, 2}, 62.5, true},
	} {
		got, ok := weightedTotal(c.rubric, review(c.scores...))
		if got != c.want || ok != c.ok {
			t.Errorf("scores %v: %v, %v; want %v, %v", c.scores, got, ok, c.want, c.ok)
		}
	}
	cal := calibrate(weighted, []domain.Review{review(5, 1), review(1, 5), review(4, 0)})
	if cal == nil || cal.TotalSpread != 75-40 || len(cal.Totals) != 3 || cal.Totals[0] != 40 || cal.Criteria[1].N() != 2 {
		t.Errorf("calibration %+v", cal)
	}
	if calibrate(weighted, []domain.Review{review(5, 5)}) != nil {
		t.Error("one review makes a calibration")
	}
}
