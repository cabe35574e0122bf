package service

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"huddle/internal/domain"
	"huddle/internal/skillprofile"
)

// analyticsWindow is how far back call analytics feed skill profiles, and
// the organisation's distributions they are scored against.
const analyticsWindow = 365 * 24 * time.Hour

// SkillMetric maps one call metric to a criterion of a shipped default
// rubric, named by the rubric's Builtin key and the criterion's key (both
// survive an admin's edits). A call's value is scored 1–5 by where it
// falls in the organisation's values of the metric (see
// skillprofile.Distribution.Score): the bottom fifth scores 1, the top
// fifth 5.
type SkillMetric struct {
	Key         string
	Label       string // what the metric is, for people
	Rubric      string // the Builtin key of the rubric
	Criterion   string // the criterion's key
	LowerBetter bool
	value       func(callFacts) (float64, bool)
}

// SkillMetrics is the mapping, documented on the profile page.
//
//   - open questions asked (what, how, why, tell me …) → Discovery, "Trust
//     through tailored questions": tailored questions are open ones;
//   - whether a next step was agreed → Next steps, "Specific next step";
//   - the pause before answering an objection → Objection handling,
//     "Acknowledges": letting the buyer finish before answering;
//   - patience, the mean pause before speaking after the buyer → the same
//     criterion, the closest to listening the default rubrics have.
//
// Talk ratio is left out on purpose: no default criterion describes it.
var SkillMetrics = []SkillMetric{
	{Key: "open_questions", Label: "Open questions asked", Rubric: "discovery", Criterion: "tailored_questions",
		value: func(f callFacts) (float64, bool) { return float64(f.OpenQuestions), true }},
	{Key: "next_step_agreed", Label: "A next step agreed (yes scores above no)", Rubric: "next_steps", Criterion: "specific",
		value: func(f callFacts) (float64, bool) {
			if f.NextSteps.Agreed {
				return 1, true
			}
			return 0, true
		}},
	{Key: "objection_pause", Label: "Pause before answering an objection (s)", Rubric: "objection_handling", Criterion: "acknowledge",
		value: callFacts.objectionPause},
	{Key: "patience", Label: "Patience after the buyer speaks (s)", Rubric: "objection_handling", Criterion: "acknowledge",
		value: func(f callFacts) (float64, bool) {
			if f.Patience == nil {
				return 0, false
			}
			return *f.Patience, true
		}},
}

// callFacts are the parts of a call's analysis (analysis.Report) that
// skill profiles read.
type callFacts struct {
	OpenQuestions int      `json:"open_questions"`
	Patience      *float64 `json:"patience_seconds"`
	NextSteps     struct {
		Agreed bool `json:"agreed"`
	} `json:"next_steps"`
	Objections struct {
		Items []struct {
			Answered    bool     `json:"answered"`
			AnswerAfter *float64 `json:"answer_after_seconds"`
		} `json:"items"`
	} `json:"objections"`
}

// objectionPause is the mean pause before the rep answered the call's
// objections; no value when there were none with a time.
func (f callFacts) objectionPause() (float64, bool) {
	var sum float64
	n := 0
	for _, o := range f.Objections.Items {
		if o.Answered && o.AnswerAfter != nil {
			sum, n = sum+*o.AnswerAfter, n+1
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// metricTarget is where a metric's points go: a rubric of the organisation.
type metricTarget struct {
	metric   SkillMetric
	rubricID int64
}

// analyticsPoints scores the calls of the people that the actor may see
// against the organisation's distribution of each mapped metric. A metric
// with fewer than minBenchmarkCalls values in the organisation gives no
// points, and neither does one whose rubric or criterion is gone.
func (s *Service) analyticsPoints(ctx context.Context, a Actor, people []int64, rubrics []domain.Rubric, now time.Time) ([]domain.SkillPoint, error) {
	targets := metricTargets(rubrics)
	if len(targets) == 0 || len(people) == 0 {
		return nil, nil
	}
	since := now.Truncate(24 * time.Hour).Add(-analyticsWindow)
	dists, err := s.metricDistributions(ctx, a.Org.ID, since)
	if err != nil {
		return nil, err
	}
	calls, err := s.store.SkillCalls(ctx, a.Org.ID, since, people)
	if err != nil {
		return nil, err
	}
	var out []domain.SkillPoint
	for _, c := range calls {
		if c.OccurredAt.After(now) {
			continue
		}
		if ok, err := s.canSee(ctx, a, c); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		var f callFacts
		if json.Unmarshal(c.Analysis, &f) != nil {
			continue // an unreadable analysis says nothing
		}
		for _, tg := range targets {
			d := dists[tg.metric.Key]
			if v, ok := tg.metric.value(f); ok && d.Len() >= minBenchmarkCalls {
				out = append(out, domain.SkillPoint{PersonID: c.OwnerID, RubricID: tg.rubricID, Criterion: tg.metric.Criterion,
					Source: domain.SourceAnalytics, Score: d.Score(v), At: c.OccurredAt})
			}
		}
	}
	return out, nil
}

// distributionCache keeps each organisation's metric distributions with
// the fingerprint of the calls they came from, so that a profile view
// reads every call's analysis only when a call was added, changed or
// deleted since. One Service owns one cache.
type distributionCache struct {
	sync.Mutex
	m map[distributionKey]cachedDistributions
}

type distributionKey struct {
	org   int64
	since time.Time
}

type cachedDistributions struct {
	version string
	dists   map[string]skillprofile.Distribution // by metric key
}

// maxCachedDistributions bounds the cache; past it, it starts afresh.
const maxCachedDistributions = 256

// metricDistributions returns the organisation's values of every mapped
// metric over its ready calls since a time.
func (s *Service) metricDistributions(ctx context.Context, orgID int64, since time.Time) (map[string]skillprofile.Distribution, error) {
	version, err := s.store.SkillCallsVersion(ctx, orgID, since)
	if err != nil {
		return nil, err
	}
	key := distributionKey{orgID, since}
	cache := s.distributions
	cache.Lock()
	hit, ok := cache.m[key]
	cache.Unlock()
	if ok && hit.version == version {
		return hit.dists, nil
	}
	calls, err := s.store.SkillCalls(ctx, orgID, since, nil)
	if err != nil {
		return nil, err
	}
	values := map[string][]float64{}
	for _, c := range calls {
		var f callFacts
		if json.Unmarshal(c.Analysis, &f) != nil {
			continue
		}
		for _, m := range SkillMetrics {
			if v, ok := m.value(f); ok {
				values[m.Key] = append(values[m.Key], v)
			}
		}
	}
	dists := map[string]skillprofile.Distribution{}
	for _, m := range SkillMetrics {
		dists[m.Key] = skillprofile.NewDistribution(values[m.Key], m.LowerBetter)
	}
	cache.Lock()
	if len(cache.m) >= maxCachedDistributions {
		clear(cache.m)
	}
	cache.m[key] = cachedDistributions{version: version, dists: dists}
	cache.Unlock()
	return dists, nil
}

// metricTargets finds each mapped metric's rubric among the organisation's.
func metricTargets(rubrics []domain.Rubric) []metricTarget {
	var out []metricTarget
	for _, m := range SkillMetrics {
		for _, r := range rubrics {
			if r.Builtin == m.Rubric && hasCriterion(r, m.Criterion) {
				out = append(out, metricTarget{metric: m, rubricID: r.ID})
			}
		}
	}
	return out
}

func hasCriterion(r domain.Rubric, key string) bool {
	for _, c := range r.Criteria {
		if c.Key == key {
			return true
		}
	}
	return false
}

// metricsFor lists the metrics that feed a criterion of a rubric.
func metricsFor(r domain.Rubric, key string) []SkillMetric {
	var out []SkillMetric
	for _, m := range SkillMetrics {
		if r.Builtin != "" && m.Rubric == r.Builtin && m.Criterion == key {
			out = append(out, m)
		}
	}
	return out
}
