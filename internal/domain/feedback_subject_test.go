package domain

import (
	"errors"
	"testing"
)

// TestSubjectOfEachStoredShape: the storage keeps a snippet as a call
// with a snippet and a deal as a deal plan with a deal (migration 0008);
// Subject names each plainly.
func TestSubjectOfEachStoredShape(t *testing.T) {
	for want, r := range map[SubjectKind]FeedbackRequest{
		SubjectCall:     {CallID: 1},
		SubjectSnippet:  {CallID: 1, SnippetID: 2},
		SubjectEmail:    {ArtefactKind: ArtefactEmail, ArtefactText: "Hi"},
		SubjectDealPlan: {ArtefactKind: ArtefactDealPlan, ArtefactText: "Plan"},
		SubjectDeal:     {ArtefactKind: ArtefactDealPlan, Deal: &Deal{Name: "Halden"}},
	} {
		if got := r.Subject(); got != want || got.Label() == "" {
			t.Errorf("%+v is a %q (%q), want %q", r, got, got.Label(), want)
		}
	}
}

// TestDealValidate normalises a good deal and names the field of each
// bad one.
func TestDealValidate(t *testing.T) {
	d := Deal{Name: " Halden ", Stage: "Proposal ", Amount: 48000, Currency: " eur", CloseDate: "2026-06-30", Blocker: " no champion "}
	if err := d.Validate(); err != nil || d.Name != "Halden" || d.Currency != "EUR" || d.Blocker != "no champion" {
		t.Fatalf("%+v, %v", d, err)
	}
	for field, edit := range map[string]func(d *Deal){
		"deal_name":       func(d *Deal) { d.Name = "" },
		"deal_stage":      func(d *Deal) { d.Stage = "" },
		"deal_amount":     func(d *Deal) { d.Amount = 0 },
		"deal_currency":   func(d *Deal) { d.Currency = "E1R" },
		"deal_close_date": func(d *Deal) { d.CloseDate = "2026-02-30" },
		"deal_blocker":    func(d *Deal) { d.Blocker = "  " },
	} {
		bad := d
		edit(&bad)
		var e *Error
		if err := bad.Validate(); !errors.As(err, &e) || e.Field != field || e.Kind != ErrInvalid {
			t.Errorf("%s: %v", field, err)
		}
	}
	huge := d
	huge.Amount = MaxDealAmount
	if err := huge.Validate(); err == nil {
		t.Error("an amount of a trillion is accepted")
	}
}
