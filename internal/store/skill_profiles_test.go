package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestSkillSelfAssessments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		rate := func(p domain.Person, score int) domain.SelfAssessment {
			t.Helper()
			a := domain.SelfAssessment{PersonID: p.ID, RubricID: w.rubric.ID, Criterion: " trust ", Score: score}
			must(t, db.AddSelfAssessment(ctx, w.org.ID, &a))
			return a
		}
		first := rate(w.ana, 2)
		*now = now.Add(24 * time.Hour)
		rate(w.ana, 4) // a new rating adds a row: the history stays
		rate(w.ben, 5)
		if first.ID == 0 || first.Criterion != "trust" || !first.RatedAt.Equal(t0) || first.OrgID != w.org.ID {
			t.Errorf("stored %+v", first)
		}
		got, err := db.SelfAssessments(ctx, w.org.ID, []int64{w.ana.ID})
		must(t, err)
		if len(got) != 2 || got[0].Score != 2 || got[1].Score != 4 || !got[1].RatedAt.Equal(t0.Add(24*time.Hour)) {
			t.Errorf("Ana's history %+v", got)
		}
		if both, _ := db.SelfAssessments(ctx, w.org.ID, []int64{w.ana.ID, w.ben.ID}); len(both) != 3 {
			t.Errorf("Ana and Ben: %d ratings, want 3", len(both))
		}
		if none, _ := db.SelfAssessments(ctx, w.other.ID, []int64{w.ana.ID}); len(none) != 0 {
			t.Errorf("another organisation reads %+v", none)
		}
		// Bad input: nothing stored.
		for name, a := range map[string]domain.SelfAssessment{
			"score 0":          {PersonID: w.ana.ID, RubricID: w.rubric.ID, Criterion: "trust", Score: 0},
			"score 6":          {PersonID: w.ana.ID, RubricID: w.rubric.ID, Criterion: "trust", Score: 6},
			"no criterion":     {PersonID: w.ana.ID, RubricID: w.rubric.ID, Score: 3},
			"other org rubric": {PersonID: w.ana.ID, RubricID: w.otherOrgsRubric.ID, Criterion: "trust", Score: 3},
			"unknown person":   {PersonID: 424242, RubricID: w.rubric.ID, Criterion: "trust", Score: 3},
		} {
			if err := db.AddSelfAssessment(ctx, w.org.ID, &a); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: got %v, want invalid input", name, err)
			}
		}
		other := domain.SelfAssessment{PersonID: w.ana.ID, RubricID: w.rubric.ID, Criterion: "trust", Score: 3}
		wantErr(t, db.AddSelfAssessment(ctx, w.other.ID, &other), domain.ErrInvalid)
		if after, _ := db.SelfAssessments(ctx, w.org.ID, []int64{w.ana.ID}); len(after) != 2 {
			t.Errorf("bad input stored something: %+v", after)
		}
	})
}

func TestPeerSkillScores(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		crit := w.rubric.Criteria
		// Ben submits observations; Cat only drafts.
		ben := domain.Review{RequestID: w.request.ID, ReviewerID: w.ben.ID, Highlights: "secret text",
			Scores: []domain.ReviewScore{{CriterionID: crit[0].ID, Note: "skipped"}, {CriterionID: crit[1].ID, Score: 4, Note: "note"}}}
		must(t, db.SaveReview(ctx, w.org.ID, &ben, domain.PhaseDraft))
		*now = now.Add(time.Hour)
		ben.ObservedAt = *now
		must(t, db.SaveReview(ctx, w.org.ID, &ben, domain.PhaseDraft))
		cat := domain.Review{RequestID: w.request.ID, ReviewerID: w.cat.ID,
			Scores: []domain.ReviewScore{{CriterionID: crit[1].ID, Score: 1}}}
		must(t, db.SaveReview(ctx, w.org.ID, &cat, domain.PhaseDraft))

		got, err := db.PeerSkillScores(ctx, w.org.ID, []int64{w.ana.ID})
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("got %+v, want Ben's one scored criterion", got)
		}
		p := got[0]
		if p.PersonID != w.ana.ID || p.RubricID != w.rubric.ID || p.Criterion != "trust" || p.Score != 4 ||
			!p.ObservedAt.Equal(*now) || !p.Anonymous || !p.DueAt.Equal(w.request.DueAt) || p.ReviewID != ben.ID {
			t.Errorf("point %+v", p)
		}
		// A new rubric version keeps the key: scores against it join the same criterion.
		v2 := w.rubric
		v2.Name = "Discovery v2"
		must(t, db.AddRubricVersion(ctx, w.org.ID, &v2))
		req2 := domain.FeedbackRequest{RequesterID: w.ana.ID, Title: "Second", ArtefactKind: domain.ArtefactEmail, ArtefactText: "x",
			RubricID: v2.ID, VersionID: v2.VersionID, DueAt: t0.Add(72 * time.Hour), Invites: []domain.FeedbackInvite{{PersonID: w.cat.ID}}}
		must(t, db.CreateFeedbackRequest(ctx, w.org.ID, &req2))
		rv2 := domain.Review{RequestID: req2.ID, ReviewerID: w.cat.ID, Scores: []domain.ReviewScore{{CriterionID: v2.Criteria[1].ID, Score: 2}}}
		must(t, db.SaveReview(ctx, w.org.ID, &rv2, domain.PhaseDraft))
		*now = now.Add(time.Hour)
		rv2.ObservedAt = *now
		must(t, db.SaveReview(ctx, w.org.ID, &rv2, domain.PhaseDraft))
		got, _ = db.PeerSkillScores(ctx, w.org.ID, []int64{w.ana.ID, w.ben.ID})
		if len(got) != 2 || got[1].Criterion != "trust" || got[1].RubricID != w.rubric.ID || got[1].Score != 2 || got[1].Anonymous {
			t.Errorf("after a new version: %+v", got)
		}
		if ofBen, _ := db.PeerSkillScores(ctx, w.org.ID, []int64{w.ben.ID}); len(ofBen) != 0 {
			t.Errorf("Ben made no request, yet has %+v", ofBen)
		}
		if cross, _ := db.PeerSkillScores(ctx, w.other.ID, []int64{w.ana.ID}); len(cross) != 0 {
			t.Errorf("another organisation reads %+v", cross)
		}
	})
}

func TestSkillCalls(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		zed := newPerson(t, db, other.ID, "Zed", "zed@other.com")
		withAnalysis := func(c *domain.Call) { c.Analysis = []byte(`{"open_questions":3}`) }
		old := func(c *domain.Call) { c.OccurredAt = t0.Add(-400 * 24 * time.Hour) }
		shared := func(c *domain.Call) { c.Visibility, c.SharedWith = domain.VisibilityPeers, []int64{ben.ID} }
		transcribing := func(c *domain.Call) { c.Status = domain.CallTranscribing }
		newCall(t, db, acme.ID, ana.ID, "recent", withAnalysis, shared)
		newCall(t, db, acme.ID, ana.ID, "too old", withAnalysis, old)
		newCall(t, db, acme.ID, ana.ID, "not ready", transcribing)
		newCall(t, db, other.ID, zed.ID, "theirs", withAnalysis)

		since := t0.Add(-365 * 24 * time.Hour)
		version := func() string {
			v, err := db.SkillCallsVersion(ctx, acme.ID, since)
			must(t, err)
			return v
		}
		v1 := version()
		got, err := db.SkillCalls(ctx, acme.ID, since, nil)
		must(t, err)
		if len(got) != 1 {
			t.Fatalf("got %d calls, want the one recent ready call", len(got))
		}
		c := got[0]
		if c.Title != "recent" || string(c.Analysis) != `{"open_questions":3}` || c.Transcript != nil ||
			len(c.SharedWith) != 1 || c.SharedWith[0] != ben.ID || c.Visibility != domain.VisibilityPeers {
			t.Errorf("call %+v", c)
		}
		if mine, _ := db.SkillCalls(ctx, acme.ID, since, []int64{ana.ID}); len(mine) != 1 {
			t.Errorf("Ana's calls: %d, want 1", len(mine))
		}
		if bens, _ := db.SkillCalls(ctx, acme.ID, since, []int64{ben.ID}); len(bens) != 0 {
			t.Errorf("Ben owns no call, yet has %d", len(bens))
		}
		if none, _ := db.SkillCalls(ctx, acme.ID, since, []int64{}); len(none) != 0 {
			t.Errorf("no owners, yet %d calls", len(none))
		}
		if cross, _ := db.SkillCalls(ctx, acme.ID, since, []int64{zed.ID}); len(cross) != 0 {
			t.Errorf("another organisation's owner: %d calls", len(cross))
		}
		// The version moves when a call is added, changed or deleted.
		if version() != v1 {
			t.Error("the version moved without a change")
		}
		added := newCall(t, db, acme.ID, ben.ID, "added", withAnalysis)
		v2 := version()
		if v2 == v1 {
			t.Error("adding a call left the version")
		}
		added.Analysis = []byte(`{"open_questions":9}`)
		*now = now.Add(time.Minute)
		must(t, db.UpdateCall(ctx, acme.ID, added))
		v3 := version()
		if v3 == v2 {
			t.Error("re-analysing a call left the version")
		}
		must(t, db.DeleteCall(ctx, acme.ID, added.ID))
		if version() == v3 {
			t.Error("deleting a call left the version")
		}
	})
}
