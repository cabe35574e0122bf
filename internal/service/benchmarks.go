package service

import (
	"context"
	"slices"

	"huddle/internal/domain"
)

// minBenchmarkCalls is the fewest calls a benchmark is computed from:
// fewer would say too little, and could let people work out one rep's
// private figures from the aggregate.
const minBenchmarkCalls = 5

// Benchmark is one metric across the organisation's calls.
type Benchmark struct {
	Metric      string
	Label       string
	Median      float64
	TopQuartile float64 // the value the best quarter of calls reach
	Calls       int     // how many calls it is computed from
	LowerBetter bool    // for talk ratio and monologues, less is better
	Published   string  // a published reference range, when there is one
}

// benchmarkMetrics are the metrics with benchmarks, in display order.
var benchmarkMetrics = []struct {
	key, label, published string
	lowerBetter           bool
	get                   func(domain.CallMetrics) *float64
}{
	{"talk_ratio", "Rep talk ratio", "43% (Gong's research: top performers talk 43% and listen 57%)", true, func(m domain.CallMetrics) *float64 { return m.TalkRatio }},
	{"longest_monologue_seconds", "Longest monologue (s)", "", true, func(m domain.CallMetrics) *float64 { return m.LongestMonolog }},
	{"questions", "Questions asked", "11–14 in a discovery call (Gong's research)", false, func(m domain.CallMetrics) *float64 { return m.Questions }},
	{"patience_seconds", "Patience (s)", "", false, func(m domain.CallMetrics) *float64 { return m.Patience }},
	{"interactivity", "Interactivity (switches/min)", "", false, func(m domain.CallMetrics) *float64 { return m.Interactivity }},
	{"words_per_minute", "Words per minute", "", false, func(m domain.CallMetrics) *float64 { return m.WordsPerMinute }},
}

// Benchmarks computes the organisation's median and top quartile per
// metric. Any signed-in person may see them: they are aggregates of at
// least minBenchmarkCalls calls, never a single call's figures.
func (s *Service) Benchmarks(ctx context.Context, a Actor) ([]Benchmark, error) {
	all, err := s.store.CallMetrics(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	var out []Benchmark
	for _, bm := range benchmarkMetrics {
		var vals []float64
		for _, m := range all {
			if v := bm.get(m); v != nil {
				vals = append(vals, *v)
			}
		}
		if len(vals) < minBenchmarkCalls {
			continue
		}
		slices.Sort(vals)
		b := Benchmark{Metric: bm.key, Label: bm.label, Median: quantile(vals, 0.5), Calls: len(vals),
			LowerBetter: bm.lowerBetter, Published: bm.published}
		b.TopQuartile = quantile(vals, 0.75)
		if bm.lowerBetter {
			b.TopQuartile = quantile(vals, 0.25)
		}
		out = append(out, b)
	}
	return out, nil
}

// quantile interpolates linearly between the closest ranks of sorted vals.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// MetricValue returns a call's value of a benchmark metric.
func MetricValue(m domain.CallMetrics, key string) *float64 {
	for _, bm := range benchmarkMetrics {
		if bm.key == key {
			return bm.get(m)
		}
	}
	return nil
}
