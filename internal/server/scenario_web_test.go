package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"huddle/internal/service"
)

// soonPaths are the "coming soon" sections.
var soonPaths = []string{"/playbook", "/insights"}

const (
	wrongCredentials = "e-mail or password is wrong"
	safeForbidden    = "only an administrator"
)

// Roster files for the web import.
const (
	webRoster = "name,email,team,manager_email,roles,timezone,start_date\n" +
		"Olga Onboard,olga@alpha.example,Alpha Growth,maya@alpha.example,rep,Europe/Paris,2025-01-06\n" +
		"Piet Pipeline,piet@alpha.example,Alpha Growth,maya@alpha.example,\"rep,coach\",Europe/Amsterdam,2024-11-04\n"
	badRoster = "name,email,timezone\n" +
		"Gina Good,gina@alpha.example,UTC\n" +
		"Ben Bad,not-an-email,UTC\n" +
		"Zed Zone,zed@alpha.example,Mars/Olympus_Mons\n"
)

// webScenarios covers every page route: as an anonymous visitor, as people
// with and without the needed role, across organisations and across sites.
func webScenarios(t *testing.T, f *fixture) []scenario {
	ctx := context.Background()
	rep1, rep2 := f.members["rep1A"], f.members["rep2A"]
	// Extra credentials that scenarios use up.
	f.extra["rep2A/signout"] = f.signIn(t, "rep2A")
	f.extra["rep2A/crosssite"] = f.signIn(t, "rep2A")
	doomed, doomedID := f.newToken(t, "rep1A", "doomed token")
	f.extra["rep1A/doomed"] = doomed

	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }

	// Anonymous visitors are sent to sign in, with where they were going.
	authedGets := append([]string{"/", "/people", fmt.Sprintf("/people/%d", rep2.Person.ID), "/teams",
		fmt.Sprintf("/teams/%d", f.teamA.ID), "/profile", "/profile/tokens", "/admin", "/admin/roster", "/calls"}, soonPaths...)
	for _, p := range authedGets {
		add(scenario{name: "anonymous GET " + p + " redirects to sign-in", method: "GET", path: p,
			status: http.StatusSeeOther, location: "/signin?next=" + url.QueryEscape(p)})
	}
	authedPosts := []string{"/profile", "/profile/tokens", fmt.Sprintf("/profile/tokens/%d/delete", doomedID),
		"/admin/roster/preview", "/admin/roster/apply"}
	for _, p := range authedPosts {
		body, ctype := form("name", "Anon")
		add(scenario{name: "anonymous POST " + p + " redirects to sign-in", method: "POST", path: p, body: body, ctype: ctype,
			status: http.StatusSeeOther, location: "/signin?next=" + url.QueryEscape(p), unchanged: f.orgState(f.orgA)})
	}
	add(scenario{name: "an API token does not open pages", who: "token:rep1A", method: "GET", path: "/profile",
		status: http.StatusSeeOther, location: "/signin?next=%2Fprofile"})
	add(scenario{name: "an unknown session cookie is treated as signed out", method: "GET", path: "/people",
		header: map[string]string{"Cookie": "huddle_session=hs_forged"}, status: http.StatusSeeOther, location: "/signin?next=%2Fpeople"})

	// Pages for signed-in people.
	add(
		scenario{name: "home greets the person and lists their team", who: "cookie:rep1A", method: "GET", path: "/",
			status: 200, contains: []string{"Welcome, Rita Rep", "Alpha Inc", "Alpha Sales", "Remy Rep", "Cole Coach"},
			excludes: []string{`href="/admin"`}},
		scenario{name: "admins see the admin link", who: "cookie:adminA", method: "GET", path: "/",
			status: 200, contains: []string{`href="/admin"`}},
		scenario{name: "people lists the organisation", who: "cookie:rep1A", method: "GET", path: "/people",
			status: 200, contains: []string{"remy@alpha.example", "maya@alpha.example", "ada@alpha.example", "Showing 1–5 of 5"}},
		scenario{name: "people search narrows the list", who: "cookie:rep1A", method: "GET", path: "/people?q=remy",
			status: 200, contains: []string{"remy@alpha.example", "of 1"}, excludes: []string{"cole@alpha.example"}},
		scenario{name: "people filtered by team", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/people?team=%d", f.teamA2.ID),
			status: 200, contains: []string{"No one matches"}, excludes: []string{"remy@alpha.example"}},
		scenario{name: "htmx search gets only the results fragment", who: "cookie:rep1A", method: "GET", path: "/people?q=cole",
			header: map[string]string{"HX-Request": "true", "HX-Target": "results"},
			status: 200, contains: []string{`id="results"`, "cole@alpha.example"}, excludes: []string{"<html", "<header"}},
		scenario{name: "a colleague's page", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/people/%d", rep2.Person.ID),
			status: 200, contains: []string{"Remy Rep", "remy@alpha.example", "Europe/London", "Alpha Sales", "Maya Manager"},
			excludes: []string{"Edit your profile"}},
		scenario{name: "one's own page links to the profile editor", who: "cookie:rep1A", method: "GET",
			path: fmt.Sprintf("/people/%d", rep1.Person.ID), status: 200, contains: []string{"Edit your profile"}},
		scenario{name: "a malformed person id is not found", who: "cookie:rep1A", method: "GET", path: "/people/abc",
			status: 404, contains: []string{"not found"}},
		scenario{name: "a missing person is not found", who: "cookie:rep1A", method: "GET", path: "/people/999999",
			status: 404, contains: []string{"not found"}},
		scenario{name: "teams list with managers", who: "cookie:rep1A", method: "GET", path: "/teams",
			status: 200, contains: []string{"Alpha Sales", "Alpha Partners", "Maya Manager"}},
		scenario{name: "a team page lists members and zones", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/teams/%d", f.teamA.ID),
			status: 200, contains: []string{"Alpha Sales", "Remy Rep", "Rita Rep", "America/New_York", "Maya Manager"}},
		scenario{name: "a missing team is not found", who: "cookie:rep1A", method: "GET", path: "/teams/999999", status: 404},
		scenario{name: "the profile form shows one's settings", who: "cookie:rep1A", method: "GET", path: "/profile",
			status: 200, contains: []string{`value="Rita Rep"`, `value="America/New_York"`, `value="09:00-17:00"`}},
		scenario{name: "the sign-in page for a signed-in person goes home", who: "cookie:rep1A", method: "GET", path: "/signin",
			status: http.StatusSeeOther, location: "/"},
		scenario{name: "the sign-in page", method: "GET", path: "/signin?next=%2Fteams",
			status: 200, contains: []string{`action="/signin"`, `name="next" value="/teams"`}},
		scenario{name: "the sign-in page drops an off-site next", method: "GET", path: "/signin?next=%2F%2Fevil.example",
			status: 200, contains: []string{`name="next" value="/"`}, excludes: []string{"evil.example"}},
	)
	for _, p := range soonPaths {
		add(scenario{name: "coming-soon page " + p, who: "cookie:coachA", method: "GET", path: p,
			status: 200, contains: []string{"Coming soon", `aria-current="page"`}})
	}

	// Cross-tenant: org A's people cannot see org B's.
	add(
		scenario{name: "org A cannot open org B's person page", who: "cookie:adminA", method: "GET",
			path: fmt.Sprintf("/people/%d", f.id("repB")), status: 404, excludes: []string{"Bartholomew", "bravo.example"}},
		scenario{name: "org A cannot open org B's team page", who: "cookie:adminA", method: "GET",
			path: fmt.Sprintf("/teams/%d", f.teamB.ID), status: 404, excludes: []string{"Bravo Secret Squad"}},
		scenario{name: "org B's directory lists only org B", who: "cookie:repB", method: "GET", path: "/people",
			status: 200, contains: []string{"bartholomew@bravo.example", "brunhilde@bravo.example"}, excludes: []string{"alpha.example", "Alpha"}},
		scenario{name: "org B's team filter cannot reach org A's team", who: "cookie:repB", method: "GET",
			path: fmt.Sprintf("/people?team=%d", f.teamA.ID), status: 200, excludes: []string{"alpha.example"}},
		scenario{name: "org B cannot revoke org A's token", who: "cookie:adminB", method: "POST",
			path: fmt.Sprintf("/profile/tokens/%d/delete", rep1.TokenID), status: 404, unchanged: f.tokenState("rep1A"),
			check: func(t *testing.T, _ response) { f.wantStatus(t, "token:rep1A", "/api/v1/me", 200) }},
	)

	// Roles: the admin pages are for administrators.
	rosterBody, rosterType := upload("file", "people.csv", webRoster)
	add(
		scenario{name: "a rep cannot open admin", who: "cookie:rep1A", method: "GET", path: "/admin",
			status: 403, contains: []string{"the admin pages are for administrators"}},
		scenario{name: "a rep cannot open the roster import", who: "cookie:rep1A", method: "GET", path: "/admin/roster",
			status: 403, contains: []string{safeForbidden}},
		scenario{name: "a manager cannot open the roster import", who: "cookie:managerA", method: "GET", path: "/admin/roster",
			status: 403, contains: []string{safeForbidden}},
		scenario{name: "a manager cannot preview a roster", who: "cookie:managerA", method: "POST", path: "/admin/roster/preview",
			body: rosterBody, ctype: rosterType, status: 403, contains: []string{safeForbidden}, unchanged: f.orgState(f.orgA)},
		func() scenario {
			b, ct := form("csv", webRoster)
			return scenario{name: "a manager cannot apply a roster", who: "cookie:managerA", method: "POST", path: "/admin/roster/apply",
				body: b, ctype: ct, status: 403, contains: []string{safeForbidden}, unchanged: f.orgState(f.orgA)}
		}(),
		scenario{name: "admin page", who: "cookie:adminA", method: "GET", path: "/admin",
			status: 200, contains: []string{"Import roster", "Alpha Inc"}},
		scenario{name: "roster import page", who: "cookie:adminA", method: "GET", path: "/admin/roster",
			status: 200, contains: []string{`action="/admin/roster/preview"`, `enctype="multipart/form-data"`}},
	)

	// Roster import through the web: preview stores nothing, apply stores all.
	badBody, badType := upload("file", "bad.csv", badRoster)
	applyBad, applyBadType := form("csv", badRoster)
	applyGood, applyGoodType := form("csv", webRoster)
	add(
		scenario{name: "roster preview lists the changes and stores nothing", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/preview", body: rosterBody, ctype: rosterType, status: 200,
			contains:  []string{"Preview", "olga@alpha.example", "piet@alpha.example", "Alpha Growth", `action="/admin/roster/apply"`},
			unchanged: f.orgState(f.orgA)},
		scenario{name: "a bad roster file is refused with every problem", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/preview", body: badBody, ctype: badType, status: http.StatusUnprocessableEntity,
			contains:  []string{"line 3: email:", "line 4: timezone:", "Nothing was changed"},
			unchanged: f.orgState(f.orgA)},
		scenario{name: "a roster preview without a file names the field", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/preview", body: "", ctype: "multipart/form-data; boundary=x", status: 400,
			contains: []string{"file: choose a CSV file"}, unchanged: f.orgState(f.orgA)},
		scenario{name: "applying a bad roster changes nothing", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/apply", body: applyBad, ctype: applyBadType, status: http.StatusUnprocessableEntity,
			contains: []string{"line 3: email:"}, unchanged: f.orgState(f.orgA),
			check: func(t *testing.T, _ response) {
				if _, err := f.svc.PersonByEmail(ctx, service.SystemActor(f.orgA), "gina@alpha.example"); err == nil {
					t.Error("the good row of a refused file was stored")
				}
			}},
		scenario{name: "applying the roster stores it", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/apply", body: applyGood, ctype: applyGoodType, status: 200,
			contains: []string{"Roster imported.", "olga@alpha.example"},
			check: func(t *testing.T, _ response) {
				if n := f.personCount(t, f.orgA); n != 7 {
					t.Errorf("org A has %d people after the import, want 7", n)
				}
				p, err := f.svc.PersonByEmail(ctx, service.SystemActor(f.orgA), "piet@alpha.example")
				if err != nil || p.TimeZone != "Europe/Amsterdam" || !p.Roles.Has("coach") || p.ManagerID != f.id("managerA") {
					t.Errorf("imported person: %+v, %v", p, err)
				}
			}},
		scenario{name: "previewing the same roster again plans nothing", who: "cookie:adminA", method: "POST",
			path: "/admin/roster/preview", body: rosterBody, ctype: rosterType, status: 200,
			contains: []string{"Nothing to change"}, unchanged: f.orgState(f.orgA)},
	)

	// Profile: self-service, bad input, cross-site.
	saveOK, saveOKType := form("name", "Rita Renamed", "timezone", "Europe/Madrid", "working_hours", "08:30-16:30")
	add(
		scenario{name: "a rep saves their own profile", who: "cookie:rep1A", method: "POST", path: "/profile",
			body: saveOK, ctype: saveOKType, status: 200,
			contains: []string{"Profile saved.", `value="Rita Renamed"`, `value="Europe/Madrid"`, `value="08:30-16:30"`},
			check: func(t *testing.T, _ response) {
				res := f.wantStatus(t, "token:rep1A", "/api/v1/me", 200)
				if !strings.Contains(res.body, `"timezone": "Europe/Madrid"`) || !strings.Contains(res.body, `"working_hours": "08:30-16:30"`) {
					t.Errorf("profile not stored: %s", res.body)
				}
			}},
	)
	for _, bad := range []struct{ name, field, tz, hours, person string }{
		{"an unknown time zone", "timezone", "Mars/Olympus_Mons", "09:00-17:00", "Rita"},
		{"working hours that end before they start", "working_hours", "UTC", "17:00-09:00", "Rita"},
		{"working hours in the wrong format", "working_hours", "UTC", "9 to 5", "Rita"},
		{"an empty name", "name", "UTC", "09:00-17:00", " "},
	} {
		b, ct := form("name", bad.person, "timezone", bad.tz, "working_hours", bad.hours)
		add(scenario{name: "profile refuses " + bad.name, who: "cookie:rep1A", method: "POST", path: "/profile",
			body: b, ctype: ct, status: 400, contains: []string{bad.field + ":"}, unchanged: f.personState("rep1A")})
	}
	xss, xssType := form("name", `<script>alert("pwned")</script>`, "timezone", "Nowhere/Land", "working_hours", "09:00-17:00")
	add(scenario{name: "a re-shown profile form escapes what was posted", who: "cookie:rep1A", method: "POST", path: "/profile",
		body: xss, ctype: xssType, status: 400, contains: []string{"timezone:", "&lt;script&gt;"}, unchanged: f.personState("rep1A")})
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site"}
	evilOrigin := map[string]string{"Origin": "https://evil.example"}
	hacked, hackedType := form("name", "Hacked", "timezone", "UTC", "working_hours", "00:00-24:00")
	add(
		scenario{name: "a cross-site profile post is refused", who: "cookie:rep1A", method: "POST", path: "/profile",
			body: hacked, ctype: hackedType, header: crossSite, status: 403, unchanged: f.personState("rep1A")},
		scenario{name: "a profile post from another origin is refused", who: "cookie:rep1A", method: "POST", path: "/profile",
			body: hacked, ctype: hackedType, header: evilOrigin, status: 403, unchanged: f.personState("rep1A")},
		scenario{name: "a same-origin profile post is allowed", who: "cookie:rep1A", method: "POST", path: "/profile",
			body: saveOK, ctype: saveOKType, header: map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": f.srv.URL},
			status: 200, contains: []string{"Profile saved."}},
		scenario{name: "a cross-site roster preview is refused", who: "cookie:adminA", method: "POST", path: "/admin/roster/preview",
			body: badBody, ctype: badType, header: crossSite, status: 403, excludes: []string{"line 3"}, unchanged: f.orgState(f.orgA)},
		scenario{name: "a cross-site roster apply is refused", who: "cookie:adminA", method: "POST", path: "/admin/roster/apply",
			body: applyGood, ctype: applyGoodType, header: evilOrigin, status: 403, unchanged: f.orgState(f.orgA)},
		scenario{name: "a cross-site sign-out is refused", who: "cookie:rep2A/crosssite", method: "POST", path: "/signout",
			header: crossSite, status: 403,
			check: func(t *testing.T, _ response) { f.wantStatus(t, "cookie:rep2A/crosssite", "/profile", 200) }},
		func() scenario {
			b, ct := form("name", "planted")
			return scenario{name: "a cross-site token creation is refused", who: "cookie:rep1A", method: "POST", path: "/profile/tokens",
				body: b, ctype: ct, header: crossSite, status: 403, excludes: []string{"hud_"}, unchanged: f.tokenState("rep1A")}
		}(),
		scenario{name: "a cross-site token revocation is refused", who: "cookie:rep1A", method: "POST",
			path: fmt.Sprintf("/profile/tokens/%d/delete", doomedID), header: evilOrigin, status: 403, unchanged: f.tokenState("rep1A")},
		func() scenario {
			b, ct := form("email", rep2.Person.Email, "password", rep2.Password)
			return scenario{name: "a cross-site sign-in is refused", method: "POST", path: "/signin", body: b, ctype: ct,
				header: crossSite, status: 403,
				check: func(t *testing.T, res response) {
					if len(res.Cookies()) != 0 {
						t.Errorf("cross-site sign-in set cookies %v", res.Cookies())
					}
				}}
		}(),
	)

	// API tokens on the profile.
	var created string
	newTok, newTokType := form("name", "CI sync")
	emptyTok, emptyTokType := form("name", "  ")
	add(
		scenario{name: "the token list shows only prefixes of one's own tokens", who: "cookie:rep1A", method: "GET", path: "/profile/tokens",
			status: 200, contains: []string{"fixture token of rep1A", "doomed token", rep1.Token[:10] + "…"},
			excludes: []string{rep1.Token, doomed, "fixture token of rep2A", "fixture token of adminA"},
			check: func(t *testing.T, res response) {
				if res.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q, want no-store", res.Header.Get("Cache-Control"))
				}
			}},
		scenario{name: "a new token's secret is shown once", who: "cookie:rep1A", method: "POST", path: "/profile/tokens",
			body: newTok, ctype: newTokType, status: 200, contains: []string{"CI sync", `id="new-token"`, "Copy it now"},
			check: func(t *testing.T, res response) {
				m := regexp.MustCompile(`<code id="new-token">(hud_[a-z0-9]+)</code>`).FindStringSubmatch(res.body)
				if m == nil {
					t.Fatal("no secret on the page")
				}
				created = m[1]
				if res.Header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q, want no-store", res.Header.Get("Cache-Control"))
				}
				f.extra["rep1A/ci"] = created
				f.wantStatus(t, "token:rep1A/ci", "/api/v1/me", 200)
				later := f.wantStatus(t, "cookie:rep1A", "/profile/tokens", 200)
				if strings.Contains(later.body, created) || !strings.Contains(later.body, created[:10]+"…") {
					t.Errorf("the token list shows the secret or lacks its prefix:\n%s", clip(later.body))
				}
			}},
		func() scenario {
			b, ct := form("name", `<img src=x onerror="alert(1)"><script>alert(2)</script>`)
			return scenario{name: "a token name is shown escaped", who: "cookie:rep2A", method: "POST", path: "/profile/tokens",
				body: b, ctype: ct, status: 200, contains: []string{"&lt;script&gt;alert(2)&lt;/script&gt;", `id="new-token"`}}
		}(),
		scenario{name: "a token needs a name", who: "cookie:rep1A", method: "POST", path: "/profile/tokens",
			body: emptyTok, ctype: emptyTokType, status: 400, contains: []string{"name:"}, excludes: []string{`id="new-token"`},
			unchanged: f.tokenState("rep1A")},
		scenario{name: "nobody can revoke someone else's token", who: "cookie:rep2A", method: "POST",
			path: fmt.Sprintf("/profile/tokens/%d/delete", doomedID), status: 404, unchanged: f.tokenState("rep1A"),
			check: func(t *testing.T, _ response) { f.wantStatus(t, "token:rep1A/doomed", "/api/v1/me", 200) }},
		scenario{name: "a malformed token id is not found", who: "cookie:rep1A", method: "POST", path: "/profile/tokens/abc/delete",
			status: 404, unchanged: f.tokenState("rep1A")},
		scenario{name: "revoking one's own token", who: "cookie:rep1A", method: "POST",
			path: fmt.Sprintf("/profile/tokens/%d/delete", doomedID), status: http.StatusSeeOther, location: "/profile/tokens",
			check: func(t *testing.T, _ response) {
				res := f.wantStatus(t, "token:rep1A/doomed", "/api/v1/me", 401)
				if !strings.Contains(res.body, "unknown or revoked") {
					t.Errorf("revoked token: %s", res.body)
				}
				f.wantStatus(t, "token:rep1A", "/api/v1/me", 200)
			}},
	)

	// Sign-in and sign-out.
	signin := func(email, password, next string) (string, string) {
		return form("email", email, "password", password, "next", next)
	}
	wrong, wrongType := signin(rep2.Person.Email, "not the password", "/")
	unknown, unknownType := signin("nobody@alpha.example", "not the password", "/")
	garbage, garbageType := signin("not an address", "x", "/")
	add(
		scenario{name: "sign-in with a wrong password", method: "POST", path: "/signin", body: wrong, ctype: wrongType,
			status: 401, contains: []string{wrongCredentials}, check: noSessionCookie},
		scenario{name: "sign-in with an unknown e-mail says the same", method: "POST", path: "/signin", body: unknown, ctype: unknownType,
			status: 401, contains: []string{wrongCredentials}, check: noSessionCookie},
		scenario{name: "sign-in with a malformed e-mail says the same", method: "POST", path: "/signin", body: garbage, ctype: garbageType,
			status: 401, contains: []string{wrongCredentials}, check: noSessionCookie},
	)
	for _, next := range []struct{ give, want string }{
		{"/teams", "/teams"},
		{"//evil.example", "/"},
		{"https://evil.example", "/"},
		{`/\evil.example`, "/"},
		{"", "/"},
	} {
		b, ct := signin(rep2.Person.Email, rep2.Password, next.give)
		add(scenario{name: fmt.Sprintf("sign-in with next=%q lands on %s", next.give, next.want), method: "POST", path: "/signin",
			body: b, ctype: ct, status: http.StatusSeeOther, location: next.want,
			check: func(t *testing.T, res response) { f.checkSessionCookie(t, res, false) }})
	}
	b, ct := signin(rep2.Person.Email, rep2.Password, "/\t/evil.example")
	add(scenario{name: "sign-in with a tab-smuggled next stays on site", method: "POST", path: "/signin", body: b, ctype: ct,
		status: http.StatusSeeOther, check: func(t *testing.T, res response) {
			// Browsers drop tabs and newlines from URLs, so "/\t/x" is "//x".
			loc := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(res.Header.Get("Location"))
			if u, err := url.Parse(loc); err != nil || u.Host != "" || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
				t.Errorf("Location %q leaves the site", res.Header.Get("Location"))
			}
		}})
	// Five failures for one e-mail lock it, even against the right password.
	coach := f.members["coachA"]
	for i := 1; i <= 5; i++ {
		b, ct := signin(coach.Person.Email, "wrong password", "/")
		add(scenario{name: fmt.Sprintf("failed sign-in %d of 5", i), method: "POST", path: "/signin", body: b, ctype: ct,
			status: 401, contains: []string{wrongCredentials}})
	}
	b, ct = signin(coach.Person.Email, coach.Password, "/")
	add(scenario{name: "after five failures even the right password is throttled", method: "POST", path: "/signin",
		body: b, ctype: ct, status: http.StatusTooManyRequests, contains: []string{"too many failed sign-ins"}, check: noSessionCookie})
	add(
		scenario{name: "sign-out ends the session on the server", who: "cookie:rep2A/signout", method: "POST", path: "/signout",
			status: http.StatusSeeOther, location: "/signin",
			check: func(t *testing.T, res response) {
				var cleared bool
				for _, c := range res.Cookies() {
					cleared = cleared || (c.Name == "huddle_session" && c.MaxAge < 0)
				}
				if !cleared {
					t.Errorf("sign-out did not clear the cookie: %v", res.Header.Values("Set-Cookie"))
				}
				res = f.get(t, "cookie:rep2A/signout", "/profile")
				if res.StatusCode != http.StatusSeeOther {
					t.Errorf("the signed-out cookie still opens /profile (%d)", res.StatusCode)
				}
				f.wantStatus(t, "cookie:rep2A", "/profile", 200) // other sessions live on
			}},
		scenario{name: "signing out without a session is harmless", method: "POST", path: "/signout",
			status: http.StatusSeeOther, location: "/signin"},
	)
	return cases
}

// noSessionCookie fails if the response set a session cookie.
func noSessionCookie(t *testing.T, res response) {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == "huddle_session" && c.Value != "" {
			t.Errorf("a failed sign-in set a session cookie")
		}
	}
}

// checkSessionCookie requires a hardened session cookie that works.
func (f *fixture) checkSessionCookie(t *testing.T, res response, secure bool) {
	t.Helper()
	var c *http.Cookie
	for _, k := range res.Cookies() {
		if k.Name == "huddle_session" {
			c = k
		}
	}
	if c == nil || c.Value == "" {
		t.Fatalf("no session cookie in %v", res.Header.Values("Set-Cookie"))
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure || c.Path != "/" {
		t.Errorf("session cookie %q: want HttpOnly, SameSite=Lax, Secure=%v, Path=/", res.Header.Get("Set-Cookie"), secure)
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/profile", nil)
	req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	if got := f.send(t, req); got.StatusCode != 200 {
		t.Errorf("the new session cookie does not open /profile (%d)", got.StatusCode)
	}
}
