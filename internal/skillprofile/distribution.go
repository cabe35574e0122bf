package skillprofile

import (
	"math"
	"slices"
)

// Distribution is an organisation's values of one call metric, used to
// turn one call's value into a score on the 1–5 scale by where it falls.
type Distribution struct {
	sorted      []float64
	lowerBetter bool
}

// NewDistribution keeps the values (NaN and infinities dropped), sorted.
// lowerBetter says that a smaller value is the better one.
func NewDistribution(values []float64, lowerBetter bool) Distribution {
	sorted := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			sorted = append(sorted, v)
		}
	}
	slices.Sort(sorted)
	return Distribution{sorted: sorted, lowerBetter: lowerBetter}
}

// Len is how many values the distribution holds.
func (d Distribution) Len() int { return len(d.sorted) }

// Score places v in the distribution by quintile: the bottom fifth of the
// organisation's values scores 1, the top fifth 5 (for a lower-better
// metric, the other way round). Ties take their middle rank, so a value
// most calls share lands in the middle of the scores they span. An empty
// distribution scores 0: no score.
func (d Distribution) Score(v float64) float64 {
	n := len(d.sorted)
	if n == 0 || math.IsNaN(v) {
		return 0
	}
	below, _ := slices.BinarySearch(d.sorted, v)
	above := below
	for above < n && d.sorted[above] == v {
		above++
	}
	q := (float64(below) + float64(above-below)/2) / float64(n)
	if d.lowerBetter {
		q = 1 - q
	}
	return float64(1 + min(4, int(q*5)))
}
