package domain

import "testing"

// TestBuiltInTemplatesAreConsistent: every shipped ritual validates, its
// usual length lies inside its range, and its agenda fills that length —
// so the run sheet's clock and the calendar agree with the template page.
func TestBuiltInTemplatesAreConsistent(t *testing.T) {
	tpls := BuiltInTemplates()
	if len(tpls) != 7 {
		t.Fatalf("%d built-in rituals, want the seven of the seeds", len(tpls))
	}
	for _, tpl := range tpls {
		if err := tpl.Validate(); err != nil {
			t.Errorf("%s: %v", tpl.Key, err)
			continue
		}
		if tpl.Minutes < tpl.MinMinutes || tpl.Minutes > tpl.MaxMinutes {
			t.Errorf("%s: usual length %d min outside its range %s", tpl.Key, tpl.Minutes, tpl.Length())
		}
		sum := 0
		for _, it := range tpl.Agenda {
			sum += it.Minutes
		}
		if sum != tpl.Minutes {
			t.Errorf("%s: the agenda fills %d min of %d", tpl.Key, sum, tpl.Minutes)
		}
	}
}
