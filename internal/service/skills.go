package service

import (
	"context"
	"fmt"

	"huddle/internal/domain"
)

// Self-assessed skill standings are the pairing engine's only skill input
// until feedback lands: each person rates themselves 1–5 on
// domain.SkillCriteria and may leave any criterion blank. They are the
// person's own: nobody else reads or changes them, and coaches running
// pairing meet them only inside the reasons the engine writes. The same
// page holds the pairing opt-out (stored in person_prefs).

// MySkills returns the actor's self-assessment.
func (s *Service) MySkills(ctx context.Context, a Actor) (domain.PersonSkills, error) {
	if a.Person.ID == 0 {
		return domain.PersonSkills{}, domain.Forbidden("skills belong to a person; sign in as one")
	}
	return s.store.PersonSkills(ctx, a.Org.ID, a.Person.ID)
}

// SetMySkills replaces the actor's self-assessment and pairing opt-out.
// Scores run from 1 to 5; a criterion left out is blank.
func (s *Service) SetMySkills(ctx context.Context, a Actor, scores map[string]int, optOut bool) (domain.PersonSkills, error) {
	if a.Person.ID == 0 {
		return domain.PersonSkills{}, domain.Forbidden("skills belong to a person; sign in as one")
	}
	sk := domain.PersonSkills{PersonID: a.Person.ID, Scores: scores, OptOut: optOut}
	if sk.Scores == nil {
		sk.Scores = map[string]int{}
	}
	if err := sk.Validate(); err != nil {
		return domain.PersonSkills{}, err
	}
	if err := s.store.SetPersonSkills(ctx, a.Org.ID, sk); err != nil {
		return domain.PersonSkills{}, fmt.Errorf("save skills: %w", err)
	}
	return s.store.PersonSkills(ctx, a.Org.ID, a.Person.ID)
}
