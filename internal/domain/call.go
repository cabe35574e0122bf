package domain

import (
	"context"
	"strings"
	"time"
)

// Visibility is who may see a call besides its owner. The owner decides.
type Visibility string

// The visibilities, from most to least private.
const (
	// VisibilityPrivate: the owner only. The default.
	VisibilityPrivate Visibility = "private"
	// VisibilityPeers: the owner and the people named in Call.SharedWith.
	VisibilityPeers Visibility = "peers"
	// VisibilityTeam: also every rep and coach of the owner's team — not
	// its managers, unless named (accountability without surveillance).
	VisibilityTeam Visibility = "team"
)

// ParseVisibility checks a visibility name.
func ParseVisibility(s string) (Visibility, error) {
	switch v := Visibility(strings.TrimSpace(s)); v {
	case VisibilityPrivate, VisibilityPeers, VisibilityTeam:
		return v, nil
	case "":
		return VisibilityPrivate, nil
	}
	return "", Invalid("visibility", "use private, peers or team")
}

// CallStatus is where a call is in its processing.
type CallStatus string

// The call statuses.
const (
	CallReady        CallStatus = "ready"        // transcript analysed
	CallTranscribing CallStatus = "transcribing" // audio waiting for speech-to-text
	CallFailed       CallStatus = "failed"       // speech-to-text gave up; see StatusDetail
)

// Call is a sales conversation a rep brought to Huddle: its transcript, its
// analysis and who may see it.
type Call struct {
	ID           int64
	OrgID        int64
	OwnerID      int64
	Title        string
	OccurredAt   time.Time
	Source       string // "transcript" or "audio"
	FileName     string
	Format       string // transcript format, e.g. "vtt"
	Status       CallStatus
	StatusDetail string // why it failed, or progress, for the owner
	Visibility   Visibility
	SharedWith   []int64 // people named by the owner
	Recording    string  // blob key of the audio, if any
	// Transcript and Analysis are JSON documents produced by the engines;
	// the store keeps them opaque.
	Transcript []byte
	Analysis   []byte
	// Summary is the optional AI summary and coaching focus (JSON), nil
	// until a language model has run.
	Summary []byte
	// Headline metrics, copied out of Analysis for filters and benchmarks.
	Metrics   CallMetrics
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CallMetrics are the figures that lists, filters and benchmarks use.
// Nil means "does not apply" (e.g. timing metrics of an untimed transcript).
type CallMetrics struct {
	DurationSeconds *float64
	TalkRatio       *float64
	LongestMonolog  *float64
	Patience        *float64
	Questions       *float64
	Interactivity   *float64
	WordsPerMinute  *float64
	Objections      []string // categories raised
	Trackers        []string // tracker names that matched
}

// Validate normalises c's own fields and reports the first problem.
func (c *Call) Validate() error {
	c.Title = strings.TrimSpace(c.Title)
	if c.Title == "" {
		return Invalid("title", "give the call a title, e.g. \"Acme discovery\"")
	}
	if len(c.Title) > 200 {
		return Invalid("title", "keep titles under 200 characters")
	}
	if _, err := ParseVisibility(string(c.Visibility)); err != nil {
		return err
	}
	if c.Visibility == "" {
		c.Visibility = VisibilityPrivate
	}
	return nil
}

// CallFilter narrows a list of calls. The store applies it to the calls
// the service says the viewer may see.
type CallFilter struct {
	OwnerID   int64
	TeamID    int64
	From, To  time.Time // occurred in [From, To)
	Tracker   string
	Objection string
	Query     string // title
	Page
}

// CallComment is a timestamped remark on a call, or on one snippet of it.
type CallComment struct {
	ID        int64
	OrgID     int64
	CallID    int64
	SnippetID int64 // 0: on the whole call
	AuthorID  int64
	AtSeconds float64
	Body      string
	CreatedAt time.Time
}

// Snippet is a time range of a call shared on its own, for asynchronous
// feedback: its viewers see that range and nothing else of the call.
type Snippet struct {
	ID         int64
	OrgID      int64
	CallID     int64
	OwnerID    int64
	Title      string
	Start, End float64
	SharedWith []int64
	CreatedAt  time.Time
}

// Viewer is who is looking, as the store needs to know it to list what they
// may see: the person, their team, and whether team-shared calls reach them.
type Viewer struct {
	PersonID     int64
	TeamID       int64
	SeesTeamWork bool // false for managers: team-shared calls are for peers
}

// CallStore persists calls, comments and snippets. Every method is scoped
// to one organisation; visibility rules are the service's, the store only
// runs the queries they need.
type CallStore interface {
	CreateCall(ctx context.Context, orgID int64, c *Call) error
	Call(ctx context.Context, orgID, callID int64) (Call, error)
	// VisibleCalls lists the calls the viewer may see (owned, shared with
	// them, or shared with their team when they see team work).
	VisibleCalls(ctx context.Context, orgID int64, v Viewer, f CallFilter) ([]Call, int, error)
	UpdateCall(ctx context.Context, orgID int64, c Call) error
	DeleteCall(ctx context.Context, orgID, callID int64) error
	// CallIDs lists the IDs of every call of the organisation, for
	// background work such as re-analysis (never shown to a person).
	CallIDs(ctx context.Context, orgID int64) ([]int64, error)
	// CallMetrics returns the headline metrics of every ready call of the
	// organisation, for benchmarks shown only in aggregate.
	CallMetrics(ctx context.Context, orgID int64) ([]CallMetrics, error)

	AddComment(ctx context.Context, orgID int64, c *CallComment) error
	Comments(ctx context.Context, orgID, callID int64) ([]CallComment, error)

	CreateSnippet(ctx context.Context, orgID int64, s *Snippet) error
	Snippet(ctx context.Context, orgID, snippetID int64) (Snippet, error)
	Snippets(ctx context.Context, orgID, callID int64) ([]Snippet, error)
	// SnippetsSharedWith lists snippets shared with a person.
	SnippetsSharedWith(ctx context.Context, orgID, personID int64) ([]Snippet, error)
}

// SettingsStore keeps per-organisation settings as opaque JSON documents,
// e.g. the analysis configuration (trackers, objection phrases, competitors).
type SettingsStore interface {
	Setting(ctx context.Context, orgID int64, key string) ([]byte, error) // ErrNotFound when unset
	SetSetting(ctx context.Context, orgID int64, key string, value []byte) error
}
