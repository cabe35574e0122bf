package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func ptr[T any](v T) *T { return &v }

func TestUpdatePersonRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		id := func(key string) int64 { return w.people[key].ID }
		allowed := []struct {
			name   string
			actor  string
			target string
			patch  domain.PersonPatch
			check  func(p domain.Person) bool
		}{
			{"a rep changes their own name, time zone and hours", "rep1A", "rep1A",
				domain.PersonPatch{Name: ptr("  Rita R. "), TimeZone: ptr("Asia/Tokyo"), WorkingHours: &domain.WorkingHours{Start: 8 * 60, End: 16 * 60}},
				func(p domain.Person) bool {
					return p.Name == "Rita R." && p.TimeZone == "Asia/Tokyo" && p.WorkingHours.Start == 480
				}},
			{"an admin changes someone's e-mail and roles", "adminA", "rep2A",
				domain.PersonPatch{Email: ptr(" REMY.R@Alpha.example"), Roles: &domain.Roles{domain.RoleRep, domain.RoleCoach}},
				func(p domain.Person) bool { return p.Email == "remy.r@alpha.example" && p.Roles.Has(domain.RoleCoach) }},
			{"an admin moves someone to no team and no manager", "adminA", "rep2A",
				domain.PersonPatch{TeamID: ptr(int64(0)), ManagerID: ptr(int64(0))},
				func(p domain.Person) bool { return p.TeamID == 0 && p.ManagerID == 0 }},
			{"an admin sets a start date and region", "adminA", "rep1A",
				domain.PersonPatch{StartDate: ptr(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)), Region: ptr("EMEA")},
				func(p domain.Person) bool { return p.StartDate.Year() == 2024 && p.Region == "EMEA" }},
			{"an admin changes their own roles", "adminA", "adminA",
				domain.PersonPatch{Roles: &domain.Roles{domain.RoleAdmin, domain.RoleCoach}},
				func(p domain.Person) bool { return p.Roles.Has(domain.RoleCoach) }},
		}
		for _, c := range allowed {
			t.Run(c.name, func(t *testing.T) {
				p, err := w.svc.UpdatePerson(ctx, w.actor(t, c.actor), id(c.target), c.patch)
				if err != nil {
					t.Fatal(err)
				}
				stored := must(w.svc.Person(ctx, w.actor(t, c.actor), id(c.target)))(t)
				if !c.check(p) || !c.check(stored) {
					t.Errorf("returned %+v, stored %+v", p, stored)
				}
			})
		}

		refused := []struct {
			name   string
			actor  string
			target string
			patch  domain.PersonPatch
			want   error
			field  string
		}{
			{"a rep changes a colleague's name", "rep1A", "rep2A", domain.PersonPatch{Name: ptr("X")}, domain.ErrForbidden, ""},
			{"a manager changes a report's hours", "managerA", "rep1A",
				domain.PersonPatch{WorkingHours: &domain.WorkingHours{Start: 0, End: 60}}, domain.ErrForbidden, ""},
			{"a rep changes their own roles", "rep1A", "rep1A", domain.PersonPatch{Roles: &domain.Roles{domain.RoleAdmin}}, domain.ErrForbidden, ""},
			{"a rep changes their own e-mail", "rep1A", "rep1A", domain.PersonPatch{Email: ptr("r@alpha.example")}, domain.ErrForbidden, ""},
			{"a rep changes their own team", "rep1A", "rep1A", domain.PersonPatch{TeamID: ptr(int64(0))}, domain.ErrForbidden, ""},
			{"a rep changes their own manager", "rep1A", "rep1A", domain.PersonPatch{ManagerID: ptr(int64(0))}, domain.ErrForbidden, ""},
			{"a rep deactivates themselves", "rep1A", "rep1A", domain.PersonPatch{Active: ptr(false)}, domain.ErrForbidden, ""},
			{"a rep changes their own start date", "rep1A", "rep1A", domain.PersonPatch{StartDate: ptr(time.Time{})}, domain.ErrForbidden, ""},
			{"a rep changes their own region", "rep1A", "rep1A", domain.PersonPatch{Region: ptr("AMER")}, domain.ErrForbidden, ""},
			{"a rep changes someone in another organisation", "rep1A", "repB", domain.PersonPatch{Name: ptr("X")}, domain.ErrForbidden, ""},
			{"an admin changes someone in another organisation", "adminA", "repB", domain.PersonPatch{Name: ptr("X")}, domain.ErrNotFound, ""},
			{"an admin makes someone their own manager", "adminA", "rep1A",
				domain.PersonPatch{ManagerID: ptr(id("rep1A"))}, domain.ErrInvalid, "manager_id"},
			{"an admin puts someone in another organisation's team", "adminA", "rep1A",
				domain.PersonPatch{TeamID: &w.teamB.ID}, domain.ErrInvalid, "team_id"},
			{"an admin gives someone another organisation's manager", "adminA", "rep1A",
				domain.PersonPatch{ManagerID: ptr(id("adminB"))}, domain.ErrInvalid, "manager_id"},
			{"an admin sets a missing team", "adminA", "rep1A", domain.PersonPatch{TeamID: ptr(int64(999999))}, domain.ErrInvalid, "team_id"},
			{"an unknown time zone", "rep1A", "rep1A", domain.PersonPatch{TimeZone: ptr("Mars/Base")}, domain.ErrInvalid, "timezone"},
			{"an empty name", "rep1A", "rep1A", domain.PersonPatch{Name: ptr("  ")}, domain.ErrInvalid, "name"},
			{"inverted working hours", "rep1A", "rep1A",
				domain.PersonPatch{WorkingHours: &domain.WorkingHours{Start: 600, End: 540}}, domain.ErrInvalid, "working_hours"},
			{"a malformed e-mail", "adminA", "rep1A", domain.PersonPatch{Email: ptr("rita-at-alpha")}, domain.ErrInvalid, "email"},
			{"a colleague's e-mail", "adminA", "rep1A", domain.PersonPatch{Email: ptr("MAYA@alpha.example")}, domain.ErrConflict, ""},
		}
		for _, c := range refused {
			t.Run("refused: "+c.name, func(t *testing.T) {
				sys := service.SystemActor(w.actor(t, c.target).Org)
				before := must(w.svc.Person(ctx, sys, id(c.target)))(t)
				_, err := w.svc.UpdatePerson(ctx, w.actor(t, c.actor), id(c.target), c.patch)
				if c.field != "" {
					wantField(t, err, c.field)
				} else {
					wantErr(t, err, c.want)
				}
				if after := must(w.svc.Person(ctx, sys, id(c.target)))(t); fmt.Sprint(after) != fmt.Sprint(before) {
					t.Errorf("a refused update changed the person:\nbefore %+v\nafter  %+v", before, after)
				}
			})
		}
	})
}

func TestCreatePeopleAndTeams(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		admin := w.actor(t, "adminA")

		t.Run("only admins add people and teams", func(t *testing.T) {
			for _, who := range []string{"rep1A", "managerA"} {
				_, err := w.svc.CreatePerson(ctx, w.actor(t, who), domain.Person{Name: "N", Email: "n@alpha.example"})
				wantErr(t, err, domain.ErrForbidden)
				_, err = w.svc.CreateTeam(ctx, w.actor(t, who), domain.Team{Name: "T"})
				wantErr(t, err, domain.ErrForbidden)
			}
		})

		t.Run("a new person gets defaults and is active", func(t *testing.T) {
			p := must(w.svc.CreatePerson(ctx, admin, domain.Person{Name: "Nina", Email: "NINA@alpha.example", Active: false}))(t)
			if !p.Active || p.Email != "nina@alpha.example" || p.TimeZone != "UTC" || !p.Roles.Has(domain.RoleRep) ||
				p.WorkingHours != domain.DefaultWorkingHours || p.OrgID != w.orgA.ID {
				t.Errorf("created %+v", p)
			}
		})

		t.Run("references must be in the organisation", func(t *testing.T) {
			_, err := w.svc.CreatePerson(ctx, admin, domain.Person{Name: "N", Email: "n2@alpha.example", TeamID: w.teamB.ID})
			wantField(t, err, "team_id")
			_, err = w.svc.CreatePerson(ctx, admin, domain.Person{Name: "N", Email: "n2@alpha.example", ManagerID: w.people["repB"].ID})
			wantField(t, err, "manager_id")
			_, err = w.svc.CreateTeam(ctx, admin, domain.Team{Name: "T", ManagerID: w.people["adminB"].ID})
			wantField(t, err, "manager_id")
		})

		t.Run("e-mails are unique per organisation only", func(t *testing.T) {
			_, err := w.svc.CreatePerson(ctx, admin, domain.Person{Name: "R", Email: "Rita@alpha.example"})
			wantErr(t, err, domain.ErrConflict)
			must(w.svc.CreatePerson(ctx, w.actor(t, "adminB"), domain.Person{Name: "R", Email: "rita@alpha.example"}))(t)
		})
	})
}

func TestReadsAreScopedToTheOrganisation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita, bob := w.actor(t, "rep1A"), w.actor(t, "repB")

		_, err := w.svc.Person(ctx, rita, w.people["repB"].ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.PersonByEmail(ctx, rita, "bob@bravo.example")
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Team(ctx, rita, w.teamB.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.TeamMembers(ctx, rita, w.teamB.ID)
		wantErr(t, err, domain.ErrNotFound)

		people, total := must2list(w.svc.People(ctx, bob, domain.PersonFilter{}))(t)
		if total != 2 || len(people) != 2 {
			t.Errorf("org B sees %d of %d people", len(people), total)
		}
		for _, p := range people {
			if p.OrgID != w.orgB.ID {
				t.Errorf("org B sees %+v", p)
			}
		}
		people, total = must2list(w.svc.People(ctx, bob, domain.PersonFilter{TeamID: w.teamA.ID}))(t)
		if total != 0 || len(people) != 0 {
			t.Errorf("org B's filter by org A's team finds %d", total)
		}
		teams := must(w.svc.Teams(ctx, bob))(t)
		if len(teams) != 1 || teams[0].ID != w.teamB.ID {
			t.Errorf("org B's teams: %+v", teams)
		}
		members := must(w.svc.TeamMembers(ctx, rita, w.teamA.ID))(t)
		if len(members) != 3 {
			t.Errorf("team A has %d members, want 3", len(members))
		}

		// Limits outside 1–500 fall back to the default page.
		for _, limit := range []int{-1, 0, 501} {
			people, _ := must2list(w.svc.People(ctx, rita, domain.PersonFilter{Page: domain.Page{Limit: limit, Offset: -3}}))(t)
			if len(people) != 4 {
				t.Errorf("limit %d: %d people, want all 4", limit, len(people))
			}
		}
		people, _ = must2list(w.svc.People(ctx, rita, domain.PersonFilter{Page: domain.Page{Limit: 1, Offset: 1}}))(t)
		if len(people) != 1 {
			t.Errorf("limit 1: %d people", len(people))
		}
	})
}

func must2list(people []domain.Person, total int, err error) func(t *testing.T) ([]domain.Person, int) {
	return func(t *testing.T) ([]domain.Person, int) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return people, total
	}
}
