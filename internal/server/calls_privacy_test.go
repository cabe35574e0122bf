package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// do sends one request as who and checks the rules that hold for every
// response.
func (f *fixture) do(t *testing.T, who, method, path, body, ctype string) response {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	f.authorise(t, req, who)
	res := f.send(t, req)
	checkEveryResponse(t, res)
	return res
}

// privacyPeople adds the people the privacy rules tell apart that the base
// fixture lacks: a peer and a rep in another team of org A, and a second
// manager of rep1A's team.
func privacyPeople(t *testing.T, f *fixture) {
	t.Helper()
	f.addMember(t, "peerA", f.orgA, domain.Person{Name: "Petra Peer", Email: "petra@alpha.example", TeamID: f.teamA2.ID})
	f.addMember(t, "otherA", f.orgA, domain.Person{Name: "Otto Other", Email: "otto@alpha.example", TeamID: f.teamA2.ID})
	f.addMember(t, "manager2A", f.orgA, domain.Person{Name: "Mona Manager", Email: "mona@alpha.example", TeamID: f.teamA.ID,
		Roles: domain.Roles{domain.RoleManager}})
}

// matrixRoles are everyone whose view of rep1A's calls the rules decide.
var matrixRoles = []struct{ label, key string }{
	{"owner", "rep1A"},
	{"named peer", "peerA"},
	{"same-team rep", "rep2A"},
	{"same-team coach", "coachA"},
	{"same-team manager, not named", "managerA"},
	{"same-team manager, named", "manager2A"},
	{"other-team rep", "otherA"},
	{"org admin, not named", "adminA"},
	{"other org's admin", "adminB"},
}

// markedCall is a call whose title, transcript and comments carry words
// found nowhere else, so any response that names one of them leaks it.
type markedCall struct {
	label string
	vis   domain.Visibility
	named []string        // keys of the people the owner named
	sees  map[string]bool // who may see it, by the rules in call_access.go
	call  domain.Call
}

func (c markedCall) title() string   { return "Wombat" + c.label + " review" }
func (c markedCall) word() string    { return "ombat" + c.label } // part of the title, no marker itself, for ?q=
func (c markedCall) cue() string     { return "numbat" + c.label }
func (c markedCall) comment() string { return "quokka" + c.label }
func (c markedCall) markers() []string {
	return []string{"wombat" + c.label, "Wombat" + c.label, c.cue(), c.comment()}
}

func set(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// TestCallPrivacyMatrix: for a call in each visibility and every role, each
// channel — page list, search and filters, call page, recording, API list,
// search and filters, call, transcript, moments and comments — shows the
// call exactly when the rules say; otherwise the answer is 404 (never
// 403), changes nothing, and no response to that person carries the call's
// title, transcript or comments.
func TestCallPrivacyMatrix(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		privacyPeople(t, f)
		ctx := context.Background()
		occurred := time.Date(2026, 2, 9, 14, 0, 0, 0, time.UTC)
		calls := []*markedCall{
			// Names stay stored when the owner goes private; they must not count.
			{label: "prv", vis: domain.VisibilityPrivate, named: []string{"peerA", "manager2A"}, sees: set("rep1A")},
			{label: "one", vis: domain.VisibilityPeers, named: []string{"peerA"}, sees: set("rep1A", "peerA")},
			{label: "two", vis: domain.VisibilityPeers, named: []string{"peerA", "manager2A"}, sees: set("rep1A", "peerA", "manager2A")},
			{label: "tem", vis: domain.VisibilityTeam, named: []string{"peerA", "manager2A"},
				sees: set("rep1A", "peerA", "manager2A", "rep2A", "coachA")},
		}
		for _, c := range calls {
			var ids []int64
			for _, k := range c.named {
				ids = append(ids, f.id(k))
			}
			c.call = f.seedCall(t, "rep1A", c.title(), c.vis, ids, occurred, salesCall(c.cue()))
			if _, err := f.svc.AddComment(ctx, f.actorOf("rep1A"), c.call.ID, 0, 15, "Owner note "+c.comment()); err != nil {
				t.Fatal(err)
			}
		}
		// A call of org B's own, to show its admin a non-empty list.
		f.seedCall(t, "repB", "Bravo own call", domain.VisibilityTeam, nil, occurred, salesCall("bravocue"))

		states := map[int64]string{}
		for _, c := range calls {
			states[c.call.ID] = f.callState(f.orgA, c.call.ID)(t)
		}

		for _, role := range matrixRoles {
			t.Run(role.label, func(t *testing.T) {
				var seen []response // everything this person received
				cookie, token := "cookie:"+role.key, "token:"+role.key
				get := func(who, path string) response {
					t.Helper()
					res := f.do(t, who, "GET", path, "", "")
					seen = append(seen, res)
					return res
				}
				// Lists, searches and filters: the call is listed exactly when visible.
				listed := func(res response, c *markedCall, what string) {
					t.Helper()
					if res.StatusCode != 200 {
						t.Errorf("%s: status %d", what, res.StatusCode)
						return
					}
					if got := strings.Contains(res.body, c.title()); got != c.sees[role.key] {
						t.Errorf("%s: lists %q = %v, want %v", what, c.title(), got, c.sees[role.key])
					}
				}
				lists := []string{"/calls", fmt.Sprintf("/calls?owner=%d", f.id("rep1A")), fmt.Sprintf("/calls?team=%d", f.teamA.ID),
					"/calls?objection=price", "/calls?tracker=pricing", "/calls?from=2026-02-09&to=2026-02-09",
					"/api/v1/calls?limit=500", fmt.Sprintf("/api/v1/calls?owner_id=%d", f.id("rep1A")),
					fmt.Sprintf("/api/v1/calls?team_id=%d", f.teamA.ID), "/api/v1/calls?objection=PRICE",
					"/api/v1/calls?tracker=pricing", "/api/v1/calls?from=2026-02-09&to=2026-02-10"}
				for _, p := range lists {
					who := cookie
					if strings.HasPrefix(p, "/api/") {
						who = token
					}
					res := get(who, p)
					for _, c := range calls {
						listed(res, c, "GET "+p)
					}
				}
				for _, c := range calls {
					listed(get(cookie, "/calls?q="+c.word()), c, "page search")
					listed(get(token, "/api/v1/calls?q="+strings.ToUpper(c.word())), c, "API search")
				}
				// Pages that name calls elsewhere must not list hidden ones either.
				get(cookie, "/")
				get(cookie, fmt.Sprintf("/people/%d", f.id("rep1A")))
				get(token, "/api/v1/benchmarks")

				// Reading one call.
				for _, c := range calls {
					sees := c.sees[role.key]
					want := 404
					if sees {
						want = 200
					}
					id := c.call.ID
					for _, r := range []struct{ who, path, shows string }{
						{cookie, fmt.Sprintf("/calls/%d", id), c.cue()},
						{token, fmt.Sprintf("/api/v1/calls/%d", id), c.title()},
						{token, fmt.Sprintf("/api/v1/calls/%d/transcript", id), c.cue()},
						{token, fmt.Sprintf("/api/v1/calls/%d/moments", id), `"items"`},
						{token, fmt.Sprintf("/api/v1/calls/%d/comments", id), c.comment()},
					} {
						res := get(r.who, r.path)
						if res.StatusCode != want {
							t.Errorf("%s: GET %s: status %d, want %d", c.label, r.path, res.StatusCode, want)
						}
						if sees && !strings.Contains(res.body, r.shows) {
							t.Errorf("%s: GET %s lacks %q", c.label, r.path, r.shows)
						}
					}
					if res := get(cookie, fmt.Sprintf("/calls/%d/recording", id)); res.StatusCode != 404 {
						t.Errorf("%s: recording: status %d, want 404 (there is none)", c.label, res.StatusCode)
					}
					if sees && role.key == "rep1A" {
						page := seen[len(seen)-6] // the call page
						for _, m := range []string{c.title(), c.comment(), fmt.Sprintf("/calls/%d/sharing", id)} {
							if !strings.Contains(page.body, m) {
								t.Errorf("%s: the owner's page lacks %q", c.label, m)
							}
						}
					}
				}

				// Changing one call: only the owner may; who may see it is told
				// so (403); everyone else is told it does not exist (404).
				if role.key != "rep1A" {
					for _, c := range calls {
						id := c.call.ID
						snip, _ := json.Marshal(map[string]any{"title": "Grab", "start_seconds": 0, "end_seconds": 10,
							"shared_with": []int64{f.members[role.key].Person.ID}})
						writes := []struct{ who, method, path, body, ctype string }{
							{token, "PATCH", fmt.Sprintf("/api/v1/calls/%d", id), `{"visibility":"team"}`, jsonType},
							{token, "DELETE", fmt.Sprintf("/api/v1/calls/%d", id), "", ""},
							{token, "POST", fmt.Sprintf("/api/v1/calls/%d/snippets", id), string(snip), jsonType},
							{cookie, "POST", fmt.Sprintf("/calls/%d/delete", id), "", ""},
						}
						for _, form := range []struct{ path, body string }{
							{"sharing", "visibility=team"}, {"snippets", "title=Grab&start=0:00&end=0:10&peers=1"}, {"retry", ""},
						} {
							writes = append(writes, struct{ who, method, path, body, ctype string }{cookie, "POST",
								fmt.Sprintf("/calls/%d/%s", id, form.path), form.body, "application/x-www-form-urlencoded"})
						}
						if !c.sees[role.key] {
							writes = append(writes,
								struct{ who, method, path, body, ctype string }{token, "POST", fmt.Sprintf("/api/v1/calls/%d/comments", id),
									`{"at_seconds":1,"body":"Sneaky"}`, jsonType},
								struct{ who, method, path, body, ctype string }{cookie, "POST", fmt.Sprintf("/calls/%d/comments", id),
									"at=0:01&body=Sneaky", "application/x-www-form-urlencoded"})
						}
						for _, w := range writes {
							res := f.do(t, w.who, w.method, w.path, w.body, w.ctype)
							seen = append(seen, res)
							switch {
							case !c.sees[role.key] && res.StatusCode != 404:
								t.Errorf("%s: %s %s: status %d, want 404", c.label, w.method, w.path, res.StatusCode)
							case c.sees[role.key] && (res.StatusCode < 400 || res.StatusCode == 404):
								t.Errorf("%s: %s %s by someone who sees the call: status %d, want a refusal", c.label, w.method, w.path, res.StatusCode)
							case c.sees[role.key] && w.who == token && res.StatusCode != 403:
								t.Errorf("%s: %s %s by someone who sees the call: status %d, want 403", c.label, w.method, w.path, res.StatusCode)
							}
						}
						if got := f.callState(f.orgA, id)(t); got != states[id] {
							t.Errorf("%s: a refused request changed the call:\nbefore: %s\nafter:  %s", c.label, states[id], got)
						}
					}
				}

				// Nothing of a call this person may not see reached them.
				for _, c := range calls {
					if c.sees[role.key] {
						continue
					}
					for _, res := range seen {
						for _, m := range c.markers() {
							if strings.Contains(res.body, m) || strings.Contains(res.Header.Get("Location"), m) {
								t.Errorf("%s: GET %s gave %q of a call they may not see", c.label, res.Request.URL.RequestURI(), m)
							}
						}
					}
				}
			})
		}
	})
}

// TestSnippetPrivacy: a snippet's viewer sees its range of the call and
// nothing else — not the cues around it, not the whole call, not the
// call's comments — unless the call itself is visible to them; people it
// is not shared with get 404 everywhere.
func TestSnippetPrivacy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		privacyPeople(t, f)
		ctx := context.Background()
		owner := f.actorOf("rep1A")
		// Cues at 0, 10, 20, 30, 40 s; the snippet is 0:20–0:30.
		content := vtt("Rita: Opening words beforemarker.", "Buyer: Something early beforemarker2.",
			"Rita: The part worth sharing insidemarker.", "Buyer: Later reply aftermarker.", "Rita: Goodbye aftermarker2.")
		private := f.seedCall(t, "rep1A", "Secretive call", domain.VisibilityPrivate, nil, time.Time{}, content)
		if _, err := f.svc.AddComment(ctx, owner, private.ID, 0, 5, "Owner's own callnotemarker"); err != nil {
			t.Fatal(err)
		}
		sn, err := f.svc.CreateSnippet(ctx, owner, private.ID, "Worth sharing", 20, 30, []int64{f.id("otherA")})
		if err != nil {
			t.Fatal(err)
		}
		outside := []string{"beforemarker", "aftermarker", "callnotemarker", "Opening words", "Goodbye"}
		snipPage, snipAPI := fmt.Sprintf("/snippets/%d", sn.ID), fmt.Sprintf("/api/v1/snippets/%d", sn.ID)

		for _, p := range []struct{ who, path string }{{"cookie:otherA", snipPage}, {"token:otherA", snipAPI}} {
			res := f.do(t, p.who, "GET", p.path, "", "")
			if res.StatusCode != 200 || !strings.Contains(res.body, "insidemarker") || !strings.Contains(res.body, "Worth sharing") {
				t.Errorf("GET %s by its viewer: %d\n%s", p.path, res.StatusCode, clip(res.body))
			}
			for _, m := range outside {
				if strings.Contains(res.body, m) {
					t.Errorf("GET %s by its viewer shows %q from outside the range", p.path, m)
				}
			}
		}
		for _, p := range []string{fmt.Sprintf("/calls/%d", private.ID), fmt.Sprintf("/calls/%d/recording", private.ID)} {
			if res := f.do(t, "cookie:otherA", "GET", p, "", ""); res.StatusCode != 404 || strings.Contains(res.body, "insidemarker") {
				t.Errorf("GET %s by the snippet's viewer: %d, want 404", p, res.StatusCode)
			}
		}
		for _, rest := range []string{"", "/transcript", "/moments", "/comments"} {
			p := fmt.Sprintf("/api/v1/calls/%d%s", private.ID, rest)
			if res := f.do(t, "token:otherA", "GET", p, "", ""); res.StatusCode != 404 {
				t.Errorf("GET %s by the snippet's viewer: %d, want 404", p, res.StatusCode)
			}
		}
		for _, p := range []struct{ who, path string }{{"cookie:otherA", "/calls"}, {"token:otherA", "/api/v1/calls"},
			{"token:otherA", "/api/v1/calls?q=secretive"}} {
			if res := f.do(t, p.who, "GET", p.path, "", ""); strings.Contains(res.body, "Secretive call") {
				t.Errorf("GET %s by the snippet's viewer lists the call", p.path)
			}
		}
		// People it is not shared with, however senior, get 404.
		for _, who := range []string{"rep2A", "coachA", "managerA", "manager2A", "adminA", "adminB", "repB"} {
			for _, p := range []struct{ kind, path string }{{"cookie", snipPage}, {"token", snipAPI}} {
				res := f.do(t, p.kind+":"+who, "GET", p.path, "", "")
				if res.StatusCode != 404 || strings.Contains(res.body, "insidemarker") || strings.Contains(res.body, "Worth sharing") {
					t.Errorf("GET %s by %s: %d, want 404 without content", p.path, who, res.StatusCode)
				}
			}
			res := f.do(t, "token:"+who, "POST", snipAPI+"/comments", `{"at_seconds":21,"body":"x"}`, jsonType)
			if res.StatusCode != 404 {
				t.Errorf("a snippet comment by %s: %d, want 404", who, res.StatusCode)
			}
		}
		// Feedback on a snippet reaches its owner, not people who see the call.
		if res := f.do(t, "token:otherA", "POST", snipAPI+"/comments", `{"at_seconds":25,"body":"snippetfeedbackmarker"}`, jsonType); res.StatusCode != 201 {
			t.Fatalf("the viewer's comment: %d %s", res.StatusCode, res.body)
		}
		if res := f.do(t, "cookie:rep1A", "GET", fmt.Sprintf("/calls/%d", private.ID), "", ""); !strings.Contains(res.body, "snippetfeedbackmarker") {
			t.Error("the owner does not see feedback on their snippet")
		}
		if _, err := f.svc.UpdateCallSharing(ctx, owner, private.ID, service.CallSharing{Visibility: ptr(domain.VisibilityTeam)}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []struct{ who, path string }{{"cookie:rep2A", fmt.Sprintf("/calls/%d", private.ID)},
			{"token:rep2A", fmt.Sprintf("/api/v1/calls/%d/comments", private.ID)}} {
			res := f.do(t, p.who, "GET", p.path, "", "")
			if res.StatusCode != 200 || strings.Contains(res.body, "snippetfeedbackmarker") {
				t.Errorf("GET %s by a team mate once the call is shared with the team: %d; shows snippet feedback: %v",
					p.path, res.StatusCode, strings.Contains(res.body, "snippetfeedbackmarker"))
			}
		}
		// The viewer of a snippet of a call they may also see opens both.
		sn2, err := f.svc.CreateSnippet(ctx, owner, private.ID, "Team snippet", 20, 30, []int64{f.id("rep2A")})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{fmt.Sprintf("/snippets/%d", sn2.ID), fmt.Sprintf("/calls/%d", private.ID)} {
			if res := f.do(t, "cookie:rep2A", "GET", p, "", ""); res.StatusCode != 200 {
				t.Errorf("GET %s by a team mate shown the snippet: %d, want 200", p, res.StatusCode)
			}
		}
		// The snippet's viewer still cannot open the team's call: another team.
		if res := f.do(t, "cookie:otherA", "GET", fmt.Sprintf("/calls/%d", private.ID), "", ""); res.StatusCode != 404 {
			t.Errorf("the snippet's viewer from another team opens the team call: %d", res.StatusCode)
		}
	})
}

// TestCallAccessEndsWhenUnshared: taking a person off a call, making it
// private, or moving a rep out of the team ends their access at once, on
// every channel.
func TestCallAccessEndsWhenUnshared(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		c := f.seedCall(t, "rep1A", "Revocable call", domain.VisibilityPeers, []int64{f.id("rep2A"), f.id("managerA")}, time.Time{},
			salesCall("revocablecue"))
		channels := []struct{ who, path string }{
			{"cookie:%s", fmt.Sprintf("/calls/%d", c.ID)},
			{"token:%s", fmt.Sprintf("/api/v1/calls/%d", c.ID)},
			{"token:%s", fmt.Sprintf("/api/v1/calls/%d/transcript", c.ID)},
			{"token:%s", fmt.Sprintf("/api/v1/calls/%d/comments", c.ID)},
		}
		access := func(t *testing.T, key string, want bool, when string) {
			t.Helper()
			status := map[bool]int{true: 200, false: 404}[want]
			for _, ch := range channels {
				who := fmt.Sprintf(ch.who, key)
				if res := f.do(t, who, "GET", ch.path, "", ""); res.StatusCode != status {
					t.Errorf("%s: GET %s as %s: %d, want %d", when, ch.path, who, res.StatusCode, status)
				}
			}
			for _, p := range []string{"cookie:" + key + "|/calls", "token:" + key + "|/api/v1/calls"} {
				who, path, _ := strings.Cut(p, "|")
				if res := f.do(t, who, "GET", path, "", ""); strings.Contains(res.body, "Revocable call") != want {
					t.Errorf("%s: GET %s as %s lists the call: %v, want %v", when, path, who, !want, want)
				}
			}
		}
		patch := func(t *testing.T, body string) {
			t.Helper()
			if res := f.do(t, "token:rep1A", "PATCH", fmt.Sprintf("/api/v1/calls/%d", c.ID), body, jsonType); res.StatusCode != 200 {
				t.Fatalf("PATCH %s: %d %s", body, res.StatusCode, res.body)
			}
		}
		access(t, "rep2A", true, "named")
		access(t, "managerA", true, "named")
		patch(t, fmt.Sprintf(`{"shared_with":[%d]}`, f.id("rep2A")))
		access(t, "managerA", false, "taken off the list")
		access(t, "rep2A", true, "still named")
		// Through the page's sharing form, which sends the whole list.
		res := f.do(t, "cookie:rep1A", "POST", fmt.Sprintf("/calls/%d/sharing", c.ID), "visibility=peers", "application/x-www-form-urlencoded")
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("sharing form: %d", res.StatusCode)
		}
		access(t, "rep2A", false, "nobody named")
		patch(t, fmt.Sprintf(`{"visibility":"private","shared_with":[%d]}`, f.id("rep2A")))
		access(t, "rep2A", false, "named but private")
		patch(t, `{"visibility":"team","shared_with":[]}`)
		access(t, "rep2A", true, "team")
		access(t, "coachA", true, "team")
		access(t, "managerA", false, "team, manager not named")
		// A rep who leaves the team leaves its calls behind.
		if res := f.do(t, "token:adminA", "PATCH", fmt.Sprintf("/api/v1/people/%d", f.id("coachA")),
			fmt.Sprintf(`{"team_id":%d}`, f.teamA2.ID), jsonType); res.StatusCode != 200 {
			t.Fatalf("move coach: %d %s", res.StatusCode, res.body)
		}
		access(t, "coachA", false, "moved to another team")
		// A coach made manager of the team no longer sees its shared calls.
		if res := f.do(t, "token:adminA", "PATCH", fmt.Sprintf("/api/v1/people/%d", f.id("rep2A")),
			`{"roles":["rep","manager"]}`, jsonType); res.StatusCode != 200 {
			t.Fatalf("promote rep: %d %s", res.StatusCode, res.body)
		}
		access(t, "rep2A", false, "promoted to manager")
		patch(t, `{"visibility":"private"}`)
		access(t, "rep1A", true, "owner, private")
	})
}

// TestBenchmarksAreAggregates: benchmarks appear only once the
// organisation has at least five calls, hold only aggregate figures, and
// never mix organisations.
func TestBenchmarksAreAggregates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		var titles []string
		var ids []int64
		upload := func(key string, i int) {
			c := f.seedCall(t, key, fmt.Sprintf("Benchmark source %d", i), domain.VisibilityPrivate, nil, time.Time{},
				salesCall(fmt.Sprintf("benchcue%d", i)))
			titles, ids = append(titles, c.Title), append(ids, c.ID)
		}
		items := func(who string) []map[string]any {
			t.Helper()
			res := f.do(t, who, "GET", "/api/v1/benchmarks", "", "")
			var body struct{ Items []map[string]any }
			if res.StatusCode != 200 || json.Unmarshal([]byte(res.body), &body) != nil {
				t.Fatalf("benchmarks as %s: %d %s", who, res.StatusCode, res.body)
			}
			for _, s := range append(titles, "benchcue", "owner_id", `"id"`, "call_id", "Rita") {
				if strings.Contains(res.body, s) {
					t.Errorf("benchmarks as %s contain %q:\n%s", who, s, res.body)
				}
			}
			return body.Items
		}
		for i := range 4 {
			upload("rep1A", i)
		}
		for _, who := range []string{"token:rep1A", "token:managerA", "token:adminA"} {
			if got := items(who); len(got) != 0 {
				t.Errorf("with 4 calls, %s sees benchmarks %v", who, got)
			}
		}
		page := f.do(t, "cookie:rep2A", "GET", "/calls", "", "")
		if page.StatusCode != 200 {
			t.Fatalf("/calls: %d", page.StatusCode)
		}
		upload("rep2A", 4)
		allowed := []string{"metric", "median", "top_quartile", "calls", "lower_is_better", "published"}
		for _, who := range []string{"token:rep1A", "token:managerA", "token:adminA"} {
			got := items(who)
			if len(got) == 0 {
				t.Fatalf("with 5 calls, %s sees no benchmarks", who)
			}
			for _, it := range got {
				for k := range it {
					if !slices.Contains(allowed, k) {
						t.Errorf("a benchmark carries %q: %v", k, it)
					}
				}
				if n, _ := it["calls"].(float64); n < 5 {
					t.Errorf("a benchmark from %v calls: %v", it["calls"], it)
				}
			}
		}
		// The call page sets a call beside the benchmark, never beside others' calls.
		res := f.do(t, "cookie:rep2A", "GET", fmt.Sprintf("/calls/%d", ids[4]), "", "")
		for _, s := range titles[:4] {
			if strings.Contains(res.body, s) {
				t.Errorf("the call page names another's call %q", s)
			}
		}
		if got := items("token:adminB"); len(got) != 0 {
			t.Errorf("org B sees org A's benchmarks: %v", got)
		}
	})
}

func ptr[T any](v T) *T { return &v }
