package demo

import (
	"maps"
	"testing"

	"huddle/internal/domain"
)

// TestSkillScores: every demo rep and coach rates at least four criteria, within
// 1–5, the same way for the same seed; managers and admins rate nothing;
// the team shows spread, so pairing has gaps and strengths to match.
func TestSkillScores(t *testing.T) {
	const seed = 42
	lows, highs := 0, 0
	for _, m := range People(seed) {
		got := SkillScores(seed, m)
		if !(m.Roles.Has(domain.RoleRep) || m.Roles.Has(domain.RoleCoach)) {
			if got != nil {
				t.Errorf("%s (%s) rates skills", m.Name, m.Roles)
			}
			continue
		}
		if len(got) < 4 {
			t.Errorf("%s rates only %d criteria", m.Name, len(got))
		}
		if err := (domain.PersonSkills{Scores: got}).Validate(); err != nil {
			t.Errorf("%s: %v", m.Name, err)
		}
		if again := SkillScores(seed, m); !maps.Equal(got, again) {
			t.Errorf("%s: scores differ between runs: %v, %v", m.Name, got, again)
		}
		for _, v := range got {
			lows += b2i(v <= 2)
			highs += b2i(v >= 4)
		}
	}
	if lows < 20 || highs < 20 {
		t.Errorf("too little spread: %d low and %d high ratings", lows, highs)
	}
	if SkillScores(seed, ana)["objection_handling"] != 2 {
		t.Error("Ana's ratings are not the fixed ones")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
