package server_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// feedbackSeed is what the feedback scenarios start from.
type feedbackSeed struct {
	disc       domain.Rubric // the discovery default of org A
	otherCrit  int64         // a criterion of another rubric (MEDDPICC)
	falcon     domain.Call   // rep1A's private call
	r1, r3, r4 domain.FeedbackRequest
	r5         domain.FeedbackRequest
	r1Review   service.ReviewView // rep2A's finished review of r1
	r5Review   service.ReviewView // coachA's finished review of r5
	condor     domain.FeedbackRequest
}

// seedFeedback builds the requests the scenarios use, through the service:
//
//	r1: rep1A asks rep2A and coachA about the private call Falcon; rep2A has
//	    reviewed it fully (observations "oboeobs", recommendations "rhubarbrec")
//	r3: rep1A asks rep2A and coachA about an e-mail; both pending (web flow)
//	r4: rep1A asks rep2A and coachA about a deal plan; both pending (API flow)
//	r5: rep1A asks coachA about an e-mail; coachA reviewed it fully
//	condor: repB asks adminB in org B
func seedFeedback(t *testing.T, f *fixture) feedbackSeed {
	t.Helper()
	ctx := context.Background()
	var s feedbackSeed
	rep1, rep2, coach := f.actorOf("rep1A"), f.actorOf("rep2A"), f.actorOf("coachA")
	for _, r := range mustDo(f.svc.Rubrics(ctx, rep1))(t) {
		switch r.Builtin {
		case "discovery":
			s.disc = r
		case "meddpicc":
			s.otherCrit = r.Criteria[0].ID
		}
	}
	s.falcon = f.seedCall(t, "rep1A", "Falcon discovery", domain.VisibilityPrivate, nil, time.Now().Add(-48*time.Hour), salesCall("falconcue"))
	due := time.Now().Add(96 * time.Hour)
	ask := func(a service.Actor, in service.FeedbackRequestInput, invitees ...string) domain.FeedbackRequest {
		t.Helper()
		in.RubricID, in.DueAt = s.disc.ID, due
		if a.Org.ID == f.orgB.ID {
			rubrics := mustDo(f.svc.Rubrics(ctx, a))(t)
			in.RubricID = rubrics[0].ID
		}
		for _, k := range invitees {
			in.Invitees = append(in.Invitees, f.id(k))
		}
		return mustDo(f.svc.RequestFeedback(ctx, a, in))(t)
	}
	review := func(a service.Actor, r domain.FeedbackRequest, obs, rec string) service.ReviewView {
		t.Helper()
		if err := f.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
			t.Fatal(err)
		}
		mustDo(f.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{Highlights: obs,
			Scores: []domain.ReviewScore{{CriterionID: s.disc.Criteria[0].ID, Score: 4, Note: obs + " note"}}}))(t)
		return mustDo(f.svc.SubmitRecommendations(ctx, a, r.ID, rec))(t)
	}
	s.r1 = ask(rep1, service.FeedbackRequestInput{CallID: s.falcon.ID}, "rep2A", "coachA")
	s.r1Review = review(rep2, s.r1, "oboeobs", "rhubarbrec")
	s.r3 = ask(rep1, service.FeedbackRequestInput{Title: "Grebe e-mail", ArtefactKind: "email", ArtefactText: "grebetext"}, "rep2A", "coachA")
	s.r4 = ask(rep1, service.FeedbackRequestInput{Title: "Ibis plan", ArtefactKind: "deal_plan", ArtefactText: "ibistext"}, "rep2A", "coachA")
	s.r5 = ask(rep1, service.FeedbackRequestInput{Title: "Jacana e-mail", ArtefactKind: "email", ArtefactText: "jacanatext"}, "coachA")
	s.r5Review = review(coach, s.r5, "jacanaobs", "jacanarec")
	s.condor = ask(f.actorOf("repB"), service.FeedbackRequestInput{Title: "Condor e-mail", ArtefactKind: "email", ArtefactText: "condortext"}, "adminB")
	return s
}

func mustDo[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// feedbackState renders what a request might change about a request: its
// invites, reviews and acknowledgement.
func (f *fixture) feedbackState(org domain.Org, id int64) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		ctx := context.Background()
		r, err := f.db.FeedbackRequest(ctx, org.ID, id)
		if err != nil {
			return "error: " + err.Error()
		}
		rvs, err := f.db.Reviews(ctx, org.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "read=%d invites=%v", r.ObservationsRead, r.Invites)
		for _, rv := range rvs {
			fmt.Fprintf(&b, " review(%d %s %q %q %v %d)", rv.ReviewerID, rv.Phase(), rv.Highlights, rv.Recommendations, rv.Scores, rv.Helpfulness)
		}
		return b.String()
	}
}

// requestCount is how many requests a person has made.
func (f *fixture) requestCount(key string) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		m := f.members[key]
		list, err := f.db.FeedbackRequests(context.Background(), m.Org.ID, domain.FeedbackRequestFilter{RequesterID: m.Person.ID})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(len(list))
	}
}

// rubricState renders a rubric's latest version and retirement.
func (f *fixture) rubricState(org domain.Org, id int64) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		r, err := f.db.Rubric(context.Background(), org.ID, id)
		if err != nil {
			return "error: " + err.Error()
		}
		return fmt.Sprintf("v%d %q retired=%v", r.Version, r.Name, r.Retired)
	}
}

var requestLocation = regexp.MustCompile(`^/feedback/requests/[0-9]+$`)

// feedbackScenarios covers every page and API route of feedback: rubrics,
// requests, the two review phases, the acknowledgement and helpfulness —
// good input, bad input, the wrong person (403), people who may not know
// the thing exists (404) and another organisation (404). It relies on
// rep1A, rep2A, coachA, managerA, adminA, repB and adminB keeping their
// roles and teams.
func feedbackScenarios(t *testing.T, f *fixture) []scenario {
	s := seedFeedback(t, f)
	orgA := f.orgA
	req := func(r domain.FeedbackRequest, rest string) string {
		return fmt.Sprintf("/feedback/requests/%d%s", r.ID, rest)
	}
	rub := func(rest string) string { return fmt.Sprintf("/feedback/rubrics/%d%s", s.disc.ID, rest) }
	score := fmt.Sprintf("score_%d", s.disc.Criteria[0].ID)
	note := fmt.Sprintf("note_%d", s.disc.Criteria[0].ID)
	anchor := s.disc.Criteria[0].Anchors[4]
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }
	post := func(name, who, path string, status int, kv ...string) scenario {
		body, ctype := form(kv...)
		return scenario{name: name, who: who, method: "POST", path: path, body: body, ctype: ctype, status: status}
	}
	with := func(c scenario, edit func(*scenario)) scenario { edit(&c); return c }
	state := func(r domain.FeedbackRequest) func(t testing.TB) string { return f.feedbackState(orgA, r.ID) }
	due := time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")

	// The overview and creating requests.
	add(
		scenario{name: "feedback: anonymous visitors sign in first", method: "GET", path: "/feedback", status: http.StatusSeeOther,
			location: "/signin?next=%2Ffeedback"},
		scenario{name: "feedback: the overview lists one's requests", who: "cookie:rep1A", method: "GET", path: "/feedback", status: 200,
			contains: []string{"Your requests", "Falcon discovery", "Grebe e-mail", `aria-current="page"`, "Ask for feedback"},
			excludes: []string{"oboeobs", "Condor", "Coming soon"}},
		scenario{name: "feedback: an invitee sees what was asked of them", who: "cookie:rep2A", method: "GET", path: "/feedback", status: 200,
			contains: []string{"Asked of you", "Grebe e-mail"}, excludes: []string{"grebetext", "Jacana"}},
		scenario{name: "feedback: a manager sees figures, not text or authors", who: "cookie:managerA", method: "GET", path: "/feedback", status: 200,
			contains: []string{"feedback in figures", "Reviews submitted"}, excludes: []string{"oboeobs", "rhubarbrec", "Falcon"}},
		with(post("feedback: ask about an e-mail", "cookie:rep1A", "/feedback/requests", http.StatusSeeOther,
			"subject", "email", "artefact_text", "Kiwi e-mail text", "title", "Kiwi e-mail", "rubric_id", fmt.Sprint(s.disc.ID),
			"invitees", fmt.Sprint(f.id("rep2A")), "due", due), func(c *scenario) {
			c.check = func(t *testing.T, res response) {
				if loc := res.Header.Get("Location"); !requestLocation.MatchString(loc) {
					t.Errorf("Location %q", loc)
				}
			}
		}),
		with(post("feedback: asking nobody is refused", "cookie:rep1A", "/feedback/requests", http.StatusBadRequest,
			"subject", "email", "artefact_text", "x", "rubric_id", fmt.Sprint(s.disc.ID), "due", due), func(c *scenario) {
			c.contains, c.unchanged = []string{"invitees: invite at least one peer"}, f.requestCount("rep1A")
		}),
		with(post("feedback: a call the requester cannot see is refused", "cookie:rep2A", "/feedback/requests", http.StatusBadRequest,
			"subject", "call", "call_id", fmt.Sprint(s.falcon.ID), "rubric_id", fmt.Sprint(s.disc.ID), "invitees", fmt.Sprint(f.id("coachA")),
			"due", due), func(c *scenario) {
			c.contains, c.excludes, c.unchanged = []string{"that you can see"}, []string{"falconcue"}, f.requestCount("rep2A")
		}),
		with(post("feedback: a due time in the past is refused", "cookie:rep1A", "/feedback/requests", http.StatusBadRequest,
			"subject", "email", "artefact_text", "x", "rubric_id", fmt.Sprint(s.disc.ID), "invitees", fmt.Sprint(f.id("rep2A")),
			"due", "2020-01-01T09:00"), func(c *scenario) { c.contains, c.unchanged = []string{"due_at"}, f.requestCount("rep1A") }),
		with(post("feedback: another org's rubric is refused", "cookie:repB", "/feedback/requests", http.StatusBadRequest,
			"subject", "email", "artefact_text", "x", "rubric_id", fmt.Sprint(s.disc.ID), "invitees", fmt.Sprint(f.id("adminB")),
			"due", due), func(c *scenario) { c.unchanged = f.requestCount("repB") }),
	)

	// The request page: who sees what.
	add(
		scenario{name: "request: the recipient reads observations, not yet recommendations", who: "cookie:rep1A", method: "GET",
			path: req(s.r1, ""), status: 200, contains: []string{"oboeobs", `id="ack"`, "I've read the observations", "falconcue"},
			excludes: []string{"rhubarbrec"}},
		scenario{name: "request: an invitee opens the private call through the request", who: "cookie:rep2A", method: "GET",
			path: req(s.r1, ""), status: 200, contains: []string{"falconcue", "Shared with you for this request only", "rhubarbrec"}},
		scenario{name: "request: the invitee still cannot open the call itself", who: "cookie:rep2A", method: "GET",
			path: fmt.Sprintf("/calls/%d", s.falcon.ID), status: 404, excludes: []string{"falconcue"}},
		scenario{name: "request: a pending invitee sees accept and decline", who: "cookie:coachA", method: "GET", path: req(s.r3, ""),
			status: 200, contains: []string{`id="accept"`, `id="decline"`, "grebetext"}},
		scenario{name: "request: the recipient's manager gets 404", who: "cookie:managerA", method: "GET", path: req(s.r1, ""), status: 404,
			excludes: []string{"oboeobs", "Falcon"}},
		scenario{name: "request: an admin gets 404", who: "cookie:adminA", method: "GET", path: req(s.r1, ""), status: 404},
		scenario{name: "request: another org gets 404", who: "cookie:repB", method: "GET", path: req(s.r1, ""), status: 404},
		scenario{name: "request: org A cannot open org B's", who: "cookie:rep1A", method: "GET", path: req(s.condor, ""), status: 404,
			excludes: []string{"condortext"}},
	)

	// Accepting, declining and the web review flow on r3.
	add(
		with(post("request: the requester cannot accept", "cookie:rep1A", req(s.r3, "/accept"), 403), func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("request: another org cannot accept", "cookie:repB", req(s.r3, "/accept"), 404), func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("request: coachA accepts", "cookie:coachA", req(s.r3, "/accept"), http.StatusSeeOther), func(c *scenario) { c.location = req(s.r3, "") }),
		with(post("request: rep2A declines", "cookie:rep2A", req(s.r3, "/decline"), http.StatusSeeOther), func(c *scenario) { c.location = req(s.r3, "") }),
		with(post("request: another org cannot decline", "cookie:repB", req(s.r3, "/decline"), 404), func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("review: a declined invitee cannot draft", "cookie:rep2A", req(s.r3, "/review/draft"), 403, "highlights", "x"),
			func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("review: a draft saves", "cookie:coachA", req(s.r3, "/review/draft"), http.StatusSeeOther, score, "3", note, "kestrelnote"),
			func(c *scenario) { c.location = req(s.r3, "#my-review") }),
		with(post("review: an htmx autosave answers with the status line", "cookie:coachA", req(s.r3, "/review/draft"), 200,
			score, "3", note, "kestrelnote", "highlights", "grebehigh"), func(c *scenario) {
			c.header = map[string]string{"HX-Request": "true", "HX-Target": "draft-status"}
			c.contains, c.excludes = []string{`id="draft-status"`, "Draft saved"}, []string{"<html", "<main"}
		}),
		with(post("review: a score of 9 is refused", "cookie:coachA", req(s.r3, "/review/draft"), 400, score, "9"),
			func(c *scenario) { c.contains, c.unchanged = []string{"score from 1 to 5"}, state(s.r3) }),
		with(post("review: a criterion of another rubric is refused", "cookie:coachA", req(s.r3, "/review/observations"), 400,
			fmt.Sprintf("score_%d", s.otherCrit), "3"), func(c *scenario) { c.contains, c.unchanged = []string{"not part of version"}, state(s.r3) }),
		with(post("review: recommendations before observations are refused", "cookie:coachA", req(s.r3, "/review/recommendations"), 409,
			"recommendations", "too soon"), func(c *scenario) { c.contains, c.unchanged = []string{"observations first"}, state(s.r3) }),
		with(post("review: the requester cannot review", "cookie:rep1A", req(s.r3, "/review/observations"), 403, score, "3"),
			func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("review: another org cannot review", "cookie:repB", req(s.r3, "/review/observations"), 404, score, "3"),
			func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("review: observations submitted", "cookie:coachA", req(s.r3, "/review/observations"), http.StatusSeeOther,
			score, "4", note, "kestrelnote", "highlights", "grebehigh", "improvements", "grebeimp"), func(c *scenario) { c.location = req(s.r3, "#my-review") }),
		with(post("review: a second review by the same person is refused", "cookie:coachA", req(s.r3, "/review/observations"), 409, score, "2"),
			func(c *scenario) { c.contains, c.unchanged = []string{"already submitted observations"}, state(s.r3) }),
		scenario{name: "review: the recommendations phase is open", who: "cookie:coachA", method: "GET", path: req(s.r3, ""), status: 200,
			contains: []string{`id="recommendations-form"`, "grebehigh"}, excludes: []string{`id="observations-form"`}},
		with(post("review: empty recommendations are refused", "cookie:coachA", req(s.r3, "/review/recommendations"), 400, "recommendations", " "),
			func(c *scenario) { c.unchanged = state(s.r3) }),
		with(post("review: recommendations submitted", "cookie:coachA", req(s.r3, "/review/recommendations"), http.StatusSeeOther,
			"recommendations", "grebeadvice"), func(c *scenario) { c.location = req(s.r3, "#my-review") }),
		scenario{name: "review: the recipient does not see recommendations before acknowledging", who: "cookie:rep1A", method: "GET",
			path: req(s.r3, ""), status: 200, contains: []string{"grebehigh", "— accepted"}, excludes: []string{"grebeadvice"}},
	)

	// Acknowledging and rating on the web (r5).
	r5ref := "/feedback/reviews/" + s.r5Review.Ref + "/rating"
	add(
		with(post("acknowledge: a stale count is refused", "cookie:rep1A", req(s.r5, "/acknowledge"), 409, "seen", "3"),
			func(c *scenario) { c.contains, c.unchanged = []string{"new observations"}, state(s.r5) }),
		with(post("acknowledge: only the recipient", "cookie:coachA", req(s.r5, "/acknowledge"), 403, "seen", "1"),
			func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("acknowledge: another org gets 404", "cookie:repB", req(s.r5, "/acknowledge"), 404, "seen", "1"),
			func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("acknowledge: the recipient has read the observations", "cookie:rep1A", req(s.r5, "/acknowledge"), http.StatusSeeOther, "seen", "1"),
			func(c *scenario) { c.location = req(s.r5, "#reviews") }),
		scenario{name: "acknowledge: recommendations now show, with the rating form", who: "cookie:rep1A", method: "GET", path: req(s.r5, ""),
			status: 200, contains: []string{"jacanarec", "How helpful was this review?"}},
		with(post("rating: out of range is refused", "cookie:rep1A", r5ref, 400, "helpfulness", "9"), func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("rating: the author cannot rate", "cookie:coachA", r5ref, 403, "helpfulness", "5"), func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("rating: the recipient's manager gets 404", "cookie:managerA", r5ref, 404, "helpfulness", "5"), func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("rating: another org gets 404", "cookie:repB", r5ref, 404, "helpfulness", "5"), func(c *scenario) { c.unchanged = state(s.r5) }),
		with(post("rating: the recipient rates", "cookie:rep1A", r5ref, http.StatusSeeOther, "helpfulness", "4", "note", "clear"),
			func(c *scenario) { c.location = req(s.r5, "#review-"+s.r5Review.Ref) }),
		scenario{name: "rating: the reviewer sees their helpfulness", who: "cookie:coachA", method: "GET", path: "/feedback", status: 200,
			contains: []string{"<strong>4.0</strong> out of 5, from 1 rated review."}},
	)

	// Rubrics on the web.
	anchors := func(kv ...string) []string {
		out := append([]string(nil), kv...)
		for i := 1; i <= 5; i++ {
			out = append(out, fmt.Sprintf("crit_a%d", i), fmt.Sprintf("level %d", i))
		}
		return out
	}
	add(
		scenario{name: "rubrics: everyone reads them", who: "cookie:rep1A", method: "GET", path: "/feedback/rubrics", status: 200,
			contains: []string{"MEDDPICC qualification", "SPIN question mix", "Outbound", `id="rubric-list"`}, excludes: []string{"New rubric"}},
		scenario{name: "rubrics: an admin gets the form", who: "cookie:adminA", method: "GET", path: "/feedback/rubrics", status: 200,
			contains: []string{"New rubric"}},
		scenario{name: "rubric: criteria with anchors", who: "cookie:rep2A", method: "GET", path: rub(""), status: 200,
			contains: []string{"Pain with consequence of inaction", anchor, "Version 1"}},
		scenario{name: "rubric: another org gets 404", who: "cookie:repB", method: "GET", path: rub(""), status: 404},
		with(post("rubrics: an admin creates one", "cookie:adminA", "/feedback/rubrics", http.StatusSeeOther,
			anchors("name", "Negotiation basics", "motion", "negotiation", "crit_name", "Trades, not gives", "crit_key", "", "crit_behaviour", "asks for something back", "crit_weight", "")...),
			func(c *scenario) {
				c.check = func(t *testing.T, res response) {
					if !strings.HasPrefix(res.Header.Get("Location"), "/feedback/rubrics/") {
						t.Errorf("Location %q", res.Header.Get("Location"))
					}
				}
			}),
		with(post("rubrics: no criteria is refused", "cookie:adminA", "/feedback/rubrics", 400, "name", "Empty", "motion", "demo"),
			func(c *scenario) { c.contains = []string{"at least one criterion"} }),
		with(post("rubrics: a rep cannot create", "cookie:rep1A", "/feedback/rubrics", 403,
			anchors("name", "Mine", "motion", "demo", "crit_name", "X", "crit_behaviour", "y")...), func(c *scenario) { c.contains = []string{safeForbidden} }),
		with(post("rubric: a missing anchor is refused", "cookie:adminA", rub(""), 400, "name", "Discovery", "crit_name", "Only",
			"crit_behaviour", "b", "crit_a1", "one"), func(c *scenario) { c.unchanged = f.rubricState(orgA, s.disc.ID) }),
		with(post("rubric: a rep cannot edit", "cookie:rep1A", rub(""), 403, anchors("name", "Mine", "crit_name", "X", "crit_behaviour", "y")...),
			func(c *scenario) { c.unchanged = f.rubricState(orgA, s.disc.ID) }),
		with(post("rubric: another org's admin gets 404", "cookie:adminB", rub(""), 404, anchors("name", "Theirs", "crit_name", "X", "crit_behaviour", "y")...),
			func(c *scenario) { c.unchanged = f.rubricState(orgA, s.disc.ID) }),
		with(post("rubric: an edit saves version 2", "cookie:adminA", rub(""), http.StatusSeeOther,
			anchors("name", "Discovery", "crit_name", "Pain with consequence of inaction", "crit_key", "pain_consequence", "crit_behaviour", "quantifies the cost of doing nothing", "crit_weight", "")...),
			func(c *scenario) { c.location = rub("?saved=1") }),
		scenario{name: "rubric: version 2 is shown, version 1 listed", who: "cookie:rep1A", method: "GET", path: rub("?saved=1"), status: 200,
			contains: []string{"version 2", "Version 1", "quantifies the cost of doing nothing"}},
		scenario{name: "review: an old request keeps version 1", who: "cookie:rep1A", method: "GET", path: req(s.r1, ""), status: 200,
			contains: []string{"(version 1)"}},
		with(post("rubric: a rep cannot retire", "cookie:rep1A", rub("/retire"), 403), func(c *scenario) { c.unchanged = f.rubricState(orgA, s.disc.ID) }),
		with(post("rubric: another org's admin cannot retire", "cookie:adminB", rub("/retire"), 404), func(c *scenario) { c.unchanged = f.rubricState(orgA, s.disc.ID) }),
		with(post("rubric: an admin retires it", "cookie:adminA", rub("/retire"), http.StatusSeeOther), func(c *scenario) { c.location = rub("") }),
		with(post("rubric: and brings it back", "cookie:adminA", rub("/retire"), http.StatusSeeOther, "retired", "false"), func(c *scenario) { c.location = rub("") }),
	)

	// Settings.
	add(
		scenario{name: "feedback settings: admins only", who: "cookie:rep1A", method: "GET", path: "/admin/feedback", status: 403},
		scenario{name: "feedback settings: the admin page", who: "cookie:adminA", method: "GET", path: "/admin/feedback", status: 200,
			contains: []string{"Allow anonymous reviews"}},
		with(post("feedback settings: a rep cannot change them", "cookie:rep1A", "/admin/feedback", 403, "anonymous", "on"), nil2),
		with(post("feedback settings: the admin allows anonymous reviews", "cookie:adminA", "/admin/feedback", http.StatusSeeOther, "anonymous", "on"),
			func(c *scenario) { c.location = "/admin/feedback?saved=1" }),
		scenario{name: "feedback settings: the request form offers anonymity", who: "cookie:rep1A", method: "GET", path: "/feedback", status: 200,
			contains: []string{`id="fr-anonymous"`}},
	)
	return append(cases, feedbackAPIScenarios(t, f, s)...)
}

func nil2(*scenario) {}

// feedbackAPIScenarios covers the feedback routes of /api/v1: r1 (reviewed
// by rep2A) for reading, acknowledging and rating; r4 for the review flow.
func feedbackAPIScenarios(t *testing.T, f *fixture, s feedbackSeed) []scenario {
	api := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	state := func(r domain.FeedbackRequest) func(t testing.TB) string { return f.feedbackState(f.orgA, r.ID) }
	call := func(name, who, method, path string, status int, body string) scenario {
		c := scenario{name: name, who: who, method: method, path: path, status: status}
		if body != "" {
			c.body, c.ctype = body, jsonType
		}
		return c
	}
	with := func(c scenario, edit func(*scenario)) scenario { edit(&c); return c }
	crit := s.disc.Criteria[0].ID
	ref1 := api("/feedback/reviews/%s", s.r1Review.Ref)
	rubric := func(name string) string {
		return fmt.Sprintf(`{"name":%q,"motion":"demo","criteria":[{"name":"Story","behaviour":"tells the buyer's story","anchors":["1","2","3","4","5"]}]}`, name)
	}
	due := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }

	// Rubrics.
	add(
		with(call("api rubrics: list", "token:rep1A", "GET", api("/feedback/rubrics"), 200, ""),
			func(c *scenario) { c.contains = []string{`"builtin": "meddpicc"`, `"weight": 15`, `"anchors"`} }),
		with(call("api rubrics: get with versions", "token:rep2A", "GET", api("/feedback/rubrics/%d", s.disc.ID), 200, ""),
			func(c *scenario) { c.contains = []string{`"versions"`, `"latest_version"`} }),
		call("api rubrics: another org gets 404", "token:repB", "GET", api("/feedback/rubrics/%d", s.disc.ID), 404, ""),
		with(call("api rubrics: an admin creates one", "token:adminA", "POST", api("/feedback/rubrics"), 201, rubric("API demo")),
			func(c *scenario) { c.contains = []string{`"version": 1`, `"key": "story"`} }),
		with(call("api rubrics: bad motion", "token:adminA", "POST", api("/feedback/rubrics"), 400, strings.Replace(rubric("Bad"), "demo", "closing", 1)),
			func(c *scenario) { c.contains = []string{"motion"} }),
		call("api rubrics: a rep cannot create", "token:rep1A", "POST", api("/feedback/rubrics"), 403, rubric("Mine")),
		with(call("api rubrics: a new version", "token:adminA", "POST", api("/feedback/rubrics/%d/versions", s.disc.ID), 201,
			`{"name":"Discovery","criteria":[{"key":"pain_consequence","name":"Pain with consequence of inaction","behaviour":"asks what doing nothing costs","anchors":["a","b","c","d","e"]}]}`),
			func(c *scenario) { c.contains = []string{`"version": 3`} }),
		with(call("api rubrics: a version with no criteria", "token:adminA", "POST", api("/feedback/rubrics/%d/versions", s.disc.ID), 400, `{"name":"Empty"}`),
			func(c *scenario) { c.unchanged = f.rubricState(f.orgA, s.disc.ID) }),
		with(call("api rubrics: a rep cannot version", "token:rep1A", "POST", api("/feedback/rubrics/%d/versions", s.disc.ID), 403, rubric("Mine")),
			func(c *scenario) { c.unchanged = f.rubricState(f.orgA, s.disc.ID) }),
		with(call("api rubrics: another org cannot version", "token:adminB", "POST", api("/feedback/rubrics/%d/versions", s.disc.ID), 404, rubric("Theirs")),
			func(c *scenario) { c.unchanged = f.rubricState(f.orgA, s.disc.ID) }),
		with(call("api rubrics: retire needs a flag", "token:adminA", "POST", api("/feedback/rubrics/%d/retire", s.disc.ID), 400, `{}`),
			func(c *scenario) { c.unchanged = f.rubricState(f.orgA, s.disc.ID) }),
		call("api rubrics: a rep cannot retire", "token:rep1A", "POST", api("/feedback/rubrics/%d/retire", s.disc.ID), 403, `{"retired":true}`),
		with(call("api rubrics: not retired", "token:adminA", "POST", api("/feedback/rubrics/%d/retire", s.disc.ID), 200, `{"retired":false}`),
			func(c *scenario) { c.contains = []string{`"retired": false`} }),
	)

	// Requests.
	add(
		with(call("api requests: mine and asked of me", "token:rep2A", "GET", api("/feedback/requests"), 200, ""),
			func(c *scenario) {
				c.contains = []string{`"invited"`, `"my_invite": "pending"`, "Ibis plan", `"due_local"`}
				c.excludes = []string{"ibistext", "Jacana", "Condor"}
			}),
		with(call("api requests: ask about an e-mail", "token:rep1A", "POST", api("/feedback/requests"), 201,
			fmt.Sprintf(`{"title":"Lark e-mail","artefact_kind":"email","artefact_text":"larktext","rubric_id":%d,"invitees":[%d],"due_at":%q}`,
				s.disc.ID, f.id("coachA"), due)), func(c *scenario) { c.contains = []string{`"title": "Lark e-mail"`, `"status": "pending"`} }),
		with(call("api requests: a call one cannot see", "token:rep2A", "POST", api("/feedback/requests"), 400,
			fmt.Sprintf(`{"call_id":%d,"rubric_id":%d,"invitees":[%d],"due_at":%q}`, s.falcon.ID, s.disc.ID, f.id("coachA"), due)),
			func(c *scenario) { c.excludes, c.unchanged = []string{"Falcon"}, f.requestCount("rep2A") }),
		with(call("api requests: a peer of another org", "token:rep1A", "POST", api("/feedback/requests"), 400,
			fmt.Sprintf(`{"artefact_kind":"email","artefact_text":"x","rubric_id":%d,"invitees":[%d],"due_at":%q}`, s.disc.ID, f.id("repB"), due)),
			func(c *scenario) { c.excludes, c.unchanged = []string{"Bartholomew"}, f.requestCount("rep1A") }),
		with(call("api requests: unknown field", "token:rep1A", "POST", api("/feedback/requests"), 400, `{"colour":"red"}`),
			func(c *scenario) { c.unchanged = f.requestCount("rep1A") }),
		with(call("api requests: the recipient before acknowledging", "token:rep1A", "GET", api("/feedback/requests/%d", s.r1.ID), 200, ""),
			func(c *scenario) {
				c.contains = []string{"oboeobs", `"recommendations_hidden": true`, `"recommendations_open": false`, `"reviews_so_far": 1`, "falconcue"}
				c.excludes = []string{"rhubarbrec"}
			}),
		with(call("api requests: the invitee sees the call through the request", "token:rep2A", "GET", api("/feedback/requests/%d", s.r1.ID), 200, ""),
			func(c *scenario) { c.contains = []string{"falconcue", `"my_invite": "accepted"`} }),
		call("api requests: the invitee cannot open the call", "token:rep2A", "GET", api("/calls/%d", s.falcon.ID), 404, ""),
		call("api requests: the manager gets 404", "token:managerA", "GET", api("/feedback/requests/%d", s.r1.ID), 404, ""),
		call("api requests: another org gets 404", "token:repB", "GET", api("/feedback/requests/%d", s.r1.ID), 404, ""),
	)

	// Reviews by ref, acknowledging and rating on r1.
	add(
		with(call("api review: the recipient, before acknowledging", "token:rep1A", "GET", ref1, 200, ""),
			func(c *scenario) {
				c.contains, c.excludes = []string{"oboeobs", `"recommendations_hidden": true`, `"observed_at"`}, []string{"rhubarbrec"}
			}),
		with(call("api review: the author sees all of it", "token:rep2A", "GET", ref1, 200, ""),
			func(c *scenario) { c.contains = []string{"rhubarbrec"} }),
		call("api review: another invitee gets 404", "token:coachA", "GET", ref1, 404, ""),
		call("api review: the manager gets 404", "token:managerA", "GET", ref1, 404, ""),
		call("api review: another org gets 404", "token:repB", "GET", ref1, 404, ""),
		with(call("api acknowledge: stale", "token:rep1A", "POST", api("/feedback/requests/%d/acknowledge", s.r1.ID), 409, `{"seen":0}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api acknowledge: missing count", "token:rep1A", "POST", api("/feedback/requests/%d/acknowledge", s.r1.ID), 400, `{}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api acknowledge: an invitee cannot", "token:rep2A", "POST", api("/feedback/requests/%d/acknowledge", s.r1.ID), 403, `{"seen":1}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api acknowledge: another org gets 404", "token:repB", "POST", api("/feedback/requests/%d/acknowledge", s.r1.ID), 404, `{"seen":1}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api acknowledge: read", "token:rep1A", "POST", api("/feedback/requests/%d/acknowledge", s.r1.ID), 200, `{"seen":1}`),
			func(c *scenario) { c.contains = []string{"rhubarbrec", `"recommendations_open": true`} }),
		with(call("api review: recommendations after acknowledging", "token:rep1A", "GET", ref1, 200, ""),
			func(c *scenario) { c.contains = []string{"rhubarbrec"} }),
		with(call("api rating: out of range", "token:rep1A", "PUT", ref1+"/rating", 400, `{"helpfulness":0}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api rating: the author cannot", "token:rep2A", "PUT", ref1+"/rating", 403, `{"helpfulness":5}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api rating: another org gets 404", "token:repB", "PUT", ref1+"/rating", 404, `{"helpfulness":5}`),
			func(c *scenario) { c.unchanged = state(s.r1) }),
		with(call("api rating: rated", "token:rep1A", "PUT", ref1+"/rating", 200, `{"helpfulness":5,"note":"spot on"}`),
			func(c *scenario) { c.contains = []string{`"helpfulness": 5`} }),
	)

	// The review flow on r4.
	r4 := func(rest string) string { return api("/feedback/requests/%d%s", s.r4.ID, rest) }
	obs := fmt.Sprintf(`{"scores":[{"criterion_id":%d,"score":4,"note":"ibisnote"}],"highlights":"ibishigh"}`, crit)
	add(
		with(call("api review: not accepted yet", "token:rep2A", "PUT", r4("/review/draft"), 409, obs), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api request: accept", "token:rep2A", "POST", r4("/accept"), 200, ""), func(c *scenario) { c.contains = []string{`"my_invite": "accepted"`} }),
		with(call("api request: decline", "token:coachA", "POST", r4("/decline"), 200, ""), func(c *scenario) { c.contains = []string{`"my_invite": "declined"`} }),
		call("api request: the requester cannot accept", "token:rep1A", "POST", r4("/accept"), 403, ""),
		call("api request: another org cannot accept", "token:repB", "POST", r4("/accept"), 404, ""),
		call("api request: another org cannot decline", "token:repB", "POST", r4("/decline"), 404, ""),
		call("api review: none started yet", "token:rep2A", "GET", r4("/review"), 404, ""),
		with(call("api review: a draft", "token:rep2A", "PUT", r4("/review/draft"), 200, obs), func(c *scenario) { c.contains = []string{`"phase": "draft"`, "ibishigh"} }),
		with(call("api review: my review", "token:rep2A", "GET", r4("/review"), 200, ""), func(c *scenario) { c.contains = []string{"ibisnote"} }),
		call("api review: another org cannot read it", "token:repB", "GET", r4("/review"), 404, ""),
		with(call("api review: recommendations in a first-phase draft", "token:rep2A", "PUT", r4("/review/draft"), 400, `{"recommendations":"early"}`),
			func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: recommendations before observations", "token:rep2A", "POST", r4("/review/recommendations"), 409, `{"recommendations":"early"}`),
			func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: score 7", "token:rep2A", "POST", r4("/review/observations"), 400,
			fmt.Sprintf(`{"scores":[{"criterion_id":%d,"score":7}]}`, crit)), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: a criterion of another rubric", "token:rep2A", "POST", r4("/review/observations"), 400,
			fmt.Sprintf(`{"scores":[{"criterion_id":%d,"score":3}]}`, s.otherCrit)), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: a declined invitee", "token:coachA", "POST", r4("/review/observations"), 403, obs), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: another org", "token:repB", "POST", r4("/review/observations"), 404, obs), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: observations", "token:rep2A", "POST", r4("/review/observations"), 200, obs), func(c *scenario) { c.contains = []string{`"phase": "observed"`} }),
		with(call("api review: a second review", "token:rep2A", "POST", r4("/review/observations"), 409, obs), func(c *scenario) { c.unchanged = state(s.r4) }),
		with(call("api review: recommendations with observations", "token:rep2A", "POST", r4("/review/recommendations"), 400, obs),
			func(c *scenario) { c.unchanged = state(s.r4) }),
		call("api review: another org cannot recommend", "token:repB", "POST", r4("/review/recommendations"), 404, `{"recommendations":"x"}`),
		with(call("api review: recommendations", "token:rep2A", "POST", r4("/review/recommendations"), 200, `{"recommendations":"ibisadvice"}`),
			func(c *scenario) { c.contains = []string{`"phase": "done"`, "ibisadvice"} }),
		with(call("api review: the recipient sees observations only", "token:rep1A", "GET", r4(""), 200, ""),
			func(c *scenario) {
				c.contains, c.excludes = []string{"ibishigh", `"status": "declined"`}, []string{"ibisadvice"}
			}),
	)
	return cases
}
