package server_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// subjectSeed is what the snippet, deal and circle scenarios start from.
type subjectSeed struct {
	disc      domain.Rubric
	snippet   domain.Snippet // of rep1A's private call Heron, shared with rep2A
	rS        domain.FeedbackRequest
	circle    domain.Group           // coachA's Egret circle: rep1A, rep2A (and managerA, who left)
	rC        domain.FeedbackRequest // rep1A asks the circle about a deal
	coachRef  string                 // coachA's observations on rC
	leaverRef string                 // managerA's, written before leaving
}

// seedSubjects builds, through the service:
//
//	rS: rep1A asks coachA about a snippet (cue "heronprice" only) of her
//	    private call Heron, whose other cues say "heronopen" and "heronclose"
//	rC: rep1A asks the Egret circle about the deal "Heron renewal" (blocker
//	    "heronblocker"); coachA (scores 1 and 5, "egretcoachobs") and
//	    managerA ("leaverobs", then left the circle) have written
//	    observations; rep2A has accepted and not written yet
func seedSubjects(t *testing.T, f *fixture, disc domain.Rubric) subjectSeed {
	t.Helper()
	ctx := context.Background()
	s := subjectSeed{disc: disc}
	rita, remy, coach, maya := f.actorOf("rep1A"), f.actorOf("rep2A"), f.actorOf("coachA"), f.actorOf("managerA")
	heron := f.seedCall(t, "rep1A", "Heron discovery", domain.VisibilityPrivate, nil, time.Now().Add(-24*time.Hour),
		vtt("Rita: heronopen thanks for the time.", "Buyer: heronprice the price went up every year.", "Rita: heronclose I will send a proposal."))
	s.snippet = mustDo(f.svc.CreateSnippet(ctx, rita, heron.ID, "Heron pricing", 10, 18, []int64{remy.Person.ID}))(t)
	due := time.Now().Add(96 * time.Hour)
	s.rS = mustDo(f.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{SnippetID: s.snippet.ID, RubricID: disc.ID,
		Invitees: []int64{coach.Person.ID}, DueAt: due}))(t)

	s.circle = mustDo(f.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Egret circle", TemplateKey: "call_review_circle",
		MemberIDs: []int64{rita.Person.ID, remy.Person.ID, maya.Person.ID}, JoinAsMember: true}))(t)
	for _, a := range []service.Actor{rita, remy, maya} {
		if err := f.svc.AcceptGroundRules(ctx, a, s.circle.ID); err != nil {
			t.Fatal(err)
		}
	}
	deal := domain.Deal{Name: "Heron renewal", Stage: "Negotiation", Amount: 52000, Currency: "EUR", CloseDate: "2026-09-30",
		Blocker: "heronblocker: procurement wants a discount"}
	s.rC = mustDo(f.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{Deal: &deal, RubricID: disc.ID, GroupID: s.circle.ID, DueAt: due}))(t)
	observe := func(a service.Actor, first, second int, text string) string {
		t.Helper()
		if err := f.svc.RespondToRequest(ctx, a, s.rC.ID, true); err != nil {
			t.Fatal(err)
		}
		v := mustDo(f.svc.SubmitObservations(ctx, a, s.rC.ID, service.ReviewInput{Highlights: text, Scores: []domain.ReviewScore{
			{CriterionID: disc.Criteria[0].ID, Score: first}, {CriterionID: disc.Criteria[1].ID, Score: second}}}))(t)
		return v.Ref
	}
	s.coachRef = observe(coach, 1, 5, "egretcoachobs")
	s.leaverRef = observe(maya, 3, 3, "leaverobs")
	if err := f.svc.LeaveGroup(ctx, maya, s.circle.ID, maya.Person.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RespondToRequest(ctx, remy, s.rC.ID, true); err != nil {
		t.Fatal(err)
	}
	return s
}

// feedbackSubjectScenarios covers feedback on snippets and deals, requests
// to a circle and calibration, on the pages and the API: who sees what
// (invitees see the snippet only; circle members see each other's reviews
// once they have written their own; an ex-member sees only their own),
// and bad input that stores nothing.
func feedbackSubjectScenarios(t *testing.T, f *fixture) []scenario {
	var disc domain.Rubric
	for _, r := range mustDo(f.svc.Rubrics(context.Background(), f.actorOf("rep1A")))(t) {
		if r.Builtin == "discovery" {
			disc = r
		}
	}
	s := seedSubjects(t, f, disc)
	theirRubric := mustDo(f.svc.Rubrics(context.Background(), f.actorOf("repB")))(t)[0].ID
	req := func(r domain.FeedbackRequest) string { return fmt.Sprintf("/feedback/requests/%d", r.ID) }
	api := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	post := func(name, who string, status int, kv ...string) scenario {
		body, ctype := form(kv...)
		return scenario{name: name, who: who, method: "POST", path: "/feedback/requests", body: body, ctype: ctype, status: status}
	}
	call := func(name, who, method, path string, status int, body string) scenario {
		c := scenario{name: name, who: who, method: method, path: path, status: status}
		if body != "" {
			c.body, c.ctype = body, jsonType
		}
		return c
	}
	with := func(c scenario, edit func(*scenario)) scenario { edit(&c); return c }
	due := time.Now().Add(72 * time.Hour)
	dueForm := due.Format("2006-01-02T15:04")
	rubric := fmt.Sprint(disc.ID)
	// deal is a good deal form with some fields replaced or added.
	deal := func(kv ...string) []string {
		base := []string{"subject", "deal", "deal_name", "Kite expansion", "deal_stage", "Proposal", "deal_amount", "30,000",
			"deal_currency", "usd", "deal_close_date", "2026-08-31", "deal_blocker", "no budget owner", "rubric_id", rubric, "due", dueForm}
	next:
		for i := 0; i+1 < len(kv); i += 2 {
			for j := 0; j+1 < len(base); j += 2 {
				if base[j] == kv[i] {
					base[j+1] = kv[i+1]
					continue next
				}
			}
			base = append(base, kv[i], kv[i+1])
		}
		return base
	}
	bad := func(c scenario, who, contains string) scenario {
		c.contains, c.unchanged = []string{contains}, f.requestCount(who)
		return c
	}
	score := func(i int) string { return fmt.Sprintf("score_%d", disc.Criteria[i].ID) }
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }

	// Asking: the form, good and bad input.
	add(
		scenario{name: "subjects: the form offers snippets, deals and circles", who: "cookie:rep1A", method: "GET",
			path: fmt.Sprintf("/feedback?snippet=%d", s.snippet.ID), status: 200,
			contains: []string{`value="snippet"`, fmt.Sprintf(`<option value="%d" selected>Heron pricing`, s.snippet.ID), `id="fr-deal"`,
				fmt.Sprintf(`<option value="%d">Egret circle</option>`, s.circle.ID), "circle: Egret circle"}},
		scenario{name: "subjects: a call spotlighted in a circle's session opens the form with both chosen", who: "cookie:rep1A",
			method: "GET", path: fmt.Sprintf("/feedback?call=%d&circle=%d", s.snippet.CallID, s.circle.ID), status: 200,
			contains: []string{fmt.Sprintf(`<option value="%d" selected>Heron discovery`, s.snippet.CallID),
				fmt.Sprintf(`<option value="%d" selected>Egret circle</option>`, s.circle.ID)}},
		scenario{name: "subjects: the snippet page links to the request form", who: "cookie:rep1A", method: "GET",
			path: fmt.Sprintf("/snippets/%d", s.snippet.ID), status: 200, contains: []string{`id="ask-about-snippet"`}},
		bad(post("subjects: a deal amount that is not a number", "cookie:rep1A", 400,
			deal("deal_amount", "lots", "invitees", fmt.Sprint(f.id("rep2A")))...), "rep1A", "deal_amount"),
		bad(post("subjects: a deal currency that is not a code", "cookie:rep1A", 400,
			deal("deal_currency", "dollars", "invitees", fmt.Sprint(f.id("rep2A")))...), "rep1A", "deal_currency"),
		bad(post("subjects: a snippet the requester cannot see", "cookie:coachA", 400, "subject", "snippet",
			"snippet_id", fmt.Sprint(s.snippet.ID), "rubric_id", rubric, "invitees", fmt.Sprint(f.id("rep2A")), "due", dueForm), "coachA", "snippet_id"),
		bad(post("subjects: a circle the requester is not in", "cookie:adminA", 400,
			deal("group_id", fmt.Sprint(s.circle.ID))...), "adminA", "group_id"),
		bad(post("subjects: a circle request cannot be anonymous", "cookie:rep1A", 400,
			deal("group_id", fmt.Sprint(s.circle.ID), "anonymous", "on")...), "rep1A", "anonymous"),
		with(post("subjects: ask about a snippet", "cookie:rep1A", http.StatusSeeOther, "subject", "snippet",
			"snippet_id", fmt.Sprint(s.snippet.ID), "rubric_id", rubric, "invitees", fmt.Sprint(f.id("coachA")), "due", dueForm),
			func(c *scenario) { c.check = wantRequestLocation }),
		with(post("subjects: ask the circle about a deal", "cookie:rep1A", http.StatusSeeOther, deal("group_id", fmt.Sprint(s.circle.ID))...),
			func(c *scenario) { c.check = wantRequestLocation }),
	)

	// The snippet request: its range only.
	add(
		scenario{name: "subjects: an invitee sees the snippet, not the call", who: "cookie:coachA", method: "GET", path: req(s.rS), status: 200,
			contains: []string{"The snippet: Heron pricing", "heronprice"}, excludes: []string{"heronopen", "heronclose"}},
		scenario{name: "subjects: the requester's manager gets 404", who: "cookie:managerA", method: "GET", path: req(s.rS), status: 404,
			excludes: []string{"heronprice"}},
		with(call("subjects api: the snippet's cues, not the call's ID", "token:coachA", "GET", api("/feedback/requests/%d", s.rS.ID), 200, ""),
			func(c *scenario) {
				c.contains = []string{`"subject": "snippet"`, "heronprice", `"snippet_id"`}
				c.excludes = []string{"heronopen", "heronclose", `"call_id"`, `"call":`}
			}),
		call("subjects api: another org gets 404", "token:repB", "GET", api("/feedback/requests/%d", s.rS.ID), 404, ""),
	)

	// The circle request: no anchoring, calibration, ex-members.
	rC := api("/feedback/requests/%d", s.rC.ID)
	add(
		scenario{name: "circle: before writing, a member sees the deal but no one's review", who: "cookie:rep2A", method: "GET", path: req(s.rC),
			status: 200, contains: []string{"heronblocker", "EUR 52,000", "circle: Egret circle", `hx-trigger="input delay:800ms, change"`},
			excludes: []string{"egretcoachobs", "leaverobs", `id="calibration"`}},
		call("circle api: nor by ref", "token:rep2A", "GET", api("/feedback/reviews/%s", s.coachRef), 404, ""),
		with(post("circle: a member writes observations", "cookie:rep2A", http.StatusSeeOther, score(0), "5", score(1), "2",
			"highlights", "egretremyobs"), func(c *scenario) {
			c.path, c.location = req(s.rC)+"/review/observations", req(s.rC)+"#my-review"
		}),
		scenario{name: "circle: then sees the others' observations and the calibration", who: "cookie:rep2A", method: "GET", path: req(s.rC),
			status: 200, contains: []string{"egretcoachobs", "leaverobs", `id="calibration"`, "reviewers disagree", "Cole Coach"}},
		scenario{name: "circle: the recipient sees the calibration", who: "cookie:rep1A", method: "GET", path: req(s.rC), status: 200,
			contains: []string{`id="calibration"`, "reviewers disagree", "points", "egretremyobs"}},
		with(call("circle api: the calibration, by value", "token:rep1A", "GET", rC, 200, ""), func(c *scenario) {
			c.contains = []string{`"calibration"`, `"disagree": true`, `"circle": "Egret circle"`, `"subject": "deal"`, `"blocker"`}
		}),
		with(call("circle api: a member reads another's review by ref", "token:rep2A", "GET", api("/feedback/reviews/%s", s.coachRef), 200, ""),
			func(c *scenario) { c.contains = []string{"egretcoachobs"} }),
		scenario{name: "circle: an ex-member gets 404", who: "cookie:managerA", method: "GET", path: req(s.rC), status: 404,
			excludes: []string{"egretcoachobs", "heronblocker"}},
		scenario{name: "circle: an ex-member's list no longer shows it", who: "cookie:managerA", method: "GET", path: "/feedback", status: 200,
			excludes: []string{"Heron renewal"}},
		with(call("circle api: an ex-member keeps their own review", "token:managerA", "GET", rC+"/review", 200, ""),
			func(c *scenario) { c.contains = []string{"leaverobs"} }),
		call("circle api: an ex-member cannot read the others'", "token:managerA", "GET", api("/feedback/reviews/%s", s.coachRef), 404, ""),
		with(call("circle api: an ex-member cannot write", "token:managerA", "POST", rC+"/review/recommendations", 404, `{"recommendations":"late"}`),
			func(c *scenario) { c.unchanged = f.feedbackState(f.orgA, s.rC.ID) }),
		call("circle: an admin gets 404", "cookie:adminA", "GET", req(s.rC), 404, ""),
		call("circle api: another org gets 404", "token:repB", "GET", rC, 404, ""),
	)

	// Asking through the API.
	dealJSON := `{"name":"Kite","stage":"Proposal","amount":30000,"currency":"USD","close_date":"2026-08-31","blocker":"no budget owner"}`
	add(
		with(call("subjects api: ask the circle about a deal", "token:rep1A", "POST", api("/feedback/requests"), 201,
			fmt.Sprintf(`{"deal":%s,"rubric_id":%d,"group_id":%d,"due_at":%q}`, dealJSON, disc.ID, s.circle.ID, due.Format(time.RFC3339))),
			func(c *scenario) {
				c.contains = []string{`"subject": "deal"`, `"title": "Deal: Kite"`, `"circle": "Egret circle"`}
			}),
		with(call("subjects api: a deal without a blocker", "token:rep1A", "POST", api("/feedback/requests"), 400,
			fmt.Sprintf(`{"deal":{"name":"Kite","stage":"Proposal","amount":1,"currency":"USD","close_date":"2026-08-31"},"rubric_id":%d,"invitees":[%d],"due_at":%q}`,
				disc.ID, f.id("rep2A"), due.Format(time.RFC3339))), func(c *scenario) {
			c.contains, c.unchanged = []string{"deal_blocker"}, f.requestCount("rep1A")
		}),
		with(call("subjects api: another org's snippet", "token:repB", "POST", api("/feedback/requests"), 400,
			fmt.Sprintf(`{"snippet_id":%d,"rubric_id":%d,"invitees":[%d],"due_at":%q}`, s.snippet.ID, theirRubric, f.id("adminB"), due.Format(time.RFC3339))),
			func(c *scenario) {
				c.contains, c.excludes, c.unchanged = []string{"snippet_id"}, []string{"Heron"}, f.requestCount("repB")
			}),
		with(call("subjects api: another org's circle", "token:repB", "POST", api("/feedback/requests"), 400,
			fmt.Sprintf(`{"deal":%s,"rubric_id":%d,"group_id":%d,"due_at":%q}`, dealJSON, theirRubric, s.circle.ID, due.Format(time.RFC3339))),
			func(c *scenario) {
				c.contains, c.excludes, c.unchanged = []string{"group_id"}, []string{"Egret"}, f.requestCount("repB")
			}),
	)
	return cases
}

// wantRequestLocation checks a redirect to a request's page.
func wantRequestLocation(t *testing.T, res response) {
	if loc := res.Header.Get("Location"); !requestLocation.MatchString(loc) {
		t.Errorf("Location %q", loc)
	}
}
