package service_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// goodDeal is a deal every field of which is valid.
func goodDeal() domain.Deal {
	return domain.Deal{Name: "Halden finance rollout", Stage: "Proposal", Amount: 48000, Currency: "eur", CloseDate: "2026-06-30",
		Blocker: "The CFO has not met us; no champion above the buyer."}
}

// TestFeedbackOnASnippet: invitees see the snippet's range of a private
// call on the request page and nothing else of the call; the requester
// must be able to see the snippet; once the call is deleted the page says
// the snippet is gone.
func TestFeedbackOnASnippet(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy, tess := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		call := upload(t, w.svc, rita, "Private discovery", domain.VisibilityPrivate)
		sn := must(w.svc.CreateSnippet(ctx, rita, call.ID, "Pricing history", 21, 45, []int64{remy.Person.ID}))(t)
		due := w.clock.Now().Add(48 * time.Hour)
		in := service.FeedbackRequestInput{SnippetID: sn.ID, RubricID: disc.ID, Invitees: []int64{tess.Person.ID}, DueAt: due}

		// Who may ask about it: the owner and those it is shared with.
		for name, c := range map[string]struct {
			who   string
			edit  func(in *service.FeedbackRequestInput)
			field string
		}{
			"a snippet Tess cannot see": {"rep3A", func(in *service.FeedbackRequestInput) { in.Invitees = []int64{remy.Person.ID} }, "snippet_id"},
			"no such snippet":           {"rep1A", func(in *service.FeedbackRequestInput) { in.SnippetID = 999999 }, "snippet_id"},
			"a snippet and a call":      {"rep1A", func(in *service.FeedbackRequestInput) { in.CallID = call.ID }, "subject"},
			"another organisation":      {"repB", func(in *service.FeedbackRequestInput) { in.Invitees = []int64{w.people["adminB"].ID} }, "snippet_id"},
		} {
			bad := in
			c.edit(&bad)
			_, err := w.svc.RequestFeedback(ctx, w.actor(t, c.who), bad)
			var e *domain.Error
			if !asDomain(err, &e) || e.Field != c.field {
				t.Errorf("%s: %v, want invalid %s", name, err, c.field)
			}
		}
		r := must(w.svc.RequestFeedback(ctx, rita, in))(t)
		if r.Title != "Pricing history" || r.Subject() != domain.SubjectSnippet || r.CallID != call.ID {
			t.Errorf("request %+v", r)
		}
		shared := in
		shared.Title = "Remy asks about Rita's snippet"
		must(w.svc.RequestFeedback(ctx, remy, shared))(t)

		v := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t)
		if v.Snippet == nil || v.Call != nil || len(v.Transcript.Cues) != 0 || v.SnippetGone {
			t.Fatalf("invitee's view: snippet %v, call %v", v.Snippet, v.Call != nil)
		}
		var said []string
		for _, c := range v.Snippet.Cues {
			said = append(said, c.Text)
		}
		if len(said) != 2 || !strings.Contains(said[0], "pricing work out") || strings.Contains(strings.Join(said, " "), "spreadsheets") {
			t.Errorf("the invitee sees %q, want only the snippet's two cues", said)
		}
		if v.Snippet.Snippet.SharedWith != nil {
			t.Errorf("the invitee learns whom the snippet was shared with: %v", v.Snippet.Snippet.SharedWith)
		}
		_, err := w.svc.Snippet(ctx, tess, sn.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Call(ctx, tess, call.ID)
		wantErr(t, err, domain.ErrNotFound)
		for _, k := range []string{"managerA", "adminA", "repB"} {
			_, err := w.svc.FeedbackRequest(ctx, w.actor(t, k), r.ID)
			wantErr(t, err, domain.ErrNotFound)
		}
		// A declined invitee loses the snippet.
		if err := w.svc.RespondToRequest(ctx, tess, r.ID, false); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t); v.Snippet != nil {
			t.Error("a declined invitee still sees the snippet")
		}
		// The call goes: the snippet is gone for everyone.
		if err := w.svc.DeleteCall(ctx, rita, call.ID); err != nil {
			t.Fatal(err)
		}
		for _, a := range []service.Actor{rita} {
			if v := must(w.svc.FeedbackRequest(ctx, a, r.ID))(t); v.Snippet != nil || !v.SnippetGone {
				t.Errorf("after deletion: snippet %v, gone %v", v.Snippet, v.SnippetGone)
			}
		}
	})
}

// TestFeedbackOnADeal: a deal is described field by field; each bad field
// is named and nothing is stored.
func TestFeedbackOnADeal(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		ctx := context.Background()
		rita, remy, tess := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "rep3A")
		in := func(edit func(d *domain.Deal)) service.FeedbackRequestInput {
			d := goodDeal()
			edit(&d)
			return service.FeedbackRequestInput{Deal: &d, RubricID: disc.ID, Invitees: []int64{remy.Person.ID, tess.Person.ID},
				DueAt: w.clock.Now().Add(24 * time.Hour)}
		}
		for field, edit := range map[string]func(d *domain.Deal){
			"deal_name":       func(d *domain.Deal) { d.Name = " " },
			"deal_stage":      func(d *domain.Deal) { d.Stage = strings.Repeat("x", 101) },
			"deal_amount":     func(d *domain.Deal) { d.Amount = -5 },
			"deal_currency":   func(d *domain.Deal) { d.Currency = "euro" },
			"deal_close_date": func(d *domain.Deal) { d.CloseDate = "30/06/2026" },
			"deal_blocker":    func(d *domain.Deal) { d.Blocker = "" },
			"deal_notes":      func(d *domain.Deal) { d.Notes = strings.Repeat("n", 5001) },
		} {
			_, err := w.svc.RequestFeedback(ctx, rita, in(edit))
			wantField(t, err, field)
		}
		_, err := w.svc.RequestFeedback(ctx, rita, in(func(d *domain.Deal) { d.Amount = math.NaN() }))
		wantField(t, err, "deal_amount")
		both := in(func(*domain.Deal) {})
		both.ArtefactKind, both.ArtefactText = domain.ArtefactDealPlan, "a plan"
		_, err = w.svc.RequestFeedback(ctx, rita, both)
		wantField(t, err, "subject")
		if o := must(w.svc.FeedbackOverview(ctx, rita))(t); len(o.Asked) != 0 {
			t.Fatalf("bad deals were stored: %d", len(o.Asked))
		}

		r := must(w.svc.RequestFeedback(ctx, rita, in(func(d *domain.Deal) { d.Notes = "Renewal of the pilot" })))(t)
		if r.Subject() != domain.SubjectDeal || r.Title != "Deal: Halden finance rollout" || r.Deal.Currency != "EUR" {
			t.Errorf("deal request %+v", r)
		}
		v := must(w.svc.FeedbackRequest(ctx, remy, r.ID))(t)
		if !v.Artefact || v.Request.Deal == nil || v.Request.Deal.Blocker != goodDeal().Blocker || v.Request.Deal.Notes != "Renewal of the pilot" {
			t.Errorf("the invitee's view of the deal: %+v", v.Request.Deal)
		}
		if err := w.svc.RespondToRequest(ctx, tess, r.ID, false); err != nil {
			t.Fatal(err)
		}
		if v := must(w.svc.FeedbackRequest(ctx, tess, r.ID))(t); v.Request.Deal != nil {
			t.Error("a declined invitee still sees the deal")
		}
		if o := must(w.svc.FeedbackOverview(ctx, tess))(t); len(o.Invited) != 1 || o.Invited[0].Request.Deal != nil {
			t.Errorf("the declined invitee's list carries the deal: %+v", o.Invited)
		}
	})
}
