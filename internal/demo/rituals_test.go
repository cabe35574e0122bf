package demo

import (
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// TestSeedRituals seeds the whole demo and checks its groups: several
// rituals across time zones, each with a series, past sessions held with
// notes, kept and missed commitments, and open ones on the next agenda.
func TestSeedRituals(t *testing.T) {
	ctx, svc, org, ana := seededDemo(t)
	a := service.Actor{Org: org, Person: ana}
	home, err := svc.MySessions(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(home.Groups) != 4 || len(home.Upcoming) == 0 || len(home.Overseen) != 3 || len(home.Made) == 0 {
		t.Fatalf("Ana: %d groups, %d upcoming, %d overseen, %d commitments", len(home.Groups), len(home.Upcoming), len(home.Overseen), len(home.Made))
	}
	zones, templates := map[string]bool{}, map[string]bool{}
	for _, g := range append(append([]domain.Group{}, home.Groups...), overseenGroups(home)...) {
		zones[g.TimeZone], templates[g.TemplateKey] = true, true
		if !g.Scheduled() {
			t.Errorf("%s has no schedule", g.Name)
		}
	}
	if len(zones) != 6 || len(templates) != 7 {
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

// TestSeedRitualSpecifics checks what each ritual adds in the demo: a
// skill swap with a cheat sheet and survey answers before and after, a
// shadowing week with debriefs and mutual feedback, deals with their
// action items, objections and stories with notes.
func TestSeedRitualSpecifics(t *testing.T) {
	ctx, svc, org, ana := seededDemo(t)
	sys := service.SystemActor(org)
	a := service.Actor{Org: org, Person: ana}
	home, err := svc.MySessions(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	byTemplate := map[string]domain.Group{}
	for _, g := range append(append([]domain.Group{}, home.Groups...), overseenGroups(home)...) {
		byTemplate[g.TemplateKey] = g
	}
	past := func(key string, who service.Actor) service.SessionView {
		t.Helper()
		v, err := svc.Group(ctx, who, byTemplate[key].ID)
		if err != nil || len(v.Past) == 0 {
			t.Fatalf("%s: %d past sessions, %v", key, len(v.Past), err)
		}
		sv, err := svc.Session(ctx, who, v.Past[0].ID)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return sv
	}
	swap := past("skill_swap_workshop", a).Swap
	if swap == nil || !swap.Set || swap.CheatSheetHTML == "" || len(swap.Skills) != 2 || swap.Skills[0].BeforeCount == 0 || swap.Skills[0].AfterCount == 0 ||
		*swap.Skills[0].After <= *swap.Skills[0].Before {
		t.Errorf("skill swap: %+v", swap)
	}
	sh, err := svc.Shadowing(ctx, a, byTemplate["peer_shadowing"].ID)
	if err != nil || len(sh.Weeks) != 1 || len(sh.Weeks[0].Debriefs) != 5 || len(sh.Weeks[0].Feedback) != 2 || len(sh.Weeks[0].Goals) != 2 {
		t.Errorf("shadowing: %+v, %v", sh.Weeks, err)
	}
	forum := past("objection_forum", a)
	if items := forum.ItemsOf(domain.ItemObjection); len(items) == 0 || items[0].Note == "" {
		t.Errorf("objection forum items: %+v", forum.Items)
	}
	// The clinic and the showcase are seen through one of their members.
	member := func(key string) service.Actor {
		t.Helper()
		p, err := svc.Person(ctx, sys, byTemplate[key].ActiveMembers()[0].PersonID)
		if err != nil {
			t.Fatal(err)
		}
		return service.Actor{Org: org, Person: p}
	}
	clinic := past("deal_clinic", member("deal_clinic"))
	if deals := clinic.ItemsOf(domain.ItemDeal); len(deals) == 0 || len(deals[0].Actions) == 0 || len(clinic.DealsWithoutActions) != 0 {
		t.Errorf("deal clinic: %+v", clinic.Items)
	}
	if stories := past("success_showcase", member("success_showcase")).ItemsOf(domain.ItemStory); len(stories) == 0 {
		t.Error("the showcase has no story")
	}
}
