package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// pairingRounds are the rounds the pairing scenarios act on, made before
// the scenarios run: R1 and R3 proposed by the engine (one pair each from
// the fixture's coach and two reps), R2 stored directly with two pairs so
// that partners can be swapped.
type pairingRounds struct {
	r1, r3 service.PairingRoundView
	r2     domain.PairingRound
}

// setUpPairing gives the fixture's peers self-assessments and makes the
// rounds. It adds no people, so other scenarios' counts stay.
func setUpPairing(t *testing.T, f *fixture) pairingRounds {
	t.Helper()
	ctx := context.Background()
	for key, scores := range map[string]map[string]int{
		"coachA": {"discovery": 5, "objection_handling": 4},
		"rep1A":  {"discovery": 1, "objection_handling": 3},
		"rep2A":  {"discovery": 3, "objection_handling": 1},
	} {
		m := f.members[key]
		if _, err := f.svc.SetMySkills(ctx, service.Actor{Org: m.Org, Person: m.Person}, scores, false); err != nil {
			t.Fatalf("skills of %s: %v", key, err)
		}
	}
	coach := service.Actor{Org: f.orgA, Person: f.members["coachA"].Person}
	var rs pairingRounds
	var err error
	req := service.PairingRequest{ScopeKind: domain.ScopeOrg, MinOverlapHours: 1, RepeatAfterDays: 90}
	if rs.r1, err = f.svc.ProposePairing(ctx, coach, req); err != nil || len(rs.r1.Pairs) != 1 {
		t.Fatalf("propose R1: %d pairs, %v", len(rs.r1.Pairs), err)
	}
	if rs.r3, err = f.svc.ProposePairing(ctx, coach, req); err != nil || len(rs.r3.Pairs) != 1 {
		t.Fatalf("propose R3: %d pairs, %v", len(rs.r3.Pairs), err)
	}
	opts, _ := json.Marshal(service.PairingRequest{ScopeKind: domain.ScopeOrg, Mode: "pairs", Prefer: "none",
		MinOverlapHours: 0, RepeatAfterDays: 90, Date: f.svc.Now().UTC().Format(domain.DateLayout)})
	rs.r2 = domain.PairingRound{CreatedBy: f.id("coachA"), ScopeKind: domain.ScopeOrg, Mode: "pairs", Options: opts,
		Pairs: []domain.PairingPair{
			{PersonA: f.id("coachA"), PersonB: f.id("rep1A"), Weight: 1, Reasons: []string{"never paired"}},
			{PersonA: f.id("rep2A"), PersonB: f.id("adminA"), Weight: 1, Reasons: []string{"never paired"}},
		}}
	if err := f.db.CreatePairingRound(ctx, f.orgA.ID, &rs.r2); err != nil {
		t.Fatalf("store R2: %v", err)
	}
	return rs
}

// pairingScenarios covers the skills page, the pairing pages and the
// pairing API: good requests, bad input, a rep or manager trying to run
// pairing (403), drafts hidden from reps and everything hidden from
// another organisation (404).
func pairingScenarios(t *testing.T, f *fixture) []scenario {
	rs := setUpPairing(t, f)
	r1, r2, r3 := rs.r1.Round.ID, rs.r2.ID, rs.r3.Round.ID
	x, y := rs.r2.Pairs[0].ID, rs.r2.Pairs[1].ID
	r1Pair, r3Pair := rs.r1.Pairs[0], rs.r3.Pairs[0]
	inR1 := ""
	for key, m := range f.members {
		if m.Person.ID == r1Pair.A.ID && key != "coachA" {
			inR1 = key
		}
		if m.Person.ID == r1Pair.B.ID && key != "coachA" {
			inR1 = key
		}
	}
	round := func(id int64) string { return fmt.Sprintf("/pairing/rounds/%d", id) }
	api := func(id int64) string { return fmt.Sprintf("/api/v1/pairing/rounds/%d", id) }
	skillsForm, ct := form("discovery", "4", "listening", "", "objection_handling", "2")
	badSkills, _ := form("discovery", "9")
	propose, _ := form("scope", "org", "mode", "pairs", "focus", "discovery", "prefer", "none", "min_overlap_hours", "1", "repeat_after_days", "90")
	badPropose, _ := form("scope", "org", "mode", "pairs", "focus", "juggling", "min_overlap_hours", "1", "repeat_after_days", "90")
	swap, _ := form("x", fmt.Sprint(x), "y", fmt.Sprint(y))
	badSwap, _ := form("x", fmt.Sprint(x), "y", fmt.Sprint(x))
	toRound := func(t *testing.T, res response) {
		t.Helper()
		if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/pairing/rounds/") {
			t.Errorf("Location %q, want a round page", loc)
		}
	}
	j := func(c scenario, body string) scenario {
		c.body, c.ctype = body, jsonType
		return c
	}
	return []scenario{
		// Skills page.
		{name: "pairing: anonymous GET /profile/skills signs in", method: "GET", path: "/profile/skills", status: 303,
			location: "/signin?next=%2Fprofile%2Fskills"},
		{name: "pairing: the skills page", who: "cookie:rep1A", method: "GET", path: "/profile/skills", status: 200,
			contains: []string{"Objection handling", "Prospecting", "peer feedback", `name="opt_out"`}},
		{name: "pairing: save skills", who: "cookie:rep1A", method: "POST", path: "/profile/skills", body: skillsForm, ctype: ct,
			status: 200, contains: []string{"Skills saved.", `<option value="4" selected>`}},
		{name: "pairing: a score out of range is refused", who: "cookie:rep1A", method: "POST", path: "/profile/skills",
			body: badSkills, ctype: ct, status: 400, contains: []string{"rate from 1 to 5"}},
		{name: "pairing: the profile links to skills", who: "cookie:rep1A", method: "GET", path: "/profile", status: 200,
			contains: []string{`href="/profile/skills"`}},

		// The pairing page.
		{name: "pairing: anonymous GET /pairing signs in", method: "GET", path: "/pairing", status: 303, location: "/signin?next=%2Fpairing"},
		{name: "pairing: a coach gets the request form and the rounds", who: "cookie:coachA", method: "GET", path: "/pairing", status: 200,
			contains: []string{`id="propose"`, "Team Alpha Sales", "Region EMEA", "Objection handling", `href="` + round(r1) + `"`, `aria-current="page"`},
			excludes: []string{"Coming soon"}},
		{name: "pairing: a rep gets their pairings and who runs pairing", who: "cookie:rep1A", method: "GET", path: "/pairing", status: 200,
			contains: []string{"Coaches and administrators run pairing rounds", "Your current pairings"}, excludes: []string{`id="propose"`, round(r1)}},
		{name: "pairing: a coach proposes", who: "cookie:coachA", method: "POST", path: "/pairing", body: propose, ctype: ct,
			status: 303, check: toRound},
		{name: "pairing: an unknown focus skill is refused", who: "cookie:coachA", method: "POST", path: "/pairing", body: badPropose, ctype: ct,
			status: 400, contains: []string{"unknown skill", `id="propose"`}},
		{name: "pairing: a rep may not propose", who: "cookie:rep1A", method: "POST", path: "/pairing", body: propose, ctype: ct,
			status: 403, contains: []string{"only coaches and administrators"}},
		{name: "pairing: a manager may not propose", who: "cookie:managerA", method: "POST", path: "/pairing", body: propose, ctype: ct,
			status: 403},

		// A round page.
		{name: "pairing: a coach sees a draft with totals, reasons and who was left out", who: "cookie:coachA", method: "GET", path: round(r1),
			status: 200, contains: []string{"optimal", "vs random", "Left out", "never paired", "Drop", `id="publish"`}},
		{name: "pairing: a rep does not see a draft", who: "cookie:rep1A", method: "GET", path: round(r1), status: 404},
		{name: "pairing: another organisation does not see the round", who: "cookie:adminB", method: "GET", path: round(r1), status: 404,
			excludes: []string{"Cole Coach"}},
		{name: "pairing: a malformed round id is not found", who: "cookie:coachA", method: "GET", path: "/pairing/rounds/x", status: 404},
		{name: "pairing: swap partners", who: "cookie:coachA", method: "POST", path: round(r2) + "/swap", body: swap, ctype: ct,
			status: 303, location: round(r2) + "?done=swapped"},
		{name: "pairing: the swapped pairs are re-explained", who: "cookie:coachA", method: "GET", path: round(r2) + "?done=swapped",
			status: 200, contains: []string{"Partners swapped", "swapped by the coach"}},
		{name: "pairing: swapping a pair with itself is refused", who: "cookie:coachA", method: "POST", path: round(r2) + "/swap",
			body: badSwap, ctype: ct, status: 400, contains: []string{"two different pairs"}},
		{name: "pairing: a rep may not swap", who: "cookie:rep1A", method: "POST", path: round(r2) + "/swap", body: swap, ctype: ct, status: 403},
		{name: "pairing: another organisation may not swap", who: "cookie:adminB", method: "POST", path: round(r2) + "/swap", body: swap, ctype: ct, status: 404},
		{name: "pairing: a rep may not drop", who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", round(r2), y), status: 403},
		{name: "pairing: another organisation may not drop", who: "cookie:adminB", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", round(r2), y), status: 404},
		{name: "pairing: a pair of another round is not found", who: "cookie:coachA", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", round(r1), y), status: 404},
		{name: "pairing: drop a pair", who: "cookie:coachA", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", round(r2), y),
			status: 303, location: round(r2) + "?done=dropped"},
		{name: "pairing: a rep may not publish", who: "cookie:rep1A", method: "POST", path: round(r1) + "/publish", status: 403},
		{name: "pairing: another organisation may not publish", who: "cookie:adminB", method: "POST", path: round(r1) + "/publish", status: 404},
		{name: "pairing: publish a round", who: "cookie:adminA", method: "POST", path: round(r1) + "/publish", status: 303,
			location: round(r1) + "?done=published"},
		{name: "pairing: publishing twice is a conflict", who: "cookie:coachA", method: "POST", path: round(r1) + "/publish", status: 409,
			contains: []string{"published"}},
		{name: "pairing: someone paired sees their published pair with reasons", who: "cookie:" + inR1, method: "GET", path: round(r1),
			status: 200, contains: []string{"never paired"}, excludes: []string{"Left out", "optimal", "Drop"}},
		{name: "pairing: their manager sees the pair without reasons", who: "cookie:managerA", method: "GET", path: round(r1),
			status: 200, contains: []string{"Reasons are for the pair"}, excludes: []string{"never paired", "below the team median"}},
		{name: "pairing: the published pair is in the rep's pairings", who: "cookie:" + inR1, method: "GET", path: "/pairing",
			status: 200, contains: []string{round(r1)}},

		// The API.
		{name: "pairing API: anonymous GET /me/skills is 401", method: "GET", path: "/api/v1/me/skills", status: 401, check: jsonError("unauthenticated")},
		{name: "pairing API: read your skills", who: "token:rep1A", method: "GET", path: "/api/v1/me/skills", status: 200,
			contains: []string{`"scores"`, `"discovery": 4`}},
		j(scenario{name: "pairing API: replace your skills", who: "token:rep2A", method: "PUT", path: "/api/v1/me/skills", status: 200,
			contains: []string{`"listening": 2`, `"opt_out": false`}}, `{"scores":{"discovery":3,"objection_handling":1,"listening":2}}`),
		j(scenario{name: "pairing API: a score out of range is 400", who: "token:rep2A", method: "PUT", path: "/api/v1/me/skills", status: 400,
			check: jsonError("invalid")}, `{"scores":{"discovery":0}}`),
		j(scenario{name: "pairing API: an unknown field is 400", who: "token:rep2A", method: "PUT", path: "/api/v1/me/skills", status: 400,
			check: jsonError("invalid")}, `{"skills":{}}`),
		{name: "pairing API: a coach lists every round", who: "token:coachA", method: "GET", path: "/api/v1/pairing/rounds", status: 200,
			contains: []string{`"items"`, `"status": "draft"`, `"totals"`}},
		{name: "pairing API: a rep lists only published rounds with them", who: "token:rep1A", method: "GET", path: "/api/v1/pairing/rounds", status: 200,
			excludes: []string{`"status": "draft"`, `"totals"`}},
		{name: "pairing API: another organisation lists nothing of org A", who: "token:adminB", method: "GET", path: "/api/v1/pairing/rounds", status: 200,
			contains: []string{`"items": []`}},
		j(scenario{name: "pairing API: propose for a team", who: "token:coachA", method: "POST", path: "/api/v1/pairing/rounds", status: 201,
			contains: []string{`"status": "draft"`, `"scope": "team"`, `"reasons"`, `"optimal"`}},
			fmt.Sprintf(`{"scope":"team","scope_value":"%d","focus_skills":["discovery"],"min_overlap_hours":1}`, f.teamA.ID)),
		j(scenario{name: "pairing API: an unknown mode is 400", who: "token:coachA", method: "POST", path: "/api/v1/pairing/rounds", status: 400,
			check: jsonError("invalid")}, `{"mode":"trios"}`),
		j(scenario{name: "pairing API: a rep may not propose", who: "token:rep1A", method: "POST", path: "/api/v1/pairing/rounds", status: 403,
			check: jsonError("forbidden")}, `{}`),
		j(scenario{name: "pairing API: another organisation's team is invalid", who: "token:adminB", method: "POST", path: "/api/v1/pairing/rounds",
			status: 400, check: jsonError("invalid"), excludes: []string{"Alpha"}}, fmt.Sprintf(`{"scope":"team","scope_value":"%d"}`, f.teamA.ID)),
		{name: "pairing API: a coach reads a round", who: "token:coachA", method: "GET", path: api(r3), status: 200,
			contains: []string{`"unmatched"`, `"greedy"`}},
		{name: "pairing API: a rep does not see a draft", who: "token:rep1A", method: "GET", path: api(r3), status: 404, check: jsonError("not_found")},
		{name: "pairing API: another organisation does not see a round", who: "token:adminB", method: "GET", path: api(r3), status: 404, check: jsonError("not_found")},
		{name: "pairing API: a rep may not drop", who: "token:rep1A", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", api(r3), r3Pair.ID), status: 403, check: jsonError("forbidden")},
		{name: "pairing API: another organisation may not drop", who: "token:adminB", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", api(r3), r3Pair.ID), status: 404},
		{name: "pairing API: an unknown pair is 404", who: "token:coachA", method: "POST", path: fmt.Sprintf("%s/pairs/0/drop", api(r3)), status: 404},
		{name: "pairing API: drop a pair", who: "token:coachA", method: "POST", path: fmt.Sprintf("%s/pairs/%d/drop", api(r3), r3Pair.ID), status: 200,
			contains: []string{`"state": "dropped"`}},
		j(scenario{name: "pairing API: swapping a dropped pair is 400", who: "token:coachA", method: "POST", path: api(r2) + "/swap", status: 400,
			check: jsonError("invalid"), contains: []string{"dropped"}}, fmt.Sprintf(`{"pairs":[%d,%d]}`, x, y)),
		j(scenario{name: "pairing API: swap needs two pairs", who: "token:coachA", method: "POST", path: api(r2) + "/swap", status: 400,
			check: jsonError("invalid")}, fmt.Sprintf(`{"pairs":[%d]}`, x)),
		j(scenario{name: "pairing API: a rep may not swap", who: "token:rep1A", method: "POST", path: api(r2) + "/swap", status: 403},
			fmt.Sprintf(`{"pairs":[%d,%d]}`, x, y)),
		j(scenario{name: "pairing API: another organisation may not swap", who: "token:adminB", method: "POST", path: api(r2) + "/swap", status: 404},
			fmt.Sprintf(`{"pairs":[%d,%d]}`, x, y)),
		{name: "pairing API: a rep may not publish", who: "token:rep1A", method: "POST", path: api(r3) + "/publish", status: 403, check: jsonError("forbidden")},
		{name: "pairing API: another organisation may not publish", who: "token:adminB", method: "POST", path: api(r3) + "/publish", status: 404},
		{name: "pairing API: publish", who: "token:coachA", method: "POST", path: api(r3) + "/publish", status: 200,
			contains: []string{`"status": "published"`, `"published_at": "`}},
		{name: "pairing API: publishing twice is 409", who: "token:coachA", method: "POST", path: api(r3) + "/publish", status: 409, check: jsonError("conflict")},
	}
}

// TestPairingSwapThroughTheAPI swaps partners of two proposed pairs with
// the API on its own fixture (the shared scenarios drop one of them first).
func TestPairingSwapThroughTheAPI(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		rs := setUpPairing(t, f)
		x, y := rs.r2.Pairs[0], rs.r2.Pairs[1]
		res := f.run(t, scenario{name: "swap", who: "token:adminA", method: "POST", path: fmt.Sprintf("/api/v1/pairing/rounds/%d/swap", rs.r2.ID),
			body: fmt.Sprintf(`{"pairs":[%d,%d]}`, x.ID, y.ID), ctype: jsonType, status: http.StatusOK,
			contains: []string{"swapped by the coach"}})
		var round struct {
			Pairs []struct {
				ID   int64
				A, B struct{ ID int64 }
			}
		}
		if err := json.Unmarshal([]byte(res.res.body), &round); err != nil {
			t.Fatal(err)
		}
		want := map[int64][2]int64{x.ID: {x.PersonA, y.PersonB}, y.ID: {y.PersonA, x.PersonB}}
		for _, p := range round.Pairs {
			if w := want[p.ID]; p.A.ID != w[0] || p.B.ID != w[1] {
				t.Errorf("pair %d is %d & %d, want %d & %d", p.ID, p.A.ID, p.B.ID, w[0], w[1])
			}
		}
	})
}
