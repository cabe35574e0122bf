package service

import (
	"context"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/skillprofile"
)

// SkillProfile is a person's standing per rubric criterion, as one viewer
// may see it (see skill_profile_access.go).
type SkillProfile struct {
	Person domain.Person
	// Own is true when the viewer is the person: every source shows, and
	// the self-rating form. Otherwise it is the team view: numbers only,
	// without the self-assessment.
	Own     bool
	Rubrics []SkillRubric
	AsOf    time.Time
}

// SkillRubric is one rubric of a profile, criteria in the rubric's order.
type SkillRubric struct {
	Rubric   domain.Rubric
	Criteria []SkillCriterion
	Points   int // data points across its criteria
}

// SkillCriterion is a person's standing on one criterion.
type SkillCriterion struct {
	Criterion domain.RubricCriterion
	skillprofile.Standing
	Sources []SkillSourceView
	Metrics []SkillMetric // the call metrics that feed it
	// MyRating is the person's latest self-assessment (own profile only);
	// 0 when they have not rated themselves.
	MyRating  int
	MyRatedAt time.Time
}

// HasData reports whether any data point stands behind the criterion.
func (c SkillCriterion) HasData() bool { return c.Points > 0 }

// SkillSourceView is what one source says of a criterion on its own.
type SkillSourceView struct {
	Source domain.SkillSource
	skillprofile.Mean
	Weight float64 // the source's weight in the standing
}

// MySkillProfile is the actor's own profile, every source included.
func (s *Service) MySkillProfile(ctx context.Context, a Actor) (SkillProfile, error) {
	if a.Person.ID == 0 {
		return SkillProfile{}, domain.NotFound("person")
	}
	return s.PersonSkillProfile(ctx, a, a.Person.ID)
}

// PersonSkillProfile is a person's profile as the actor may see it.
func (s *Service) PersonSkillProfile(ctx context.Context, a Actor, personID int64) (SkillProfile, error) {
	p, scope, err := s.profileAccess(ctx, a, personID)
	if err != nil {
		return SkillProfile{}, err
	}
	rubrics, err := s.profileRubrics(ctx, a)
	if err != nil {
		return SkillProfile{}, err
	}
	now := s.now().UTC()
	points, selfs, err := s.skillPoints(ctx, a, []domain.Person{p}, scope, rubrics, now)
	if err != nil {
		return SkillProfile{}, err
	}
	standings := standingsByKey(skillprofile.Compute(points, now))
	prof := SkillProfile{Person: p, Own: scope == scopeOwn, AsOf: now}
	for _, r := range rubrics {
		sr := SkillRubric{Rubric: r}
		for _, c := range r.Criteria {
			sc := SkillCriterion{Criterion: c, Standing: standings[skillprofile.Key{PersonID: p.ID, RubricID: r.ID, Criterion: c.Key}],
				Metrics: metricsFor(r, c.Key)}
			sc.Sources = sourceViews(sc.Standing, prof.Own)
			if latest, ok := selfs[selfKey{r.ID, c.Key}]; ok && prof.Own {
				sc.MyRating, sc.MyRatedAt = latest.Score, latest.RatedAt
			}
			sr.Points += sc.Points
			sr.Criteria = append(sr.Criteria, sc)
		}
		prof.Rubrics = append(prof.Rubrics, sr)
	}
	return prof, nil
}

// sourceViews lists the sources a viewer may see, with their weights.
func sourceViews(st skillprofile.Standing, own bool) []SkillSourceView {
	var out []SkillSourceView
	for _, src := range domain.SkillSources {
		if src == domain.SourceSelf && !own {
			continue
		}
		out = append(out, SkillSourceView{Source: src, Mean: st.Source(src), Weight: skillprofile.SourceWeight(src)})
	}
	return out
}

// selfKey names a criterion of a rubric.
type selfKey struct {
	rubricID int64
	key      string
}

// skillPoints gathers the data points of people that a viewer with the
// given scope may count, and the latest self-assessment per criterion
// (own scope only).
func (s *Service) skillPoints(ctx context.Context, a Actor, people []domain.Person, scope profileScope, rubrics []domain.Rubric, now time.Time) ([]domain.SkillPoint, map[selfKey]domain.SelfAssessment, error) {
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	peers, err := s.store.PeerSkillScores(ctx, a.Org.ID, ids)
	if err != nil {
		return nil, nil, err
	}
	var points []domain.SkillPoint
	for _, p := range releasedPeerScores(peers, now) {
		points = append(points, domain.SkillPoint{PersonID: p.PersonID, RubricID: p.RubricID, Criterion: p.Criterion,
			Source: domain.SourcePeer, Score: float64(p.Score), At: p.ObservedAt})
	}
	latest := map[selfKey]domain.SelfAssessment{}
	if scope == scopeOwn {
		selfs, err := s.store.SelfAssessments(ctx, a.Org.ID, ids)
		if err != nil {
			return nil, nil, err
		}
		for _, sa := range selfs {
			points = append(points, domain.SkillPoint{PersonID: sa.PersonID, RubricID: sa.RubricID, Criterion: sa.Criterion,
				Source: domain.SourceSelf, Score: float64(sa.Score), At: sa.RatedAt})
			latest[selfKey{sa.RubricID, sa.Criterion}] = sa // oldest first: the last one wins
		}
	}
	calls, err := s.analyticsPoints(ctx, a, ids, rubrics, now)
	if err != nil {
		return nil, nil, err
	}
	return append(points, calls...), latest, nil
}

// profileRubrics are the rubrics a profile shows: the latest version of
// every rubric still in use.
func (s *Service) profileRubrics(ctx context.Context, a Actor) ([]domain.Rubric, error) {
	if err := s.ensureRubrics(ctx, a.Org.ID); err != nil {
		return nil, err
	}
	all, err := s.store.Rubrics(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Rubric
	for _, r := range all {
		if !r.Retired {
			out = append(out, r)
		}
	}
	return out, nil
}

func standingsByKey(list []skillprofile.Standing) map[skillprofile.Key]skillprofile.Standing {
	out := make(map[skillprofile.Key]skillprofile.Standing, len(list))
	for _, st := range list {
		out[st.Key] = st
	}
	return out
}

// RateMySkill records the actor's rating of themselves on a criterion of
// a rubric in use. Each rating adds to the history.
func (s *Service) RateMySkill(ctx context.Context, a Actor, rubricID int64, criterion string, score int) (domain.SelfAssessment, error) {
	if a.Person.ID == 0 {
		return domain.SelfAssessment{}, domain.Forbidden("only a person can rate themselves")
	}
	sa := domain.SelfAssessment{PersonID: a.Person.ID, RubricID: rubricID, Criterion: strings.TrimSpace(criterion), Score: score,
		RatedAt: s.now().UTC()}
	if err := sa.Validate(); err != nil {
		return domain.SelfAssessment{}, err
	}
	r, err := s.Rubric(ctx, a, rubricID)
	if err != nil {
		return domain.SelfAssessment{}, err
	}
	if r.Retired {
		return domain.SelfAssessment{}, domain.Invalid("rubric_id", "%s is retired; rate yourself on a rubric in use", r.Name)
	}
	if !hasCriterion(r, sa.Criterion) {
		return domain.SelfAssessment{}, domain.Invalid("criterion", "%s has no criterion %q; choose one of its criteria", r.Name, sa.Criterion)
	}
	if err := s.store.AddSelfAssessment(ctx, a.Org.ID, &sa); err != nil {
		return domain.SelfAssessment{}, fmt.Errorf("rate skill: %w", err)
	}
	return sa, nil
}

// AsOf returns a service over the same store whose clock stands still at
// t. It is for seeding history — the demo's months of reviews and
// self-assessments — and must not serve requests.
func (s *Service) AsOf(t time.Time) *Service {
	return &Service{store: s.store, now: func() time.Time { return t }, log: s.log, hashes: s.hashes, stt: s.stt,
		blobs: s.blobs, llm: s.llm, distributions: s.distributions}
}
