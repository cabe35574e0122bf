package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// TestFeedbackSubjects stores a request on a snippet, one on a deal and
// one to a circle, reads each back with its subject, and refuses
// references that do not hold: a snippet of another call or organisation,
// another organisation's circle, a deal that is not a deal plan.
func TestFeedbackSubjects(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newFeedbackWorld(t, db)
		call := newCall(t, db, w.org.ID, w.ana.ID, "Discovery")
		other := newCall(t, db, w.org.ID, w.ana.ID, "Another")
		sn := domain.Snippet{CallID: call.ID, OwnerID: w.ana.ID, Title: "Pricing", Start: 10, End: 40}
		must(t, db.CreateSnippet(ctx, w.org.ID, &sn))
		g := domain.Group{Name: "Circle", TemplateKey: "call_review_circle", CreatedBy: w.ana.ID,
			Members: []domain.GroupMember{{PersonID: w.ana.ID}, {PersonID: w.ben.ID}}}
		must(t, db.CreateGroup(ctx, w.org.ID, &g))
		otherAna := newPerson(t, db, w.other.ID, "Ana B", "ana@other.com")
		theirs := domain.Group{Name: "Theirs", TemplateKey: "call_review_circle", CreatedBy: otherAna.ID}
		must(t, db.CreateGroup(ctx, w.other.ID, &theirs))

		base := w.request
		base.ID, base.Anonymous, base.ArtefactKind, base.ArtefactText = 0, false, "", ""
		snippet := base
		snippet.CallID, snippet.SnippetID, snippet.GroupID = call.ID, sn.ID, g.ID
		must(t, db.CreateFeedbackRequest(ctx, w.org.ID, &snippet))
		deal := base
		deal.ArtefactKind = domain.ArtefactDealPlan
		deal.Deal = &domain.Deal{Name: " Halden ", Stage: "Proposal", Amount: 48000.5, Currency: "eur", CloseDate: "2026-06-30",
			Blocker: "No champion above the buyer"}
		must(t, db.CreateFeedbackRequest(ctx, w.org.ID, &deal))

		got, err := db.FeedbackRequest(ctx, w.org.ID, snippet.ID)
		must(t, err)
		if got.Subject() != domain.SubjectSnippet || got.SnippetID != sn.ID || got.CallID != call.ID || got.GroupID != g.ID || got.Deal != nil {
			t.Errorf("snippet request read back as %+v", got)
		}
		got, err = db.FeedbackRequest(ctx, w.org.ID, deal.ID)
		must(t, err)
		want := domain.Deal{Name: "Halden", Stage: "Proposal", Amount: 48000.5, Currency: "EUR", CloseDate: "2026-06-30",
			Blocker: "No champion above the buyer"}
		if got.Subject() != domain.SubjectDeal || got.Deal == nil || !reflect.DeepEqual(*got.Deal, want) || got.GroupID != 0 {
			t.Errorf("deal request read back as %+v (deal %+v)", got, got.Deal)
		}
		if list, _ := db.FeedbackRequests(ctx, w.org.ID, domain.FeedbackRequestFilter{InviteeID: w.cat.ID}); len(list) != 3 ||
			list[0].GroupID+list[1].GroupID+list[2].GroupID != g.ID {
			t.Errorf("lists carry the circle: %+v", list)
		}
		if old, _ := db.FeedbackRequest(ctx, w.org.ID, w.request.ID); old.Subject() != domain.SubjectEmail {
			t.Errorf("the e-mail request is now a %q", old.Subject())
		}

		for name, c := range map[string]struct {
			edit  func(r *domain.FeedbackRequest)
			field string
		}{
			"snippet of another call": {func(r *domain.FeedbackRequest) { r.CallID = other.ID }, "snippet_id"},
			"snippet without a call":  {func(r *domain.FeedbackRequest) { r.CallID, r.ArtefactKind = 0, "email" }, "snippet_id"},
			"no such snippet":         {func(r *domain.FeedbackRequest) { r.SnippetID = 999999 }, "snippet_id"},
			"another org's circle":    {func(r *domain.FeedbackRequest) { r.GroupID = theirs.ID }, "group_id"},
			"a deal on a call": {func(r *domain.FeedbackRequest) {
				r.SnippetID, r.Deal = 0, &domain.Deal{Name: "x"}
			}, "deal"},
			"a deal with no blocker": {func(r *domain.FeedbackRequest) {
				d := want
				d.Blocker = ""
				r.CallID, r.SnippetID, r.ArtefactKind, r.Deal = 0, 0, domain.ArtefactDealPlan, &d
			}, "deal_blocker"},
		} {
			bad := snippet
			bad.ID = 0
			c.edit(&bad)
			err := db.CreateFeedbackRequest(ctx, w.org.ID, &bad)
			var e *domain.Error
			if !errors.As(err, &e) || e.Field != c.field {
				t.Errorf("%s: %v, want invalid %s", name, err, c.field)
			}
		}
		if list, _ := db.FeedbackRequests(ctx, w.org.ID, domain.FeedbackRequestFilter{}); len(list) != 3 {
			t.Errorf("bad requests were stored: %d requests", len(list))
		}
		// Deleting the call keeps the request; the snippet reference stays
		// for the service to report the snippet gone.
		must(t, db.DeleteCall(ctx, w.org.ID, call.ID))
		if got, err := db.FeedbackRequest(ctx, w.org.ID, snippet.ID); err != nil || got.SnippetID != sn.ID {
			t.Errorf("after deleting the call: %+v, %v", got, err)
		}
	})
}
