package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// remarkSeed is what the remark scenarios start from.
type remarkSeed struct {
	rR, rF, rE      domain.FeedbackRequest
	goneRef, apiRef string // rep2A's draft remarks on rR, to remove
	frozenRef       string // managerA's remark on rF, submitted
}

// seedRemarks builds, through the service, on rep1A's private call Ptarmigan
// (cues every 10 s, a price objection at 0:10):
//
//	rR: rep1A asks rep2A (accepted, drafting: remarks "ptarmgone" at 0:40
//	    and "ptarmapigone" at 0:45) and coachA (pending) about Ptarmigan
//	rF: rep1A asks managerA about Ptarmigan; managerA's observations are
//	    in, with the remark "ptarmfrozen" (to work on, 0:15); rep1A rated
//	    them 4 (no other scenario rates managerA's reviews)
//	rE: rep1A asks rep2A (accepted) about an e-mail
func seedRemarks(t *testing.T, f *fixture, disc domain.Rubric) remarkSeed {
	t.Helper()
	ctx := context.Background()
	rita, remy, coach, maya := f.actorOf("rep1A"), f.actorOf("rep2A"), f.actorOf("coachA"), f.actorOf("managerA")
	ptarm := f.seedCall(t, "rep1A", "Ptarmigan discovery", domain.VisibilityPrivate, nil, time.Now().Add(-24*time.Hour), salesCall("ptarmmarker"))
	due := time.Now().Add(96 * time.Hour)
	ask := func(in service.FeedbackRequestInput, who ...service.Actor) domain.FeedbackRequest {
		in.RubricID, in.DueAt = disc.ID, due
		for _, a := range who {
			in.Invitees = append(in.Invitees, a.Person.ID)
		}
		return mustDo(f.svc.RequestFeedback(ctx, rita, in))(t)
	}
	accept := func(a service.Actor, r domain.FeedbackRequest) {
		if err := f.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	at := func(v float64) *float64 { return &v }
	s := remarkSeed{rR: ask(service.FeedbackRequestInput{CallID: ptarm.ID}, remy, coach),
		rF: ask(service.FeedbackRequestInput{CallID: ptarm.ID}, maya),
		rE: ask(service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail, ArtefactText: "Hi ptarm"}, remy)}
	accept(remy, s.rR)
	mustDo(f.svc.AddRemark(ctx, remy, s.rR.ID, service.RemarkInput{AtSeconds: at(40), Kind: domain.RemarkHighlight, Note: "ptarmgone"}))(t)
	v := mustDo(f.svc.AddRemark(ctx, remy, s.rR.ID, service.RemarkInput{AtSeconds: at(45), Kind: domain.RemarkHighlight, Note: "ptarmapigone"}))(t)
	s.goneRef, s.apiRef = v.Remarks[0].Ref, v.Remarks[1].Ref
	accept(maya, s.rF)
	v = mustDo(f.svc.AddRemark(ctx, maya, s.rF.ID, service.RemarkInput{AtSeconds: at(15), Kind: domain.RemarkImprovement, Note: "ptarmfrozen"}))(t)
	s.frozenRef = v.Remarks[0].Ref
	v = mustDo(f.svc.SubmitObservations(ctx, maya, s.rF.ID, service.ReviewInput{}))(t)
	mustDo(f.svc.RateReview(ctx, rita, v.Ref, 4, ""))(t)
	accept(remy, s.rE)
	return s
}

// remarkState renders every remark of a request's reviews.
func (f *fixture) remarkState(org domain.Org, id int64) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		rvs, err := f.db.Reviews(context.Background(), org.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, rv := range rvs {
			fmt.Fprintf(&b, "review %d %s:", rv.ReviewerID, rv.Phase())
			for _, m := range rv.Remarks {
				fmt.Fprintf(&b, " %s %v %s %q;", m.Ref, m.AtSeconds, m.Kind, m.Note)
			}
		}
		return b.String()
	}
}

// feedbackRemarkScenarios covers timestamped remarks on the request page
// and the API (add, remove, bad input that stores nothing, who may) and a
// reviewer's helpfulness over time.
func feedbackRemarkScenarios(t *testing.T, f *fixture) []scenario {
	var disc domain.Rubric
	for _, r := range mustDo(f.svc.Rubrics(context.Background(), f.actorOf("rep1A")))(t) {
		if r.Builtin == "discovery" {
			disc = r
		}
	}
	s := seedRemarks(t, f, disc)
	page := func(r domain.FeedbackRequest) string { return fmt.Sprintf("/feedback/requests/%d", r.ID) }
	api := func(r domain.FeedbackRequest) string { return fmt.Sprintf("/api/v1/feedback/requests/%d", r.ID) }
	post := func(name, who string, r domain.FeedbackRequest, status int, kv ...string) scenario {
		body, ctype := form(kv...)
		return scenario{name: name, who: who, method: "POST", path: page(r) + "/review/remarks", body: body, ctype: ctype, status: status}
	}
	stored := func(r domain.FeedbackRequest) func(t testing.TB) string { return f.remarkState(f.orgA, r.ID) }
	refused := func(c scenario, r domain.FeedbackRequest, contains string) scenario {
		c.unchanged = stored(r)
		if contains != "" {
			c.contains = []string{contains}
		}
		return c
	}
	jsonCall := func(name, who, method, path string, status int, body string) scenario {
		c := scenario{name: name, who: who, method: method, path: path, status: status}
		if body != "" {
			c.body, c.ctype = body, jsonType
		}
		return c
	}
	with := func(c scenario, edit func(*scenario)) scenario { edit(&c); return c }
	htmx := map[string]string{"HX-Request": "true", "HX-Target": "remarks"}
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }

	// The page: the form, the transcript anchors, adding and removing.
	add(
		scenario{name: "remarks: the reviewer's draft offers the remark form and the call's moments", who: "cookie:rep2A", method: "GET",
			path: page(s.rR), status: 200, contains: []string{`id="remark-form"`, `id="t-10"`, `id="remark-moment"`, "ptarmgone",
				`href="#t-40"`, "Objection"}},
		with(post("remarks: add one at a time", "cookie:rep2A", s.rR, http.StatusSeeOther, "at", "0:21", "kind", "improvement",
			"note", "ptarmremark"), func(c *scenario) { c.location = page(s.rR) + "#remarks" }),
		with(post("remarks: add one on a teachable moment", "cookie:rep2A", s.rR, http.StatusSeeOther, "moment", "1", "kind", "highlight",
			"note", "ptarmmoment"), func(c *scenario) { c.location = page(s.rR) + "#remarks" }),
		with(post("remarks: htmx gets the remarks section back", "cookie:rep2A", s.rR, 200, "at", "0:33", "kind", "highlight",
			"note", "ptarmhtmx"), func(c *scenario) {
			c.header, c.excludes = htmx, []string{"<html"}
			c.contains = []string{`id="remarks"`, "ptarmhtmx", "ptarmremark", "Objection at 0:10", `id="transcript" hx-swap-oob="true"`}
		}),
		refused(post("remarks: a time after the call ends", "cookie:rep2A", s.rR, 400, "at", "5:00", "kind", "highlight", "note", "late"),
			s.rR, "within the call"),
		refused(post("remarks: a time that is not m:ss", "cookie:rep2A", s.rR, 400, "at", "soon", "kind", "highlight", "note", "x"),
			s.rR, "m:ss"),
		refused(with(post("remarks: htmx, an empty note", "cookie:rep2A", s.rR, 200, "at", "0:05", "kind", "highlight", "note", " "),
			func(c *scenario) { c.header = htmx }), s.rR, `id="remark-error"`),
		refused(post("remarks: a pending invitee cannot add one", "cookie:coachA", s.rR, 409, "at", "0:05", "kind", "highlight", "note", "x"),
			s.rR, "accept the request"),
		refused(post("remarks: the recipient cannot add one", "cookie:rep1A", s.rR, 403, "at", "0:05", "kind", "highlight", "note", "x"), s.rR, ""),
		refused(post("remarks: the requester's manager gets 404", "cookie:managerA", s.rR, 404, "at", "0:05", "kind", "highlight", "note", "x"),
			s.rR, ""),
		refused(post("remarks: not on an e-mail", "cookie:rep2A", s.rE, 400, "at", "0:05", "kind", "highlight", "note", "x"),
			s.rE, "calls and snippets"),
		refused(post("remarks: not after the observations are in", "cookie:managerA", s.rF, 409, "at", "0:05", "kind", "highlight", "note", "x"),
			s.rF, "can no longer change"),
		refused(scenario{name: "remarks: another reviewer cannot remove one", who: "cookie:coachA", method: "POST",
			path: page(s.rR) + "/review/remarks/" + s.goneRef + "/delete", status: 409}, s.rR, ""),
		refused(scenario{name: "remarks: nor can the recipient", who: "cookie:rep1A", method: "POST",
			path: page(s.rR) + "/review/remarks/" + s.goneRef + "/delete", status: 403}, s.rR, ""),
		scenario{name: "remarks: the author removes one", who: "cookie:rep2A", method: "POST",
			path: page(s.rR) + "/review/remarks/" + s.goneRef + "/delete", status: http.StatusSeeOther, location: page(s.rR) + "#remarks"},
		scenario{name: "remarks: the recipient reads them with the observations, next to the transcript", who: "cookie:rep1A", method: "GET",
			path: page(s.rF), status: 200, contains: []string{"ptarmfrozen", `href="#t-10"`, `id="t-10"`, "To work on", `class="cue-remarks"`},
			excludes: []string{s.frozenRef}},
		scenario{name: "remarks: nobody else's draft remarks reach the recipient", who: "cookie:rep1A", method: "GET", path: page(s.rR),
			status: 200, excludes: []string{"ptarmremark", "ptarmapigone"}},
	)

	// The API.
	add(
		with(jsonCall("remarks api: add one", "token:rep2A", "POST", api(s.rR)+"/review/remarks", 201,
			`{"at_seconds": 31, "kind": "highlight", "note": "ptarmapi"}`), func(c *scenario) {
			c.contains = []string{"ptarmapi", `"ref"`, `"clock": "0:31"`, `"remarks"`}
		}),
		refused(jsonCall("remarks api: a time outside the call", "token:rep2A", "POST", api(s.rR)+"/review/remarks", 400,
			`{"at_seconds": 999, "kind": "highlight", "note": "x"}`), s.rR, "at_seconds"),
		refused(jsonCall("remarks api: an unknown moment", "token:rep2A", "POST", api(s.rR)+"/review/remarks", 400,
			`{"moment": 99, "kind": "highlight", "note": "x"}`), s.rR, "moment"),
		refused(jsonCall("remarks api: too long a note", "token:rep2A", "POST", api(s.rR)+"/review/remarks", 400,
			fmt.Sprintf(`{"at_seconds": 3, "kind": "highlight", "note": %q}`, strings.Repeat("n", domain.MaxRemarkNote+1))), s.rR, "note"),
		refused(jsonCall("remarks api: another org gets 404", "token:repB", "DELETE", api(s.rR)+"/review/remarks/"+s.apiRef, 404, ""), s.rR, ""),
		with(jsonCall("remarks api: remove one", "token:rep2A", "DELETE", api(s.rR)+"/review/remarks/"+s.apiRef, 200, ""),
			func(c *scenario) { c.excludes = []string{"ptarmapigone"} }),
		with(jsonCall("remarks api: the request lists the moments remarks may name", "token:rep2A", "GET", api(s.rR), 200, ""),
			func(c *scenario) { c.contains = []string{`"moments"`, `"index": 1`, `"kind": "objection"`} }),
		with(jsonCall("remarks api: the recipient reads them in the review, without refs", "token:rep1A", "GET", api(s.rF), 200, ""),
			func(c *scenario) {
				c.contains, c.excludes = []string{"ptarmfrozen", `"kind": "improvement"`, `"clock": "0:15"`}, []string{s.frozenRef}
			}),
	)

	// Helpfulness over time: one's own only.
	add(
		with(jsonCall("helpfulness api: a reviewer's own, month by month", "token:managerA", "GET", "/api/v1/feedback/helpfulness", 200, ""),
			func(c *scenario) {
				berlin, _ := time.LoadLocation("Europe/Berlin")
				c.contains = []string{`"months"`, `"count": 1`, `"average": 4`, time.Now().In(berlin).Format("2006-01")}
			}),
		with(jsonCall("helpfulness api: the recipient sees none of the reviewer's", "token:rep1A", "GET", "/api/v1/feedback/helpfulness", 200, ""),
			func(c *scenario) { c.contains, c.excludes = []string{`"count": 0`}, []string{`"count": 1`} }),
		scenario{name: "helpfulness: the feedback page charts it", who: "cookie:managerA", method: "GET", path: "/feedback", status: 200,
			contains: []string{`id="helpfulness-chart"`, `class="helpfulness-month"`, "from 1 rating"}},
		jsonCall("helpfulness api: needs a token", "", "GET", "/api/v1/feedback/helpfulness", 401, ""),
	)
	return cases
}
