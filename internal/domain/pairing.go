package domain

import (
	"context"
	"time"
)

// Criterion is one skill people rate themselves on, e.g. discovery.
type Criterion struct {
	Key   string // stored and sent to the pairing engine, e.g. "objection_handling"
	Label string // for people, e.g. "Objection handling"
}

// SkillCriteria is the default list of criteria, in display order. Peer
// scores from feedback will join the self-assessment when feedback lands.
var SkillCriteria = []Criterion{
	{"discovery", "Discovery"},
	{"listening", "Listening"},
	{"objection_handling", "Objection handling"},
	{"demo", "Demo"},
	{"negotiation", "Negotiation"},
	{"next_steps", "Next steps"},
	{"prospecting", "Prospecting"},
}

// CriterionLabel returns the label of a criterion key, or the key itself.
func CriterionLabel(key string) string {
	for _, c := range SkillCriteria {
		if c.Key == key {
			return c.Label
		}
	}
	return key
}

// IsCriterion reports whether key names one of SkillCriteria.
func IsCriterion(key string) bool {
	for _, c := range SkillCriteria {
		if c.Key == key {
			return true
		}
	}
	return false
}

// Skill scores run from MinSkillScore to MaxSkillScore.
const (
	MinSkillScore = 1
	MaxSkillScore = 5
)

// PersonSkills is a person's self-assessment and pairing preference.
type PersonSkills struct {
	PersonID int64
	// Scores maps a criterion key to a 1–5 rating; blank criteria are absent.
	Scores map[string]int
	// OptOut keeps the person out of every pairing round.
	OptOut    bool
	UpdatedAt time.Time // zero when the person never saved
}

// Validate checks every score and criterion.
func (s PersonSkills) Validate() error {
	for k, v := range s.Scores {
		if !IsCriterion(k) {
			return Invalid("skills", "unknown criterion %q", k)
		}
		if v < MinSkillScore || v > MaxSkillScore {
			return Invalid("skills", "%s: rate from %d to %d, or leave it blank", CriterionLabel(k), MinSkillScore, MaxSkillScore)
		}
	}
	return nil
}

// Pairing round scopes, statuses and pair states.
const (
	ScopeOrg    = "org"
	ScopeTeam   = "team"
	ScopeRegion = "region"

	RoundDraft     = "draft"
	RoundPublished = "published"

	PairProposed = "proposed"
	PairDropped  = "dropped"
)

// PairingRound is one run of the pairing engine for a scope: a draft a
// coach edits, then a published set of pairs (or groups).
type PairingRound struct {
	ID          int64
	OrgID       int64
	CreatedBy   int64
	CreatedAt   time.Time
	ScopeKind   string // ScopeOrg, ScopeTeam (value: team id) or ScopeRegion (value: region)
	ScopeValue  string
	Mode        string // "pairs" or "groups"
	Options     []byte // JSON: what was asked; opaque to the store
	Status      string // RoundDraft or RoundPublished
	PublishedAt time.Time
	// The engine's totals: its optimum, greedy matching and random pairing.
	TotalWeight, GreedyWeight, RandomWeight float64
	Result                                  []byte // JSON: groups and people left out; opaque to the store
	Pairs                                   []PairingPair
}

// PairingPair is one proposed pair of a round.
type PairingPair struct {
	ID      int64
	RoundID int64
	PersonA int64
	PersonB int64
	Weight  float64
	Reasons []string
	State   string // PairProposed or PairDropped
}

// PastPairing is a published pair, for the rotation rule.
type PastPairing struct {
	PersonA, PersonB int64
	PublishedAt      time.Time
}

// PairingRoundFilter narrows a list of rounds. Zero values mean "any".
type PairingRoundFilter struct {
	Status string
	Page
}

// PairingStore persists self-assessments and pairing rounds. Every method
// is scoped to one organisation.
type PairingStore interface {
	// PersonSkills returns a person's self-assessment (empty when never saved).
	PersonSkills(ctx context.Context, orgID, personID int64) (PersonSkills, error)
	// SetPersonSkills replaces a person's scores and opt-out.
	SetPersonSkills(ctx context.Context, orgID int64, s PersonSkills) error
	// OrgSkills returns the self-assessment of everyone who saved one.
	OrgSkills(ctx context.Context, orgID int64) (map[int64]PersonSkills, error)

	// CreatePairingRound stores a round with its pairs and sets their IDs.
	CreatePairingRound(ctx context.Context, orgID int64, r *PairingRound) error
	PairingRound(ctx context.Context, orgID, roundID int64) (PairingRound, error)
	// PairingRounds lists rounds, newest first, with their pairs but
	// without Result.
	PairingRounds(ctx context.Context, orgID int64, f PairingRoundFilter) ([]PairingRound, error)
	// UpdatePairingPairs saves the people, weight, reasons and state of
	// pairs of a draft round; ErrConflict once the round is published.
	UpdatePairingPairs(ctx context.Context, orgID, roundID int64, pairs []PairingPair) error
	// PublishPairingRound marks a draft round published at the given time;
	// ErrConflict when it was published already.
	PublishPairingRound(ctx context.Context, orgID, roundID int64, at time.Time) error
	// PastPairings lists the proposed pairs of every published round.
	PastPairings(ctx context.Context, orgID int64) ([]PastPairing, error)
}
