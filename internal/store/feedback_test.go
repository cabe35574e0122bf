package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// testRubric is a two-criterion rubric for the motion.
func testRubric(name string, motion domain.Motion) domain.Rubric {
	anchors := [5]string{"absent", "weak", "some", "good", "great"}
	return domain.Rubric{Name: name, Motion: motion, Criteria: []domain.RubricCriterion{
		{Name: "Pain with consequence", Behaviour: "asks what inaction costs", Anchors: anchors, Weight: 60},
		{Key: "trust", Name: "Trust", Behaviour: "tailors questions", Anchors: anchors, Weight: 40},
	}}
}

func TestRubricVersions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		ada := newPerson(t, db, acme.ID, "Ada", "ada@acme.com")

		r := testRubric(" Discovery ", domain.MotionDiscovery)
		r.CreatedBy = ada.ID
		must(t, db.CreateRubric(ctx, acme.ID, &r))
		if r.ID == 0 || r.VersionID == 0 || r.Version != 1 || r.Latest != 1 || r.Name != "Discovery" ||
			r.Criteria[0].Key != "pain_with_consequence" || r.Criteria[0].ID == 0 {
			t.Fatalf("created %+v", r)
		}
		v1 := r
		*now = now.Add(time.Hour)
		r.Name, r.Criteria = "Discovery v2", r.Criteria[:1]
		r.Criteria[0].Behaviour = "quantifies the cost of inaction"
		must(t, db.AddRubricVersion(ctx, acme.ID, &r))
		if r.Version != 2 || r.VersionID == v1.VersionID || r.Criteria[0].ID == v1.Criteria[0].ID || r.ID != v1.ID {
			t.Fatalf("version 2 %+v", r)
		}
		got, err := db.Rubric(ctx, acme.ID, r.ID)
		must(t, err)
		if got.Version != 2 || got.Name != "Discovery v2" || len(got.Criteria) != 1 || got.Latest != 2 ||
			got.Criteria[0].Anchors[4] != "great" || got.CreatedBy != ada.ID {
			t.Errorf("latest %+v", got)
		}
		old, err := db.RubricVersion(ctx, acme.ID, v1.VersionID)
		must(t, err)
		if old.Version != 1 || len(old.Criteria) != 2 || old.Criteria[1].Weight != 40 || old.Latest != 2 {
			t.Errorf("version 1 kept as it was: %+v", old)
		}
		versions, err := db.RubricVersions(ctx, acme.ID, r.ID)
		must(t, err)
		if len(versions) != 2 || versions[0].Version != 1 || versions[1].Version != 2 {
			t.Errorf("versions %+v", versions)
		}
		must(t, db.SetRubricRetired(ctx, acme.ID, r.ID, true))
		list, err := db.Rubrics(ctx, acme.ID)
		must(t, err)
		if len(list) != 1 || !list[0].Retired || list[0].Version != 2 {
			t.Errorf("list %+v", list)
		}
		// Tenant scoping and bad input.
		_, err = db.Rubric(ctx, other.ID, r.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.RubricVersion(ctx, other.ID, v1.VersionID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.SetRubricRetired(ctx, other.ID, r.ID, false), domain.ErrNotFound)
		bad := testRubric("Bad", "closing")
		wantErr(t, db.CreateRubric(ctx, acme.ID, &bad), domain.ErrInvalid)
		bad = testRubric("Bad", domain.MotionDemo)
		bad.Criteria[1].Anchors[2] = " "
		wantErr(t, db.CreateRubric(ctx, acme.ID, &bad), domain.ErrInvalid)
		bad = testRubric("Bad", domain.MotionDemo)
		bad.CreatedBy = ada.ID
		wantErr(t, db.CreateRubric(ctx, other.ID, &bad), domain.ErrInvalid) // Ada is not in "other"
		if list, _ := db.Rubrics(ctx, other.ID); len(list) != 0 {
			t.Errorf("other org has %d rubrics", len(list))
		}
	})
}

func TestEnsureRubrics(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := newOrg(t, db, "acme")
		a, b := testRubric("A", domain.MotionDiscovery), testRubric("B", domain.MotionOutbound)
		a.Builtin, b.Builtin = "a", "b"
		n, err := db.EnsureRubrics(ctx, acme.ID, []domain.Rubric{a, b})
		must(t, err)
		if n != 2 {
			t.Errorf("added %d, want 2", n)
		}
		list, _ := db.Rubrics(ctx, acme.ID)
		must(t, db.SetRubricRetired(ctx, acme.ID, list[0].ID, true))
		if n, err = db.EnsureRubrics(ctx, acme.ID, []domain.Rubric{a, b}); err != nil || n != 0 {
			t.Errorf("again: added %d, %v", n, err)
		}
		if list, _ = db.Rubrics(ctx, acme.ID); len(list) != 2 || !list[0].Retired {
			t.Errorf("a retired default comes back: %+v", list)
		}
		_, err = db.EnsureRubrics(ctx, 999, []domain.Rubric{a})
		wantErr(t, err, domain.ErrNotFound)
	})
}

// feedbackWorld is an org with a rubric, a requester and two peers.
type feedbackWorld struct {
	org, other      domain.Org
	ana, ben, cat   domain.Person
	rubric          domain.Rubric
	request         domain.FeedbackRequest
	otherOrgsRubric domain.Rubric
}

func newFeedbackWorld(t *testing.T, db *store.DB) feedbackWorld {
	t.Helper()
	ctx := context.Background()
	var w feedbackWorld
	w.org, w.other = newOrg(t, db, "acme"), newOrg(t, db, "other")
	team := newTeam(t, db, w.org.ID, "EMEA")
	inTeam := func(p *domain.Person) { p.TeamID = team.ID }
	w.ana = newPerson(t, db, w.org.ID, "Ana", "ana@acme.com", inTeam)
	w.ben = newPerson(t, db, w.org.ID, "Ben", "ben@acme.com", inTeam)
	w.cat = newPerson(t, db, w.org.ID, "Cat", "cat@acme.com")
	w.rubric = testRubric("Discovery", domain.MotionDiscovery)
	must(t, db.CreateRubric(ctx, w.org.ID, &w.rubric))
	w.otherOrgsRubric = testRubric("Theirs", domain.MotionDemo)
	must(t, db.CreateRubric(ctx, w.other.ID, &w.otherOrgsRubric))
	w.request = domain.FeedbackRequest{RequesterID: w.ana.ID, Title: " Email to Halden ", ArtefactKind: domain.ArtefactEmail,
		ArtefactText: "Hi Jonas", RubricID: w.rubric.ID, VersionID: w.rubric.VersionID, Anonymous: true,
		DueAt: t0.Add(48 * time.Hour), Invites: []domain.FeedbackInvite{{PersonID: w.cat.ID}, {PersonID: w.ben.ID}, {PersonID: w.cat.ID}}}
	must(t, db.CreateFeedbackRequest(ctx, w.org.ID, &w.request))
	return w
}

func TestFeedbackRequests(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newFeedbackWorld(t, db)
		r := w.request
		if r.ID == 0 || r.Title != "Email to Halden" || len(r.Invites) != 2 || !r.CreatedAt.Equal(t0) {
			t.Fatalf("created %+v", r)
		}
		got, err := db.FeedbackRequest(ctx, w.org.ID, r.ID)
		must(t, err)
		if got.Title != r.Title || !got.Anonymous || !got.DueAt.Equal(r.DueAt) || len(got.Invites) != 2 ||
			got.Invites[0].Status != domain.InvitePending || got.CallID != 0 || got.VersionID != w.rubric.VersionID {
			t.Errorf("read back %+v", got)
		}
		must(t, db.RespondToInvite(ctx, w.org.ID, r.ID, w.ben.ID, domain.InviteAccepted))
		wantErr(t, db.RespondToInvite(ctx, w.org.ID, r.ID, w.ana.ID, domain.InviteAccepted), domain.ErrNotFound)
		wantErr(t, db.RespondToInvite(ctx, w.other.ID, r.ID, w.ben.ID, domain.InviteAccepted), domain.ErrNotFound)
		got, _ = db.FeedbackRequest(ctx, w.org.ID, r.ID)
		if in, _ := got.Invite(w.ben.ID); in.Status != domain.InviteAccepted || !in.RespondedAt.Equal(t0) {
			t.Errorf("Ben's invite %+v", in)
		}
		for _, f := range []domain.FeedbackRequestFilter{{RequesterID: w.ana.ID}, {InviteeID: w.cat.ID}, {}} {
			if list, err := db.FeedbackRequests(ctx, w.org.ID, f); err != nil || len(list) != 1 || len(list[0].Invites) != 2 {
				t.Errorf("filter %+v: %d, %v", f, len(list), err)
			}
		}
		if list, _ := db.FeedbackRequests(ctx, w.org.ID, domain.FeedbackRequestFilter{InviteeID: w.ana.ID}); len(list) != 0 {
			t.Errorf("Ana is not invited to her own request: %+v", list)
		}
		must(t, db.SetObservationsRead(ctx, w.org.ID, r.ID, 2))
		must(t, db.SetObservationsRead(ctx, w.org.ID, r.ID, 1))
		if got, _ = db.FeedbackRequest(ctx, w.org.ID, r.ID); got.ObservationsRead != 2 {
			t.Errorf("observations read %d, want 2 (never down)", got.ObservationsRead)
		}
		_, err = db.FeedbackRequest(ctx, w.other.ID, r.ID)
		wantErr(t, err, domain.ErrNotFound)

		for name, edit := range map[string]func(r *domain.FeedbackRequest){
			"no title":          func(r *domain.FeedbackRequest) { r.Title = "" },
			"call and artefact": func(r *domain.FeedbackRequest) { r.CallID = 1 },
			"neither":           func(r *domain.FeedbackRequest) { r.ArtefactKind = "" },
			"bad kind":          func(r *domain.FeedbackRequest) { r.ArtefactKind = "poem" },
			"no due":            func(r *domain.FeedbackRequest) { r.DueAt = time.Time{} },
			"nobody":            func(r *domain.FeedbackRequest) { r.Invites = nil },
			"other org's rubric": func(r *domain.FeedbackRequest) {
				r.RubricID, r.VersionID = w.otherOrgsRubric.ID, w.otherOrgsRubric.VersionID
			},
			"other org's invitee": func(r *domain.FeedbackRequest) { r.Invites = []domain.FeedbackInvite{{PersonID: 99999}} },
		} {
			bad := w.request
			bad.ID = 0
			edit(&bad)
			if err := db.CreateFeedbackRequest(ctx, w.org.ID, &bad); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: %v, want invalid", name, err)
			}
		}
		if list, _ := db.FeedbackRequests(ctx, w.org.ID, domain.FeedbackRequestFilter{}); len(list) != 1 {
			t.Errorf("bad requests were stored: %d", len(list))
		}
	})
}

func TestReviewPhases(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		crit := w.rubric.Criteria
		rv := domain.Review{RequestID: w.request.ID, ReviewerID: w.ben.ID, Highlights: "clear opener",
			Scores: []domain.ReviewScore{{CriterionID: crit[1].ID, Score: 4, Note: "tailored"}, {CriterionID: crit[0].ID, Note: "skipped"}}}
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		if rv.ID == 0 || len(rv.Ref) != 16 || rv.Phase() != domain.PhaseDraft {
			t.Fatalf("draft %+v", rv)
		}
		// A second review by Ben is a conflict.
		second := domain.Review{RequestID: w.request.ID, ReviewerID: w.ben.ID}
		wantErr(t, db.SaveReview(ctx, w.org.ID, &second, domain.PhaseDraft), domain.ErrConflict)

		*now = now.Add(time.Hour)
		rv.ObservedAt = *now
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		// Saving as a draft again is a conflict: the phase moved on.
		stale := rv
		stale.Highlights = "changed"
		wantErr(t, db.SaveReview(ctx, w.org.ID, &stale, domain.PhaseDraft), domain.ErrConflict)
		got, err := db.ReviewOf(ctx, w.org.ID, w.request.ID, w.ben.ID)
		must(t, err)
		if got.Highlights != "clear opener" || got.Phase() != domain.PhaseObserved || len(got.Scores) != 2 ||
			got.Scores[0].CriterionID != crit[0].ID || got.Scores[1].Score != 4 || !got.ObservedAt.Equal(*now) {
			t.Errorf("observed %+v", got)
		}
		rv.Recommendations, rv.RecommendedAt = "ask about budget earlier", *now
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseObserved))
		byRef, err := db.ReviewByRef(ctx, w.org.ID, rv.Ref)
		must(t, err)
		if byRef.Phase() != domain.PhaseDone || byRef.Recommendations != "ask about budget earlier" {
			t.Errorf("done %+v", byRef)
		}
		_, err = db.ReviewByRef(ctx, w.other.ID, rv.Ref)
		wantErr(t, err, domain.ErrNotFound)

		// Bad scores change nothing.
		catRv := domain.Review{RequestID: w.request.ID, ReviewerID: w.cat.ID, Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Score: 6}}}
		wantErr(t, db.SaveReview(ctx, w.org.ID, &catRv, domain.PhaseDraft), domain.ErrInvalid)
		catRv.Scores = []domain.ReviewScore{{CriterionID: w.otherOrgsRubric.Criteria[0].ID, Score: 3}}
		wantErr(t, db.SaveReview(ctx, w.org.ID, &catRv, domain.PhaseDraft), domain.ErrInvalid)
		list, err := db.Reviews(ctx, w.org.ID, w.request.ID)
		must(t, err)
		if len(list) != 1 {
			t.Errorf("%d reviews, want Ben's only", len(list))
		}
		// Cat's draft, then the list is ordered by ref.
		catRv.Scores = nil
		must(t, db.SaveReview(ctx, w.org.ID, &catRv, domain.PhaseDraft))
		list, _ = db.Reviews(ctx, w.org.ID, w.request.ID)
		if len(list) != 2 || !slices.IsSortedFunc(list, func(a, b domain.Review) int { return compare(a.Ref, b.Ref) }) {
			t.Errorf("reviews not in ref order: %+v", list)
		}

		// Helpfulness: only on submitted observations, 1–5.
		wantErr(t, db.RateReview(ctx, w.org.ID, catRv.ID, 4, "", *now), domain.ErrNotFound)
		wantErr(t, db.RateReview(ctx, w.org.ID, rv.ID, 0, "", *now), domain.ErrInvalid)
		must(t, db.RateReview(ctx, w.org.ID, rv.ID, 4, "useful", *now))
		must(t, db.RateReview(ctx, w.org.ID, rv.ID, 5, "very useful", *now))
		h, err := db.ReviewerHelpfulness(ctx, w.org.ID, w.ben.ID)
		must(t, err)
		if h.Count != 1 || h.Average != 5 {
			t.Errorf("helpfulness %+v", h)
		}
		if h, _ := db.ReviewerHelpfulness(ctx, w.org.ID, w.cat.ID); h.Count != 0 || h.Average != 0 {
			t.Errorf("Cat's helpfulness %+v", h)
		}
		st, err := db.TeamFeedbackStats(ctx, w.org.ID, w.ana.TeamID, domain.AnonymousRelease{MinReviews: 2, Now: time.Now()})
		must(t, err)
		if st.Requests != 1 || st.Reviews != 1 || st.Scores != 1 || st.AverageScore != 4 || st.HelpfulnessRated != 1 || st.AverageHelpful != 5 {
			t.Errorf("stats %+v", st)
		}
		if st, _ := db.TeamFeedbackStats(ctx, w.other.ID, w.ana.TeamID, domain.AnonymousRelease{MinReviews: 2, Now: time.Now()}); st != (domain.FeedbackStats{}) {
			t.Errorf("another org's stats %+v", st)
		}
	})
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
