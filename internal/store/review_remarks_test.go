package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// TestReviewRemarks: remarks come back with their review by call time,
// change only while the review is a draft, stop at the limit and never
// cross organisations.
func TestReviewRemarks(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		rv := domain.Review{RequestID: w.request.ID, ReviewerID: w.ben.ID, Highlights: "clear opener"}
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		moment := 31.0
		late := domain.ReviewRemark{ReviewID: rv.ID, AtSeconds: 95, Kind: domain.RemarkImprovement, Note: " budget too early "}
		early := domain.ReviewRemark{ReviewID: rv.ID, AtSeconds: 31, Kind: domain.RemarkHighlight, Note: "paused, then asked",
			MomentKind: "objection", MomentAt: &moment}
		must(t, db.AddReviewRemark(ctx, w.org.ID, &late))
		*now = now.Add(time.Minute)
		must(t, db.AddReviewRemark(ctx, w.org.ID, &early))
		if late.ID == 0 || len(late.Ref) != 16 || late.Note != "budget too early" || late.Ref == early.Ref {
			t.Fatalf("added %+v", late)
		}
		got, err := db.ReviewOf(ctx, w.org.ID, w.request.ID, w.ben.ID)
		must(t, err)
		if len(got.Remarks) != 2 || got.Remarks[0].Ref != early.Ref || got.Remarks[1].Ref != late.Ref {
			t.Fatalf("remarks not by call time: %+v", got.Remarks)
		}
		if m := got.Remarks[0]; m.MomentKind != "objection" || m.MomentAt == nil || *m.MomentAt != 31 || m.Kind != domain.RemarkHighlight {
			t.Errorf("the moment did not come back: %+v", m)
		}
		if m := got.Remarks[1]; m.MomentKind != "" || m.MomentAt != nil || m.AtSeconds != 95 {
			t.Errorf("a remark without a moment: %+v", m)
		}
		// Bad input and other organisations store nothing.
		for name, bad := range map[string]domain.ReviewRemark{
			"negative time":    {ReviewID: rv.ID, AtSeconds: -1, Kind: domain.RemarkHighlight, Note: "x"},
			"unknown kind":     {ReviewID: rv.ID, AtSeconds: 1, Kind: "praise", Note: "x"},
			"empty note":       {ReviewID: rv.ID, AtSeconds: 1, Kind: domain.RemarkHighlight, Note: "  "},
			"moment, no time":  {ReviewID: rv.ID, AtSeconds: 1, Kind: domain.RemarkHighlight, Note: "x", MomentKind: "objection"},
			"too long":         {ReviewID: rv.ID, AtSeconds: 1, Kind: domain.RemarkHighlight, Note: strings.Repeat("é", domain.MaxRemarkNote+1)},
			"another org's id": {ReviewID: rv.ID, AtSeconds: 1, Kind: domain.RemarkHighlight, Note: "x"},
		} {
			org := w.org.ID
			if name == "another org's id" {
				org = w.other.ID
			}
			if err := db.AddReviewRemark(ctx, org, &bad); err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
		wantErr(t, db.RemoveReviewRemark(ctx, w.other.ID, rv.ID, late.Ref), domain.ErrNotFound)
		wantErr(t, db.RemoveReviewRemark(ctx, w.org.ID, rv.ID, "0123456789abcdef"), domain.ErrNotFound)
		must(t, db.RemoveReviewRemark(ctx, w.org.ID, rv.ID, late.Ref))
		// The limit: MaxReviewRemarks per review.
		for i := 1; i < domain.MaxReviewRemarks; i++ {
			must(t, db.AddReviewRemark(ctx, w.org.ID, &domain.ReviewRemark{ReviewID: rv.ID, AtSeconds: float64(i), Kind: domain.RemarkHighlight, Note: "n"}))
		}
		extra := domain.ReviewRemark{ReviewID: rv.ID, AtSeconds: 1, Kind: domain.RemarkHighlight, Note: "one too many"}
		wantErr(t, db.AddReviewRemark(ctx, w.org.ID, &extra), domain.ErrInvalid)
		// Once observations are submitted, remarks are frozen.
		rv.ObservedAt = *now
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		wantErr(t, db.RemoveReviewRemark(ctx, w.org.ID, rv.ID, early.Ref), domain.ErrConflict)
		late.ID, late.Ref = 0, ""
		wantErr(t, db.AddReviewRemark(ctx, w.org.ID, &late), domain.ErrConflict)
		list, err := db.Reviews(ctx, w.org.ID, w.request.ID)
		must(t, err)
		if len(list) != 1 || len(list[0].Remarks) != domain.MaxReviewRemarks || list[0].Remarks[0].AtSeconds != 1 {
			t.Errorf("after submitting: %d reviews, %d remarks", len(list), len(list[0].Remarks))
		}
	})
}

// TestReviewerRatings: a reviewer's ratings by when they were given,
// since a time, and nobody else's.
func TestReviewerRatings(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		rv := domain.Review{RequestID: w.request.ID, ReviewerID: w.ben.ID, Highlights: "clear opener", ObservedAt: *now}
		must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		march := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
		must(t, db.RateReview(ctx, w.org.ID, rv.ID, 3, "", march))
		list, err := db.ReviewerRatings(ctx, w.org.ID, w.ben.ID, march.AddDate(0, -1, 0))
		must(t, err)
		if len(list) != 1 || list[0].Score != 3 || !list[0].RatedAt.Equal(march) {
			t.Fatalf("ratings %+v", list)
		}
		if list, _ := db.ReviewerRatings(ctx, w.org.ID, w.ben.ID, march.Add(time.Hour)); len(list) != 0 {
			t.Errorf("a rating before since: %+v", list)
		}
		// Rating again replaces the rating and its time.
		april := march.AddDate(0, 1, 0)
		must(t, db.RateReview(ctx, w.org.ID, rv.ID, 5, "", april))
		if list, _ := db.ReviewerRatings(ctx, w.org.ID, w.ben.ID, march.AddDate(0, -1, 0)); len(list) != 1 || list[0].Score != 5 || !list[0].RatedAt.Equal(april) {
			t.Errorf("after rating again: %+v", list)
		}
		for _, c := range []struct{ org, who int64 }{{w.org.ID, w.cat.ID}, {w.other.ID, w.ben.ID}} {
			if list, _ := db.ReviewerRatings(ctx, c.org, c.who, time.Time{}.Add(time.Hour)); len(list) != 0 {
				t.Errorf("org %d, person %d: %+v", c.org, c.who, list)
			}
		}
	})
}
