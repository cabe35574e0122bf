package service

import (
	"context"
	"time"

	"huddle/internal/domain"
	"huddle/internal/skillprofile"
)

// SkillHeatMap is a team's standings on the criteria of one rubric:
// people × criteria, numbers only, without self-assessments.
type SkillHeatMap struct {
	Team    domain.Team
	Rubric  domain.Rubric   // the rubric shown
	Rubrics []domain.Rubric // the rubrics one may choose
	Rows    []SkillHeatRow
	AsOf    time.Time
}

// SkillHeatRow is one person's cells, in the rubric's criterion order.
type SkillHeatRow struct {
	Person domain.Person
	Cells  []SkillHeatCell
}

// SkillHeatCell is a standing and its data points; Points 0 is a blank.
type SkillHeatCell struct {
	skillprofile.Mean
	Bucket int // 1–5: the standing rounded to the scale; 0 when blank
}

// StandingBucket rounds a standing to the nearest point of the 1–5 scale,
// the colour band a heat map shows.
func StandingBucket(m skillprofile.Mean) int {
	if m.Points == 0 {
		return 0
	}
	return min(domain.MaxReviewScore, max(domain.MinReviewScore, int(m.Score+0.5)))
}

// TeamSkillHeatMap is the heat map of a team's active people on a rubric:
// rubricID 0 picks the first rubric the team has data on.
func (s *Service) TeamSkillHeatMap(ctx context.Context, a Actor, teamID, rubricID int64) (SkillHeatMap, error) {
	t, err := s.heatMapAccess(ctx, a, teamID)
	if err != nil {
		return SkillHeatMap{}, err
	}
	rubrics, err := s.profileRubrics(ctx, a)
	if err != nil {
		return SkillHeatMap{}, err
	}
	members, _, err := s.store.People(ctx, a.Org.ID, domain.PersonFilter{TeamID: t.ID, Page: domain.Page{Limit: 500}})
	if err != nil {
		return SkillHeatMap{}, err
	}
	var people []domain.Person
	for _, p := range members {
		if p.Active {
			people = append(people, p)
		}
	}
	now := s.now().UTC()
	points, _, err := s.skillPoints(ctx, a, people, scopeTeam, rubrics, now)
	if err != nil {
		return SkillHeatMap{}, err
	}
	hm := SkillHeatMap{Team: t, Rubrics: rubrics, AsOf: now}
	if hm.Rubric, err = chooseRubric(rubrics, rubricID, points); err != nil {
		return SkillHeatMap{}, err
	}
	standings := standingsByKey(skillprofile.Compute(points, now))
	for _, p := range people {
		row := SkillHeatRow{Person: p}
		for _, c := range hm.Rubric.Criteria {
			m := standings[skillprofile.Key{PersonID: p.ID, RubricID: hm.Rubric.ID, Criterion: c.Key}].Mean
			row.Cells = append(row.Cells, SkillHeatCell{Mean: m, Bucket: StandingBucket(m)})
		}
		hm.Rows = append(hm.Rows, row)
	}
	return hm, nil
}

// chooseRubric returns the asked-for rubric, or with none asked for the
// first with data (else the first).
func chooseRubric(rubrics []domain.Rubric, id int64, points []domain.SkillPoint) (domain.Rubric, error) {
	if len(rubrics) == 0 {
		return domain.Rubric{}, domain.NotFound("rubric")
	}
	if id != 0 {
		for _, r := range rubrics {
			if r.ID == id {
				return r, nil
			}
		}
		return domain.Rubric{}, domain.Invalid("rubric", "choose one of the rubrics in use")
	}
	for _, r := range rubrics {
		for _, p := range points {
			if p.RubricID == r.ID {
				return r, nil
			}
		}
	}
	return rubrics[0], nil
}
