package domain

import (
	"regexp"
	"strings"
	"time"
)

// Org is an organisation: a tenant. Nothing is shared between organisations.
type Org struct {
	ID        int64
	Slug      string // short, URL-safe, unique across the installation
	Name      string
	CreatedAt time.Time
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// Validate reports the first problem with o, if any.
func (o *Org) Validate() error {
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		return Invalid("name", "an organisation needs a name")
	}
	if !slugPattern.MatchString(o.Slug) {
		return Invalid("slug", "use 2–63 lower-case letters, digits and dashes")
	}
	return nil
}

// Team is a group of people with (usually) one manager.
type Team struct {
	ID        int64
	OrgID     int64
	Name      string
	Region    string
	ManagerID int64 // 0 when the team has no manager
}

// Validate reports the first problem with t, if any.
func (t *Team) Validate() error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return Invalid("name", "a team needs a name")
	}
	if len(t.Name) > 120 {
		return Invalid("name", "keep team names under 120 characters")
	}
	return nil
}
