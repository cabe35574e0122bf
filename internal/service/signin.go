package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"huddle/internal/auth"
	"huddle/internal/domain"
)

// Sign-in limits. Failures are counted in the database so that every
// instance behind a load balancer sees the same count.
const (
	SessionLifetime     = 14 * 24 * time.Hour
	throttleWindow      = 15 * time.Minute
	maxFailuresPerEmail = 5
	maxFailuresPerAddr  = 30
)

// errBadCredentials is deliberately the same for an unknown e-mail and a
// wrong password, so that sign-in does not reveal who has an account.
var errBadCredentials = &domain.Error{Kind: domain.ErrUnauthenticated, Message: "e-mail or password is wrong"}

// dummyHash is checked against when no account matches, so that an unknown
// e-mail costs the same time as a wrong password.
var dummyHash, _ = auth.HashPassword("no account has this password", auth.DefaultParams)

// SignIn checks an e-mail and password and opens a session. It returns the
// session secret for the cookie.
func (s *Service) SignIn(ctx context.Context, email, password, remoteAddr string) (string, Actor, error) {
	email, err := domain.NormalizeEmail(email)
	if err != nil {
		return "", Actor{}, errBadCredentials
	}
	now := s.now()
	keys := []string{"email:" + email, "addr:" + remoteAddr}
	if err := s.checkThrottle(ctx, keys, now); err != nil {
		return "", Actor{}, err
	}
	acct, err := s.matchAccount(ctx, email, password)
	if err != nil {
		if errors.Is(err, errBadCredentials) {
			s.recordFailure(ctx, keys, now)
		}
		return "", Actor{}, err
	}
	for _, k := range keys[:1] {
		_ = s.store.ClearLoginFailures(ctx, k)
	}
	secret := auth.NewSecret("hs_")
	sess := domain.Session{TokenHash: auth.HashSecret(secret), OrgID: acct.OrgID, PersonID: acct.PersonID,
		CreatedAt: now, ExpiresAt: now.Add(SessionLifetime)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", Actor{}, fmt.Errorf("sign in: %w", err)
	}
	actor, err := s.actorFor(ctx, acct.OrgID, acct.PersonID)
	return secret, actor, err
}

func (s *Service) matchAccount(ctx context.Context, email, password string) (domain.Account, error) {
	accts, err := s.store.AccountsByEmail(ctx, email)
	if err != nil {
		return domain.Account{}, fmt.Errorf("sign in: %w", err)
	}
	for _, a := range accts {
		if a.PasswordHash != "" && a.Active && auth.CheckPassword(password, a.PasswordHash) == nil {
			return a, nil
		}
	}
	if len(accts) == 0 {
		_ = auth.CheckPassword(password, dummyHash)
	}
	return domain.Account{}, errBadCredentials
}

func (s *Service) checkThrottle(ctx context.Context, keys []string, now time.Time) error {
	limits := []int{maxFailuresPerEmail, maxFailuresPerAddr}
	for i, k := range keys {
		n, err := s.store.LoginFailures(ctx, k, now.Add(-throttleWindow))
		if err != nil {
			return fmt.Errorf("sign in: %w", err)
		}
		if n >= limits[i] {
			return &domain.Error{Kind: domain.ErrThrottled,
				Message: "too many failed sign-ins; wait 15 minutes and try again, or ask an administrator to reset your password"}
		}
	}
	return nil
}

func (s *Service) recordFailure(ctx context.Context, keys []string, now time.Time) {
	for _, k := range keys {
		if _, err := s.store.RecordLoginFailure(ctx, k, now, now.Add(-throttleWindow)); err != nil {
			s.log.Error("record sign-in failure", "err", err)
		}
	}
}

// Authenticate returns the actor behind a session secret.
func (s *Service) Authenticate(ctx context.Context, secret string) (Actor, error) {
	if secret == "" {
		return Actor{}, domain.ErrUnauthenticated
	}
	sess, err := s.store.SessionByHash(ctx, auth.HashSecret(secret), s.now())
	if err != nil {
		if errors.Is(err, domain.ErrNotFound) {
			return Actor{}, domain.ErrUnauthenticated
		}
		return Actor{}, fmt.Errorf("authenticate: %w", err)
	}
	return s.actorFor(ctx, sess.OrgID, sess.PersonID)
}

// SignOut ends the session behind secret.
func (s *Service) SignOut(ctx context.Context, secret string) error {
	return s.store.DeleteSession(ctx, auth.HashSecret(secret))
}

func (s *Service) actorFor(ctx context.Context, orgID, personID int64) (Actor, error) {
	org, err := s.store.Org(ctx, orgID)
	if err != nil {
		return Actor{}, fmt.Errorf("load organisation: %w", err)
	}
	p, err := s.store.Person(ctx, orgID, personID)
	if errors.Is(err, domain.ErrNotFound) || (err == nil && !p.Active) {
		return Actor{}, domain.ErrUnauthenticated
	}
	if err != nil {
		return Actor{}, fmt.Errorf("load person: %w", err)
	}
	return Actor{Org: org, Person: p}, nil
}
