package domain

import (
	"context"
	"time"
)

// Page asks for one page of a list.
type Page struct {
	Limit  int // 1–500; 0 means the default of 50
	Offset int
}

// PersonFilter narrows a list of people. Zero values mean "any".
type PersonFilter struct {
	Query  string // matches name or e-mail, case-insensitively
	TeamID int64
	Role   Role
	Region string
	Page
}

// PersonPatch changes some fields of a person; nil fields stay as they are.
type PersonPatch struct {
	Name         *string
	Email        *string
	Roles        *Roles
	TeamID       *int64
	ManagerID    *int64
	Region       *string
	TimeZone     *string
	WorkingHours *WorkingHours
	StartDate    *time.Time
	Active       *bool
}

// OrgStore persists organisations.
type OrgStore interface {
	CreateOrg(ctx context.Context, org *Org) error
	Org(ctx context.Context, orgID int64) (Org, error)
	OrgBySlug(ctx context.Context, slug string) (Org, error)
	// Orgs lists every organisation; only the operator's CLI uses it.
	Orgs(ctx context.Context) ([]Org, error)
}

// TeamStore persists teams. Every method is scoped to one organisation.
type TeamStore interface {
	CreateTeam(ctx context.Context, orgID int64, t *Team) error
	Team(ctx context.Context, orgID, teamID int64) (Team, error)
	Teams(ctx context.Context, orgID int64) ([]Team, error)
}

// PersonStore persists people. Every method is scoped to one organisation.
type PersonStore interface {
	CreatePerson(ctx context.Context, orgID int64, p *Person) error
	Person(ctx context.Context, orgID, personID int64) (Person, error)
	PersonByEmail(ctx context.Context, orgID int64, email string) (Person, error)
	People(ctx context.Context, orgID int64, f PersonFilter) ([]Person, int, error)
	UpdatePerson(ctx context.Context, orgID, personID int64, patch PersonPatch) (Person, error)
	// ApplyRoster creates the new teams and people and updates the changed
	// ones in one transaction: all of it happens or none of it does.
	ApplyRoster(ctx context.Context, orgID int64, plan RosterPlan) error
}

// AuthStore persists accounts, sessions, API tokens and sign-in throttling.
// The lookups by e-mail, session hash and token hash cross organisations by
// necessity: they are how a request learns its organisation.
type AuthStore interface {
	SetPasswordHash(ctx context.Context, orgID, personID int64, hash string) error
	AccountsByEmail(ctx context.Context, email string) ([]Account, error)

	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash string, now time.Time) (Session, error)
	DeleteSession(ctx context.Context, hash string) error
	DeleteSessionsOf(ctx context.Context, orgID, personID int64) error

	CreateAPIToken(ctx context.Context, orgID int64, t *APIToken) error
	APITokens(ctx context.Context, orgID, personID int64) ([]APIToken, error)
	APITokenByHash(ctx context.Context, hash string) (APIToken, error)
	TouchAPIToken(ctx context.Context, orgID, tokenID int64, at time.Time) error
	DeleteAPIToken(ctx context.Context, orgID, personID, tokenID int64) error

	// RecordLoginFailure counts a failed sign-in under key and returns how
	// many failures key has had since the given time.
	RecordLoginFailure(ctx context.Context, key string, at, since time.Time) (int, error)
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error
}

// Store is everything Huddle persists.
type Store interface {
	OrgStore
	TeamStore
	PersonStore
	AuthStore
	CallStore
	SettingsStore
	JobStore
	PairingStore
	RitualStore
	RitualSpecificsStore
	FeedbackStore
	SkillProfileStore
	ExampleStore
	// Ping checks that the database answers and the schema is current.
	Ping(ctx context.Context) error
	Close() error
}

// Apply sets the fields that patch names.
func (p *Person) Apply(patch PersonPatch) {
	set(&p.Name, patch.Name)
	set(&p.Email, patch.Email)
	set(&p.Roles, patch.Roles)
	set(&p.TeamID, patch.TeamID)
	set(&p.ManagerID, patch.ManagerID)
	set(&p.Region, patch.Region)
	set(&p.TimeZone, patch.TimeZone)
	set(&p.WorkingHours, patch.WorkingHours)
	set(&p.StartDate, patch.StartDate)
	set(&p.Active, patch.Active)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
