package api

import (
	"time"

	"huddle/internal/domain"
)

// The JSON shapes of the API. They are separate from the domain types so
// that the wire format changes only on purpose.

type orgJSON struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

type teamJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Region    string `json:"region"`
	ManagerID *int64 `json:"manager_id"`
}

type personJSON struct {
	ID           int64    `json:"id"`
	Name         string   `json:"name"`
	Email        string   `json:"email"`
	Roles        []string `json:"roles"`
	TeamID       *int64   `json:"team_id"`
	ManagerID    *int64   `json:"manager_id"`
	Region       string   `json:"region"`
	TimeZone     string   `json:"timezone"`
	WorkingHours string   `json:"working_hours"`
	StartDate    *string  `json:"start_date"`
	TenureMonths *int     `json:"tenure_months"`
	Active       bool     `json:"active"`
}

type listJSON[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func toOrg(o domain.Org) orgJSON {
	return orgJSON{ID: o.ID, Slug: o.Slug, Name: o.Name, CreatedAt: o.CreatedAt.UTC()}
}

func toTeam(t domain.Team) teamJSON {
	return teamJSON{ID: t.ID, Name: t.Name, Region: t.Region, ManagerID: optID(t.ManagerID)}
}

func toPerson(p domain.Person, now time.Time) personJSON {
	out := personJSON{ID: p.ID, Name: p.Name, Email: p.Email, Roles: make([]string, len(p.Roles)),
		TeamID: optID(p.TeamID), ManagerID: optID(p.ManagerID), Region: p.Region, TimeZone: p.TimeZone,
		WorkingHours: p.WorkingHours.String(), Active: p.Active}
	for i, r := range p.Roles {
		out.Roles[i] = string(r)
	}
	if !p.StartDate.IsZero() {
		d := p.StartDate.Format(domain.DateLayout)
		m := p.TenureMonths(now)
		out.StartDate, out.TenureMonths = &d, &m
	}
	return out
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
