package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// feedbackWorld adds a third rep to org A (Tess, in the same team) and
// returns the discovery default rubric.
func feedbackWorld(t *testing.T, w *world) domain.Rubric {
	t.Helper()
	ctx := context.Background()
	p := must(w.svc.CreatePerson(ctx, service.SystemActor(w.orgA), domain.Person{Name: "Tess", Email: "tess@alpha.example",
		TeamID: w.teamA.ID, TimeZone: "Asia/Tokyo"}))(t)
	w.people["rep3A"] = p
	for _, r := range must(w.svc.Rubrics(ctx, w.actor(t, "rep1A")))(t) {
		if r.Builtin == "discovery" {
			return r
		}
	}
	t.Fatal("no discovery rubric")
	return domain.Rubric{}
}

// ask makes a request on a pasted e-mail as the requester.
func ask(t *testing.T, w *world, who string, rubric domain.Rubric, anonymous bool, invitees ...string) domain.FeedbackRequest {
	t.Helper()
	in := service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail, ArtefactText: "Hi Jonas, following up on pricing.",
		RubricID: rubric.ID, DueAt: w.clock.Now().Add(72 * time.Hour), Anonymous: anonymous}
	for _, k := range invitees {
		in.Invitees = append(in.Invitees, w.people[k].ID)
	}
	return must(w.svc.RequestFeedback(context.Background(), w.actor(t, who), in))(t)
}

// observe accepts and submits observations scoring the first criterion.
func observe(t *testing.T, w *world, who string, r domain.FeedbackRequest, rubric domain.Rubric, score int, text string) service.ReviewView {
	t.Helper()
	ctx := context.Background()
	a := w.actor(t, who)
	if err := w.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
		t.Fatal(err)
	}
	return must(w.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{Highlights: text,
		Scores: []domain.ReviewScore{{CriterionID: rubric.Criteria[0].ID, Score: score, Note: "note " + text}}}))(t)
}

func TestDefaultRubrics(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		list := must(w.svc.Rubrics(ctx, rita))(t)
		byKey := map[string]domain.Rubric{}
		for _, r := range list {
			byKey[r.Builtin] = r
		}
		for _, k := range []string{"discovery", "outbound", "meddpicc", "spin", "objection_handling", "next_steps"} {
			if _, ok := byKey[k]; !ok {
				t.Errorf("default %s missing", k)
			}
		}
		m := byKey["meddpicc"]
		total := 0
		for _, c := range m.Criteria {
			total += c.Weight
		}
		if len(m.Criteria) != 8 || total != 100 || m.Motion != domain.MotionQualification || m.Criteria[0].Weight != 15 {
			t.Errorf("MEDDPICC: %d criteria, weights %d: %+v", len(m.Criteria), total, m.Criteria[0])
		}
		if got := len(must(w.svc.Rubrics(ctx, w.actor(t, "repB")))(t)); got != len(list) {
			t.Errorf("org B has %d defaults, org A %d", got, len(list))
		}
		// A retired default stays retired; a second service (another
		// instance) does not add it again.
		must(w.svc.RetireRubric(ctx, w.actor(t, "adminA"), byKey["spin"].ID, true))(t)
		other := service.New(db, service.Options{Now: w.clock.Now})
		again := must(other.Rubrics(ctx, rita))(t)
		if len(again) != len(list) {
			t.Errorf("%d rubrics after a second instance, want %d", len(again), len(list))
		}
	})
}

func TestRubricAdmin(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		admin, rita := w.actor(t, "adminA"), w.actor(t, "rep1A")
		anchors := [5]string{"1", "2", "3", "4", "5"}
		mine := domain.Rubric{Name: "Demo flow", Motion: domain.MotionDemo,
			Criteria: []domain.RubricCriterion{{Name: "Tailored story", Behaviour: "shows only what matters", Anchors: anchors}}}
		_, err := w.svc.CreateRubric(ctx, rita, mine)
		wantErr(t, err, domain.ErrForbidden)
		created := must(w.svc.CreateRubric(ctx, admin, mine))(t)
		if created.Version != 1 || created.CreatedBy != admin.Person.ID || created.Builtin != "" {
			t.Errorf("created %+v", created)
		}
		_, err = w.svc.EditRubric(ctx, rita, disc.ID, disc)
		wantErr(t, err, domain.ErrForbidden)

		// A request made on version 1 keeps it after an edit.
		req := ask(t, w, "rep1A", disc, false, "rep2A")
		edit := disc
		edit.Criteria = append([]domain.RubricCriterion(nil), disc.Criteria[:2]...)
		edit.Criteria[0].Behaviour = "quantifies the cost of doing nothing"
		v2 := must(w.svc.EditRubric(ctx, admin, disc.ID, edit))(t)
		if v2.Version != 2 || len(v2.Criteria) != 2 || v2.Criteria[0].ID == disc.Criteria[0].ID {
			t.Errorf("version 2 %+v", v2)
		}
		edit.Motion = domain.MotionDemo
		_, err = w.svc.EditRubric(ctx, admin, disc.ID, edit)
		wantField(t, err, "motion")
		view := must(w.svc.FeedbackRequest(ctx, rita, req.ID))(t)
		if view.Rubric.Version != 1 || len(view.Rubric.Criteria) != 3 {
			t.Errorf("the request's rubric is version %d with %d criteria, want version 1", view.Rubric.Version, len(view.Rubric.Criteria))
		}
		// Scoring the request against a version-2 criterion is refused.
		remy := w.actor(t, "rep2A")
		if err := w.svc.RespondToRequest(ctx, remy, req.ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.SubmitObservations(ctx, remy, req.ID, service.ReviewInput{Scores: []domain.ReviewScore{{CriterionID: v2.Criteria[0].ID, Score: 4}}})
		wantField(t, err, "scores")
		versions := must(w.svc.RubricVersions(ctx, rita, disc.ID))(t)
		if len(versions) != 2 {
			t.Errorf("%d versions", len(versions))
		}
		// Retired rubrics cannot be used for new requests.
		must(w.svc.RetireRubric(ctx, admin, disc.ID, true))(t)
		_, err = w.svc.RetireRubric(ctx, rita, disc.ID, false)
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{ArtefactKind: "email", ArtefactText: "x", RubricID: disc.ID,
			Invitees: []int64{remy.Person.ID}, DueAt: w.clock.Now().Add(time.Hour)})
		wantField(t, err, "rubric")
		// Another organisation's admin cannot touch it.
		_, err = w.svc.EditRubric(ctx, w.actor(t, "adminB"), disc.ID, edit)
		wantErr(t, err, domain.ErrNotFound)
	})
}

func TestFeedbackRequestRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		private := upload(t, w.svc, rita, "Private discovery", domain.VisibilityPrivate)
		remysOwn := upload(t, w.svc, remy, "Remy's private call", domain.VisibilityPrivate)
		due := w.clock.Now().Add(48 * time.Hour)
		good := service.FeedbackRequestInput{CallID: private.ID, RubricID: disc.ID, Invitees: []int64{remy.Person.ID}, DueAt: due}
		for name, c := range map[string]struct {
			edit  func(in *service.FeedbackRequestInput)
			field string
		}{
			"a call the requester cannot see": {func(in *service.FeedbackRequestInput) { in.CallID = remysOwn.ID }, "call_id"},
			"no such call":                    {func(in *service.FeedbackRequestInput) { in.CallID = 999999 }, "call_id"},
			"call and artefact":               {func(in *service.FeedbackRequestInput) { in.ArtefactKind = "email" }, "subject"},
			"nothing to review":               {func(in *service.FeedbackRequestInput) { in.CallID = 0 }, "subject"},
			"empty artefact":                  {func(in *service.FeedbackRequestInput) { in.CallID, in.ArtefactKind = 0, "deal_plan" }, "artefact_text"},
			"bad artefact kind":               {func(in *service.FeedbackRequestInput) { in.CallID, in.ArtefactKind = 0, "poem" }, "artefact_kind"},
			"nobody invited":                  {func(in *service.FeedbackRequestInput) { in.Invitees = nil }, "invitees"},
			"self-review":                     {func(in *service.FeedbackRequestInput) { in.Invitees = []int64{rita.Person.ID} }, "invitees"},
			"another org's person":            {func(in *service.FeedbackRequestInput) { in.Invitees = []int64{w.people["repB"].ID} }, "invitees"},
			"no rubric":                       {func(in *service.FeedbackRequestInput) { in.RubricID = 0 }, "rubric"},
			"due in the past":                 {func(in *service.FeedbackRequestInput) { in.DueAt = w.clock.Now().Add(-time.Minute) }, "due_at"},
			"no due time":                     {func(in *service.FeedbackRequestInput) { in.DueAt = time.Time{} }, "due_at"},
			"anonymous, turned off":           {func(in *service.FeedbackRequestInput) { in.Anonymous = true }, "anonymous"},
		} {
			in := good
			c.edit(&in)
			_, err := w.svc.RequestFeedback(ctx, rita, in)
			var e *domain.Error
			if !(err != nil && asDomain(err, &e) && e.Field == c.field) {
				t.Errorf("%s: %v, want invalid %s", name, err, c.field)
			}
		}
		if o := must(w.svc.FeedbackOverview(ctx, rita))(t); len(o.Asked) != 0 {
			t.Fatalf("bad requests were stored: %d", len(o.Asked))
		}
		// Anonymous needs the org's consent (admins only) and two invitees.
		wantErr(t, w.svc.SetFeedbackSettings(ctx, rita, service.FeedbackSettings{Anonymous: true}), domain.ErrForbidden)
		if err := w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		anon := good
		anon.Anonymous = true
		_, err := w.svc.RequestFeedback(ctx, rita, anon)
		wantField(t, err, "anonymous")

		r := must(w.svc.RequestFeedback(ctx, rita, good))(t)
		if r.Title != "Private discovery" || r.VersionID != disc.VersionID || len(r.Invites) != 1 {
			t.Errorf("request %+v", r)
		}
	})
}

func asDomain(err error, e **domain.Error) bool { return errors.As(err, e) }

// TestInviteeSeesTheCallOnlyThroughTheRequest: a private call reaches an
// invitee on the request page only — never the library or the call page.
func TestInviteeSeesTheCallOnlyThroughTheRequest(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy, tess := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		call := upload(t, w.svc, rita, "Private discovery", domain.VisibilityPrivate)
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{CallID: call.ID, RubricID: disc.ID,
			Invitees: []int64{remy.Person.ID, tess.Person.ID}, DueAt: w.clock.Now().Add(time.Hour)}))(t)

		v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if v.Call == nil || len(v.Transcript.Cues) != 6 || v.IsRequester {
			t.Errorf("pending invitee: call %v, %d cues", v.Call != nil, len(v.Transcript.Cues))
		}
		_, err := w.svc.Call(ctx, remy, call.ID)
		wantErr(t, err, domain.ErrNotFound)
		if _, n := mustList(w.svc.Calls(ctx, remy, domain.CallFilter{}))(t); n != 0 {
			t.Errorf("the call is in the invitee's library (%d calls)", n)
		}
		// A declined invitee loses the call.
		if err := w.svc.RespondToRequest(ctx, tess, r.ID, false); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t); v.Call != nil || len(v.Transcript.Cues) != 0 {
			t.Error("a declined invitee still sees the call")
		}
		// Neither the manager, nor an admin, nor another org sees the request.
		for _, k := range []string{"managerA", "adminA", "adminB", "repB"} {
			_, err := w.svc.FeedbackRequest(ctx, w.actor(t, k), r.ID)
			wantErr(t, err, domain.ErrNotFound)
		}
		// When the requester can no longer see the call, nor can invitees.
		if err := w.svc.DeleteCall(ctx, rita, call.ID); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t); v.Call != nil || !v.CallGone {
			t.Errorf("after deletion: call %v, gone %v", v.Call != nil, v.CallGone)
		}
	})
}

func TestReviewPhases(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		r := ask(t, w, "rep1A", disc, false, "rep2A", "rep3A")
		crit := disc.Criteria
		obs := service.ReviewInput{Highlights: "Clear subject line", Improvements: "No call to action",
			Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Score: 3, Note: "pain named"}, {CriterionID: crit[1].ID}}}

		// Pending: no review yet; requester and strangers cannot review.
		_, err := w.svc.SaveReviewDraft(ctx, remy, r.ID, obs)
		wantErr(t, err, domain.ErrConflict)
		_, err = w.svc.SaveReviewDraft(ctx, rita, r.ID, obs)
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.SaveReviewDraft(ctx, w.actor(t, "managerA"), r.ID, obs)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, w.svc.RespondToRequest(ctx, rita, r.ID, true), domain.ErrForbidden)
		if err := w.svc.RespondToRequest(ctx, remy, r.ID, true); err != nil {
			t.Fatal(err)
		}
		// A draft autosaves; recommendations are not open yet.
		draft := must(w.svc.SaveReviewDraft(ctx, remy, r.ID, obs))(t)
		if draft.Phase != domain.PhaseDraft || len(draft.Scores) != 1 || draft.Highlights != "Clear subject line" {
			t.Errorf("draft %+v", draft)
		}
		withRecs := obs
		withRecs.Recommendations = "Add a clear ask"
		_, err = w.svc.SaveReviewDraft(ctx, remy, r.ID, withRecs)
		wantField(t, err, "recommendations")
		_, err = w.svc.SubmitRecommendations(ctx, remy, r.ID, "Add a clear ask")
		wantErr(t, err, domain.ErrConflict)
		// Bad input stores nothing.
		for name, in := range map[string]service.ReviewInput{
			"score 6":             {Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Score: 6}}},
			"score -1":            {Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Score: -1}}},
			"another criterion":   {Scores: []domain.ReviewScore{{CriterionID: 999999, Score: 3}}},
			"a criterion twice":   {Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Score: 3}, {CriterionID: crit[0].ID, Score: 4}}},
			"nothing observed":    {},
			"recommendations now": withRecs,
		} {
			if _, err := w.svc.SubmitObservations(ctx, remy, r.ID, in); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
		if mine := must(w.svc.MyReview(ctx, remy, r.ID))(t); mine.Phase != domain.PhaseDraft || mine.Highlights != "Clear subject line" {
			t.Errorf("bad input changed the draft: %+v", mine)
		}
		// The recipient sees no draft.
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); len(v.Reviews) != 0 || v.ReviewsSoFar != 0 {
			t.Errorf("the recipient sees %d reviews of drafts", len(v.Reviews))
		}
		observed := must(w.svc.SubmitObservations(ctx, remy, r.ID, obs))(t)
		if observed.Phase != domain.PhaseObserved || observed.ObservedAt.IsZero() {
			t.Errorf("observed %+v", observed)
		}
		_, err = w.svc.SubmitObservations(ctx, remy, r.ID, obs)
		wantErr(t, err, domain.ErrConflict) // a second review by the same person
		_, err = w.svc.SaveReviewDraft(ctx, remy, r.ID, obs)
		wantErr(t, err, domain.ErrConflict) // observations are fixed
		wantErr(t, w.svc.RespondToRequest(ctx, remy, r.ID, false), domain.ErrConflict)
		// Recommendations: a draft, then submitted.
		if d := must(w.svc.SaveReviewDraft(ctx, remy, r.ID, service.ReviewInput{Recommendations: "Add a clear ask"}))(t); d.Recommendations != "Add a clear ask" {
			t.Errorf("recommendations draft %+v", d)
		}
		_, err = w.svc.SubmitRecommendations(ctx, remy, r.ID, "  ")
		wantField(t, err, "recommendations")
		done := must(w.svc.SubmitRecommendations(ctx, remy, r.ID, "Close with one clear ask and a date"))(t)
		if done.Phase != domain.PhaseDone {
			t.Errorf("done %+v", done)
		}
		_, err = w.svc.SubmitRecommendations(ctx, remy, r.ID, "again")
		wantErr(t, err, domain.ErrConflict)

		// The recipient: observations first, recommendations after the
		// acknowledgement.
		v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if len(v.Reviews) != 1 || v.RecommendationsOpen || v.Reviews[0].Recommendations != "" || !v.Reviews[0].RecommendationsHidden ||
			v.Reviews[0].Highlights != "Clear subject line" || v.Reviews[0].Reviewer == nil || v.Reviews[0].Reviewer.ID != remy.Person.ID {
			t.Fatalf("before acknowledging: %+v", v.Reviews)
		}
		if rv := must(w.svc.Review(ctx, rita, v.Reviews[0].Ref))(t); rv.Recommendations != "" {
			t.Error("Review(ref) shows recommendations before the acknowledgement")
		}
		wantErr(t, w.svc.AcknowledgeObservations(ctx, rita, r.ID, 2), domain.ErrConflict)
		wantErr(t, w.svc.AcknowledgeObservations(ctx, remy, r.ID, 1), domain.ErrForbidden)
		if err := w.svc.AcknowledgeObservations(ctx, rita, r.ID, 1); err != nil {
			t.Fatal(err)
		}
		v = must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if !v.RecommendationsOpen || v.Reviews[0].Recommendations != "Close with one clear ask and a date" {
			t.Errorf("after acknowledging: %+v", v.Reviews[0])
		}
		// New observations close the recommendations until they are read.
		observe(t, w, "rep3A", r, disc, 4, "good opener")
		v = must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if v.RecommendationsOpen || len(v.Reviews) != 2 || v.Reviews[0].Recommendations != "" || v.Reviews[1].Recommendations != "" {
			t.Errorf("new observations did not close the recommendations: %+v", v.Reviews)
		}
		if err := w.svc.AcknowledgeObservations(ctx, rita, r.ID, 2); err != nil {
			t.Fatal(err)
		}
	})
}

func TestHelpfulnessAndManagerFigures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		r := ask(t, w, "rep1A", disc, false, "rep2A")
		rv := observe(t, w, "rep2A", r, disc, 4, "secret observation text")
		_, err := w.svc.RateReview(ctx, remy, rv.Ref, 5, "")
		wantErr(t, err, domain.ErrForbidden) // the author
		_, err = w.svc.RateReview(ctx, w.actor(t, "managerA"), rv.Ref, 5, "")
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.RateReview(ctx, rita, rv.Ref, 6, "")
		wantField(t, err, "helpfulness")
		_, err = w.svc.RateReview(ctx, rita, "0123456789abcdef", 4, "")
		wantErr(t, err, domain.ErrNotFound)
		rated := must(w.svc.RateReview(ctx, rita, rv.Ref, 4, "useful"))(t)
		if rated.Helpfulness != 4 || rated.HelpfulnessNote != "useful" {
			t.Errorf("rated %+v", rated)
		}
		o := must(w.svc.FeedbackOverview(ctx, remy))(t)
		if o.Helpfulness.Count != 1 || o.Helpfulness.Average != 4 || len(o.Invited) != 1 || o.Invited[0].MyPhase != domain.PhaseObserved {
			t.Errorf("Remy's overview %+v", o)
		}
		if len(o.Teams) != 0 {
			t.Errorf("a rep sees team figures: %+v", o.Teams)
		}
		mo := must(w.svc.FeedbackOverview(ctx, w.actor(t, "managerA")))(t)
		if len(mo.Teams) != 1 || mo.Teams[0].Stats.Requests != 1 || mo.Teams[0].Stats.Reviews != 1 || mo.Teams[0].Stats.AverageScore != 4 ||
			mo.Teams[0].Stats.AverageHelpful != 4 || len(mo.Asked) != 0 || len(mo.Invited) != 0 {
			t.Errorf("manager's overview %+v", mo)
		}
		if strings.Contains(strings.ToLower(fmtAny(mo)), "secret observation") {
			t.Error("the manager's overview carries review text")
		}
	})
}

// TestAnonymousReviews: the recipient and their manager never learn who
// wrote an anonymous review.
func TestAnonymousReviews(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		if err := w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		r := ask(t, w, "rep1A", disc, true, "rep2A", "rep3A")
		if err := w.svc.RespondToRequest(ctx, w.actor(t, "rep3A"), r.ID, false); err != nil {
			t.Fatal(err)
		}
		first := observe(t, w, "rep2A", r, disc, 2, "first")
		// One review of two invited: held back, no progress, not by ref.
		v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if len(v.Reviews) != 0 || v.ReviewsSoFar != -1 || v.Invited != 2 || len(v.Request.Invites) != 0 {
			t.Errorf("before release: %d reviews, so far %d, invites %v", len(v.Reviews), v.ReviewsSoFar, v.Request.Invites)
		}
		for _, iv := range v.Invitees {
			if iv.Status != "" {
				t.Errorf("invitee %s shows status %q", iv.Person.Name, iv.Status)
			}
		}
		_, err := w.svc.Review(ctx, rita, first.Ref)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.RateReview(ctx, rita, first.Ref, 3, "")
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, w.svc.AcknowledgeObservations(ctx, rita, r.ID, 1), domain.ErrConflict)
		o := must(w.svc.FeedbackOverview(ctx, rita))(t)
		if o.Asked[0].Reviews != -1 || len(o.Asked[0].Request.Invites) != 0 {
			t.Errorf("overview leaks progress: %+v", o.Asked[0])
		}
		// Past the due time, the lone review is released: no author,
		// dates only.
		w.clock.Advance(73 * time.Hour)
		v = must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if len(v.Reviews) != 1 || v.ReviewsSoFar != 1 {
			t.Fatalf("after the due time: %d reviews", len(v.Reviews))
		}
		got := v.Reviews[0]
		if got.Reviewer != nil || !got.Anonymous || !got.DateOnly || !got.ObservedAt.Equal(got.ObservedAt.Truncate(24*time.Hour)) {
			t.Errorf("anonymous review %+v", got)
		}
		byRef := must(w.svc.Review(ctx, rita, first.Ref))(t)
		if byRef.Reviewer != nil || !byRef.DateOnly {
			t.Errorf("by ref %+v", byRef)
		}
		// The author still sees their own review, with their name.
		mine := must(w.svc.Review(ctx, w.actor(t, "rep2A"), first.Ref))(t)
		if mine.Reviewer == nil || mine.DateOnly || !mine.Mine {
			t.Errorf("author's view %+v", mine)
		}
		// The manager learns nothing but figures.
		_, err = w.svc.Review(ctx, w.actor(t, "managerA"), first.Ref)
		wantErr(t, err, domain.ErrNotFound)

		// Two reviews release at once, before the due time.
		r2 := ask(t, w, "rep1A", disc, true, "rep2A", "rep3A")
		observe(t, w, "rep3A", r2, disc, 5, "tess")
		if v := must(w.svc.FeedbackRequest(ctx, rita, r2.ID))(t); len(v.Reviews) != 0 {
			t.Error("one of two released early")
		}
		observe(t, w, "rep2A", r2, disc, 3, "remy")
		v = must(w.svc.FeedbackRequest(ctx, rita, r2.ID))(t)
		if len(v.Reviews) != 2 || v.ReviewsSoFar != 2 || v.Reviews[0].Ref > v.Reviews[1].Ref {
			t.Errorf("released %d reviews (so far %d), in ref order %v", len(v.Reviews), v.ReviewsSoFar, v.Reviews)
		}
		for _, rv := range v.Reviews {
			if rv.Reviewer != nil {
				t.Errorf("review %s names its author", rv.Ref)
			}
		}
	})
}

func fmtAny(v any) string { return fmt.Sprintf("%+v", v) }
