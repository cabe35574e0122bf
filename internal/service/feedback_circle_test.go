package service_test

import (
	"context"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// discovery returns the discovery default rubric of org A.
func discovery(t *testing.T, w *world) domain.Rubric {
	t.Helper()
	for _, r := range must(w.svc.Rubrics(context.Background(), w.actor(t, "rep1A")))(t) {
		if r.Builtin == "discovery" {
			return r
		}
	}
	t.Fatal("no discovery rubric")
	return domain.Rubric{}
}

// scoreBoth submits observations scoring the first two criteria.
func scoreBoth(t *testing.T, w *world, who string, r domain.FeedbackRequest, rubric domain.Rubric, first, second int) service.ReviewView {
	t.Helper()
	ctx := context.Background()
	a := w.actor(t, who)
	if err := w.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
		t.Fatal(err)
	}
	return must(w.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{Highlights: who + " saw this",
		Scores: []domain.ReviewScore{{CriterionID: rubric.Criteria[0].ID, Score: first}, {CriterionID: rubric.Criteria[1].ID, Score: second}}}))(t)
}

// TestCircleRequestRules: only a member who accepted the ground rules asks
// their circle; the invitees are the other such members; a circle request
// is never anonymous; nothing bad is stored.
func TestCircleRequestRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		coach, g := ritualWorld(t, w)
		disc := discovery(t, w)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		newcomer := must(w.svc.CreatePerson(ctx, service.SystemActor(w.orgA), domain.Person{Name: "Nia", Email: "nia@alpha.example",
			TeamID: w.teamA.ID}))(t)
		if err := w.svc.AddMember(ctx, coach, g.ID, newcomer.ID); err != nil { // has not accepted the ground rules
			t.Fatal(err)
		}
		if err := w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		good := service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail, ArtefactText: "Hi Jonas", RubricID: disc.ID,
			GroupID: g.ID, DueAt: w.clock.Now().Add(72 * time.Hour)}
		for name, c := range map[string]struct {
			who   string
			edit  func(in *service.FeedbackRequestInput)
			field string
		}{
			"not a member":              {"managerA", func(*service.FeedbackRequestInput) {}, "group_id"},
			"an administrator":          {"adminA", func(*service.FeedbackRequestInput) {}, "group_id"},
			"ground rules not accepted": {"", func(*service.FeedbackRequestInput) {}, "group_id"},
			"another organisation":      {"repB", func(*service.FeedbackRequestInput) {}, "group_id"},
			"no such circle":            {"rep1A", func(in *service.FeedbackRequestInput) { in.GroupID = 999999 }, "group_id"},
			"anonymous":                 {"rep1A", func(in *service.FeedbackRequestInput) { in.Anonymous = true }, "anonymous"},
			"a circle and named peers":  {"rep1A", func(in *service.FeedbackRequestInput) { in.Invitees = []int64{w.people["managerA"].ID} }, "invitees"},
		} {
			in := good
			c.edit(&in)
			a := service.Actor{Org: w.orgA, Person: newcomer}
			if c.who != "" {
				a = w.actor(t, c.who)
			}
			if a.Org.ID == w.orgB.ID {
				in.RubricID = must(w.svc.Rubrics(ctx, a))(t)[0].ID
			}
			_, err := w.svc.RequestFeedback(ctx, a, in)
			var e *domain.Error
			if !asDomain(err, &e) || e.Field != c.field {
				t.Errorf("%s: %v, want invalid %s", name, err, c.field)
			}
		}
		for _, k := range []string{"rep1A", "managerA", "adminA"} {
			if o := must(w.svc.FeedbackOverview(ctx, w.actor(t, k)))(t); len(o.Asked) != 0 {
				t.Fatalf("%s: bad requests were stored", k)
			}
		}
		r := must(w.svc.RequestFeedback(ctx, rita, good))(t)
		var invited []int64
		for _, in := range r.Invites {
			invited = append(invited, in.PersonID)
		}
		want := []int64{w.people["rep2A"].ID, w.people["coachA"].ID, w.people["rep3A"].ID}
		if r.GroupID != g.ID || len(invited) != 3 {
			t.Fatalf("circle request %+v, invited %v, want %v", r, invited, want)
		}
		for _, id := range want {
			if _, ok := r.Invite(id); !ok {
				t.Errorf("person %d is not invited: %v", id, invited)
			}
		}
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); v.Circle != "Tuesday circle" {
			t.Errorf("the request does not name its circle: %q", v.Circle)
		}
	})
}

// TestCircleSeesReviewsWithoutAnchoring: circle members see the others'
// observations only after their own, and their recommendations only after
// their own and once the recipient opened them; an ex-member keeps only
// their own review; managers, admins, newcomers and other organisations
// see nothing.
func TestCircleSeesReviewsWithoutAnchoring(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		coach, g := ritualWorld(t, w)
		disc := discovery(t, w)
		ctx := context.Background()
		rita, remy, kenji := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail, ArtefactText: "Hi Jonas",
			RubricID: disc.ID, GroupID: g.ID, DueAt: w.clock.Now().Add(72 * time.Hour)}))(t)

		coachRv := scoreBoth(t, w, "coachA", r, disc, 2, 5)
		kenjiRv := scoreBoth(t, w, "rep3A", r, disc, 4, 4)
		// Remy has not written yet: nothing of the others.
		if err := w.svc.RespondToRequest(ctx, remy, r.ID, true); err != nil {
			t.Fatal(err)
		}
		v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if len(v.Reviews) != 0 || v.Calibration != nil || v.ReviewsSoFar != -1 {
			t.Errorf("before writing, Remy sees %d reviews, calibration %v, so far %d", len(v.Reviews), v.Calibration, v.ReviewsSoFar)
		}
		_, err := w.svc.Review(ctx, remy, coachRv.Ref)
		wantErr(t, err, domain.ErrNotFound)
		must(w.svc.SaveReviewDraft(ctx, remy, r.ID, service.ReviewInput{Highlights: "draft"}))(t)
		if v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t); len(v.Reviews) != 0 {
			t.Error("a draft opens the others' reviews")
		}
		// Once Remy's observations are in: the others' observations, with
		// names, and the calibration; not their recommendations.
		must(w.svc.SubmitRecommendations(ctx, coach, r.ID, "coach advice"))(t)
		remyRv := scoreBoth(t, w, "rep2A", r, disc, 5, 3)
		v = must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if len(v.Reviews) != 2 || v.ReviewsSoFar != 3 || v.Calibration == nil || v.Calibration.Reviews != 3 {
			t.Fatalf("after writing, Remy sees %d reviews, calibration %+v", len(v.Reviews), v.Calibration)
		}
		for _, rv := range v.Reviews {
			if rv.Reviewer == nil || rv.Recommendations != "" || rv.Mine {
				t.Errorf("Remy's view of %s: %+v", rv.Ref, rv)
			}
		}
		if got := v.Calibration.Criteria[0]; got.Min != 2 || got.Max != 5 || !got.Disagree || fmtAny(got.Scores) != "[2 4 5]" {
			t.Errorf("first criterion %+v", got)
		}
		if got := must(w.svc.Review(ctx, remy, coachRv.Ref))(t); got.Highlights != "coachA saw this" || got.Recommendations != "" {
			t.Errorf("Remy reads the coach's review by ref: %+v", got)
		}
		// Remy's recommendations are in, but Rita has not opened hers.
		must(w.svc.SubmitRecommendations(ctx, remy, r.ID, "remy advice"))(t)
		if got := must(w.svc.Review(ctx, remy, coachRv.Ref))(t); got.Recommendations != "" {
			t.Error("the circle reads advice before the recipient")
		}
		if err := w.svc.AcknowledgeObservations(ctx, rita, r.ID, 3); err != nil {
			t.Fatal(err)
		}
		must(w.svc.RateReview(ctx, rita, coachRv.Ref, 2, "rita's private rating"))(t)
		got := must(w.svc.Review(ctx, remy, coachRv.Ref))(t)
		if got.Recommendations != "coach advice" || got.Helpfulness != 0 || got.HelpfulnessNote != "" {
			t.Errorf("after Rita opened the advice, Remy sees %+v", got)
		}
		// Kenji (observations only) still does not see others' advice.
		if got := must(w.svc.Review(ctx, kenji, coachRv.Ref))(t); got.Recommendations != "" {
			t.Error("a member without recommendations of their own reads the others'")
		}
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); v.Calibration == nil || len(v.Calibration.Totals) != 3 {
			t.Errorf("the recipient's calibration %+v", v.Calibration)
		}

		// Kenji leaves the circle: the request is gone for him, his own
		// review stays his.
		if err := w.svc.LeaveGroup(ctx, kenji, g.ID, kenji.Person.ID); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.FeedbackRequest(ctx, kenji, r.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Review(ctx, kenji, remyRv.Ref)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.SubmitRecommendations(ctx, kenji, r.ID, "late advice")
		wantErr(t, err, domain.ErrNotFound)
		if o := must(w.svc.FeedbackOverview(ctx, kenji))(t); len(o.Invited) != 0 {
			t.Errorf("the ex-member still lists the request: %+v", o.Invited)
		}
		if mine := must(w.svc.MyReview(ctx, kenji, r.ID))(t); mine.Ref != kenjiRv.Ref || mine.Highlights != "rep3A saw this" {
			t.Errorf("the ex-member's own review %+v", mine)
		}
		if mine := must(w.svc.Review(ctx, kenji, kenjiRv.Ref))(t); !mine.Mine {
			t.Errorf("the ex-member's own review by ref %+v", mine)
		}
		// The recipient still sees every review, Kenji's included.
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); len(v.Reviews) != 3 {
			t.Errorf("the recipient sees %d reviews after Kenji left", len(v.Reviews))
		}

		// Someone who joins later was not part of it.
		newcomer := must(w.svc.CreatePerson(ctx, service.SystemActor(w.orgA), domain.Person{Name: "Nia", Email: "nia@alpha.example",
			TeamID: w.teamA.ID}))(t)
		if err := w.svc.AddMember(ctx, coach, g.ID, newcomer.ID); err != nil {
			t.Fatal(err)
		}
		nia := service.Actor{Org: w.orgA, Person: newcomer}
		if err := w.svc.AcceptGroundRules(ctx, nia, g.ID); err != nil {
			t.Fatal(err)
		}
		for name, a := range map[string]service.Actor{"newcomer": nia, "manager": w.actor(t, "managerA"), "admin": w.actor(t, "adminA"),
			"other org": w.actor(t, "repB")} {
			_, err := w.svc.FeedbackRequest(ctx, a, r.ID)
			wantErr(t, err, domain.ErrNotFound)
			_, err = w.svc.Review(ctx, a, coachRv.Ref)
			wantErr(t, err, domain.ErrNotFound)
			_, err = w.svc.MyReview(ctx, a, r.ID)
			wantErr(t, err, domain.ErrNotFound)
			if name == "manager" {
				if o := must(w.svc.FeedbackOverview(ctx, a))(t); len(o.Invited) != 0 || len(o.Asked) != 0 {
					t.Errorf("the manager lists the circle's request: %+v", o)
				}
			}
		}
		// Rejoining restores the request.
		if err := w.svc.AddMember(ctx, coach, g.ID, kenji.Person.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.AcceptGroundRules(ctx, kenji, g.ID); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, kenji, r.ID))(t); len(v.Reviews) != 2 {
			t.Errorf("after rejoining, Kenji sees %d others' reviews", len(v.Reviews))
		}
	})
}

// TestCalibrationNeverNamesAnonymousAuthors: on an anonymous request the
// recipient gets no calibration before two reviews are released; then
// scores by value, totals by value, no authors; named invitees never get
// one.
func TestCalibrationNeverNamesAnonymousAuthors(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		if err := w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		r := ask(t, w, "rep1A", disc, true, "rep2A", "rep3A")
		scoreBoth(t, w, "rep3A", r, disc, 5, 1)
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); v.Calibration != nil {
			t.Errorf("a lone anonymous review shows in a calibration: %+v", v.Calibration)
		}
		scoreBoth(t, w, "rep2A", r, disc, 1, 5)
		v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		cal := v.Calibration
		if cal == nil || cal.Reviews != 2 || len(cal.Criteria) != 2 {
			t.Fatalf("calibration %+v", cal)
		}
		for _, c := range cal.Criteria {
			if fmtAny(c.Scores) != "[1 5]" || c.Spread != 4 || !c.Disagree || c.Mean != 3 {
				t.Errorf("criterion %s: %+v", c.Name, c)
			}
		}
		if len(cal.Totals) != 2 || cal.Totals[0] > cal.Totals[1] {
			t.Errorf("totals %v are not by value", cal.Totals)
		}
		for _, k := range []string{"rep2A", "rep3A"} {
			if v := must(w.svc.FeedbackRequest(ctx, w.actor(t, k), r.ID))(t); v.Calibration != nil || len(v.Reviews) != 0 {
				t.Errorf("named invitee %s sees a calibration or the others' reviews", k)
			}
		}
	})
}
