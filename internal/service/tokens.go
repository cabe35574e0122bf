package service

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"huddle/internal/auth"
	"huddle/internal/domain"
)

// tokenPrefix marks Huddle API tokens so that secret scanners can find them.
const tokenPrefix = "hud_"

// CreateAPIToken makes a personal API token for the actor. The secret is
// returned once and never stored.
func (s *Service) CreateAPIToken(ctx context.Context, a Actor, name string) (string, domain.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", domain.APIToken{}, domain.Invalid("name", "give the token a name of up to 100 characters, e.g. \"CRM sync\"")
	}
	if a.System || a.Person.ID == 0 {
		return "", domain.APIToken{}, domain.Forbidden("API tokens belong to a person; sign in first")
	}
	secret := auth.NewSecret(tokenPrefix)
	t := domain.APIToken{OrgID: a.Org.ID, PersonID: a.Person.ID, Name: name, Prefix: secret[:len(tokenPrefix)+6],
		Hash: auth.HashSecret(secret), CreatedAt: s.now()}
	if err := s.store.CreateAPIToken(ctx, a.Org.ID, &t); err != nil {
		return "", domain.APIToken{}, fmt.Errorf("create API token: %w", err)
	}
	return secret, t, nil
}

// APITokens lists the actor's own tokens (never anyone else's).
func (s *Service) APITokens(ctx context.Context, a Actor) ([]domain.APIToken, error) {
	return s.store.APITokens(ctx, a.Org.ID, a.Person.ID)
}

// DeleteAPIToken revokes one of the actor's own tokens.
func (s *Service) DeleteAPIToken(ctx context.Context, a Actor, id int64) error {
	return s.store.DeleteAPIToken(ctx, a.Org.ID, a.Person.ID, id)
}

// AuthenticateToken returns the actor behind an API token secret.
func (s *Service) AuthenticateToken(ctx context.Context, secret string) (Actor, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return Actor{}, domain.ErrUnauthenticated
	}
	t, err := s.store.APITokenByHash(ctx, auth.HashSecret(secret))
	if errors.Is(err, domain.ErrNotFound) {
		return Actor{}, domain.ErrUnauthenticated
	}
	if err != nil {
		return Actor{}, fmt.Errorf("authenticate token: %w", err)
	}
	if err := s.store.TouchAPIToken(ctx, t.OrgID, t.ID, s.now()); err != nil {
		s.log.Warn("touch API token", "err", err)
	}
	return s.actorFor(ctx, t.OrgID, t.PersonID)
}
