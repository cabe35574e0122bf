// Package skillprofile computes skill profiles: from data points (a peer's
// review score, a person's own rating, a call metric mapped to a rubric
// criterion) it works out, per person per criterion, a current standing,
// how it moved, and what each source says on its own. It knows nothing of
// HTTP, SQL or who may see what: the service decides which points go in.
//
// The standing is a weighted mean of the points' scores on the 1–5 scale.
// A point's weight is its source's weight (peer reviews strongest), times
// the point's own multiplier, times a recency decay that halves every
// HalfLife: a review from 90 days ago counts half as much as one from
// today, one from 180 days ago a quarter. Old points fade; they never drop
// off a cliff, so a person with little recent data still has a standing.
//
// The standing "as of" an earlier time T uses only the points up to T,
// decayed to T. Because the decay is exponential, decaying everything to
// now instead multiplies every weight by the same factor, which cancels in
// the mean; so every earlier standing is a prefix sum over the points in
// time order, and a profile costs one pass per criterion.
package skillprofile

import (
	"cmp"
	"math"
	"slices"
	"time"

	"huddle/internal/domain"
)

// HalfLife is how long it takes a data point's weight to halve.
const HalfLife = 90 * 24 * time.Hour

// TrendWindow is how far back the trend compares: the standing now against
// the standing as of TrendWindow ago.
const TrendWindow = 90 * 24 * time.Hour

// SeriesLen is how many monthly standings the sparkline shows, the last
// being now; SeriesStep is the distance between them.
const (
	SeriesLen  = 6
	SeriesStep = 30 * 24 * time.Hour
)

// Source weights. Peer reviews are people who watched the behaviour and
// scored it against the rubric's anchors: the strongest evidence. Call
// analytics measure a proxy of the behaviour without judgement: useful,
// but only a proxy. A self-assessment is the least calibrated (people
// rate themselves with systematic bias), so it counts least; it still
// moves the person's own profile, which is what it is for.
const (
	PeerWeight      = 1.0
	AnalyticsWeight = 0.6
	SelfWeight      = 0.4
)

// SteadyBand is the smallest change of standing shown as a move up or
// down; anything smaller is "steady".
const SteadyBand = 0.1

// SourceWeight returns the weight of a source; unknown sources weigh 0.
func SourceWeight(s domain.SkillSource) float64 {
	switch s {
	case domain.SourcePeer:
		return PeerWeight
	case domain.SourceAnalytics:
		return AnalyticsWeight
	case domain.SourceSelf:
		return SelfWeight
	}
	return 0
}

// Key names one person's standing on one criterion of one rubric.
type Key struct {
	PersonID  int64
	RubricID  int64
	Criterion string
}

// Mean is a weighted mean and the number of data points behind it. Points
// is 0 when there is no data; Score is then 0 and means nothing.
type Mean struct {
	Score  float64
	Points int
}

// Standing is a person's standing on one criterion.
type Standing struct {
	Key
	Mean // now: every source, recency-weighted
	// Previous is the standing as of TrendWindow ago; Points 0 when there
	// was no data then.
	Previous Mean
	// Series are the standings at SeriesStep intervals, oldest first, the
	// last being now.
	Series [SeriesLen]Mean
	// Sources are each source's own recency-weighted mean, indexed like
	// domain.SkillSources.
	Sources [3]Mean
}

// Trend is the change of standing over TrendWindow; 0 without a previous
// standing.
func (s Standing) Trend() float64 {
	if s.Previous.Points == 0 || s.Points == 0 {
		return 0
	}
	return s.Score - s.Previous.Score
}

// Direction is +1 (up), -1 (down) or 0 (steady, or nothing to compare).
func (s Standing) Direction() int {
	switch t := s.Trend(); {
	case t >= SteadyBand:
		return 1
	case t <= -SteadyBand:
		return -1
	}
	return 0
}

// Source returns one source's own mean.
func (s Standing) Source(src domain.SkillSource) Mean {
	if i := sourceIndex(src); i >= 0 {
		return s.Sources[i]
	}
	return Mean{}
}

func sourceIndex(src domain.SkillSource) int {
	return slices.Index(domain.SkillSources, src)
}

// usable reports whether a point can count: a score on the scale, a known
// source, a non-negative multiplier, and not in the future.
func usable(p domain.SkillPoint, now time.Time) bool {
	return p.Score >= domain.MinReviewScore && p.Score <= domain.MaxReviewScore && SourceWeight(p.Source) > 0 &&
		p.Weight >= 0 && !p.At.After(now)
}

// weight is a point's weight decayed to now.
func weight(p domain.SkillPoint, now time.Time) float64 {
	w := SourceWeight(p.Source)
	if p.Weight > 0 {
		w *= p.Weight
	}
	age := now.Sub(p.At).Hours() / HalfLife.Hours()
	return w * math.Exp2(-age)
}

// point is a usable data point reduced to what the arithmetic needs, laid
// out contiguously per key so that sorting and summing stay in cache.
type point struct {
	at     int64 // Unix nanoseconds
	score  float64
	weight float64 // decayed to now
	source int8    // index into domain.SkillSources
}

// Compute returns the standings of every person and criterion that has at
// least one usable point, ordered by person, rubric and criterion.
// Unusable points (score off the 1–5 scale, unknown source, negative
// multiplier, dated after now) are ignored.
func Compute(points []domain.SkillPoint, now time.Time) []Standing {
	// Group the usable points by key without a slice per group: number
	// the groups, count their points, then lay the points out flat.
	group := make([]int32, len(points))
	ids := map[Key]int32{}
	var keys []Key
	var counts []int32
	for i, p := range points {
		if !usable(p, now) {
			group[i] = -1
			continue
		}
		k := Key{p.PersonID, p.RubricID, p.Criterion}
		g, ok := ids[k]
		if !ok {
			g = int32(len(keys))
			ids[k] = g
			keys, counts = append(keys, k), append(counts, 0)
		}
		group[i] = g
		counts[g]++
	}
	starts := make([]int32, len(keys)+1)
	for g, n := range counts {
		starts[g+1] = starts[g] + n
	}
	flat, fill := make([]point, starts[len(keys)]), slices.Clone(starts[:len(keys)])
	for i, g := range group {
		if g >= 0 {
			p := points[i]
			flat[fill[g]] = point{at: p.At.UnixNano(), score: p.Score, weight: weight(p, now), source: int8(sourceIndex(p.Source))}
			fill[g]++
		}
	}
	out := make([]Standing, len(keys))
	cut := cutoffs(now)
	for g, k := range keys {
		out[g] = standing(k, flat[starts[g]:starts[g+1]], cut)
	}
	slices.SortFunc(out, func(a, b Standing) int {
		return cmp.Or(cmp.Compare(a.PersonID, b.PersonID), cmp.Compare(a.RubricID, b.RubricID),
			cmp.Compare(a.Criterion, b.Criterion))
	})
	return out
}

// cutoffs are the times of the series' standings, oldest first (the last
// being now), then the start of the trend window, in Unix nanoseconds.
func cutoffs(now time.Time) [SeriesLen + 1]int64 {
	var c [SeriesLen + 1]int64
	for i := range SeriesLen {
		c[i] = now.Add(-time.Duration(SeriesLen-1-i) * SeriesStep).UnixNano()
	}
	c[SeriesLen] = now.Add(-TrendWindow).UnixNano()
	return c
}

// standing computes one key's standing from its points. The standing as
// of a cutoff is the running mean before the first point after it.
func standing(k Key, pts []point, cutoffs [SeriesLen + 1]int64) Standing {
	slices.SortFunc(pts, func(a, b point) int { return cmp.Compare(a.at, b.at) })
	var (
		s      = Standing{Key: k}
		run    runningMean
		asOf   [SeriesLen + 1]Mean
		taken  [SeriesLen + 1]bool
		srcRun [3]runningMean
	)
	take := func(before int64, all bool) {
		for c, at := range cutoffs {
			if !taken[c] && (all || at < before) {
				asOf[c], taken[c] = run.mean(), true
			}
		}
	}
	for _, p := range pts {
		take(p.at, false)
		run.add(p.weight, p.score)
		srcRun[p.source].add(p.weight, p.score)
	}
	take(0, true)
	copy(s.Series[:], asOf[:SeriesLen])
	s.Previous = asOf[SeriesLen]
	s.Mean = run.mean()
	for i := range srcRun {
		s.Sources[i] = srcRun[i].mean()
	}
	return s
}

// runningMean accumulates a weighted mean.
type runningMean struct {
	sum, weight float64
	n           int
}

func (r *runningMean) add(w, score float64) { r.sum, r.weight, r.n = r.sum+w*score, r.weight+w, r.n+1 }

func (r runningMean) mean() Mean {
	if r.n == 0 || r.weight == 0 {
		return Mean{}
	}
	return Mean{Score: r.sum / r.weight, Points: r.n}
}
