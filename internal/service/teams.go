package service

import (
	"context"
	"fmt"

	"huddle/internal/domain"
)

// Teams lists the organisation's teams.
func (s *Service) Teams(ctx context.Context, a Actor) ([]domain.Team, error) {
	return s.store.Teams(ctx, a.Org.ID)
}

// Team returns one team of the actor's organisation.
func (s *Service) Team(ctx context.Context, a Actor, id int64) (domain.Team, error) {
	return s.store.Team(ctx, a.Org.ID, id)
}

// TeamMembers lists the people in a team.
func (s *Service) TeamMembers(ctx context.Context, a Actor, id int64) ([]domain.Person, error) {
	if _, err := s.store.Team(ctx, a.Org.ID, id); err != nil {
		return nil, err
	}
	people, _, err := s.store.People(ctx, a.Org.ID, domain.PersonFilter{TeamID: id, Page: domain.Page{Limit: 500}})
	return people, err
}

// CreateTeam adds a team; administrators only.
func (s *Service) CreateTeam(ctx context.Context, a Actor, t domain.Team) (domain.Team, error) {
	if err := a.requireAdmin("create teams"); err != nil {
		return domain.Team{}, err
	}
	if err := t.Validate(); err != nil {
		return domain.Team{}, err
	}
	if err := s.checkRefs(ctx, a, 0, t.ManagerID); err != nil {
		return domain.Team{}, err
	}
	if err := s.store.CreateTeam(ctx, a.Org.ID, &t); err != nil {
		return domain.Team{}, fmt.Errorf("create team: %w", err)
	}
	return t, nil
}
