package roster

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"huddle/internal/domain"
)

// org is what a store would hold; apply does what ApplyRoster does.
type org struct {
	people []domain.Person
	teams  []domain.Team
	nextID int64
}

func (o *org) id() int64 { o.nextID++; return o.nextID }

func (o *org) personID(t *testing.T, email string) int64 {
	t.Helper()
	if email == "" {
		return 0
	}
	for _, p := range o.people {
		if p.Email == email {
			return p.ID
		}
	}
	t.Fatalf("apply: no person %s", email)
	return 0
}

func (o *org) teamIndex(t *testing.T, name string) int {
	t.Helper()
	for i, tm := range o.teams {
		if strings.EqualFold(tm.Name, name) {
			return i
		}
	}
	t.Fatalf("apply: no team %q", name)
	return -1
}

func (o *org) apply(t *testing.T, plan domain.RosterPlan) {
	t.Helper()
	for _, nt := range plan.NewTeams {
		nt.ID = o.id()
		o.teams = append(o.teams, nt)
	}
	for _, e := range plan.Create {
		p := e.Person
		p.ID = o.id()
		o.people = append(o.people, p)
	}
	for _, entries := range [][]domain.RosterEntry{plan.Create, plan.Update} {
		for _, e := range entries {
			i := slices.IndexFunc(o.people, func(p domain.Person) bool { return p.Email == e.Person.Email })
			p := e.Person
			p.ID = o.people[i].ID
			p.TeamID = 0
			if e.TeamName != "" {
				p.TeamID = o.teams[o.teamIndex(t, e.TeamName)].ID
			}
			p.ManagerID = o.personID(t, e.ManagerEmail)
			o.people[i] = p
		}
	}
	for _, tm := range plan.TeamManagers {
		o.teams[o.teamIndex(t, tm.TeamName)].ManagerID = o.personID(t, tm.ManagerEmail)
	}
}

func (o *org) person(email string) domain.Person {
	i := slices.IndexFunc(o.people, func(p domain.Person) bool { return p.Email == email })
	return o.people[i]
}

func mustPlan(t *testing.T, o *org, text string) domain.RosterPlan {
	t.Helper()
	plan, err := Plan(mustParse(t, text), o.people, o.teams)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	return plan
}

const acme = header +
	"Vera Vance,vera@acme.test,,,manager,Global,America/New_York,2018-01-08,\n" +
	"Maria López,maria@acme.test,EMEA Enterprise,vera@acme.test,manager,EMEA,Europe/Madrid,2019-05-06,08:00-16:00\n" +
	"Ben Okoye,ben@acme.test,EMEA Enterprise,maria@acme.test,\"rep,coach\",EMEA,Europe/London,2024-03-01,\n" +
	"Chloé Martin,chloe@acme.test,emea enterprise,maria@acme.test,,EMEA,Europe/Paris,,\n" +
	"Sam Lee,sam@acme.test,APAC Growth,vera@acme.test,manager,APAC,Asia/Singapore,2020-02-03,\n" +
	"Priya Nair,priya@acme.test,APAC Growth,sam@acme.test,rep,APAC,Asia/Kolkata,2026-10-19,10:00-18:00\n"

func TestPlanNewOrganisation(t *testing.T) {
	o := &org{}
	plan := mustPlan(t, o, acme)
	if got := teamNames(plan.NewTeams); !slices.Equal(got, []string{"EMEA Enterprise/EMEA", "APAC Growth/APAC"}) {
		t.Errorf("NewTeams = %q", got)
	}
	if len(plan.Create) != 6 || len(plan.Update) != 0 || plan.UnchangedRows != 0 {
		t.Fatalf("create %d, update %d, unchanged %d", len(plan.Create), len(plan.Update), plan.UnchangedRows)
	}
	chloe := plan.Create[3]
	if chloe.TeamName != "EMEA Enterprise" || chloe.ManagerEmail != "maria@acme.test" || chloe.Line != 5 ||
		chloe.Person.Roles.String() != "rep" || chloe.Person.WorkingHours != domain.DefaultWorkingHours || !chloe.Person.Active {
		t.Errorf("Chloé = %+v", chloe)
	}
	want := []domain.TeamManager{{TeamName: "EMEA Enterprise", ManagerEmail: "maria@acme.test"}, {TeamName: "APAC Growth", ManagerEmail: "sam@acme.test"}}
	if !slices.Equal(plan.TeamManagers, want) {
		t.Errorf("TeamManagers = %+v, want %+v", plan.TeamManagers, want)
	}
}

func teamNames(teams []domain.Team) []string {
	var out []string
	for _, t := range teams {
		out = append(out, t.Name+"/"+t.Region)
	}
	return out
}

func TestPlanReimportChangesNothing(t *testing.T) {
	o := &org{}
	o.apply(t, mustPlan(t, o, acme))
	plan := mustPlan(t, o, acme)
	if !plan.Empty() || plan.UnchangedRows != 6 {
		t.Errorf("re-import plan = %+v; want empty with 6 unchanged rows", plan)
	}
	// A partial export with only names and e-mails keeps everything else.
	plan = mustPlan(t, o, "Full Name,Email\nBen Okoye,ben@acme.test\nPriya Nair,priya@acme.test\n")
	if !plan.Empty() || plan.UnchangedRows != 2 {
		t.Errorf("partial re-import plan = %+v; want empty", plan)
	}
}

func TestPlanDetectsUpdates(t *testing.T) {
	o := &org{}
	o.apply(t, mustPlan(t, o, acme))
	changed := header +
		"Maria López,maria@acme.test,EMEA Enterprise,vera@acme.test,manager,EMEA,Europe/Madrid,2019-05-06,08:00-16:00\n" +
		"Benjamin Okoye,ben@acme.test,APAC Growth,sam@acme.test,rep,APAC,Asia/Singapore,2024-03-04,08:30-17:30\n" +
		"Chloé Martin,CHLOE@acme.test,EMEA Enterprise,,,,,,\n" +
		"Ola Nordmann,ola@acme.test,EMEA Mid-Market,maria@acme.test,,EMEA,Europe/Oslo,,\n"
	plan := mustPlan(t, o, changed)
	if plan.UnchangedRows != 2 || len(plan.Create) != 1 || len(plan.Update) != 1 {
		t.Fatalf("plan = %+v", plan)
	}
	ben := plan.Update[0]
	wantChanges := []string{
		"name: Ben Okoye → Benjamin Okoye",
		"roles: rep,coach → rep",
		"team: EMEA Enterprise → APAC Growth",
		"manager_email: maria@acme.test → sam@acme.test",
		"region: EMEA → APAC",
		"timezone: Europe/London → Asia/Singapore",
		"working_hours: 09:00-17:00 → 08:30-17:30",
		"start_date: 2024-03-01 → 2024-03-04",
	}
	if !slices.Equal(ben.Changes, wantChanges) {
		t.Errorf("changes:\n got %q\nwant %q", ben.Changes, wantChanges)
	}
	if ben.Line != 3 || ben.Person.ID != o.person("ben@acme.test").ID || ben.TeamName != "APAC Growth" ||
		ben.Person.TeamID != o.teams[o.teamIndex(t, "APAC Growth")].ID || ben.Person.ManagerID != o.person("sam@acme.test").ID {
		t.Errorf("Ben = %+v", ben)
	}
	// Ola's new team is created; its manager is Maria although she is
	// not in it, and the team is new, so the plan names her.
	if got := teamNames(plan.NewTeams); !slices.Equal(got, []string{"EMEA Mid-Market/EMEA"}) {
		t.Errorf("NewTeams = %q", got)
	}
	if ola := plan.Create[0]; ola.Person.TeamID != 0 || ola.Person.ManagerID != o.person("maria@acme.test").ID {
		t.Errorf("Ola = %+v", ola)
	}
	want := []domain.TeamManager{{TeamName: "EMEA Mid-Market", ManagerEmail: "maria@acme.test"}}
	if !slices.Equal(plan.TeamManagers, want) {
		t.Errorf("TeamManagers = %+v, want %+v", plan.TeamManagers, want)
	}
	o.apply(t, plan)
	if again := mustPlan(t, o, changed); !again.Empty() {
		t.Errorf("re-import after update = %+v; want empty", again)
	}
}

func TestPlanTeamManagerChanges(t *testing.T) {
	o := &org{}
	o.apply(t, mustPlan(t, o, acme))
	// Sam takes over EMEA: two of its three members now report to him.
	plan := mustPlan(t, o, header+
		"Ben Okoye,ben@acme.test,EMEA Enterprise,sam@acme.test,,,,,\n"+
		"Chloé Martin,chloe@acme.test,EMEA Enterprise,sam@acme.test,,,,,\n")
	want := []domain.TeamManager{{TeamName: "EMEA Enterprise", ManagerEmail: "sam@acme.test"}}
	if !slices.Equal(plan.TeamManagers, want) {
		t.Errorf("TeamManagers = %+v, want %+v", plan.TeamManagers, want)
	}
	// A tie goes to the alphabetically first e-mail.
	o2 := &org{}
	plan = mustPlan(t, o2, header+
		"Zed,zed@x.test,,,manager,,,,\nAbe,abe@x.test,,,manager,,,,\n"+
		"R1,r1@x.test,Team,zed@x.test,,,,,\nR2,r2@x.test,TEAM,abe@x.test,,,,,\n")
	want = []domain.TeamManager{{TeamName: "Team", ManagerEmail: "abe@x.test"}}
	if !slices.Equal(plan.TeamManagers, want) || len(plan.NewTeams) != 1 {
		t.Errorf("TeamManagers = %+v, want %+v", plan.TeamManagers, want)
	}
}

func TestPlanProblems(t *testing.T) {
	o := &org{}
	o.apply(t, mustPlan(t, o, acme))
	tests := []struct {
		name, text string
		want       []string
	}{
		{"unknown manager", header + "Ana,ana@acme.test,,nobody@acme.test,,,,,\nBo,bo@acme.test,,vera@acme.test,,,,,\n",
			[]string{"line 2: manager_email: no person with e-mail nobody@acme.test in this file or in Huddle; add a row for them or correct the address"}},
		{"managers in a circle", header + "Ana,ana@acme.test,,bo@acme.test,,,,,\nBo,bo@acme.test,,cy@acme.test,,,,,\nCy,cy@acme.test,,ana@acme.test,,,,,\n",
			[]string{"line 2: manager_email: managers go round in a circle (ana@acme.test → bo@acme.test → cy@acme.test → ana@acme.test); give one of them a different manager"}},
		{"circle through stored people", header + "Vera Vance,vera@acme.test,,ben@acme.test,,,,,\n",
			[]string{"line 2: manager_email: managers go round in a circle (vera@acme.test → ben@acme.test → maria@acme.test → vera@acme.test); give one of them a different manager"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Plan(mustParse(t, tt.text), o.people, o.teams)
			var errs *Errors
			if !errors.As(err, &errs) {
				t.Fatalf("Plan error = %v; want *Errors", err)
			}
			var got []string
			for _, p := range errs.Problems {
				got = append(got, p.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
	// Rows that did not come from Parse are checked too.
	_, err := Plan([]Row{{Line: 7, Person: domain.Person{Name: "X", Email: "x@acme.test"}}, {Line: 9, Person: domain.Person{Name: "X", Email: "x@acme.test"}}}, nil, nil)
	if err == nil || err.Error() != "line 9: email: x@acme.test is also on line 7; list each person once" {
		t.Errorf("duplicate rows: %v", err)
	}
}
