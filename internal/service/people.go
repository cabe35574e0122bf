package service

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// People lists people in the actor's organisation. Everyone in an
// organisation may see its directory: names, roles, teams and working hours
// are what colleagues need to find a peer.
func (s *Service) People(ctx context.Context, a Actor, f domain.PersonFilter) ([]domain.Person, int, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	f.Query = strings.TrimSpace(f.Query)
	return s.store.People(ctx, a.Org.ID, f)
}

// Person returns one person of the actor's organisation.
func (s *Service) Person(ctx context.Context, a Actor, id int64) (domain.Person, error) {
	return s.store.Person(ctx, a.Org.ID, id)
}

// PersonByEmail finds a person of the actor's organisation by e-mail.
func (s *Service) PersonByEmail(ctx context.Context, a Actor, email string) (domain.Person, error) {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return domain.Person{}, err
	}
	return s.store.PersonByEmail(ctx, a.Org.ID, email)
}

// CreatePerson adds a person; administrators only.
func (s *Service) CreatePerson(ctx context.Context, a Actor, p domain.Person) (domain.Person, error) {
	if err := a.requireAdmin("add people"); err != nil {
		return domain.Person{}, err
	}
	p.Active = true
	if err := p.Validate(); err != nil {
		return domain.Person{}, err
	}
	if err := s.checkRefs(ctx, a, p.TeamID, p.ManagerID); err != nil {
		return domain.Person{}, err
	}
	if err := s.store.CreatePerson(ctx, a.Org.ID, &p); err != nil {
		return domain.Person{}, fmt.Errorf("create person: %w", err)
	}
	return p, nil
}

// selfEditable are the fields a person may change on their own profile.
func selfEditable(p domain.PersonPatch) bool {
	return p.Email == nil && p.Roles == nil && p.TeamID == nil && p.ManagerID == nil &&
		p.Region == nil && p.StartDate == nil && p.Active == nil
}

// UpdatePerson changes a person. Administrators may change anything; a
// person may change their own name, time zone and working hours.
func (s *Service) UpdatePerson(ctx context.Context, a Actor, id int64, patch domain.PersonPatch) (domain.Person, error) {
	if !a.IsAdmin() && (id != a.Person.ID || !selfEditable(patch)) {
		if id != a.Person.ID {
			return domain.Person{}, domain.Forbidden("only an administrator can change someone else's profile")
		}
		return domain.Person{}, domain.Forbidden("only an administrator can change e-mail, roles, team, manager, region or start date")
	}
	current, err := s.store.Person(ctx, a.Org.ID, id)
	if err != nil {
		return domain.Person{}, err
	}
	next := current
	next.Apply(patch)
	if err := next.Validate(); err != nil {
		return domain.Person{}, err
	}
	if err := s.checkRefs(ctx, a, next.TeamID, next.ManagerID); err != nil {
		return domain.Person{}, err
	}
	if next.ManagerID == id {
		return domain.Person{}, domain.Invalid("manager_id", "a person cannot be their own manager")
	}
	return s.store.UpdatePerson(ctx, a.Org.ID, id, normalisedPatch(patch, next))
}

// checkRefs makes sure a team and manager belong to the actor's organisation.
func (s *Service) checkRefs(ctx context.Context, a Actor, teamID, managerID int64) error {
	if teamID != 0 {
		if _, err := s.store.Team(ctx, a.Org.ID, teamID); err != nil {
			return domain.Invalid("team_id", "no such team in this organisation")
		}
	}
	if managerID != 0 {
		if _, err := s.store.Person(ctx, a.Org.ID, managerID); err != nil {
			return domain.Invalid("manager_id", "no such person in this organisation")
		}
	}
	return nil
}

// normalisedPatch carries the validated (trimmed, lower-cased) values of the
// fields the patch sets.
func normalisedPatch(patch domain.PersonPatch, p domain.Person) domain.PersonPatch {
	if patch.Name != nil {
		patch.Name = &p.Name
	}
	if patch.Email != nil {
		patch.Email = &p.Email
	}
	if patch.Roles != nil {
		patch.Roles = &p.Roles
	}
	return patch
}
