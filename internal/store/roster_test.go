package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// rosterPlan creates two teams, a manager and two reps, one of whom is
// managed by someone created in the same plan, and updates an existing
// person.
func rosterPlan() domain.RosterPlan {
	person := func(name, email string, roles ...domain.Role) domain.Person {
		return domain.Person{Name: name, Email: email, Roles: roles, Active: true, Region: "EMEA",
			TimeZone: "Europe/Berlin", StartDate: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)}
	}
	return domain.RosterPlan{
		NewTeams: []domain.Team{{Name: "North", Region: "EMEA"}, {Name: "South"}},
		Create: []domain.RosterEntry{
			{Line: 2, Person: person("Rita Rep", "rita@acme.com", domain.RoleRep), TeamName: "north", ManagerEmail: "MAX@acme.com"},
			{Line: 3, Person: person("Max Manager", "max@acme.com", domain.RoleManager), TeamName: "North"},
			{Line: 4, Person: person("Sam Rep", "sam@acme.com", domain.RoleRep), TeamName: "Existing", ManagerEmail: "old@acme.com"},
		},
		Update: []domain.RosterEntry{
			{Line: 5, Person: person("Olga Old", "old@acme.com", domain.RoleManager, domain.RoleCoach), TeamName: "SOUTH",
				ManagerEmail: "max@acme.com", Changes: []string{"name", "roles", "team"}},
		},
		TeamManagers: []domain.TeamManager{{TeamName: "North", ManagerEmail: "max@acme.com"}, {TeamName: "south", ManagerEmail: "old@acme.com"}},
	}
}

// snapshot renders the organisation's teams and people for comparison.
func snapshot(t *testing.T, db *store.DB, orgID int64) string {
	t.Helper()
	ctx := context.Background()
	teams, err := db.Teams(ctx, orgID)
	must(t, err)
	people, _, err := db.People(ctx, orgID, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	must(t, err)
	var b strings.Builder
	for _, team := range teams {
		b.WriteString(team.Name + " " + team.Region + " mgr=" + personEmail(people, team.ManagerID) + "\n")
	}
	for _, p := range people {
		b.WriteString(p.Email + " " + p.Name + " " + p.Roles.String() + " team=" + teamName(teams, p.TeamID) +
			" mgr=" + personEmail(people, p.ManagerID) + " " + p.Region + " " + p.TimeZone + " " +
			p.StartDate.Format(domain.DateLayout) + "\n")
	}
	return b.String()
}

func personEmail(people []domain.Person, id int64) string {
	for _, p := range people {
		if p.ID == id {
			return p.Email
		}
	}
	return "-"
}

func teamName(teams []domain.Team, id int64) string {
	for _, t := range teams {
		if t.ID == id {
			return t.Name
		}
	}
	return "-"
}

// rosterOrg creates an organisation with a team "Existing" and one person.
func rosterOrg(t *testing.T, db *store.DB) domain.Org {
	t.Helper()
	acme := newOrg(t, db, "acme")
	newTeam(t, db, acme.ID, "Existing")
	newPerson(t, db, acme.ID, "Olga", "old@acme.com")
	return acme
}

func TestApplyRoster(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := rosterOrg(t, db)
		must(t, db.ApplyRoster(ctx, acme.ID, rosterPlan()))
		const want = `Existing EMEA mgr=-
North EMEA mgr=max@acme.com
South  mgr=old@acme.com
max@acme.com Max Manager manager team=North mgr=- EMEA Europe/Berlin 2025-02-03
old@acme.com Olga Old coach,manager team=South mgr=max@acme.com EMEA Europe/Berlin 2025-02-03
rita@acme.com Rita Rep rep team=North mgr=max@acme.com EMEA Europe/Berlin 2025-02-03
sam@acme.com Sam Rep rep team=Existing mgr=old@acme.com EMEA Europe/Berlin 2025-02-03
`
		if got := snapshot(t, db, acme.ID); got != want {
			t.Errorf("after apply:\n%s\nwant:\n%s", got, want)
		}
		// Applying the same plan again changes nothing and fails on nothing.
		must(t, db.ApplyRoster(ctx, acme.ID, rosterPlan()))
		if got := snapshot(t, db, acme.ID); got != want {
			t.Errorf("after re-apply:\n%s\nwant:\n%s", got, want)
		}
		must(t, db.ApplyRoster(ctx, acme.ID, domain.RosterPlan{}))
	})
}

func TestApplyRosterAllOrNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := rosterOrg(t, db)
		before := snapshot(t, db, acme.ID)
		for name, c := range map[string]struct {
			edit func(*domain.RosterPlan)
			kind error
			msg  string
		}{
			"unknown manager": {func(p *domain.RosterPlan) { p.Create[0].ManagerEmail = "ghost@acme.com" }, domain.ErrInvalid,
				"line 2: manager: there is no person with the e-mail ghost@acme.com"},
			"unknown team": {func(p *domain.RosterPlan) { p.Update[0].TeamName = "Atlantis" }, domain.ErrInvalid,
				`line 5: team: there is no team "Atlantis"`},
			"team manager unknown": {func(p *domain.RosterPlan) { p.TeamManagers[1].ManagerEmail = "ghost@acme.com" }, domain.ErrInvalid, ""},
			"team unknown":         {func(p *domain.RosterPlan) { p.TeamManagers[1].TeamName = "Atlantis" }, domain.ErrInvalid, ""},
			"own manager":          {func(p *domain.RosterPlan) { p.Create[1].ManagerEmail = "max@acme.com" }, domain.ErrInvalid, ""},
			"bad person":           {func(p *domain.RosterPlan) { p.Create[2].Person.TimeZone = "Mars/Base" }, domain.ErrInvalid, ""},
		} {
			t.Run(name, func(t *testing.T) {
				plan := rosterPlan()
				c.edit(&plan)
				err := db.ApplyRoster(ctx, acme.ID, plan)
				if !errors.Is(err, c.kind) {
					t.Fatalf("err = %v, want %v", err, c.kind)
				}
				if msg, _ := domain.UserMessage(err); c.msg != "" && msg != c.msg {
					t.Errorf("message = %q, want %q", msg, c.msg)
				}
				if after := snapshot(t, db, acme.ID); after != before {
					t.Errorf("database changed:\n%s\nwas:\n%s", after, before)
				}
			})
		}
		wantErr(t, db.ApplyRoster(ctx, 424242, rosterPlan()), domain.ErrNotFound)

		// A person listed twice is created, then updated: allowed.
		plan := rosterPlan()
		twice := plan.Create[0]
		twice.Person.Email, twice.Person.Name = "RITA@acme.com", "Rita Again"
		plan.Create = append(plan.Create, twice)
		must(t, db.ApplyRoster(ctx, acme.ID, plan))
		rita, err := db.PersonByEmail(ctx, acme.ID, "rita@acme.com")
		must(t, err)
		if rita.Name != "Rita Again" {
			t.Errorf("twice-listed person = %+v", rita)
		}
	})
}
