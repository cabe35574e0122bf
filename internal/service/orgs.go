package service

import (
	"context"
	"fmt"

	"huddle/internal/auth"
	"huddle/internal/domain"
)

// CreateOrg creates an organisation. Only the operator (the CLI) does this.
func (s *Service) CreateOrg(ctx context.Context, org domain.Org) (domain.Org, error) {
	if err := org.Validate(); err != nil {
		return domain.Org{}, err
	}
	org.CreatedAt = s.now()
	if err := s.store.CreateOrg(ctx, &org); err != nil {
		return domain.Org{}, fmt.Errorf("create organisation: %w", err)
	}
	return org, nil
}

// OrgBySlug finds an organisation for the operator.
func (s *Service) OrgBySlug(ctx context.Context, slug string) (domain.Org, error) {
	return s.store.OrgBySlug(ctx, slug)
}

// Orgs lists every organisation, for the operator's command line.
func (s *Service) Orgs(ctx context.Context) ([]domain.Org, error) {
	return s.store.Orgs(ctx)
}

// SetPassword sets a person's password. A person may set their own; an
// administrator (or the operator) may set anyone's, which also ends that
// person's sessions.
func (s *Service) SetPassword(ctx context.Context, a Actor, personID int64, password string) error {
	if personID != a.Person.ID {
		if err := a.requireAdmin("reset someone else's password"); err != nil {
			return err
		}
	}
	if err := auth.ValidatePassword(password); err != nil {
		return domain.Invalid("password", "%s", err.Error())
	}
	if _, err := s.store.Person(ctx, a.Org.ID, personID); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password, s.hashes)
	if err != nil {
		return err
	}
	if err := s.store.SetPasswordHash(ctx, a.Org.ID, personID, hash); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return s.store.DeleteSessionsOf(ctx, a.Org.ID, personID)
}

// Ping reports whether the database answers and its schema is current.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }
