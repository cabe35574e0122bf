package skillprofile

import (
	"fmt"
	"math"
	"testing"
	"time"

	"huddle/internal/domain"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func daysAgo(d float64) time.Time { return now.Add(-time.Duration(d * 24 * float64(time.Hour))) }

func dataPoint(src domain.SkillSource, score, days float64) domain.SkillPoint {
	return domain.SkillPoint{PersonID: 1, RubricID: 10, Criterion: "tailored_questions", Source: src, Score: score, At: daysAgo(days)}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func only(t *testing.T, pts ...domain.SkillPoint) Standing {
	t.Helper()
	got := Compute(pts, now)
	if len(got) != 1 {
		t.Fatalf("got %d standings, want 1: %+v", len(got), got)
	}
	return got[0]
}

func TestOnePeerScoreIsTheStanding(t *testing.T) {
	s := only(t, dataPoint(domain.SourcePeer, 4, 3))
	if s.Score != 4 || s.Points != 1 || s.Source(domain.SourcePeer) != (Mean{4, 1}) || s.Source(domain.SourceSelf).Points != 0 {
		t.Errorf("standing %+v", s)
	}
	if s.Previous.Points != 0 || s.Direction() != 0 {
		t.Errorf("no data 90 days ago, yet previous %+v, direction %d", s.Previous, s.Direction())
	}
}

func TestAReviewFromAHalfLifeAgoCountsHalf(t *testing.T) {
	s := only(t, dataPoint(domain.SourcePeer, 5, 0), dataPoint(domain.SourcePeer, 2, 90))
	if want := (5*1 + 2*0.5) / 1.5; !near(s.Score, want) {
		t.Errorf("standing %v, want %v", s.Score, want)
	}
}

func TestSelfAssessmentWeighsLessThanAPeer(t *testing.T) {
	s := only(t, dataPoint(domain.SourcePeer, 2, 1), dataPoint(domain.SourceSelf, 5, 1))
	if want := (2*PeerWeight + 5*SelfWeight) / (PeerWeight + SelfWeight); !near(s.Score, want) {
		t.Errorf("standing %v, want %v", s.Score, want)
	}
	if s.Source(domain.SourcePeer) != (Mean{2, 1}) || s.Source(domain.SourceSelf) != (Mean{5, 1}) {
		t.Errorf("sources %+v", s.Sources)
	}
}

func TestTrendComparesWithTheStandingNinetyDaysAgo(t *testing.T) {
	s := only(t, dataPoint(domain.SourcePeer, 2, 200), dataPoint(domain.SourcePeer, 2, 120), dataPoint(domain.SourcePeer, 4, 10))
	if s.Previous != (Mean{2, 2}) {
		t.Errorf("previous %+v, want 2 from 2 points", s.Previous)
	}
	if s.Direction() != 1 || s.Trend() <= 1 {
		t.Errorf("trend %v direction %d, want clearly up", s.Trend(), s.Direction())
	}
	down := only(t, dataPoint(domain.SourcePeer, 5, 100), dataPoint(domain.SourcePeer, 1, 5))
	if down.Direction() != -1 {
		t.Errorf("5 then 1: direction %d", down.Direction())
	}
	steady := only(t, dataPoint(domain.SourcePeer, 3, 100), dataPoint(domain.SourcePeer, 3, 5))
	if steady.Direction() != 0 {
		t.Errorf("3 then 3: direction %d", steady.Direction())
	}
}

func TestSeriesIsMonthlyAndEmptyBeforeTheFirstPoint(t *testing.T) {
	s := only(t, dataPoint(domain.SourcePeer, 2, 70), dataPoint(domain.SourcePeer, 4, 1))
	// Months ago: 150, 120, 90, 60, 30, 0.
	for i, want := range []int{0, 0, 0, 1, 1, 2} {
		if s.Series[i].Points != want {
			t.Errorf("series[%d] has %d points, want %d (%+v)", i, s.Series[i].Points, want, s.Series)
		}
	}
	if s.Series[3].Score != 2 || s.Series[5] != s.Mean {
		t.Errorf("series %+v, standing %+v", s.Series, s.Mean)
	}
}

func TestUnusablePointsAreIgnored(t *testing.T) {
	bad := []domain.SkillPoint{
		dataPoint(domain.SourcePeer, 0, 1), dataPoint(domain.SourcePeer, 6, 1), dataPoint(domain.SourcePeer, 3, -2),
		dataPoint("gossip", 3, 1), {PersonID: 1, RubricID: 10, Criterion: "x", Source: domain.SourcePeer, Score: 3, At: now, Weight: -1},
	}
	if got := Compute(bad, now); len(got) != 0 {
		t.Errorf("got %+v from unusable points", got)
	}
	s := only(t, append(bad, dataPoint(domain.SourceAnalytics, 3, 1))...)
	if s.Points != 1 || s.Source(domain.SourceAnalytics).Points != 1 {
		t.Errorf("standing %+v", s)
	}
}

func TestPointMultiplierScalesItsWeight(t *testing.T) {
	heavy := dataPoint(domain.SourcePeer, 5, 1)
	heavy.Weight = 3
	s := only(t, heavy, dataPoint(domain.SourcePeer, 1, 1))
	if !near(s.Score, (15+1)/4.0) {
		t.Errorf("standing %v, want 4", s.Score)
	}
}

func TestStandingsAreGroupedAndOrdered(t *testing.T) {
	pts := []domain.SkillPoint{
		{PersonID: 2, RubricID: 1, Criterion: "b", Source: domain.SourcePeer, Score: 3, At: now},
		{PersonID: 1, RubricID: 2, Criterion: "a", Source: domain.SourcePeer, Score: 4, At: now},
		{PersonID: 1, RubricID: 1, Criterion: "b", Source: domain.SourceSelf, Score: 5, At: now},
		{PersonID: 1, RubricID: 1, Criterion: "a", Source: domain.SourcePeer, Score: 1, At: now},
		{PersonID: 1, RubricID: 1, Criterion: "a", Source: domain.SourcePeer, Score: 3, At: now},
	}
	got := Compute(pts, now)
	want := []Key{{1, 1, "a"}, {1, 1, "b"}, {1, 2, "a"}, {2, 1, "b"}}
	if len(got) != len(want) {
		t.Fatalf("got %d standings, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Key != want[i] {
			t.Errorf("standing %d is %+v, want %+v", i, got[i].Key, want[i])
		}
	}
	if got[0].Score != 2 || got[0].Points != 2 {
		t.Errorf("1/1/a: %+v", got[0].Mean)
	}
}

// orgPoints builds a deterministic organisation: people × criteria ×
// perCriterion points spread over the last year, mostly peer reviews.
func orgPoints(people, criteria, perCriterion int) []domain.SkillPoint {
	keys := make([]string, criteria)
	for i := range keys {
		keys[i] = fmt.Sprintf("criterion_%02d", i)
	}
	pts := make([]domain.SkillPoint, 0, people*criteria*perCriterion)
	seed := uint32(1)
	rnd := func() uint32 { seed = seed*1664525 + 1013904223; return seed >> 8 }
	for p := range people {
		for c := range criteria {
			for range perCriterion {
				src := domain.SkillSources[rnd()%3]
				pts = append(pts, domain.SkillPoint{PersonID: int64(p + 1), RubricID: int64(c/5 + 1), Criterion: keys[c],
					Source: src, Score: float64(1 + rnd()%5), At: now.Add(-time.Duration(rnd()%365*24) * time.Hour)})
			}
		}
	}
	return pts
}

// BenchmarkCompute is a 5,000-person organisation with 30 criteria and 20
// points per criterion: 3 million data points.
func BenchmarkCompute(b *testing.B) {
	const people = 5000
	pts := orgPoints(people, 30, 20)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if got := Compute(pts, now); len(got) != people*30 {
			b.Fatalf("got %d standings", len(got))
		}
	}
	b.ReportMetric(float64(people)*float64(b.N)/b.Elapsed().Seconds(), "people/s")
}

// BenchmarkComputeTeam is one team's heat map: 12 people.
func BenchmarkComputeTeam(b *testing.B) {
	pts := orgPoints(12, 30, 20)
	b.ReportAllocs()
	for b.Loop() {
		Compute(pts, now)
	}
}

func TestDistributionScoresByQuintile(t *testing.T) {
	d := NewDistribution([]float64{10, 1, 2, 3, 4, 5, 6, 7, 8, 9, math.NaN()}, false)
	if d.Len() != 10 {
		t.Fatalf("len %d", d.Len())
	}
	for v, want := range map[float64]float64{1: 1, 2: 1, 3: 2, 5: 3, 8: 4, 10: 5, 0: 1, 99: 5} {
		if got := d.Score(v); got != want {
			t.Errorf("score(%v) = %v, want %v", v, got, want)
		}
	}
	lower := NewDistribution([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, true)
	if lower.Score(1) != 5 || lower.Score(10) != 1 {
		t.Errorf("lower better: score(1) %v, score(10) %v", lower.Score(1), lower.Score(10))
	}
	// Most calls agreed a next step (1): agreeing is ordinary, not agreeing stands out.
	agreed := NewDistribution([]float64{0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, false)
	if agreed.Score(0) != 1 || agreed.Score(1) != 4 {
		t.Errorf("agreed: score(0) %v, score(1) %v", agreed.Score(0), agreed.Score(1))
	}
	if (Distribution{}).Score(3) != 0 {
		t.Error("an empty distribution scores")
	}
}
