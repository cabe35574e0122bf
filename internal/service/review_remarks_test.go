package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func secs(v float64) *float64 { return &v }

// remark is a remark at a time, with no moment.
func remark(at float64, kind domain.RemarkKind, note string) service.RemarkInput {
	return service.RemarkInput{AtSeconds: secs(at), Kind: kind, Note: note}
}

// askAboutCall makes a request on a private call of Rita's.
func askAboutCall(t *testing.T, w *world, rubric domain.Rubric, anonymous bool, invitees ...string) (domain.Call, domain.FeedbackRequest) {
	t.Helper()
	call := upload(t, w.svc, w.actor(t, "rep1A"), "Private discovery", domain.VisibilityPrivate)
	in := service.FeedbackRequestInput{CallID: call.ID, RubricID: rubric.ID, DueAt: w.clock.Now().Add(72 * time.Hour), Anonymous: anonymous}
	for _, k := range invitees {
		in.Invitees = append(in.Invitees, w.people[k].ID)
	}
	return call, must(w.svc.RequestFeedback(context.Background(), w.actor(t, "rep1A"), in))(t)
}

// remarkTimes lists a review's remarks as "kind@seconds".
func remarkTimes(list []service.RemarkView) string {
	var out []string
	for _, m := range list {
		out = append(out, string(m.Kind)+"@"+service.Clock(m.AtSeconds))
	}
	return strings.Join(out, " ")
}

// TestReviewRemarks: an accepted reviewer adds remarks at points of the
// call, optionally on a teachable moment; bad input stores nothing (not
// even a draft); remarks freeze with the observations; only the author
// sees refs; others cannot add or read them.
func TestReviewRemarks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy, tess := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		_, r := askAboutCall(t, w, disc, false, "rep2A", "rep3A")
		note := remark(21, domain.RemarkImprovement, "Asked about pricing before the pain had a number")

		// Only an accepted invitee adds remarks.
		_, err := w.svc.AddRemark(ctx, remy, r.ID, note)
		wantErr(t, err, domain.ErrConflict)
		_, err = w.svc.AddRemark(ctx, rita, r.ID, note)
		wantErr(t, err, domain.ErrForbidden)
		for _, k := range []string{"managerA", "adminA", "repB"} {
			_, err = w.svc.AddRemark(ctx, w.actor(t, k), r.ID, note)
			wantErr(t, err, domain.ErrNotFound)
		}
		if err := w.svc.RespondToRequest(ctx, remy, r.ID, true); err != nil {
			t.Fatal(err)
		}
		v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if len(v.Moments) == 0 || v.Moments[0].Index != 1 {
			t.Fatalf("the call's moments are not listed for the reviewer: %+v", v.Moments)
		}
		first := v.Moments[0]

		// Bad input: a clear error naming the field, and nothing stored.
		for name, c := range map[string]struct {
			in    service.RemarkInput
			field string
		}{
			"after the call ends": {remark(61, domain.RemarkHighlight, "x"), "at_seconds"},
			"before it starts":    {remark(-1, domain.RemarkHighlight, "x"), "at_seconds"},
			"no time, no moment":  {service.RemarkInput{Kind: domain.RemarkHighlight, Note: "x"}, "at_seconds"},
			"no such moment":      {service.RemarkInput{Moment: 99, Kind: domain.RemarkHighlight, Note: "x"}, "moment"},
			"no kind":             {remark(10, "", "x"), "kind"},
			"no note":             {remark(10, domain.RemarkHighlight, "  "), "note"},
			"too long a note":     {remark(10, domain.RemarkHighlight, strings.Repeat("a", domain.MaxRemarkNote+1)), "note"},
		} {
			_, err := w.svc.AddRemark(ctx, remy, r.ID, c.in)
			wantFieldNamed(t, name, err, c.field)
		}
		_, err = w.svc.MyReview(ctx, remy, r.ID)
		wantErr(t, err, domain.ErrNotFound) // bad remarks did not even start a draft

		// Good remarks, listed by call time whatever the order of writing.
		must(w.svc.AddRemark(ctx, remy, r.ID, note))(t)
		mine := must(w.svc.AddRemark(ctx, remy, r.ID, service.RemarkInput{Moment: first.Index, Kind: domain.RemarkHighlight,
			Note: "Paused before answering"}))(t)
		if mine.Phase != domain.PhaseDraft || len(mine.Remarks) != 2 || mine.Remarks[0].AtSeconds != first.AtSeconds ||
			mine.Remarks[0].MomentKind != first.Kind || mine.Remarks[1].AtSeconds != 21 || mine.Remarks[0].Ref == "" {
			t.Fatalf("remarks %+v (first moment %+v)", mine.Remarks, first)
		}
		extra := must(w.svc.AddRemark(ctx, remy, r.ID, remark(50, domain.RemarkHighlight, "Clear next step")))(t)
		_, err = w.svc.RemoveRemark(ctx, remy, r.ID, "0123456789abcdef")
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.RemoveRemark(ctx, tess, r.ID, extra.Remarks[2].Ref)
		wantErr(t, err, domain.ErrConflict) // Tess has not accepted
		if left := must(w.svc.RemoveRemark(ctx, remy, r.ID, extra.Remarks[2].Ref))(t); len(left.Remarks) != 2 {
			t.Errorf("after removing one: %+v", left.Remarks)
		}
		// Tess, another named invitee, never sees Remy's remarks.
		if err := w.svc.RespondToRequest(ctx, tess, r.ID, true); err != nil {
			t.Fatal(err)
		}
		// Remarks alone are observations enough to submit; then they freeze.
		must(w.svc.SubmitObservations(ctx, remy, r.ID, service.ReviewInput{}))(t)
		_, err = w.svc.AddRemark(ctx, remy, r.ID, note)
		wantErr(t, err, domain.ErrConflict)
		_, err = w.svc.RemoveRemark(ctx, remy, r.ID, mine.Remarks[0].Ref)
		wantErr(t, err, domain.ErrConflict)
		if got := must(w.svc.MyReview(ctx, remy, r.ID))(t); remarkTimes(got.Remarks) != "highlight@0:09 improvement@0:21" {
			t.Errorf("after submitting: %s", remarkTimes(got.Remarks))
		}

		// The recipient sees them with the observations, without refs.
		rv := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if len(rv.Reviews) != 1 || len(rv.Reviews[0].Remarks) != 2 || !rv.Reviews[0].RecommendationsHidden {
			t.Fatalf("the recipient's view %+v", rv.Reviews)
		}
		for _, m := range rv.Reviews[0].Remarks {
			if m.Ref != "" {
				t.Errorf("the recipient sees a remark ref: %+v", m)
			}
		}
		if tv := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t); len(tv.Reviews) != 0 {
			t.Errorf("another named invitee sees %d reviews", len(tv.Reviews))
		}
		_, err = w.svc.Review(ctx, tess, rv.Reviews[0].Ref)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Review(ctx, w.actor(t, "managerA"), rv.Reviews[0].Ref)
		wantErr(t, err, domain.ErrNotFound)

		// Remarks are for calls and snippets only.
		e := ask(t, w, "rep1A", disc, false, "rep2A")
		if err := w.svc.RespondToRequest(ctx, remy, e.ID, true); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.AddRemark(ctx, remy, e.ID, note)
		wantField(t, err, "remark")
		// A deleted call takes no new remarks.
		_, r2 := askAboutCall(t, w, disc, false, "rep3A")
		if err := w.svc.RespondToRequest(ctx, tess, r2.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := w.svc.DeleteCall(ctx, rita, r2.CallID); err != nil {
			t.Fatal(err)
		}
		_, err = w.svc.AddRemark(ctx, tess, r2.ID, note)
		wantErr(t, err, domain.ErrConflict)
	})
}

// TestRemarkLimit: a review holds at most MaxReviewRemarks remarks.
func TestRemarkLimit(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	disc := feedbackWorld(t, w)
	ctx := context.Background()
	remy := w.actor(t, "rep2A")
	_, r := askAboutCall(t, w, disc, false, "rep2A")
	if err := w.svc.RespondToRequest(ctx, remy, r.ID, true); err != nil {
		t.Fatal(err)
	}
	for i := range domain.MaxReviewRemarks {
		must(w.svc.AddRemark(ctx, remy, r.ID, remark(float64(i), domain.RemarkHighlight, "n")))(t)
	}
	_, err := w.svc.AddRemark(ctx, remy, r.ID, remark(1, domain.RemarkHighlight, "one too many"))
	wantField(t, err, "remarks")
	if got := must(w.svc.MyReview(ctx, remy, r.ID))(t); len(got.Remarks) != domain.MaxReviewRemarks {
		t.Errorf("%d remarks stored", len(got.Remarks))
	}
}

// TestSnippetRemarks: on a snippet, remarks lie within its range and name
// only moments wholly inside it.
func TestSnippetRemarks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, tess := w.actor(t, "rep1A"), w.actor(t, "rep3A")
		call := upload(t, w.svc, rita, "Private discovery", domain.VisibilityPrivate)
		sn := must(w.svc.CreateSnippet(ctx, rita, call.ID, "Pricing history", 21, 45, []int64{w.people["rep2A"].ID}))(t)
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{SnippetID: sn.ID, RubricID: disc.ID,
			Invitees: []int64{tess.Person.ID}, DueAt: w.clock.Now().Add(time.Hour)}))(t)
		if err := w.svc.RespondToRequest(ctx, tess, r.ID, true); err != nil {
			t.Fatal(err)
		}
		v := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t)
		if len(v.Moments) != 0 { // the call's one moment, the objection at 0:09, lies outside
			t.Errorf("moments outside the snippet are listed: %+v", v.Moments)
		}
		_, err := w.svc.AddRemark(ctx, tess, r.ID, service.RemarkInput{Moment: 1, Kind: domain.RemarkHighlight, Note: "the objection"})
		wantField(t, err, "moment")
		for _, at := range []float64{10, 46} {
			_, err = w.svc.AddRemark(ctx, tess, r.ID, remark(at, domain.RemarkHighlight, "outside"))
			wantField(t, err, "at_seconds")
		}
		got := must(w.svc.AddRemark(ctx, tess, r.ID, remark(31, domain.RemarkImprovement, "the price question")))(t)
		if remarkTimes(got.Remarks) != "improvement@0:31" {
			t.Errorf("remarks %s", remarkTimes(got.Remarks))
		}
		// A snippet around the objection (0:09, answered by 0:30) lists it.
		around := must(w.svc.CreateSnippet(ctx, rita, call.ID, "The objection", 5, 30, []int64{w.people["rep2A"].ID}))(t)
		r2 := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{SnippetID: around.ID, RubricID: disc.ID,
			Invitees: []int64{tess.Person.ID}, DueAt: w.clock.Now().Add(time.Hour)}))(t)
		if err := w.svc.RespondToRequest(ctx, tess, r2.ID, true); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, tess, r2.ID))(t); len(v.Moments) != 1 || v.Moments[0].Kind != "objection" {
			t.Fatalf("the snippet's moments %+v", v.Moments)
		}
		got = must(w.svc.AddRemark(ctx, tess, r2.ID, service.RemarkInput{Moment: 1, Kind: domain.RemarkHighlight, Note: "calm answer"}))(t)
		if m := got.Remarks[0]; m.AtSeconds != 9 || m.MomentKind != "objection" || m.MomentAt == nil || *m.MomentAt != 9 {
			t.Errorf("a remark on the snippet's moment %+v", m)
		}
	})
}

// TestAnonymousRemarks: on an anonymous request the recipient gets the
// remarks with the observations once released — by call time, with no
// ref, no author, no time of writing.
func TestAnonymousRemarks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy, tess := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		if err := w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		_, r := askAboutCall(t, w, disc, true, "rep2A", "rep3A")
		for _, a := range []service.Actor{tess, remy} {
			if err := w.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		// Written late to early, an hour apart.
		for _, at := range []float64{50, 30, 5} {
			must(w.svc.AddRemark(ctx, remy, r.ID, remark(at, domain.RemarkHighlight, "remy")))(t)
			w.clock.Advance(time.Hour)
		}
		must(w.svc.SubmitObservations(ctx, remy, r.ID, service.ReviewInput{}))(t)
		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); len(v.Reviews) != 0 {
			t.Fatal("a lone anonymous review (and its remarks) is released")
		}
		must(w.svc.AddRemark(ctx, tess, r.ID, remark(40, domain.RemarkImprovement, "tess")))(t)
		must(w.svc.SubmitObservations(ctx, tess, r.ID, service.ReviewInput{}))(t)
		v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t)
		if len(v.Reviews) != 2 {
			t.Fatalf("%d reviews released", len(v.Reviews))
		}
		var all []string
		for _, rv := range v.Reviews {
			if rv.Reviewer != nil || !rv.DateOnly {
				t.Errorf("review %s names its author or its time", rv.Ref)
			}
			for _, m := range rv.Remarks {
				if m.Ref != "" {
					t.Errorf("a remark ref reaches the recipient: %+v", m)
				}
			}
			all = append(all, remarkTimes(rv.Remarks))
		}
		joined := strings.Join(all, " | ")
		if !strings.Contains(joined, "highlight@0:05 highlight@0:30 highlight@0:50") || !strings.Contains(joined, "improvement@0:40") {
			t.Errorf("remarks are not by call time: %s", joined)
		}
		if got := must(w.svc.Review(ctx, rita, v.Reviews[0].Ref))(t); got.Reviewer != nil || len(got.Remarks) == 0 || got.Remarks[0].Ref != "" {
			t.Errorf("by ref: %+v", got)
		}
	})
}

// TestCircleRemarksWithoutAnchoring: a circle member reads the others'
// remarks only once their own observations are in.
func TestCircleRemarksWithoutAnchoring(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		coach, g := ritualWorld(t, w)
		disc := discovery(t, w)
		ctx := context.Background()
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		call := upload(t, w.svc, rita, "Private discovery", domain.VisibilityPrivate)
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{CallID: call.ID, RubricID: disc.ID, GroupID: g.ID,
			DueAt: w.clock.Now().Add(72 * time.Hour)}))(t)
		for _, a := range []service.Actor{coach, remy} {
			if err := w.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		must(w.svc.AddRemark(ctx, coach, r.ID, remark(21, domain.RemarkImprovement, "coach: pricing too early")))(t)
		coachRv := must(w.svc.SubmitObservations(ctx, coach, r.ID, service.ReviewInput{}))(t)
		must(w.svc.AddRemark(ctx, remy, r.ID, remark(46, domain.RemarkHighlight, "remy: clear next step")))(t)
		if v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t); len(v.Reviews) != 0 {
			t.Error("a draft opens the others' remarks")
		}
		_, err := w.svc.Review(ctx, remy, coachRv.Ref)
		wantErr(t, err, domain.ErrNotFound)
		must(w.svc.SubmitObservations(ctx, remy, r.ID, service.ReviewInput{}))(t)
		v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if len(v.Reviews) != 1 || remarkTimes(v.Reviews[0].Remarks) != "improvement@0:21" || v.Reviews[0].Remarks[0].Ref != "" ||
			v.Reviews[0].Reviewer == nil {
			t.Errorf("after writing, Remy sees %+v", v.Reviews)
		}
		if v.MyReview == nil || remarkTimes(v.MyReview.Remarks) != "highlight@0:46" || v.MyReview.Remarks[0].Ref == "" {
			t.Errorf("Remy's own remarks %+v", v.MyReview)
		}
		// Someone outside the circle reads nothing.
		for _, k := range []string{"managerA", "adminA", "repB"} {
			_, err := w.svc.Review(ctx, w.actor(t, k), coachRv.Ref)
			wantErr(t, err, domain.ErrNotFound)
		}
	})
}

// wantFieldNamed is wantField for a table case.
func wantFieldNamed(t *testing.T, name string, err error, field string) {
	t.Helper()
	var e *domain.Error
	if !asDomain(err, &e) || e.Field != field {
		t.Errorf("%s: %v, want invalid %s", name, err, field)
	}
}
