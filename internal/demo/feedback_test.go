package demo

import (
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// TestSeedFeedbackSubjects seeds the whole demo and checks that Ana's
// feedback covers every subject — call, snippet, e-mail, deal plan, deal —
// and a circle request whose reviewers disagree, so the calibration shows.
func TestSeedFeedbackSubjects(t *testing.T) {
	ctx, svc, org, ana := seededDemo(t)
	a := service.Actor{Org: org, Person: ana}
	o, err := svc.FeedbackOverview(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	subjects := map[domain.SubjectKind]bool{}
	var circle int64
	for _, s := range append(append([]service.RequestSummary{}, o.Asked...), o.Invited...) {
		subjects[s.Request.Subject()] = true
		if s.Circle != "" {
			circle = s.Request.ID
		}
	}
	for _, k := range []domain.SubjectKind{domain.SubjectCall, domain.SubjectSnippet, domain.SubjectEmail, domain.SubjectDealPlan, domain.SubjectDeal} {
		if !subjects[k] {
			t.Errorf("Ana's feedback has no %s request", k)
		}
	}
	if circle == 0 {
		t.Fatal("Ana has no circle request")
	}
	v, err := svc.FeedbackRequest(ctx, a, circle)
	if err != nil {
		t.Fatal(err)
	}
	if v.Calibration == nil || v.Calibration.Reviews < 3 || v.RecommendationsOpen {
		t.Fatalf("the circle request: calibration %+v, recommendations open %v", v.Calibration, v.RecommendationsOpen)
	}
	disagree := 0
	for _, c := range v.Calibration.Criteria {
		if c.Disagree {
			disagree++
		}
	}
	if disagree == 0 || disagree == len(v.Calibration.Criteria) || v.Calibration.TotalSpread < 10 {
		t.Errorf("the reviewers should disagree on some criteria only: %d of %d, totals %v", disagree, len(v.Calibration.Criteria), v.Calibration.Totals)
	}
}
