package domain

import (
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// SubjectKind is what a feedback request asks about.
type SubjectKind string

// The subjects of feedback requests.
const (
	SubjectCall     SubjectKind = "call"      // a whole call
	SubjectSnippet  SubjectKind = "snippet"   // a saved range of a call
	SubjectEmail    SubjectKind = "email"     // a pasted e-mail
	SubjectDealPlan SubjectKind = "deal_plan" // a pasted deal plan
	SubjectDeal     SubjectKind = "deal"      // a deal, described field by field
)

// Label names the subject for people.
func (k SubjectKind) Label() string {
	switch k {
	case SubjectCall:
		return "Call"
	case SubjectSnippet:
		return "Snippet"
	case SubjectEmail:
		return "E-mail"
	case SubjectDealPlan:
		return "Deal plan"
	case SubjectDeal:
		return "Deal"
	}
	return ""
}

// Subject reports what the request asks about. The storage keeps the
// shapes of the first subjects (see migration 0008): a snippet is a call
// with a SnippetID, a deal a deal plan with a Deal.
func (r FeedbackRequest) Subject() SubjectKind {
	switch {
	case r.SnippetID != 0:
		return SubjectSnippet
	case r.CallID != 0:
		return SubjectCall
	case r.Deal != nil:
		return SubjectDeal
	case r.ArtefactKind == ArtefactEmail:
		return SubjectEmail
	case r.ArtefactKind == ArtefactDealPlan:
		return SubjectDealPlan
	}
	return ""
}

// Limits of a deal's fields.
const (
	maxDealName    = 200
	maxDealStage   = 100
	maxDealBlocker = 2000
	maxDealNotes   = 5000
	// MaxDealAmount keeps amounts to what a deal can plausibly be worth.
	MaxDealAmount = 1e12
)

// Deal is a deal a rep asks for help with: where it stands and what is
// in the way.
type Deal struct {
	Name      string  `json:"name"`
	Stage     string  `json:"stage"`
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`   // ISO 4217, e.g. EUR
	CloseDate string  `json:"close_date"` // expected, YYYY-MM-DD
	Blocker   string  `json:"blocker"`    // what they want help with
	Notes     string  `json:"notes,omitempty"`
}

// Validate normalises d and reports the first problem, naming the field.
func (d *Deal) Validate() error {
	d.Name, d.Stage = strings.TrimSpace(d.Name), strings.TrimSpace(d.Stage)
	d.Blocker, d.Notes = strings.TrimSpace(d.Blocker), strings.TrimSpace(d.Notes)
	d.Currency, d.CloseDate = strings.ToUpper(strings.TrimSpace(d.Currency)), strings.TrimSpace(d.CloseDate)
	switch {
	case d.Name == "":
		return Invalid("deal_name", "name the deal, e.g. \"Halden — finance rollout\"")
	case utf8.RuneCountInString(d.Name) > maxDealName:
		return Invalid("deal_name", "keep the deal's name under %d characters", maxDealName)
	case d.Stage == "":
		return Invalid("deal_stage", "say which stage the deal is in, e.g. \"Proposal\"")
	case utf8.RuneCountInString(d.Stage) > maxDealStage:
		return Invalid("deal_stage", "keep the stage under %d characters", maxDealStage)
	case math.IsNaN(d.Amount) || d.Amount <= 0 || d.Amount >= MaxDealAmount:
		return Invalid("deal_amount", "give the deal's amount as a number above 0, e.g. 48000")
	case !isCurrency(d.Currency):
		return Invalid("deal_currency", "give the currency as a three-letter code, e.g. EUR or USD")
	}
	if _, err := time.Parse(DateLayout, d.CloseDate); err != nil {
		return Invalid("deal_close_date", "give the expected close date as a date, e.g. 2026-06-30")
	}
	switch {
	case d.Blocker == "":
		return Invalid("deal_blocker", "say what is in the way, or what you want help with")
	case utf8.RuneCountInString(d.Blocker) > maxDealBlocker:
		return Invalid("deal_blocker", "keep the blocker under %d characters", maxDealBlocker)
	case utf8.RuneCountInString(d.Notes) > maxDealNotes:
		return Invalid("deal_notes", "keep the notes under %d characters", maxDealNotes)
	}
	return nil
}

// isCurrency reports whether s looks like an ISO 4217 code.
func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
