package domain

import "time"

// Account is what sign-in needs to know about a person.
type Account struct {
	PersonID     int64
	OrgID        int64
	Email        string
	PasswordHash string // argon2id in PHC format; empty when no password is set
	Active       bool
}

// Session is a signed-in browser. Only a hash of its token is stored, so a
// leaked database does not leak live sessions.
type Session struct {
	TokenHash string
	OrgID     int64
	PersonID  int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken is a personal access token for the JSON API. The secret is shown
// once at creation; only its hash is stored.
type APIToken struct {
	ID         int64
	OrgID      int64
	PersonID   int64
	Name       string
	Prefix     string // the first characters, to recognise it in lists
	Hash       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used
}
