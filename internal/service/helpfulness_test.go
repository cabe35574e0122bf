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

// TestHelpfulnessOverTime: a reviewer sees their own ratings month by
// month (in their time zone, by when each rating was given) over the last
// twelve months, plus the overall figure; nobody else's.
func TestHelpfulnessOverTime(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		now := w.clock.Now() // 2 March 2026, 09:30 UTC
		// Tess (Tokyo) gets four ratings: 14 months ago, last October
		// (twice) and late on 28 February UTC — 1 March in Tokyo.
		for _, c := range []struct {
			at    time.Time
			score int
		}{
			{now.AddDate(-1, -2, 0), 1},
			{time.Date(2025, 10, 10, 12, 0, 0, 0, time.UTC), 3},
			{time.Date(2025, 10, 20, 12, 0, 0, 0, time.UTC), 4},
			{time.Date(2026, 2, 28, 20, 0, 0, 0, time.UTC), 5},
		} {
			past := w.svc.AsOf(c.at.Add(-2 * time.Hour))
			in := service.FeedbackRequestInput{ArtefactKind: domain.ArtefactEmail, ArtefactText: "Hi", RubricID: disc.ID,
				Invitees: []int64{w.people["rep3A"].ID}, DueAt: c.at.Add(72 * time.Hour)}
			r := must(past.RequestFeedback(ctx, rita, in))(t)
			tess := w.actor(t, "rep3A")
			if err := past.RespondToRequest(ctx, tess, r.ID, true); err != nil {
				t.Fatal(err)
			}
			rv := must(past.SubmitObservations(ctx, tess, r.ID, service.ReviewInput{Highlights: "noted"}))(t)
			must(w.svc.AsOf(c.at).RateReview(ctx, rita, rv.Ref, c.score, ""))(t)
		}
		h := must(w.svc.MyHelpfulness(ctx, w.actor(t, "rep3A")))(t)
		if h.Overall.Count != 4 || h.Overall.Average != 3.25 || len(h.Months) != 12 {
			t.Fatalf("overall %+v, %d months", h.Overall, len(h.Months))
		}
		tokyo, _ := time.LoadLocation("Asia/Tokyo")
		if first, last := h.Months[0].Month, h.Months[11].Month; !first.Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, tokyo)) ||
			!last.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, tokyo)) {
			t.Errorf("months run from %v to %v", first, last)
		}
		counts := map[string]service.HelpfulnessMonth{}
		total := 0
		for _, m := range h.Months {
			counts[m.Month.Format("2006-01")] = m
			total += m.Count
		}
		if oct := counts["2025-10"]; oct.Count != 2 || oct.Average != 3.5 {
			t.Errorf("October %+v", oct)
		}
		if mar := counts["2026-03"]; mar.Count != 1 || mar.Average != 5 {
			t.Errorf("March (in Tokyo) %+v", mar)
		}
		if total != 3 {
			t.Errorf("%d ratings in the last twelve months, want 3 (one is older)", total)
		}
		o := must(w.svc.FeedbackOverview(ctx, w.actor(t, "rep3A")))(t)
		if o.Helpfulness != h.Overall || len(o.HelpfulnessByMonth) != 12 {
			t.Errorf("the overview's helpfulness %+v", o.Helpfulness)
		}
		// The recipient, and anyone else, sees only their own: none.
		for _, k := range []string{"rep1A", "managerA", "repB"} {
			hh := must(w.svc.MyHelpfulness(ctx, w.actor(t, k)))(t)
			for _, m := range hh.Months {
				if m.Count != 0 {
					t.Errorf("%s sees ratings: %+v", k, m)
				}
			}
			if hh.Overall.Count != 0 {
				t.Errorf("%s sees %+v", k, hh.Overall)
			}
		}
	})
}
