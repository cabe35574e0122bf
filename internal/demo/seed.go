package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/service"
)

// Credentials are how to sign in to the demo organisation. Every demo
// person shares the password, so one can try Huddle as a rep, a coach, a
// manager or an administrator.
type Credentials struct {
	Email, Password string
}

// passwordFile keeps the demo password in the data directory, so that a
// re-run prints the same credentials.
const passwordFile = "demo-password"

// Seed creates the demo organisation from seed, unless it exists already,
// and returns the credentials to print. It is safe to run again.
func Seed(ctx context.Context, svc *service.Service, dataDir string, seed int64) (Credentials, error) {
	creds := Credentials{Email: SignInEmail}
	org, err := svc.OrgBySlug(ctx, OrgSlug)
	if errors.Is(err, domain.ErrNotFound) {
		org, err = create(ctx, svc, seed)
	}
	if err != nil {
		return creds, fmt.Errorf("demo: %w", err)
	}
	path := filepath.Join(dataDir, passwordFile)
	if b, err := os.ReadFile(path); err == nil && len(strings.TrimSpace(string(b))) >= auth.MinPasswordLength {
		creds.Password = strings.TrimSpace(string(b))
		return creds, nil
	}
	creds.Password = auth.NewPassword()
	if err := setPasswords(ctx, svc, service.SystemActor(org), creds.Password); err != nil {
		return creds, fmt.Errorf("demo: %w", err)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return creds, fmt.Errorf("demo: %w", err)
	}
	if err := os.WriteFile(path, []byte(creds.Password+"\n"), 0o600); err != nil {
		return creds, fmt.Errorf("demo: save password: %w", err)
	}
	return creds, nil
}

func create(ctx context.Context, svc *service.Service, seed int64) (domain.Org, error) {
	org, err := svc.CreateOrg(ctx, domain.Org{Slug: OrgSlug, Name: OrgName})
	if err != nil {
		return org, err
	}
	if _, err := svc.ImportRoster(ctx, service.SystemActor(org), bytes.NewReader(Roster(seed))); err != nil {
		return org, fmt.Errorf("import demo roster: %w", err)
	}
	if err := seedSkills(ctx, svc, org, seed); err != nil {
		return org, fmt.Errorf("demo skills: %w", err)
	}
	if err := seedCalls(ctx, svc, org, seed); err != nil {
		return org, fmt.Errorf("demo calls: %w", err)
	}
	if err := seedPeerFeedback(ctx, svc, org); err != nil {
		return org, fmt.Errorf("demo feedback: %w", err)
	}
	if err := seedExamples(ctx, svc, org, seed); err != nil {
		return org, fmt.Errorf("demo examples: %w", err)
	}
	if err := seedRituals(ctx, svc, org); err != nil {
		return org, fmt.Errorf("demo rituals: %w", err)
	}
	if err := seedCircleFeedback(ctx, svc, org); err != nil {
		return org, fmt.Errorf("demo circle feedback: %w", err)
	}
	if err := seedSkillProfiles(ctx, svc, org); err != nil {
		return org, fmt.Errorf("demo skill profiles: %w", err)
	}
	if err := seedReviewerHelpfulness(ctx, svc, org); err != nil {
		return org, fmt.Errorf("demo helpfulness: %w", err)
	}
	return org, nil
}

func setPasswords(ctx context.Context, svc *service.Service, actor service.Actor, password string) error {
	people, _, err := svc.People(ctx, actor, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	for _, p := range people {
		if err := svc.SetPassword(ctx, actor, p.ID, password); err != nil {
			return fmt.Errorf("set password of %s: %w", p.Email, err)
		}
	}
	return nil
}
