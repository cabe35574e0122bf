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

// examplesSeed is what the examples-of-great scenarios start from.
type examplesSeed struct {
	rubric  domain.Rubric // org A's objection-handling default
	quetzal domain.Call   // rep1A's team-shared call, also named to coachA; with a recording
	tanager domain.Call   // rep1A's private call
	shown   domain.CriterionExample
	pending domain.CriterionExample // rep2A's proposal, awaiting rep1A
	another domain.CriterionExample // rep2A's second proposal (API flow)
	snippet domain.Snippet          // of tanager, 0:20–0:28, shared with rep2A
}

// quetzalCall has a marker in each cue: the shown example covers 0:20–0:28
// ("quetzalin") only; "quetzalout" is before it, "quetzalpend" after it.
func quetzalCall() string {
	return vtt(
		"Rita: Thanks for the time today. quetzalout",
		"Buyer: Honestly the last tool was too expensive for us.",
		"Rita: What made the price feel too high back then? quetzalin",
		"Buyer: Nobody could explain the yearly increase. quetzalpend",
		"Rita: I will send over a proposal and we can meet next week.",
		"Buyer: Sounds good.",
	)
}

// seedExamples builds, through the service:
//
//	shown:   rep1A's own example on Quetzal (acknowledge, 0:20–0:28), approved
//	pending: rep2A's proposal on Quetzal (clarify, 0:30–0:38), awaiting rep1A
//	another: rep2A's proposal on Quetzal (respond_confirm, 0:40–0:48)
func seedExamples(t *testing.T, f *fixture) examplesSeed {
	t.Helper()
	ctx := context.Background()
	var s examplesSeed
	for _, r := range mustDo(f.svc.Rubrics(ctx, f.actorOf("rep1A")))(t) {
		if r.Builtin == "objection_handling" {
			s.rubric = r
		}
	}
	occurred := time.Now().Add(-72 * time.Hour)
	s.quetzal = f.seedCall(t, "rep1A", "Quetzal pricing call", domain.VisibilityTeam, []int64{f.id("coachA")}, occurred, quetzalCall())
	s.tanager = f.seedCall(t, "rep1A", "Tanager private call", domain.VisibilityPrivate, nil, occurred, salesCall("tanagercue"))
	s.quetzal.Recording = "recordings/quetzal.mp3" // as if it came as audio
	if err := f.db.UpdateCall(ctx, f.orgA.ID, s.quetzal); err != nil {
		t.Fatal(err)
	}
	s.snippet = mustDo(f.svc.CreateSnippet(ctx, f.actorOf("rep1A"), s.tanager.ID, "Tanager snippet", 20, 28, []int64{f.id("rep2A")}))(t)
	propose := func(who, key string, start float64, note string) domain.CriterionExample {
		return mustDo(f.svc.ProposeExample(ctx, f.actorOf(who), service.ExampleInput{RubricID: s.rubric.ID, CriterionKey: key,
			CallID: s.quetzal.ID, Start: start, End: start + 8, Note: note}))(t)
	}
	s.shown = propose("rep1A", "acknowledge", 20, "quetzalnote: asks what is behind the price concern")
	s.pending = propose("rep2A", "clarify", 30, "pendingnote: lets the buyer explain")
	s.another = propose("rep2A", "respond_confirm", 40, "anothernote: a clear next step")
	return s
}

// exampleState renders an example as stored, or that it is gone.
func (f *fixture) exampleState(id int64) func(t testing.TB) string {
	return func(t testing.TB) string {
		e, err := f.db.CriterionExample(context.Background(), f.orgA.ID, id)
		if err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("%s %q", e.Status, e.Note)
	}
}

// exampleCount is how many examples org A has.
func (f *fixture) exampleCount(t testing.TB) string {
	list, err := f.db.CriterionExamples(context.Background(), f.orgA.ID, domain.ExampleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(len(list))
}

// exampleScenarios covers every page and API route of examples of great:
// the rubric page for people who may and may not see the call, proposing
// (good, bad, duplicate, a call one cannot see, another organisation),
// the owner's consent and its refusal by everyone else, removal, and
// suggestions for coaches only.
func exampleScenarios(t *testing.T, f *fixture) []scenario {
	s := seedExamples(t, f)
	rub := fmt.Sprintf("/feedback/rubrics/%d", s.rubric.ID)
	ex := func(e domain.CriterionExample, rest string) string {
		return fmt.Sprintf("/feedback/examples/%d%s", e.ID, rest)
	}
	api := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	post := func(name, who, path string, status int, kv ...string) scenario {
		body, ctype := form(kv...)
		return scenario{name: name, who: who, method: "POST", path: path, body: body, ctype: ctype, status: status}
	}
	call := func(name, who, method, path string, status int, body string) scenario {
		c := scenario{name: name, who: who, method: method, path: path, status: status}
		if body != "" {
			c.body, c.ctype = body, jsonType
		}
		return c
	}
	with := func(c scenario, edit func(*scenario)) scenario { edit(&c); return c }
	quetzalLink := fmt.Sprintf(`href="/calls/%d"`, s.quetzal.ID)
	proposal := func(key, start, end, note string) []string {
		return []string{"criterion", fmt.Sprintf("%d:%s", s.rubric.ID, key), "call_id", fmt.Sprint(s.quetzal.ID),
			"start", start, "end", end, "note", note}
	}
	count := f.exampleCount
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }

	// The rubric page: the excerpt for everyone, the call only for those
	// who may see it, nothing unconsented.
	add(
		scenario{name: "examples: a manager who cannot see the call sees the excerpt only", who: "cookie:managerA", method: "GET",
			path: rub, status: 200, contains: []string{"Examples of great", "quetzalin", "quetzalnote", "From a call of "},
			excludes: []string{"quetzalout", "quetzalpend", "pendingnote", "Quetzal pricing call", quetzalLink, "/recording"}},
		scenario{name: "examples: a teammate who sees the call gets its link and its audio", who: "cookie:rep2A", method: "GET", path: rub,
			status: 200, contains: []string{"quetzalin", "Quetzal pricing call", quetzalLink,
				fmt.Sprintf(`<audio controls preload="none" src="/calls/%d/recording#t=20.000,28.000"`, s.quetzal.ID)},
			excludes: []string{"quetzalout", "pendingnote"}},
		scenario{name: "examples: the owner is told what awaits their consent", who: "cookie:rep1A", method: "GET", path: rub, status: 200,
			contains: []string{`id="examples-waiting"`, "Withdraw my consent"}, excludes: []string{"pendingnote"}},
		scenario{name: "examples: the rubric list links to them", who: "cookie:rep1A", method: "GET", path: "/feedback/rubrics", status: 200,
			contains: []string{`id="examples-waiting"`, `href="/feedback/examples"`}},
		scenario{name: "examples: another org gets 404", who: "cookie:repB", method: "GET", path: rub, status: 404,
			excludes: []string{"quetzalin", "quetzalnote"}},
		scenario{name: "examples: anonymous visitors sign in first", method: "GET", path: "/feedback/examples", status: http.StatusSeeOther,
			location: "/signin?next=%2Ffeedback%2Fexamples"},
		scenario{name: "examples: the owner's page lists what awaits them", who: "cookie:rep1A", method: "GET", path: "/feedback/examples",
			status: 200, contains: []string{"Awaiting your consent", "pendingnote", "quetzalpend", fmt.Sprintf(`id="approve-%d"`, s.pending.ID),
				"proposed by "}},
		scenario{name: "examples: the proposer sees their proposals waiting", who: "cookie:rep2A", method: "GET", path: "/feedback/examples",
			status: 200, contains: []string{"pendingnote", "waiting for "}, excludes: []string{"approve-"}},
		scenario{name: "examples: an admin does not see unconsented proposals", who: "cookie:adminA", method: "GET", path: "/feedback/examples",
			status: 200, excludes: []string{"pendingnote", "quetzalpend"}},
	)

	// The proposal page and proposing.
	add(
		scenario{name: "examples: the proposal form is prefilled from a moment", who: "cookie:rep2A", method: "GET",
			path: fmt.Sprintf("/feedback/examples/new?call=%d&start=0:50&end=0:58", s.quetzal.ID), status: 200,
			contains: []string{`id="propose"`, `value="0:50"`, "Quetzal pricing call"}, excludes: []string{"Suggested moments", "Tanager"}},
		scenario{name: "examples: a coach gets suggested moments", who: "cookie:coachA", method: "GET",
			path: fmt.Sprintf("/feedback/examples/new?criterion=%d:acknowledge", s.rubric.ID), status: 200,
			contains: []string{"Suggested moments", "Propose as example"}},
		scenario{name: "examples: a snippet one cannot see is not found", who: "cookie:rep2A", method: "GET",
			path: "/feedback/examples/new?snippet=999999", status: 404},
		scenario{name: "examples: a snippet's viewer may propose its range", who: "cookie:rep2A", method: "GET",
			path: fmt.Sprintf("/feedback/examples/new?snippet=%d", s.snippet.ID), status: 200,
			contains: []string{"Tanager snippet", fmt.Sprintf(`name="snippet_id" value="%d"`, s.snippet.ID)},
			excludes: []string{"tanagercue", `id="ex-call"`}},
		with(post("examples: proposing a snippet shared with one", "cookie:rep2A", "/feedback/examples", http.StatusSeeOther,
			"criterion", fmt.Sprintf("%d:acknowledge", s.rubric.ID), "snippet_id", fmt.Sprint(s.snippet.ID), "note", "snippetnote"),
			func(c *scenario) { c.location = "/feedback/examples?done=proposed" }),
		scenario{name: "examples: the snippet's viewer sees the excerpt of their proposal, not the call", who: "cookie:rep2A",
			method: "GET", path: "/feedback/examples", status: 200, contains: []string{"snippetnote", "tanagercue"},
			excludes: []string{fmt.Sprintf(`href="/calls/%d"`, s.tanager.ID), "Tanager private call"}},
		with(post("examples: a teammate proposes a moment", "cookie:rep2A", "/feedback/examples", http.StatusSeeOther,
			proposal("acknowledge", "0:50", "0:58", "webnote")...), func(c *scenario) { c.location = "/feedback/examples?done=proposed" }),
		with(post("examples: an example ending before it starts is refused", "cookie:rep2A", "/feedback/examples", 400,
			proposal("acknowledge", "0:30", "0:20", "x")...), func(c *scenario) {
			c.contains, c.unchanged = []string{"end: an example must end after it starts"}, count
		}),
		with(post("examples: a stretch past the call's end is refused", "cookie:rep2A", "/feedback/examples", 400,
			proposal("acknowledge", "0:30", "9:00", "x")...), func(c *scenario) { c.contains, c.unchanged = []string{"the call is only"}, count }),
		with(post("examples: an unknown criterion is refused", "cookie:rep2A", "/feedback/examples", 400,
			proposal("nope", "0:30", "0:38", "x")...), func(c *scenario) { c.contains, c.unchanged = []string{"criterion:"}, count }),
		with(post("examples: the same stretch twice is a clear conflict", "cookie:rep2A", "/feedback/examples", http.StatusConflict,
			proposal("clarify", "0:30", "0:38", "again")...), func(c *scenario) { c.contains, c.unchanged = []string{"already proposed"}, count }),
		with(post("examples: a call one cannot see is refused", "cookie:rep2A", "/feedback/examples", 400,
			"criterion", fmt.Sprintf("%d:acknowledge", s.rubric.ID), "call_id", fmt.Sprint(s.tanager.ID), "start", "0:00", "end", "0:08",
			"note", "x"), func(c *scenario) {
			c.contains, c.excludes, c.unchanged = []string{"a call that you can see"}, []string{"tanagercue", "Tanager"}, count
		}),
		with(post("examples: another org cannot propose on org A's call", "cookie:repB", "/feedback/examples", 400,
			proposal("acknowledge", "0:00", "0:08", "x")...), func(c *scenario) { c.unchanged = count }),
	)

	// Consent: the owner only.
	state := f.exampleState
	add(
		with(post("examples: the proposer cannot consent", "cookie:rep2A", ex(s.pending, "/approve"), 403),
			func(c *scenario) { c.unchanged = state(s.pending.ID) }),
		with(post("examples: a manager cannot learn of a proposal", "cookie:managerA", ex(s.pending, "/approve"), 404),
			func(c *scenario) { c.unchanged = state(s.pending.ID) }),
		with(post("examples: an admin cannot consent for the owner", "cookie:adminA", ex(s.pending, "/approve"), 404),
			func(c *scenario) { c.unchanged = state(s.pending.ID) }),
		with(post("examples: another org cannot consent", "cookie:repB", ex(s.pending, "/approve"), 404),
			func(c *scenario) { c.unchanged = state(s.pending.ID) }),
		with(post("examples: the owner consents", "cookie:rep1A", ex(s.pending, "/approve"), http.StatusSeeOther),
			func(c *scenario) { c.location = "/feedback/examples?done=approved" }),
		scenario{name: "examples: the consented excerpt is shown", who: "cookie:managerA", method: "GET", path: rub, status: 200,
			contains: []string{"quetzalpend", "pendingnote"}, excludes: []string{"quetzalout"}},
		with(post("examples: the owner withdraws consent from the rubric page", "cookie:rep1A", ex(s.pending, "/decline"), http.StatusSeeOther,
			"back", rub), func(c *scenario) { c.location = rub }),
		with(post("examples: a redirect off the site is ignored", "cookie:rep1A", ex(s.pending, "/decline"), http.StatusSeeOther,
			"back", "https://evil.example/"), func(c *scenario) { c.location = "/feedback/examples?done=declined" }),
		scenario{name: "examples: a withdrawn example is gone from the rubric", who: "cookie:managerA", method: "GET", path: rub, status: 200,
			excludes: []string{"quetzalpend", "pendingnote"}},
		with(post("examples: a coach cannot remove a shown example", "cookie:coachA", ex(s.shown, "/delete"), 403),
			func(c *scenario) { c.unchanged = state(s.shown.ID) }),
		with(post("examples: another org's admin cannot remove it", "cookie:adminB", ex(s.shown, "/delete"), 404),
			func(c *scenario) { c.unchanged = state(s.shown.ID) }),
		with(post("examples: the proposer takes back a declined proposal", "cookie:rep2A", ex(s.pending, "/delete"), http.StatusSeeOther),
			func(c *scenario) { c.location = "/feedback/examples?done=removed" }),
	)

	// The API.
	add(
		with(call("api examples: the rubric's examples, excerpt only", "token:managerA", "GET", api("/feedback/rubrics/%d/examples", s.rubric.ID), 200, ""),
			func(c *scenario) {
				c.contains, c.excludes = []string{"quetzalin", "quetzalnote", `"owner_name": "`}, []string{"quetzalout", `"call_id"`, "recording_url", "anothernote"}
			}),
		with(call("api examples: a teammate gets the call", "token:rep2A", "GET", api("/feedback/rubrics/%d/examples", s.rubric.ID), 200, ""),
			func(c *scenario) {
				c.contains = []string{fmt.Sprintf(`"call_id": %d`, s.quetzal.ID), "Quetzal pricing call"}
			}),
		call("api examples: another org gets 404", "token:repB", "GET", api("/feedback/rubrics/%d/examples", s.rubric.ID), 404, ""),
		with(call("api examples: suggestions for a coach", "token:coachA", "GET",
			api("/feedback/rubrics/%d/examples/suggestions?criterion=acknowledge", s.rubric.ID), 200, ""),
			func(c *scenario) { c.contains = []string{`"items"`} }),
		call("api examples: no suggestions for a rep", "token:rep2A", "GET",
			api("/feedback/rubrics/%d/examples/suggestions?criterion=acknowledge", s.rubric.ID), 403, ""),
		call("api examples: suggestions need a real criterion", "token:coachA", "GET",
			api("/feedback/rubrics/%d/examples/suggestions?criterion=nope", s.rubric.ID), 400, ""),
		with(call("api examples: the owner's list", "token:rep1A", "GET", api("/feedback/examples"), 200, ""),
			func(c *scenario) { c.contains = []string{"awaiting_my_consent", "anothernote", "webnote"} }),
		with(call("api examples: propose", "token:coachA", "POST", api("/feedback/examples"), 201,
			fmt.Sprintf(`{"rubric_id":%d,"criterion_key":"clarify","call_id":%d,"start_seconds":50,"end_seconds":58,"note":"apinote"}`,
				s.rubric.ID, s.quetzal.ID)), func(c *scenario) { c.contains = []string{`"status": "proposed"`, "apinote", "Sounds good"} }),
		with(call("api examples: over three minutes is refused", "token:coachA", "POST", api("/feedback/examples"), 400,
			fmt.Sprintf(`{"rubric_id":%d,"criterion_key":"clarify","call_id":%d,"start_seconds":0,"end_seconds":200,"note":"x"}`,
				s.rubric.ID, s.quetzal.ID)), func(c *scenario) { c.unchanged = count }),
		with(call("api examples: another org's rubric is refused", "token:repB", "POST", api("/feedback/examples"), 400,
			fmt.Sprintf(`{"rubric_id":%d,"criterion_key":"clarify","call_id":%d,"start_seconds":0,"end_seconds":8,"note":"x"}`,
				s.rubric.ID, s.quetzal.ID)), func(c *scenario) { c.unchanged = count }),
		call("api examples: an admin cannot read a proposal", "token:adminA", "GET", api("/feedback/examples/%d", s.another.ID), 404, ""),
		with(call("api examples: the proposer reads theirs", "token:rep2A", "GET", api("/feedback/examples/%d", s.another.ID), 200, ""),
			func(c *scenario) { c.contains = []string{"anothernote", `"proposed_by_me": true`} }),
		with(call("api examples: the proposer cannot consent", "token:rep2A", "POST", api("/feedback/examples/%d/approve", s.another.ID), 403, ""),
			func(c *scenario) { c.unchanged = state(s.another.ID) }),
		with(call("api examples: the owner consents", "token:rep1A", "POST", api("/feedback/examples/%d/approve", s.another.ID), 200, ""),
			func(c *scenario) { c.contains = []string{`"status": "approved"`, `"decided_at"`} }),
		with(call("api examples: the owner withdraws", "token:rep1A", "POST", api("/feedback/examples/%d/decline", s.another.ID), 200, ""),
			func(c *scenario) { c.contains = []string{`"status": "declined"`} }),
		with(call("api examples: another org cannot delete", "token:adminB", "DELETE", api("/feedback/examples/%d", s.another.ID), 404, ""),
			func(c *scenario) { c.unchanged = state(s.another.ID) }),
		call("api examples: the owner deletes", "token:rep1A", "DELETE", api("/feedback/examples/%d", s.another.ID), 204, ""),
		with(post("examples: an admin removes a shown example", "cookie:adminA", ex(s.shown, "/delete"), http.StatusSeeOther, "back", rub),
			func(c *scenario) { c.location = rub }),
	)
	return cases
}
