package demo

import (
	"bytes"
	"slices"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/roster"
)

func TestRosterIsDeterministic(t *testing.T) {
	a, b := Roster(42), Roster(42)
	if !bytes.Equal(a, b) {
		t.Fatal("Roster(42) differs between calls")
	}
	if bytes.Equal(a, Roster(43)) {
		t.Error("Roster(42) and Roster(43) are identical; the seed does nothing")
	}
}

func TestRosterImports(t *testing.T) {
	for _, seed := range []int64{0, 1, 42, -7, 1 << 40} {
		rows, err := roster.Parse(bytes.NewReader(Roster(seed)))
		if err != nil {
			t.Fatalf("seed %d: Parse: %v", seed, err)
		}
		plan, err := roster.Plan(rows, nil, nil)
		if err != nil {
			t.Fatalf("seed %d: Plan: %v", seed, err)
		}
		if len(rows) < 40 || len(rows) > 60 || len(plan.Create) != len(rows) {
			t.Errorf("seed %d: %d rows, %d to create; want 40–60", seed, len(rows), len(plan.Create))
		}
		var want []domain.TeamManager
		for _, team := range Teams {
			want = append(want, domain.TeamManager{TeamName: team.Name, ManagerEmail: team.ManagerEmail})
		}
		if !slices.Equal(plan.TeamManagers, want) || len(plan.NewTeams) != len(Teams) {
			t.Errorf("seed %d: team managers %+v, want %+v", seed, plan.TeamManagers, want)
		}
	}
}

func TestPeopleShape(t *testing.T) {
	people := People(7)
	emails := map[string]bool{}
	regions, zones := map[string]bool{}, map[string]bool{}
	for _, m := range people {
		if emails[m.Email] {
			t.Errorf("duplicate e-mail %s", m.Email)
		}
		emails[m.Email] = true
		regions[m.Region], zones[m.TimeZone] = true, true
		if m.Team != "" && !m.Roles.Has(domain.RoleManager) {
			if team := teamNamed(m.Team); m.ManagerEmail != team.ManagerEmail {
				t.Errorf("%s reports to %s, not to the %s manager", m.Name, m.ManagerEmail, m.Team)
			}
		}
	}
	if len(regions) < 3 || len(zones) < 3 || len(Teams) < 3 {
		t.Errorf("%d regions, %d zones, %d teams; want at least 3 of each", len(regions), len(zones), len(Teams))
	}
	for _, team := range Teams {
		members := InTeam(people, team.Name)
		managers := ByRole(members, domain.RoleManager)
		if len(managers) != 1 || managers[0].Email != team.ManagerEmail || managers[0].ManagerEmail != VPEmail {
			t.Errorf("%s: managers %+v; want one, %s, reporting to the VP", team.Name, managers, team.ManagerEmail)
		}
		if coaches := ByRole(members, domain.RoleCoach); len(coaches) != 2 {
			t.Errorf("%s: %d coaches, want 2", team.Name, len(coaches))
		}
		if len(members) != team.Size {
			t.Errorf("%s: %d people, want %d", team.Name, len(members), team.Size)
		}
	}
	i := slices.IndexFunc(people, func(m Member) bool { return m.Email == SignInEmail })
	if i < 0 {
		t.Fatal("no Ana")
	}
	if ana := people[i]; ana.Roles.String() != "rep,coach,admin" || ana.Team != "EMEA Enterprise" {
		t.Errorf("Ana = %+v; want rep, coach and admin in EMEA Enterprise", ana)
	}
	if admins := ByRole(people, domain.RoleAdmin); len(admins) != 2 {
		t.Errorf("%d admins, want Ana and RevOps", len(admins))
	}
}

func teamNamed(name string) Team {
	for _, t := range Teams {
		if t.Name == name {
			return t
		}
	}
	return Team{}
}

func TestTenureIsVaried(t *testing.T) {
	var newHires, ramped, veterans int
	for _, m := range People(3) {
		days := int(ReferenceDate.Sub(m.StartDate).Hours() / 24)
		if days < 14 || days > 8*365 {
			t.Errorf("%s started %d days before the reference date; want 14 to %d", m.Name, days, 8*365)
		}
		switch {
		case days <= 120:
			newHires++
		case days <= 3*365:
			ramped++
		default:
			veterans++
		}
	}
	if newHires < 4 || ramped < 10 || veterans < 6 {
		t.Errorf("%d new hires, %d ramped, %d veterans; want a mix", newHires, ramped, veterans)
	}
}
