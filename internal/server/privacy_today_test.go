package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// Attacks on what landed with skill profiles and heat maps, feedback on
// snippets and deals, circle requests, calibration, remarks, examples of
// great and ritual specifics, over HTTP on both engines. The service side
// is in internal/service/privacy_today_test.go.

// todayWorld is the content the attacks aim at, all in org A.
type todayWorld struct {
	spec    specificsState
	ex      examplesSeed
	rm      remarkSeed
	action  int64  // remy's action item on rita's deal in the clinic
	ref     string // managerA's submitted review on rm.rF
	disc    domain.Rubric
	markers []string // text that only members, authors or owners may read
}

func setUpToday(t *testing.T, f *fixture) todayWorld {
	t.Helper()
	ctx := context.Background()
	var w todayWorld
	w.spec = setUpSpecifics(t, f)
	w.ex = seedExamples(t, f)
	for _, r := range mustDo(f.svc.Rubrics(ctx, f.actorOf("rep1A")))(t) {
		if r.Builtin == "discovery" {
			w.disc = r
		}
	}
	w.rm = seedRemarks(t, f, w.disc)
	w.action = mustDo(f.svc.Session(ctx, f.actorOf("rep1A"), w.spec.clinic))(t).Actions[0].ID
	w.ref = mustDo(f.svc.MyReview(ctx, f.actorOf("managerA"), w.rm.rF.ID))(t).Ref
	// Petra is in the other team of org A, in no group; Max manages that team.
	f.addMember(t, "peerA", f.orgA, domain.Person{Name: "Petra Peer", Email: "petra@alpha.example", TeamID: f.teamA2.ID})
	f.addMember(t, "managerA2", f.orgA, domain.Person{Name: "Max Othermanager", Email: "max@alpha.example", TeamID: f.teamA2.ID,
		Roles: domain.Roles{domain.RoleManager}})
	w.markers = append([]string{"ptarmgone", "ptarmapigone", "ptarmfrozen", "pendingnote", "anothernote", "Ptarmigan", "Quetzal"},
		w.spec.markers...)
	return w
}

// probe is one request aimed at something of org A, and the same request
// aimed at something that does not exist.
type probe struct {
	method, path, missing, body, ctype string
	inOrg                              bool // an outsider of org A must get the "missing" answer too
}

var digits = regexp.MustCompile(`[0-9]+`)

// TestTodayProbesCannotTellForbiddenFromMissing: for every route of
// today's features that takes an ID or ref, someone of another
// organisation — and, where the thing is not theirs, someone of the same
// organisation — gets exactly the answer a missing ID gets: same status,
// same body (numbers aside), and none of the content.
func TestTodayProbesCannotTellForbiddenFromMissing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		w := setUpToday(t, f)
		const none, noRef = 987654, "0123456789abcdef"
		ct := "application/x-www-form-urlencoded"
		p := func(method, format string, real, body string, inOrg bool, ids ...any) probe {
			missing := make([]any, len(ids))
			for i, id := range ids {
				if _, ok := id.(string); ok {
					missing[i] = noRef
				} else {
					missing[i] = none
				}
			}
			typ := ct
			if strings.HasPrefix(format, "/api/") {
				typ = jsonType
			}
			if real != "" {
				body = real
			}
			return probe{method: method, path: fmt.Sprintf(format, ids...), missing: fmt.Sprintf(format, missing...), body: body, ctype: typ, inOrg: inOrg}
		}
		s := w.spec
		probes := []probe{
			p("GET", "/sessions/%d", "", "", true, s.swap),
			p("GET", "/sessions/groups/%d/shadowing", "", "", true, s.pair),
			p("POST", "/sessions/%d/items/%d/note", "note=x", "", true, s.forum, s.objection),
			p("POST", "/sessions/%d/items/%d/delete", "", "", true, s.clinic, s.deal),
			p("POST", "/sessions/%d/actions/%d/done", "done=1", "", true, s.clinic, w.action),
			p("POST", "/sessions/%d/survey", "phase=before&skill=Discovery+questions&score=1", "", true, s.swap),
			p("POST", "/sessions/%d/cheatsheet", "cheat_sheet=x", "", true, s.swap),
			p("POST", "/sessions/%d/swap", "skills=x", "", true, s.swap),
			p("POST", "/sessions/groups/%d/shadowing/%d/goal", "goal=x", "", true, s.pair, s.week),
			p("POST", "/sessions/groups/%d/shadowing/%d/debriefs", "day="+s.weekStart+"&observed=x", "", true, s.pair, s.week),
			p("GET", "/feedback/requests/%d", "", "", true, w.rm.rR.ID),
			p("POST", "/feedback/requests/%d/review/remarks", "at=0:30&kind=highlight&note=x", "", true, w.rm.rR.ID),
			p("POST", "/feedback/requests/%d/review/remarks/%s/delete", "", "", true, w.rm.rR.ID, w.rm.goneRef),
			p("POST", "/feedback/reviews/%s/rating", "helpfulness=1", "", true, w.ref),
			p("POST", "/feedback/examples/%d/approve", "", "", true, w.ex.pending.ID),
			p("POST", "/feedback/examples/%d/delete", "", "", true, w.ex.pending.ID),
			p("GET", "/people/%d/skill-profile", "", "", true, f.id("rep1A")),
			p("GET", "/teams/%d/skills", "", "", false, f.teamA.ID),

			p("GET", "/api/v1/sessions/%d", "", "", true, s.clinic),
			p("PATCH", "/api/v1/sessions/%d/items/%d", `{"note":"x"}`, "", true, s.forum, s.objection),
			p("POST", "/api/v1/sessions/%d/action-items", `{"text":"x"}`, "", true, s.clinic),
			p("PUT", "/api/v1/sessions/%d/survey", `{"phase":"before","scores":{"Discovery questions":1}}`, "", true, s.swap),
			p("PUT", "/api/v1/sessions/%d/cheat-sheet", `{"markdown":"x"}`, "", true, s.swap),
			p("PUT", "/api/v1/sessions/%d/skill-swap", `{"skills":["x"]}`, "", true, s.swap),
			p("GET", "/api/v1/groups/%d/shadowing-weeks", "", "", true, s.pair),
			p("PUT", "/api/v1/shadowing-weeks/%d/goal", `{"text":"x"}`, "", true, s.week),
			p("POST", "/api/v1/shadowing-weeks/%d/debriefs", fmt.Sprintf(`{"day":%q,"observed":"x"}`, s.weekStart), "", true, s.week),
			p("POST", "/api/v1/shadowing-weeks/%d/feedback", fmt.Sprintf(`{"to_id":%d,"text":"x"}`, f.id("rep1A")), "", true, s.week),
			p("GET", "/api/v1/feedback/requests/%d", "", "", true, w.rm.rR.ID),
			p("GET", "/api/v1/feedback/requests/%d/review", "", "", true, w.rm.rF.ID),
			p("POST", "/api/v1/feedback/requests/%d/review/remarks", `{"at_seconds":30,"kind":"highlight","note":"x"}`, "", true, w.rm.rR.ID),
			p("DELETE", "/api/v1/feedback/requests/%d/review/remarks/%s", "", "", true, w.rm.rR.ID, w.rm.apiRef),
			p("GET", "/api/v1/feedback/reviews/%s", "", "", true, w.ref),
			p("PUT", "/api/v1/feedback/reviews/%s/rating", `{"helpfulness":1}`, "", true, w.ref),
			p("GET", "/api/v1/feedback/examples/%d", "", "", true, w.ex.pending.ID),
			p("DELETE", "/api/v1/feedback/examples/%d", "", "", true, w.ex.pending.ID),
			p("POST", "/api/v1/feedback/examples/%d/approve", "", "", true, w.ex.pending.ID),
			p("POST", "/api/v1/feedback/examples/%d/decline", "", "", true, w.ex.another.ID),
			p("GET", "/api/v1/people/%d/skill-profile", "", "", true, f.id("rep1A")),
			p("GET", "/api/v1/teams/%d/skills", "", "", false, f.teamA.ID),
			p("GET", "/api/v1/feedback/rubrics/%d/examples", "", "", false, w.ex.rubric.ID),
		}
		before := map[string]string{
			"rm":       f.remarkState(f.orgA, w.rm.rR.ID)(t),
			"pending":  f.exampleState(w.ex.pending.ID)(t),
			"another":  f.exampleState(w.ex.another.ID)(t),
			"examples": f.exampleCount(t),
		}
		for _, pr := range probes {
			for _, who := range []string{"repB", "adminB", "peerA", "managerA2", "adminA", "managerA"} {
				inOrg := who != "repB" && who != "adminB"
				if inOrg && !pr.inOrg {
					continue
				}
				// An administrator and Rita's manager may see her profile's
				// numbers; Maya wrote the review behind w.ref.
				if (who == "adminA" || who == "managerA") && strings.Contains(pr.path, "skill-profile") ||
					who == "managerA" && (strings.Contains(pr.path, w.ref) || strings.Contains(pr.path, fmt.Sprintf("/requests/%d/", w.rm.rF.ID))) {
					continue
				}
				kind := "cookie:"
				if strings.HasPrefix(pr.path, "/api/") {
					kind = "token:"
				}
				got := f.do(t, kind+who, pr.method, pr.path, pr.body, pr.ctype)
				want := f.do(t, kind+who, pr.method, pr.missing, pr.body, pr.ctype)
				if got.StatusCode != want.StatusCode || digits.ReplaceAllString(got.body, "N") != digits.ReplaceAllString(want.body, "N") {
					t.Errorf("%s %s %s tells it from a missing one: %d %s\nvs %d %s", who, pr.method, pr.path,
						got.StatusCode, clip(got.body), want.StatusCode, clip(want.body))
				}
				if got.StatusCode < 400 {
					t.Errorf("%s %s %s: %d", who, pr.method, pr.path, got.StatusCode)
				}
				for _, m := range w.markers {
					if strings.Contains(got.body, m) {
						t.Errorf("%s %s %s shows %q", who, pr.method, pr.path, m)
					}
				}
			}
		}
		// Nobody signed in gets in anywhere, whatever the ID.
		for _, pr := range probes {
			res := f.do(t, "", pr.method, pr.path, pr.body, pr.ctype)
			if res.StatusCode != http.StatusUnauthorized && res.StatusCode != http.StatusSeeOther || containsAny(res.body, w.markers) {
				t.Errorf("anonymous %s %s: %d %s", pr.method, pr.path, res.StatusCode, clip(res.body))
			}
		}
		after := map[string]string{
			"rm":       f.remarkState(f.orgA, w.rm.rR.ID)(t),
			"pending":  f.exampleState(w.ex.pending.ID)(t),
			"another":  f.exampleState(w.ex.another.ID)(t),
			"examples": f.exampleCount(t),
		}
		for k, v := range before {
			if after[k] != v {
				t.Errorf("an attack changed %s: %s → %s", k, v, after[k])
			}
		}
	})
}

// TestOtherTeamsManagerSeesNoneOfUs: a manager of another team of the
// same organisation gets nothing of team A's people, groups or skills.
func TestOtherTeamsManagerSeesNoneOfUs(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		w := setUpToday(t, f)
		groups := append([]string{"Alpha skill swap", "Alpha deal clinic", "Alpha shadowing pair"}, w.markers...)
		ours := append([]string{"Rita R", "Remy R", "Cole C"}, groups...)
		// The feedback page's invitee picker lists the organisation's
		// people, as the directory does; nothing of team A's feedback.
		if res := f.get(t, "cookie:managerA2", "/feedback"); containsAny(res.body, groups) || strings.Contains(res.body, "Alpha Sales") {
			t.Errorf("the other manager's feedback page shows team A's groups or figures:\n%s", clip(res.body))
		}
		for _, c := range []struct{ who, path string }{
			{"cookie:managerA2", "/sessions/participation"},
			{"token:managerA2", "/api/v1/participation"},
			{"cookie:managerA2", "/sessions"},
			{"token:managerA2", "/api/v1/groups"},
			{"cookie:managerA2", fmt.Sprintf("/teams/%d/skills", f.teamA.ID)},
			{"token:managerA2", fmt.Sprintf("/api/v1/teams/%d/skills", f.teamA.ID)},
			{"token:managerA2", fmt.Sprintf("/api/v1/people/%d/skill-profile", f.id("rep1A"))},
			{"cookie:managerA2", fmt.Sprintf("/sessions/groups/%d", w.spec.clinicGroup.ID)},
		} {
			res := f.get(t, c.who, c.path)
			for _, s := range ours {
				if strings.Contains(res.body, s) {
					t.Errorf("%s %s (%d) shows %q", c.who, c.path, res.StatusCode, s)
				}
			}
		}
		// Their own team's heat map is theirs, with their people only.
		res := f.get(t, "token:managerA2", fmt.Sprintf("/api/v1/teams/%d/skills", f.teamA2.ID))
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Petra") || containsAny(res.body, ours) {
			t.Errorf("own heat map: %d %s", res.StatusCode, clip(res.body))
		}
	})
}

// TestLeaversAndLateJoinersReadNothingNew: someone who left a group reads
// none of what is written after, through the API or the pages; someone
// who joined after a circle request was made never sees that request.
func TestLeaversAndLateJoinersReadNothingNew(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		w := setUpToday(t, f)
		ctx := context.Background()
		rita, remy, coach := f.actorOf("rep1A"), f.actorOf("rep2A"), f.actorOf("coachA")
		clinic := w.spec.clinicGroup.ID
		if err := f.svc.LeaveGroup(ctx, remy, clinic, remy.Person.ID); err != nil {
			t.Fatal(err)
		}
		// Written after Remy left.
		notes := "NEWAFTERLEFT notes"
		mustDo(f.svc.UpdateSessionNotes(ctx, rita, w.spec.clinic, service.SessionNotesInput{Notes: &notes}))(t)
		mustDo(f.svc.BringItem(ctx, rita, w.spec.clinic, domain.SessionItem{Kind: domain.ItemDeal, DealName: "NEWAFTERLEFT deal"}))(t)
		mustDo(f.svc.AddAction(ctx, coach, w.spec.clinic, service.ActionInput{Text: "NEWAFTERLEFT action"}))(t)
		mustDo(f.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: fmt.Sprintf("group:%d", clinic), Text: "NEWAFTERLEFT commitment",
			Due: f.svc.Now().AddDate(0, 0, 3)}))(t)
		circle := mustDo(f.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{GroupID: clinic, RubricID: w.disc.ID,
			Deal: &domain.Deal{Name: "NEWAFTERLEFT circle deal", Stage: "proposal", Amount: 48000, Currency: "EUR",
				CloseDate: time.Now().AddDate(0, 2, 0).Format(domain.DateLayout), Blocker: "NEWAFTERLEFT blocker"}, DueAt: time.Now().Add(72 * time.Hour)}))(t)
		// Petra joins the circle after the request was made.
		if err := f.svc.AddMember(ctx, coach, clinic, f.id("peerA")); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AcceptGroundRules(ctx, f.actorOf("peerA"), clinic); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RespondToRequest(ctx, coach, circle.ID, true); err != nil {
			t.Fatal(err)
		}
		mustDo(f.svc.SubmitObservations(ctx, coach, circle.ID, service.ReviewInput{Highlights: "NEWAFTERLEFT review",
			Scores: []domain.ReviewScore{{CriterionID: w.disc.Criteria[0].ID, Score: 2}}}))(t)

		paths := []string{fmt.Sprintf("/sessions/%d", w.spec.clinic), fmt.Sprintf("/api/v1/sessions/%d", w.spec.clinic),
			fmt.Sprintf("/sessions/groups/%d", clinic), fmt.Sprintf("/api/v1/groups/%d", clinic), "/sessions", "/api/v1/groups",
			"/api/v1/commitments", "/feedback", "/api/v1/feedback/requests", fmt.Sprintf("/feedback/requests/%d", circle.ID),
			fmt.Sprintf("/api/v1/feedback/requests/%d", circle.ID), fmt.Sprintf("/api/v1/feedback/requests/%d/review", circle.ID)}
		for _, who := range []string{"rep2A", "peerA"} {
			for _, path := range paths {
				kind := "cookie:"
				if strings.HasPrefix(path, "/api/") {
					kind = "token:"
				}
				// Petra, a member now, reads the group's content; never the
				// circle request that predates her.
				secrets := []string{"NEWAFTERLEFT"}
				if who == "peerA" {
					secrets = []string{"NEWAFTERLEFT circle deal", "NEWAFTERLEFT blocker", "NEWAFTERLEFT review"}
				}
				if res := f.get(t, kind+who, path); containsAny(res.body, secrets) {
					t.Errorf("%s reads what is not theirs on %s (%d)", who, path, res.StatusCode)
				}
			}
			// The request is as missing to them as one that never was.
			got := f.get(t, "token:"+who, fmt.Sprintf("/api/v1/feedback/requests/%d", circle.ID))
			want := f.get(t, "token:"+who, "/api/v1/feedback/requests/987654")
			if got.StatusCode != http.StatusNotFound || digits.ReplaceAllString(got.body, "N") != digits.ReplaceAllString(want.body, "N") {
				t.Errorf("%s: the circle request answers %d %s", who, got.StatusCode, got.body)
			}
		}
		// Petra is a member now: she reads the group's run sheet, as the
		// rules say, but not the request that predates her.
		if res := f.get(t, "token:peerA", fmt.Sprintf("/api/v1/sessions/%d", w.spec.clinic)); res.StatusCode != http.StatusOK {
			t.Errorf("the new member cannot read the run sheet: %d", res.StatusCode)
		}
	})
}

var teamFigures = regexp.MustCompile(`(?s)<section class="card team-feedback">.*?</section>`)

// TestHeatMapWaitsForAnonymousRelease: a lone anonymous review moves
// neither the requester's own numbers, nor the manager's heat map, nor
// the manager's feedback figures for the team (which would time it) until
// it is released to the requester.
func TestHeatMapWaitsForAnonymousRelease(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		ctx := context.Background()
		var disc domain.Rubric
		for _, r := range mustDo(f.svc.Rubrics(ctx, f.actorOf("rep1A")))(t) {
			if r.Builtin == "discovery" {
				disc = r
			}
		}
		if err := f.svc.SetFeedbackSettings(ctx, f.actorOf("adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		r := mustDo(f.svc.RequestFeedback(ctx, f.actorOf("rep1A"), service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail,
			ArtefactText: "Hi", RubricID: disc.ID, Anonymous: true, Invitees: []int64{f.id("rep2A"), f.id("coachA")},
			DueAt: time.Now().Add(72 * time.Hour)}))(t)
		asOf := regexp.MustCompile(`"as_of": "[^"]*"`)
		views := func() []string {
			var out []string
			for _, c := range []struct{ who, path string }{
				{"token:managerA", fmt.Sprintf("/api/v1/teams/%d/skills?rubric=%d", f.teamA.ID, disc.ID)},
				{"token:managerA", fmt.Sprintf("/api/v1/people/%d/skill-profile", f.id("rep1A"))},
				{"token:rep1A", "/api/v1/me/skill-profile"},
				{"cookie:managerA", fmt.Sprintf("/teams/%d/skills?rubric=%d", f.teamA.ID, disc.ID)},
			} {
				res := f.get(t, c.who, c.path)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("%s %s: %d %s", c.who, c.path, res.StatusCode, clip(res.body))
				}
				out = append(out, asOf.ReplaceAllString(res.body, ""))
			}
			// The manager's feedback figures for the team.
			res := f.get(t, "cookie:managerA", "/feedback")
			figures := teamFigures.FindString(res.body)
			if figures == "" {
				t.Fatalf("no team figures on the manager's feedback page:\n%s", clip(res.body))
			}
			return append(out, figures)
		}
		review := func(who string, score int) {
			a := f.actorOf(who)
			if err := f.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
				t.Fatal(err)
			}
			mustDo(f.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{Highlights: "x",
				Scores: []domain.ReviewScore{{CriterionID: disc.Criteria[0].ID, Score: score}}}))(t)
		}
		start := views()
		review("rep2A", 1)
		for i, v := range views() {
			if v != start[i] {
				t.Errorf("view %d moved with a lone anonymous review:\n%s\nvs\n%s", i, clip(start[i]), clip(v))
			}
		}
		review("coachA", 5)
		now := views()
		moved := false
		for i, v := range now[:len(now)-1] {
			moved = moved || v != start[i]
		}
		if !moved {
			t.Error("released reviews do not reach the profile or heat map")
		}
		if figures := now[len(now)-1]; !strings.Contains(figures, "<dd>2</dd>") || !strings.Contains(figures, "3.0 (2 scores)") {
			t.Errorf("released reviews do not reach the team's figures:\n%s", figures)
		}
	})
}

// TestCheatSheetMarkdownRunsNothing throws the usual script vectors at
// the cheat sheet and reads the run sheet back, page and API.
func TestCheatSheetMarkdownRunsNothing(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		st := setUpSpecifics(t, f)
		payloads := []string{
			`[a](JaVaScRiPt:alert(1))`, `[b](&#106;avascript:alert(1))`, `[c](javascript&colon;alert(1))`,
			`[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`, `[e](vbscript:msgbox(1))`,
			`![f](javascript:alert(1))`, `<javascript:alert(1)>`, `<svg onload=alert(1)>`, `<iframe src="https://evil.example">`,
			`<a href="javascript:alert(1)">g</a>`, `<img src=x onerror=alert(1)>`, `<style>body{display:none}</style>`,
			`<form action="https://evil.example"><input name=p></form>`, "```\n</code><script>alert(1)</script>\n```",
			`[h](https://ok.example "x\" onmouseover=\"alert(1)")`, `<details open ontoggle=alert(1)>`, `<meta http-equiv="refresh" content="0;url=https://evil.example">`,
		}
		sheet := strings.Join(payloads, "\n\n")
		res := f.do(t, "token:coachA", "PUT", fmt.Sprintf("/api/v1/sessions/%d/cheat-sheet", st.swap),
			fmt.Sprintf(`{"markdown":%q}`, sheet), jsonType)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("write the cheat sheet: %d %s", res.StatusCode, clip(res.body))
		}
		page := f.get(t, "cookie:rep2A", fmt.Sprintf("/sessions/%d", st.swap))
		start, end := strings.Index(page.body, `id="cheat-sheet"`), strings.Index(page.body, "Confidence survey")
		if start < 0 || end < start {
			t.Fatalf("no cheat sheet on the run sheet:\n%s", clip(page.body))
		}
		// Text is escaped, so only tags can run anything: check every tag.
		tags := regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(page.body[start:end], -1)
		if len(tags) < 5 {
			t.Fatalf("the cheat sheet rendered to too little: %q", tags)
		}
		badTag := regexp.MustCompile(`^<(script|svg|iframe|style|form|input|meta|object|embed|base|link)\b`)
		badAttr := regexp.MustCompile(`(?i)\son[a-z]+\s*=|(href|src|action)\s*=\s*"?\s*(javascript|vbscript|data):|\sstyle\s*=`)
		for _, tag := range tags {
			if badTag.MatchString(strings.ToLower(tag)) || badAttr.MatchString(tag) {
				t.Errorf("the rendered cheat sheet holds %s", tag)
			}
		}
	})
}

// TestHiddenProposalsDoNotShowThroughDuplicates: a proposal awaiting the
// owner (or declined by them) is the owner's and the proposer's alone, so
// proposing the same stretch must not tell a third person that it exists.
func TestHiddenProposalsDoNotShowThroughDuplicates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		ex := seedExamples(t, f) // rep2A's "pending" proposal on Quetzal, clarify 0:30–0:38, awaits rep1A
		// Cole may see Quetzal; he proposes rep2A's stretch, and a fresh one.
		body := func(start, end int) string {
			return fmt.Sprintf(`{"rubric_id":%d,"criterion_key":"clarify","call_id":%d,"start_seconds":%d,"end_seconds":%d,"note":"x"}`,
				ex.rubric.ID, ex.quetzal.ID, start, end)
		}
		hidden := f.do(t, "token:coachA", "POST", "/api/v1/feedback/examples", body(30, 38), jsonType)
		fresh := f.do(t, "token:coachA", "POST", "/api/v1/feedback/examples", body(10, 18), jsonType)
		if hidden.StatusCode != fresh.StatusCode {
			t.Errorf("a hidden proposal shows through: %d %s vs %d", hidden.StatusCode, hidden.body, fresh.StatusCode)
		}
		// His own proposal he can see: proposing it again is refused.
		if again := f.do(t, "token:coachA", "POST", "/api/v1/feedback/examples", body(30, 38), jsonType); again.StatusCode != http.StatusConflict {
			t.Errorf("proposing his own stretch again: %d %s", again.StatusCode, clip(again.body))
		}
		// The owner meets both copies and may show only one.
		var copyOf struct{ ID int64 }
		if err := json.Unmarshal([]byte(hidden.body), &copyOf); err != nil || copyOf.ID == 0 {
			t.Fatalf("the second proposal: %v %s", err, clip(hidden.body))
		}
		approve := func(id int64) response {
			return f.do(t, "token:rep1A", "POST", fmt.Sprintf("/api/v1/feedback/examples/%d/approve", id), "", jsonType)
		}
		if res := approve(ex.pending.ID); res.StatusCode != http.StatusOK {
			t.Fatalf("approving the first copy: %d %s", res.StatusCode, clip(res.body))
		}
		if res := approve(copyOf.ID); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "already shown") {
			t.Errorf("approving the second copy of a shown stretch: %d %s", res.StatusCode, clip(res.body))
		}
	})
}

// TestIDsOfOneGroupDoNotOpenAnother: a member of some groups cannot reach
// another group's weeks, items or action items by pairing an ID of theirs
// with one of the other group's, and nothing is written.
func TestIDsOfOneGroupDoNotOpenAnother(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		w := setUpToday(t, f)
		s := w.spec
		ctx := context.Background()
		state := func() string {
			clinic := mustDo(f.svc.Session(ctx, f.actorOf("rep1A"), s.clinic))(t)
			forum := mustDo(f.svc.Session(ctx, f.actorOf("rep1A"), s.forum))(t)
			weeks := mustDo(f.svc.Shadowing(ctx, f.actorOf("rep1A"), s.pair))(t)
			return fmt.Sprintf("%+v|%+v|%+v|%+v", clinic.Items, clinic.Actions, forum.Items, weeks.Weeks)
		}
		before := state()
		// Remy is in the clinic, the forum and the skill swap, not the pair.
		form := "application/x-www-form-urlencoded"
		for _, c := range []struct{ method, path, body, ctype string }{
			{"POST", fmt.Sprintf("/sessions/groups/%d/shadowing/%d/goal", s.clinicGroup.ID, s.week), "goal=hijack", form},
			{"POST", fmt.Sprintf("/sessions/groups/%d/shadowing/%d/debriefs", s.clinicGroup.ID, s.week), "day=" + s.weekStart + "&observed=hijack", form},
			{"POST", fmt.Sprintf("/sessions/%d/items/%d/note", s.forum, s.deal), "note=hijack", form},
			{"POST", fmt.Sprintf("/sessions/%d/items/%d/delete", s.forum, s.deal), "", form},
			{"POST", fmt.Sprintf("/sessions/%d/actions/%d/done", s.forum, w.action), "done=1", form},
			{"POST", fmt.Sprintf("/sessions/%d/actions", s.forum), fmt.Sprintf("item=%d&text=hijack", s.deal), form},
			{"PATCH", fmt.Sprintf("/api/v1/sessions/%d/items/%d", s.forum, s.deal), `{"note":"hijack"}`, jsonType},
			{"POST", fmt.Sprintf("/api/v1/sessions/%d/action-items", s.swap), fmt.Sprintf(`{"item_id":%d,"text":"hijack"}`, s.deal), jsonType},
			{"PUT", fmt.Sprintf("/api/v1/shadowing-weeks/%d/goal", s.week), `{"text":"hijack"}`, jsonType},
		} {
			who := "cookie:rep2A"
			if strings.HasPrefix(c.path, "/api/") {
				who = "token:rep2A"
			}
			// Remy may read the clinic and the forum; never the pair's log.
			res := f.do(t, who, c.method, c.path, c.body, c.ctype)
			if res.StatusCode < 400 || containsAny(res.body, []string{"MARK-SPEC-goal", "MARK-SPEC-observed", "MARK-SPEC-try", "MARK-SPEC-feedback"}) {
				t.Errorf("%s %s: %d %s", c.method, c.path, res.StatusCode, clip(res.body))
			}
		}
		if after := state(); after != before {
			t.Errorf("a mixed-up ID wrote to another group:\n%s\nvs\n%s", before, after)
		}
		// Rita leaves the pair: its weeks are gone for her, old and new.
		if err := f.svc.LeaveGroup(ctx, f.actorOf("rep1A"), s.pair, f.id("rep1A")); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddDebrief(ctx, f.actorOf("coachA"), s.week, mustDo(time.Parse(domain.DateLayout, s.weekStart))(t), "NEWAFTERLEFT", ""); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ method, path, body string }{
			{"GET", fmt.Sprintf("/api/v1/groups/%d/shadowing-weeks", s.pair), ""},
			{"PUT", fmt.Sprintf("/api/v1/shadowing-weeks/%d/goal", s.week), `{"text":"still mine"}`},
		} {
			if res := f.do(t, "token:rep1A", c.method, c.path, c.body, jsonType); res.StatusCode != http.StatusNotFound ||
				strings.Contains(res.body, "NEWAFTERLEFT") || strings.Contains(res.body, "MARK-SPEC-goal") {
				t.Errorf("the ex-member: %s %s: %d %s", c.method, c.path, res.StatusCode, clip(res.body))
			}
		}
		if res := f.get(t, "cookie:rep1A", fmt.Sprintf("/sessions/groups/%d/shadowing", s.pair)); res.StatusCode != http.StatusNotFound {
			t.Errorf("the ex-member's shadowing page: %d", res.StatusCode)
		}
	})
}
