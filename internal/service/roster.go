package service

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"huddle/internal/domain"
	"huddle/internal/roster"
)

// MaxRosterBytes bounds a roster upload: 5,000 people fit in well under 2 MB.
const MaxRosterBytes = 8 << 20

// CheckRosterImport says whether the actor may import a roster, so that
// callers can refuse before reading a large upload.
func (s *Service) CheckRosterImport(a Actor) error { return a.requireAdmin("import a roster") }

// PlanRoster parses a roster CSV and works out what importing it would
// change, without changing anything. Administrators only.
func (s *Service) PlanRoster(ctx context.Context, a Actor, csv io.Reader) (domain.RosterPlan, error) {
	if err := a.requireAdmin("import a roster"); err != nil {
		return domain.RosterPlan{}, err
	}
	data, err := io.ReadAll(io.LimitReader(csv, MaxRosterBytes+1))
	if err != nil {
		return domain.RosterPlan{}, fmt.Errorf("read roster: %w", err)
	}
	if len(data) > MaxRosterBytes {
		return domain.RosterPlan{}, domain.Invalid("file", "the roster is larger than %d MB; split it into several files", MaxRosterBytes>>20)
	}
	rows, err := roster.Parse(bytes.NewReader(data))
	if err != nil {
		return domain.RosterPlan{}, err
	}
	people, err := s.allPeople(ctx, a.Org.ID)
	if err != nil {
		return domain.RosterPlan{}, err
	}
	teams, err := s.store.Teams(ctx, a.Org.ID)
	if err != nil {
		return domain.RosterPlan{}, err
	}
	return roster.Plan(rows, people, teams)
}

// ImportRoster plans and applies a roster CSV in one transaction: either
// every row is applied or, on any problem, nothing is.
func (s *Service) ImportRoster(ctx context.Context, a Actor, csv io.Reader) (domain.RosterPlan, error) {
	plan, err := s.PlanRoster(ctx, a, csv)
	if err != nil || plan.Empty() {
		return plan, err
	}
	now := s.now()
	for i := range plan.Create {
		plan.Create[i].Person.Active = true
		plan.Create[i].Person.CreatedAt = now
	}
	if err := s.store.ApplyRoster(ctx, a.Org.ID, plan); err != nil {
		return domain.RosterPlan{}, fmt.Errorf("import roster: %w", err)
	}
	s.log.Info("roster imported", "org", a.Org.ID, "created", len(plan.Create), "updated", len(plan.Update), "teams", len(plan.NewTeams))
	return plan, nil
}

// allPeople loads every person of an organisation, page by page.
func (s *Service) allPeople(ctx context.Context, orgID int64) ([]domain.Person, error) {
	var all []domain.Person
	for {
		page, total, err := s.store.People(ctx, orgID, domain.PersonFilter{Page: domain.Page{Limit: 500, Offset: len(all)}})
		if err != nil {
			return nil, fmt.Errorf("load people: %w", err)
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			return all, nil
		}
	}
}
