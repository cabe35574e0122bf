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

// TestSeedRemarksAndHelpfulness: the seeded call reviews carry remarks —
// highlights and improvements, some on teachable moments — that Ana reads
// with the observations, and Ana's own helpfulness as a reviewer has a
// history over several past months.
func TestSeedRemarksAndHelpfulness(t *testing.T) {
	ctx, svc, org, ana := seededDemo(t)
	a := service.Actor{Org: org, Person: ana}
	o, err := svc.FeedbackOverview(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	kinds, onMoments, remarks := map[domain.RemarkKind]int{}, 0, 0
	for _, s := range o.Asked {
		if sub := s.Request.Subject(); sub != domain.SubjectCall && sub != domain.SubjectSnippet {
			continue
		}
		v, err := svc.FeedbackRequest(ctx, a, s.Request.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, rv := range v.Reviews {
			for _, m := range rv.Remarks {
				remarks++
				kinds[m.Kind]++
				if m.MomentKind != "" {
					onMoments++
				}
				if m.Ref != "" {
					t.Errorf("Ana sees a remark ref of someone else's review: %+v", m)
				}
			}
		}
	}
	if remarks < 5 || kinds[domain.RemarkHighlight] == 0 || kinds[domain.RemarkImprovement] == 0 || onMoments == 0 {
		t.Errorf("Ana reads %d remarks (%v), %d on moments", remarks, kinds, onMoments)
	}
	months := 0
	for _, m := range o.HelpfulnessByMonth {
		if m.Count > 0 {
			months++
		}
	}
	if o.Helpfulness.Count < 5 || months < 3 {
		t.Errorf("Ana's helpfulness: %+v over %d months", o.Helpfulness, months)
	}
}
