package demo

import (
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// TestSeedSkillProfiles seeds the whole demo and checks what a visitor
// would look for: Ana's profile moves (a trend, self-ratings with
// history), and her manager's heat map of the team is mostly filled.
func TestSeedSkillProfiles(t *testing.T) {
	ctx, svc, org, _ := seededDemo(t)
	person := func(email string) service.Actor {
		p, err := svc.PersonByEmail(ctx, service.SystemActor(org), email)
		if err != nil {
			t.Fatal(err)
		}
		return service.Actor{Org: org, Person: p}
	}
	ana := person(SignInEmail)
	prof, err := svc.MySkillProfile(ctx, ana)
	if err != nil {
		t.Fatal(err)
	}
	var disc service.SkillRubric
	for _, r := range prof.Rubrics {
		if r.Rubric.Builtin == "discovery" {
			disc = r
		}
	}
	c := disc.Criteria[0]
	var self, peer int
	for _, s := range c.Sources {
		switch s.Source {
		case domain.SourceSelf:
			self = s.Points
		case domain.SourcePeer:
			peer = s.Points
		}
	}
	if self != 3 || peer < 8 || c.Previous.Points == 0 || c.MyRating != 3 {
		t.Errorf("Ana on %s: %d self, %d peer points, previous %+v, rating %d", c.Criterion.Name, self, peer, c.Previous, c.MyRating)
	}
	hm, err := svc.TeamSkillHeatMap(ctx, person("sofia.marchetti@"+Domain), ana.Person.TeamID, 0)
	if err != nil {
		t.Fatal(err)
	}
	filled, cells := 0, 0
	for _, row := range hm.Rows {
		for _, cell := range row.Cells {
			cells++
			if cell.Points > 0 {
				filled++
			}
		}
	}
	if hm.Rubric.Builtin != "discovery" || filled*4 < cells*3 {
		t.Errorf("heat map on %s: %d of %d cells filled", hm.Rubric.Name, filled, cells)
	}
}
