package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"huddle/internal/service"
)

// apiRoutes are the authenticated routes of the API's route table.
var apiRoutes = []struct{ method, path string }{
	{"GET", "/api/v1/org"}, {"GET", "/api/v1/me"}, {"GET", "/api/v1/teams"}, {"POST", "/api/v1/teams"},
	{"GET", "/api/v1/teams/%d"}, {"GET", "/api/v1/people"}, {"POST", "/api/v1/people"},
	{"GET", "/api/v1/people/%d"}, {"PATCH", "/api/v1/people/%d"}, {"POST", "/api/v1/roster"},
}

// Roster files for the API import.
const apiRoster = "name,email,team,manager_email,timezone\n" +
	"Quinn Quota,quinn@alpha.example,Alpha Sales,maya@alpha.example,America/Chicago\n" +
	"Ravi Renewal,ravi@alpha.example,Alpha Renewals,,Asia/Kolkata\n"

// jsonError requires the API's error shape with the given code.
func jsonError(code string) func(t *testing.T, res response) {
	return func(t *testing.T, res response) {
		t.Helper()
		if ct := res.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type %q, want application/json", ct)
		}
		var body struct {
			Error struct{ Code, Message string }
		}
		if err := json.Unmarshal([]byte(res.body), &body); err != nil || body.Error.Code != code || body.Error.Message == "" {
			t.Errorf("body %s: want {\"error\":{\"code\":%q,\"message\":…}} (%v)", res.body, code, err)
		}
		if code == "unauthenticated" && !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("401 without WWW-Authenticate: Bearer (%q)", res.Header.Get("WWW-Authenticate"))
		}
	}
}

// apiScenarios covers every API route: anonymous, with the wrong role,
// across organisations, with bad input, and the roster import.
func apiScenarios(t *testing.T, f *fixture) []scenario {
	ctx := context.Background()
	rep1, rep2 := f.members["rep1A"], f.members["rep2A"]
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }
	jsonCase := func(c scenario, body string) scenario {
		c.body, c.ctype = body, jsonType
		return c
	}

	// Anonymous, cookie-only and unknown-token callers are 401 everywhere.
	for _, r := range apiRoutes {
		p := r.path
		if strings.Contains(p, "%d") {
			p = fmt.Sprintf(p, rep1.Person.ID)
		}
		add(scenario{name: "anonymous " + r.method + " " + p + " is 401", method: r.method, path: p, body: "{}", ctype: jsonType,
			status: 401, contains: []string{"Authorization: Bearer"}, check: jsonError("unauthenticated"), unchanged: f.orgState(f.orgA)})
	}
	add(
		scenario{name: "a session cookie does not open the API", who: "cookie:adminA", method: "GET", path: "/api/v1/people",
			status: 401, check: jsonError("unauthenticated"), excludes: []string{"alpha.example"}},
		scenario{name: "an unknown token is 401", method: "GET", path: "/api/v1/me",
			header: map[string]string{"Authorization": "Bearer hud_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
			status: 401, contains: []string{"unknown or revoked"}, check: jsonError("unauthenticated")},
		scenario{name: "a session secret is not an API token", method: "GET", path: "/api/v1/me",
			header: map[string]string{"Authorization": "Bearer " + rep1.Cookie},
			status: 401, check: jsonError("unauthenticated")},
		scenario{name: "another auth scheme is 401", method: "GET", path: "/api/v1/me",
			header: map[string]string{"Authorization": "Basic " + rep1.Token}, status: 401, check: jsonError("unauthenticated")},
	)

	// Reading.
	add(
		scenario{name: "the token owner's organisation", who: "token:rep1A", method: "GET", path: "/api/v1/org",
			status: 200, contains: []string{`"slug": "alpha"`, `"name": "Alpha Inc"`}},
		scenario{name: "the token owner", who: "token:rep2A", method: "GET", path: "/api/v1/me",
			status: 200, contains: []string{`"email": "remy@alpha.example"`, `"roles": [`}},
		scenario{name: "teams of the organisation", who: "token:rep1A", method: "GET", path: "/api/v1/teams",
			status: 200, contains: []string{"Alpha Sales", "Alpha Partners"}},
		scenario{name: "one team", who: "token:rep1A", method: "GET", path: fmt.Sprintf("/api/v1/teams/%d", f.teamA.ID),
			status: 200, contains: []string{`"name": "Alpha Sales"`, fmt.Sprintf(`"manager_id": %d`, f.id("managerA"))}},
		scenario{name: "a missing team is 404", who: "token:rep1A", method: "GET", path: "/api/v1/teams/999999",
			status: 404, check: jsonError("not_found")},
		scenario{name: "people of the organisation", who: "token:rep1A", method: "GET", path: "/api/v1/people?limit=2&offset=1",
			status: 200, contains: []string{`"limit": 2`, `"offset": 1`}, check: func(t *testing.T, res response) {
				var page struct {
					Items []json.RawMessage
					Total int
				}
				if err := json.Unmarshal([]byte(res.body), &page); err != nil || len(page.Items) != 2 || page.Total < 5 {
					t.Errorf("page %s (%v)", res.body, err)
				}
			}},
		scenario{name: "people filtered by role", who: "token:rep1A", method: "GET", path: "/api/v1/people?role=manager",
			status: 200, contains: []string{"maya@alpha.example", `"total": 1`}, excludes: []string{"remy@alpha.example"}},
		scenario{name: "people searched by e-mail", who: "token:rep1A", method: "GET", path: "/api/v1/people?q=REMY",
			status: 200, contains: []string{"remy@alpha.example", `"total": 1`}},
		scenario{name: "one person", who: "token:rep1A", method: "GET", path: fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID),
			status: 200, contains: []string{`"name": "Remy Rep"`, `"timezone": "Europe/London"`, fmt.Sprintf(`"team_id": %d`, f.teamA.ID)}},
		scenario{name: "a malformed person id is 404", who: "token:rep1A", method: "GET", path: "/api/v1/people/x1",
			status: 404, check: jsonError("not_found")},
	)

	// Cross-tenant: org A cannot read or change org B, and the reverse.
	bravoNames := []string{"Bartholomew", "bravo.example", "Brunhilde", "Bravo"}
	add(
		scenario{name: "org A's token cannot read org B's person", who: "token:adminA", method: "GET",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("repB")), status: 404, excludes: bravoNames, check: jsonError("not_found")},
		scenario{name: "org A's token cannot read org B's team", who: "token:adminA", method: "GET",
			path: fmt.Sprintf("/api/v1/teams/%d", f.teamB.ID), status: 404, excludes: bravoNames, check: jsonError("not_found")},
		jsonCase(scenario{name: "org A's admin cannot change org B's person", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("repB")), status: 404, excludes: bravoNames,
			check: jsonError("not_found"), unchanged: f.personState("repB")}, `{"name":"Pwned"}`),
		jsonCase(scenario{name: "org A's rep cannot change org B's person", who: "token:rep1A", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("repB")), status: 403, excludes: bravoNames,
			check: jsonError("forbidden"), unchanged: f.personState("repB")}, `{"name":"Pwned"}`),
		jsonCase(scenario{name: "a rep changing a missing person looks the same as another org's", who: "token:rep1A", method: "PATCH",
			path: "/api/v1/people/999999", status: 403, check: jsonError("forbidden")}, `{"name":"Pwned"}`),
		jsonCase(scenario{name: "org A's team routes have no PATCH for org B's team", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/teams/%d", f.teamB.ID), status: 404, excludes: bravoNames, check: jsonError("not_found")},
			`{"name":"Pwned"}`),
		jsonCase(scenario{name: "org A's person cannot join org B's team", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", rep1.Person.ID), status: 400, contains: []string{"team_id"},
			excludes: bravoNames, check: jsonError("invalid"), unchanged: f.personState("rep1A")},
			fmt.Sprintf(`{"team_id":%d}`, f.teamB.ID)),
		jsonCase(scenario{name: "org A's person cannot report to org B's admin", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", rep1.Person.ID), status: 400, contains: []string{"manager_id"},
			excludes: bravoNames, check: jsonError("invalid"), unchanged: f.personState("rep1A")},
			fmt.Sprintf(`{"manager_id":%d}`, f.id("adminB"))),
		jsonCase(scenario{name: "a new person cannot be put in org B's team", who: "token:adminA", method: "POST",
			path: "/api/v1/people", status: 400, contains: []string{"team_id"}, excludes: bravoNames,
			check: jsonError("invalid"), unchanged: f.orgState(f.orgA)},
			fmt.Sprintf(`{"name":"Sly","email":"sly@alpha.example","team_id":%d}`, f.teamB.ID)),
		jsonCase(scenario{name: "a new team cannot be managed by org B's admin", who: "token:adminA", method: "POST",
			path: "/api/v1/teams", status: 400, contains: []string{"manager_id"}, excludes: bravoNames,
			check: jsonError("invalid"), unchanged: f.orgState(f.orgA)},
			fmt.Sprintf(`{"name":"Sly Team","manager_id":%d}`, f.id("adminB"))),
		scenario{name: "org B's token lists only org B's people", who: "token:repB", method: "GET", path: "/api/v1/people?limit=500",
			status: 200, contains: []string{"bartholomew@bravo.example", `"total": 2`}, excludes: []string{"alpha.example", "Alpha"}},
		scenario{name: "org B's token cannot filter by org A's team", who: "token:repB", method: "GET",
			path: fmt.Sprintf("/api/v1/people?team_id=%d", f.teamA.ID), status: 200, contains: []string{`"total": 0`},
			excludes: []string{"alpha.example"}},
		scenario{name: "org B's token cannot search org A's people", who: "token:repB", method: "GET", path: "/api/v1/people?q=alpha",
			status: 200, contains: []string{`"total": 0`}},
		scenario{name: "org B's token lists only org B's teams", who: "token:repB", method: "GET", path: "/api/v1/teams",
			status: 200, contains: []string{"Bravo Secret Squad"}, excludes: []string{"Alpha"}},
		scenario{name: "org B's token sees org B", who: "token:repB", method: "GET", path: "/api/v1/org",
			status: 200, contains: []string{`"slug": "bravo"`}, excludes: []string{"Alpha"}},
		scenario{name: "org B's admin cannot read org A's person", who: "token:adminB", method: "GET",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("adminA")), status: 404, excludes: []string{"alpha.example", "Ada"}},
	)

	// Roles.
	add(
		jsonCase(scenario{name: "a rep cannot create a person", who: "token:rep1A", method: "POST", path: "/api/v1/people",
			status: 403, contains: []string{"only an administrator can add people"}, check: jsonError("forbidden"),
			unchanged: f.orgState(f.orgA)}, `{"name":"Sneaky","email":"sneaky@alpha.example"}`),
		jsonCase(scenario{name: "a rep cannot create a team", who: "token:rep1A", method: "POST", path: "/api/v1/teams",
			status: 403, contains: []string{"only an administrator can create teams"}, check: jsonError("forbidden"),
			unchanged: f.orgState(f.orgA)}, `{"name":"Rogue Team"}`),
		jsonCase(scenario{name: "a rep cannot change a colleague", who: "token:rep1A", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID), status: 403, contains: []string{"someone else's profile"},
			check: jsonError("forbidden"), unchanged: f.personState("rep2A")}, `{"name":"Renamed by Rita"}`),
		jsonCase(scenario{name: "a manager cannot change a report", who: "token:managerA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID), status: 403, check: jsonError("forbidden"),
			unchanged: f.personState("rep2A")}, `{"timezone":"UTC"}`),
		jsonCase(scenario{name: "a manager cannot create a person", who: "token:managerA", method: "POST", path: "/api/v1/people",
			status: 403, check: jsonError("forbidden"), unchanged: f.orgState(f.orgA)}, `{"name":"Sneaky","email":"sneaky@alpha.example"}`),
	)
	for _, own := range []struct{ what, body string }{
		{"roles", `{"roles":["admin"]}`},
		{"e-mail", `{"email":"rita2@alpha.example"}`},
		{"team", fmt.Sprintf(`{"team_id":%d}`, f.teamA2.ID)},
		{"manager", fmt.Sprintf(`{"manager_id":%d}`, f.id("coachA"))},
		{"manager to none", `{"manager_id":null}`},
		{"active flag", `{"active":false}`},
		{"start date", `{"start_date":"2020-01-01"}`},
		{"name and roles together", `{"name":"Rita Admin","roles":["rep","admin"]}`},
	} {
		add(jsonCase(scenario{name: "a rep cannot change their own " + own.what, who: "token:rep1A", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", rep1.Person.ID), status: 403,
			contains: []string{"only an administrator can change e-mail, roles"}, check: jsonError("forbidden"),
			unchanged: f.personState("rep1A")}, own.body))
	}

	// Self-service.
	add(jsonCase(scenario{name: "a rep changes their own name, time zone and working hours", who: "token:rep2A", method: "PATCH",
		path: fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID), status: 200,
		contains: []string{`"name": "Remy Remote"`, `"timezone": "Australia/Sydney"`, `"working_hours": "07:00-15:00"`, `"roles": [`},
		check: func(t *testing.T, _ response) {
			res := f.wantStatus(t, "token:adminA", fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID), 200)
			if !strings.Contains(res.body, "Australia/Sydney") {
				t.Errorf("change not stored: %s", res.body)
			}
		}}, `{"name":"  Remy Remote ","timezone":"Australia/Sydney","working_hours":"07:00-15:00"}`))

	// Bad input: 400 naming the field, and nothing changes.
	self := fmt.Sprintf("/api/v1/people/%d", rep1.Person.ID)
	for _, bad := range []struct{ what, who, body, field string }{
		{"malformed JSON", "rep1A", `{"name": }`, "body: malformed JSON"},
		{"truncated JSON", "rep1A", `{"name":`, "body:"},
		{"an empty body", "rep1A", ``, "body:"},
		{"two JSON objects", "rep1A", `{"name":"A"}{"name":"B"}`, "body:"},
		{"an unknown field", "rep1A", `{"nickname":"Ri"}`, "nickname: unknown field"},
		{"a number for a name", "rep1A", `{"name":5}`, "name: expected string"},
		{"a string for team_id", "adminA", `{"team_id":"one"}`, "team_id"},
		{"a string for roles", "adminA", `{"roles":"admin"}`, "roles"},
		{"an unknown role", "adminA", `{"roles":["wizard"]}`, "roles:"},
		{"a bad time zone", "rep1A", `{"timezone":"Mars/Olympus_Mons"}`, "timezone:"},
		{"the Local time zone", "rep1A", `{"timezone":"Local"}`, "timezone:"},
		{"bad working hours", "rep1A", `{"working_hours":"9-5"}`, "working_hours:"},
		{"working hours past midnight", "rep1A", `{"working_hours":"09:00-25:00"}`, "working_hours:"},
		{"a bad e-mail", "adminA", `{"email":"not-an-email"}`, "email:"},
		{"a bad start date", "adminA", `{"start_date":"01/02/2024"}`, "start_date:"},
		{"an empty name", "rep1A", `{"name":"   "}`, "name:"},
		{"being one's own manager", "adminA", fmt.Sprintf(`{"manager_id":%d}`, rep1.Person.ID), "manager_id:"},
		{"a missing manager", "adminA", `{"manager_id":999999}`, "manager_id:"},
	} {
		add(jsonCase(scenario{name: "PATCH refuses " + bad.what, who: "token:" + bad.who, method: "PATCH", path: self,
			status: 400, contains: []string{bad.field}, check: jsonError("invalid"), unchanged: f.personState("rep1A")}, bad.body))
	}
	big := `{"name":"` + strings.Repeat("a", 1<<20+10) + `"}`
	add(
		jsonCase(scenario{name: "a body over 1 MB is 413", who: "token:rep1A", method: "PATCH", path: self,
			status: http.StatusRequestEntityTooLarge, check: jsonError("too_large"), unchanged: f.personState("rep1A")}, big),
		jsonCase(scenario{name: "a new person needs a valid e-mail", who: "token:adminA", method: "POST", path: "/api/v1/people",
			status: 400, contains: []string{"email:"}, check: jsonError("invalid"), unchanged: f.orgState(f.orgA)},
			`{"name":"No Mail","email":"nomail"}`),
		jsonCase(scenario{name: "a team needs a name", who: "token:adminA", method: "POST", path: "/api/v1/teams",
			status: 400, contains: []string{"name:"}, check: jsonError("invalid"), unchanged: f.orgState(f.orgA)}, `{"name":" "}`),
		jsonCase(scenario{name: "a team body with an unknown field", who: "token:adminA", method: "POST", path: "/api/v1/teams",
			status: 400, contains: []string{"colour: unknown field"}, check: jsonError("invalid"), unchanged: f.orgState(f.orgA)},
			`{"name":"Blue","colour":"blue"}`),
	)
	for _, q := range []struct{ query, field string }{
		{"limit=501", "limit:"}, {"limit=abc", "limit:"}, {"offset=-1", "offset:"}, {"limit=-5", "limit:"},
		{"role=wizard", "role:"}, {"team_id=x", "team_id:"}, {"team_id=0", "team_id:"},
	} {
		add(scenario{name: "listing refuses " + q.query, who: "token:rep1A", method: "GET", path: "/api/v1/people?" + q.query,
			status: 400, contains: []string{q.field}, check: jsonError("invalid")})
	}

	// Conflicts.
	add(
		jsonCase(scenario{name: "changing an e-mail to a colleague's is 409", who: "token:adminA", method: "PATCH", path: self,
			status: 409, check: jsonError("conflict"), unchanged: f.personState("rep1A")}, `{"email":"REMY@alpha.example"}`),
		jsonCase(scenario{name: "creating a person with a taken e-mail is 409", who: "token:adminA", method: "POST", path: "/api/v1/people",
			status: 409, check: jsonError("conflict"), unchanged: f.orgState(f.orgA)}, `{"name":"Cole Again","email":"cole@alpha.example"}`),
		jsonCase(scenario{name: "an e-mail used in another organisation is fine", who: "token:adminA", method: "POST", path: "/api/v1/people",
			status: 201, contains: []string{`"email": "shared@alpha.example"`}}, `{"name":"Sam Shared","email":"shared@alpha.example"}`),
	)

	// Administrators.
	add(
		jsonCase(scenario{name: "an admin creates a person", who: "token:adminA", method: "POST", path: "/api/v1/people",
			status: 201, contains: []string{`"email": "nina@alpha.example"`, `"start_date": "2024-01-15"`, `"tenure_months":`, `"coach"`},
			check: func(t *testing.T, res response) {
				var p struct{ ID int64 }
				_ = json.Unmarshal([]byte(res.body), &p)
				if want := fmt.Sprintf("/api/v1/people/%d", p.ID); p.ID == 0 || res.Header.Get("Location") != want {
					t.Errorf("Location %q, want %q", res.Header.Get("Location"), want)
				}
			}},
			fmt.Sprintf(`{"name":"Nina New","email":"Nina@Alpha.example","team_id":%d,"roles":["rep","coach"],"start_date":"2024-01-15","working_hours":"10:00-18:00"}`, f.teamA2.ID)),
		jsonCase(scenario{name: "an admin creates a team", who: "token:adminA", method: "POST", path: "/api/v1/teams",
			status: 201, contains: []string{`"name": "Alpha Growth Squad"`, fmt.Sprintf(`"manager_id": %d`, f.id("managerA"))}},
			fmt.Sprintf(`{"name":"Alpha Growth Squad","region":"EMEA","manager_id":%d}`, f.id("managerA"))),
		jsonCase(scenario{name: "an admin changes someone's roles and team", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("coachA")), status: 200,
			contains: []string{`"coach"`, `"manager"`, fmt.Sprintf(`"team_id": %d`, f.teamA2.ID)}},
			fmt.Sprintf(`{"roles":["coach","manager"],"team_id":%d}`, f.teamA2.ID)),
		jsonCase(scenario{name: "an admin sets a start date", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("coachA")), status: 200, contains: []string{`"start_date": "2023-05-01"`}},
			`{"start_date":"2023-05-01"}`),
		jsonCase(scenario{name: "null clears a start date", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("coachA")), status: 200, contains: []string{`"start_date": null`}},
			`{"start_date":null}`),
		jsonCase(scenario{name: "null clears a team and a manager", who: "token:adminA", method: "PATCH",
			path: fmt.Sprintf("/api/v1/people/%d", f.id("coachA")), status: 200,
			contains: []string{`"team_id": null`, `"manager_id": null`}}, `{"team_id":null,"manager_id":null}`),
	)

	// Roster import through the API.
	csvCase := func(c scenario, body string) scenario {
		c.body, c.ctype = body, "text/csv"
		return c
	}
	add(
		csvCase(scenario{name: "a manager cannot import a roster", who: "token:managerA", method: "POST", path: "/api/v1/roster",
			status: 403, contains: []string{"only an administrator can import a roster"}, check: jsonError("forbidden"),
			unchanged: f.orgState(f.orgA)}, apiRoster),
		csvCase(scenario{name: "a roster dry run reports and stores nothing", who: "token:adminA", method: "POST",
			path: "/api/v1/roster?dry_run=true", status: 200,
			contains:  []string{`"applied": false`, "quinn@alpha.example", "ravi@alpha.example", "Alpha Renewals"},
			unchanged: f.orgState(f.orgA)}, apiRoster),
		csvCase(scenario{name: "a bad roster is 422 with every problem and stores nothing", who: "token:adminA", method: "POST",
			path: "/api/v1/roster", status: http.StatusUnprocessableEntity, unchanged: f.orgState(f.orgA),
			contains: []string{`"code": "invalid"`, "nothing was changed"},
			check: func(t *testing.T, res response) {
				var body struct {
					Error struct {
						Problems []struct {
							Line    int
							Field   string
							Message string
						}
					}
				}
				if err := json.Unmarshal([]byte(res.body), &body); err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, p := range body.Error.Problems {
					got[fmt.Sprintf("line %d: %s:", p.Line, p.Field)] = p.Message != ""
				}
				for _, want := range []string{"line 3: email:", "line 4: timezone:"} {
					if !got[want] {
						t.Errorf("problems %v lack %q", got, want)
					}
				}
			}}, badRoster),
		csvCase(scenario{name: "a roster import stores people and teams", who: "token:adminA", method: "POST", path: "/api/v1/roster",
			status: 200, contains: []string{`"applied": true`, "quinn@alpha.example", "Alpha Renewals"},
			check: func(t *testing.T, _ response) {
				p, err := f.svc.PersonByEmail(ctx, service.SystemActor(f.orgA), "quinn@alpha.example")
				if err != nil || p.TeamID != f.teamA.ID || p.ManagerID != f.id("managerA") || p.TimeZone != "America/Chicago" {
					t.Errorf("imported person %+v, %v", p, err)
				}
			}}, apiRoster),
		csvCase(scenario{name: "importing the same roster again changes nothing", who: "token:adminA", method: "POST", path: "/api/v1/roster",
			status: 200, contains: []string{`"applied": false`, `"created": []`, `"unchanged": 2`}, unchanged: f.orgState(f.orgA)}, apiRoster),
		csvCase(scenario{name: "a roster over 8 MB is 413", who: "token:adminA", method: "POST", path: "/api/v1/roster",
			status: http.StatusRequestEntityTooLarge, check: jsonError("too_large"), unchanged: f.orgState(f.orgA)},
			"name,email\n"+strings.Repeat("Xavier Extra,xavier@alpha.example\n", (9<<20)/34)),
		csvCase(scenario{name: "org B's admin imports only into org B", who: "token:adminB", method: "POST", path: "/api/v1/roster?dry_run=true",
			status: 200, contains: []string{"quinn@alpha.example", `"updated": []`},
			unchanged: f.orgState(f.orgB)}, "name,email\nQuinn Quota,quinn@alpha.example\n"),
	)

	// Unknown API routes are JSON 404s, whoever asks.
	add(
		scenario{name: "an unknown API route is a JSON 404", who: "token:rep1A", method: "GET", path: "/api/v1/nope",
			status: 404, check: jsonError("not_found")},
		scenario{name: "an unknown API route is a JSON 404 for anonymous callers too", method: "GET", path: "/api/v1/people/1/secrets",
			status: 404, check: jsonError("not_found")},
		scenario{name: "an unsupported method on an API route is a JSON error", who: "token:adminA", method: "DELETE",
			path: fmt.Sprintf("/api/v1/people/%d", rep2.Person.ID), status: 404, check: jsonError("not_found"),
			unchanged: f.personState("rep2A")},
	)
	return cases
}
