package demo

import (
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// TestSeedExamples seeds the whole demo: the discovery and objection-
// handling rubrics show examples of great, and one proposal on Ana's call
// waits for her consent without being shown.
func TestSeedExamples(t *testing.T) {
	ctx, svc, org, ana := seededDemo(t)
	a := service.Actor{Org: org, Person: ana}
	rubrics, err := svc.Rubrics(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]int{}
	for _, r := range rubrics {
		list, err := svc.RubricExamples(ctx, a, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range list {
			if len(v.Cues) == 0 || v.Note == "" || v.CriterionName == v.CriterionKey {
				t.Errorf("%s: example %+v", r.Name, v)
			}
			if v.Mine {
				t.Errorf("Ana's own call is shown before she consented: %+v", v)
			}
		}
		shown[r.Builtin] = len(list)
	}
	if shown["discovery"] != 2 || shown["objection_handling"] != 3 {
		t.Errorf("shown examples by rubric: %v", shown)
	}
	mine, err := svc.MyExamples(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Awaiting) != 1 || mine.Awaiting[0].Status != domain.ExampleProposed || len(mine.Awaiting[0].Cues) == 0 {
		t.Errorf("awaiting Ana: %+v", mine.Awaiting)
	}
}
