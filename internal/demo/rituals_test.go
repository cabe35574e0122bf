package demo

import (
	"context"
	"testing"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store/storetest"
)

// TestSeedRituals seeds the whole demo and checks its groups: several
// rituals across time zones, each with a series, past sessions held with
// notes, kept and missed commitments, and open ones on the next agenda.
func TestSeedRituals(t *testing.T) {
	ctx := context.Background()
	svc := service.New(storetest.SQLite(t), service.Options{HashParams: &auth.Params{Memory: 64, Time: 1, Threads: 1}})
	if _, err := Seed(ctx, svc, t.TempDir(), 1); err != nil {
		t.Fatal(err)
	}
	org, err := svc.OrgBySlug(ctx, OrgSlug)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := svc.PersonByEmail(ctx, service.SystemActor(org), SignInEmail)
	if err != nil {
		t.Fatal(err)
	}
	a := service.Actor{Org: org, Person: ana}
	home, err := svc.MySessions(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(home.Groups) != 2 || len(home.Upcoming) == 0 || len(home.Overseen) != 2 || len(home.Made) == 0 {
		t.Fatalf("Ana: %d groups, %d upcoming, %d overseen, %d commitments", len(home.Groups), len(home.Upcoming), len(home.Overseen), len(home.Made))
	}
	zones, templates := map[string]bool{}, map[string]bool{}
	for _, g := range append(append([]domain.Group{}, home.Groups...), overseenGroups(home)...) {
		zones[g.TimeZone], templates[g.TemplateKey] = true, true
		if !g.Scheduled() {
			t.Errorf("%s has no schedule", g.Name)
		}
	}
	if len(zones) != 4 || len(templates) != 4 {
		t.Errorf("zones %v, rituals %v", zones, templates)
	}
	v, err := svc.Group(ctx, a, home.Groups[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Stats.Held == 0 || v.Stats.Commitments.Done == 0 || v.Stats.Commitments.Missed == 0 || len(v.Open) == 0 || len(v.Upcoming) == 0 {
		t.Errorf("%s: stats %+v, %d open, %d upcoming", v.Group.Name, v.Stats, len(v.Open), len(v.Upcoming))
	}
	next, err := svc.Session(ctx, a, v.Upcoming[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Agenda) == 0 || len(next.Agenda[0].Commitments) == 0 {
		t.Errorf("the next session does not open with open commitments: %+v", next.Agenda)
	}
	past, err := svc.Session(ctx, a, v.Past[0].ID)
	if err != nil || past.Session.Notes == "" || len(past.Session.Attendance) == 0 {
		t.Errorf("past session: %+v, %v", past.Session, err)
	}
}

func overseenGroups(h service.SessionsHome) []domain.Group {
	var out []domain.Group
	for _, o := range h.Overseen {
		out = append(out, o.Group)
	}
	return out
}
