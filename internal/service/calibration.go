package service

import (
	"slices"

	"huddle/internal/domain"
)

// Calibration thresholds.
const (
	// minCalibrationReviews is how many released reviews a spread needs.
	minCalibrationReviews = 2
	// disagreeBy is the gap between the lowest and highest score on a
	// criterion that flags it for the circle to discuss.
	disagreeBy = 2
)

// Calibration shows how far reviewers of the same work disagree, so that
// a circle can talk about it: reviewers are known to differ by 10–20
// points on the same call, and making the spread visible is the cure. It
// names nobody and lists scores by value, never by reviewer or time.
type Calibration struct {
	Reviews  int // the released reviews it covers
	Criteria []CriterionSpread
	// Totals are the reviews' weighted totals on a 0–100 scale, lowest
	// first; TotalSpread is the highest minus the lowest, in points.
	Totals      []float64
	TotalSpread float64
}

// CriterionSpread is the scores one criterion received.
type CriterionSpread struct {
	CriterionID int64
	Name        string
	Scores      []int // lowest first
	Min, Max    int
	Mean        float64
	Spread      int  // Max − Min
	Disagree    bool // Spread ≥ disagreeBy
}

// N is how many reviewers scored the criterion.
func (c CriterionSpread) N() int { return len(c.Scores) }

// calibrate computes the calibration of the given reviews against the
// rubric version they scored; nil when fewer than two are given.
// Criteria nobody scored are left out; skipped scores do not count.
func calibrate(rubric domain.Rubric, reviews []domain.Review) *Calibration {
	if len(reviews) < minCalibrationReviews {
		return nil
	}
	cal := &Calibration{Reviews: len(reviews)}
	for _, c := range rubric.Criteria {
		cs := CriterionSpread{CriterionID: c.ID, Name: c.Name}
		sum := 0
		for _, rv := range reviews {
			if sc := scoreOn(rv, c.ID); sc > 0 {
				cs.Scores = append(cs.Scores, sc)
				sum += sc
			}
		}
		if len(cs.Scores) == 0 {
			continue
		}
		slices.Sort(cs.Scores)
		cs.Min, cs.Max = cs.Scores[0], cs.Scores[len(cs.Scores)-1]
		cs.Spread, cs.Mean = cs.Max-cs.Min, float64(sum)/float64(len(cs.Scores))
		cs.Disagree = cs.Spread >= disagreeBy
		cal.Criteria = append(cal.Criteria, cs)
	}
	for _, rv := range reviews {
		if total, ok := weightedTotal(rubric, rv); ok {
			cal.Totals = append(cal.Totals, total)
		}
	}
	slices.Sort(cal.Totals)
	if n := len(cal.Totals); n > 1 {
		cal.TotalSpread = cal.Totals[n-1] - cal.Totals[0]
	}
	return cal
}

// scoreOn is a review's score on a criterion, 0 when skipped.
func scoreOn(rv domain.Review, criterionID int64) int {
	for _, s := range rv.Scores {
		if s.CriterionID == criterionID {
			return s.Score
		}
	}
	return 0
}

// weightedTotal puts a review on a 0–100 scale: each scored criterion's
// score mapped linearly (1 → 0, 5 → 100), averaged with the rubric's
// weights (equal weights when the rubric has none), over the criteria the
// reviewer scored — a skipped criterion neither helps nor hurts. ok is
// false when the review scored no weighted criterion.
func weightedTotal(rubric domain.Rubric, rv domain.Review) (float64, bool) {
	weighted := false
	for _, c := range rubric.Criteria {
		weighted = weighted || c.Weight > 0
	}
	var sum, weights float64
	for _, c := range rubric.Criteria {
		w := float64(c.Weight)
		if !weighted {
			w = 1
		}
		if sc := scoreOn(rv, c.ID); sc > 0 && w > 0 {
			sum += w * float64(sc-domain.MinReviewScore) / float64(domain.MaxReviewScore-domain.MinReviewScore)
			weights += w
		}
	}
	if weights == 0 {
		return 0, false
	}
	return 100 * sum / weights, true
}
