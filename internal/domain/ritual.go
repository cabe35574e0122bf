package domain

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
)

// AgendaItem is one time box of a session's run sheet.
type AgendaItem struct {
	Kind    string `json:"kind"` // one of the Agenda… kinds, or "" for a plain item
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
}

// RitualTemplate is a kind of peer session — a deal clinic, a call review
// circle … — with its purpose, size, cadence, length and agenda. The seven
// built-in templates may be overridden per organisation; admins may add
// their own.
type RitualTemplate struct {
	Key          string // stable: the built-in name ("deal_clinic") or "custom_…"
	OrgID        int64  // 0 for a built-in that the organisation did not change
	Name         string
	Purpose      string
	MinSize      int    // 0: any
	MaxSize      int    // 0: any
	RRule        string // RFC 5545 recurrence rule without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2
	CadenceLabel string // for people: "bi-weekly"
	Minutes      int    // the usual length
	MinMinutes   int
	MaxMinutes   int
	Agenda       []AgendaItem
	Produces     []string
	BringsDeals  bool // members bring a deal in advance
	BringsCalls  bool // members spotlight a call in advance
	BuiltIn      bool // Key names one of BuiltInTemplates
	UpdatedAt    time.Time
}

var templateKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{1,62}$`)

// Validate normalises t and reports the first problem.
func (t *RitualTemplate) Validate() error {
	t.Name, t.Purpose = strings.TrimSpace(t.Name), strings.TrimSpace(t.Purpose)
	t.RRule, t.CadenceLabel = strings.ToUpper(strings.TrimSpace(t.RRule)), strings.TrimSpace(t.CadenceLabel)
	switch {
	case !templateKeyPattern.MatchString(t.Key):
		return Invalid("key", "use 2–63 lower-case letters, digits and underscores")
	case t.Name == "" || len(t.Name) > 120:
		return Invalid("name", "give the ritual a name of up to 120 characters")
	case len(t.Purpose) > 2000:
		return Invalid("purpose", "keep the purpose under 2,000 characters")
	case t.MinSize < 0 || t.MaxSize < 0 || (t.MaxSize > 0 && t.MinSize > t.MaxSize) || t.MaxSize > 50:
		return Invalid("size", "the smallest size must not exceed the largest (0 means any, at most 50)")
	case !strings.HasPrefix(t.RRule, "FREQ="):
		return Invalid("rrule", "give a recurrence rule such as FREQ=WEEKLY;INTERVAL=2")
	case t.Minutes < 5 || t.Minutes > 480:
		return Invalid("minutes", "a session lasts 5 to 480 minutes")
	}
	if t.MinMinutes == 0 {
		t.MinMinutes = t.Minutes
	}
	if t.MaxMinutes == 0 {
		t.MaxMinutes = t.Minutes
	}
	if len(t.Agenda) == 0 || len(t.Agenda) > 30 {
		return Invalid("agenda", "give the agenda 1 to 30 items")
	}
	for i := range t.Agenda {
		a := &t.Agenda[i]
		a.Title = strings.TrimSpace(a.Title)
		if a.Title == "" || len(a.Title) > 300 || a.Minutes < 0 || a.Minutes > 480 {
			return Invalid("agenda", "item %d needs a title and 0–480 minutes", i+1)
		}
	}
	return nil
}

// Size renders the group size for people: "3–5", "2", "any".
func (t RitualTemplate) Size() string {
	switch {
	case t.MinSize == 0 && t.MaxSize == 0:
		return "any"
	case t.MinSize == t.MaxSize:
		return fmt.Sprint(t.MinSize)
	case t.MaxSize == 0:
		return fmt.Sprintf("%d or more", t.MinSize)
	}
	return fmt.Sprintf("%d–%d", t.MinSize, t.MaxSize)
}

// Length renders the session length for people: "60 min", "45–60 min".
func (t RitualTemplate) Length() string {
	if t.MinMinutes != 0 && t.MaxMinutes != 0 && t.MinMinutes != t.MaxMinutes {
		return fmt.Sprintf("%d–%d min", t.MinMinutes, t.MaxMinutes)
	}
	return fmt.Sprintf("%d min", t.Minutes)
}

// Group is a standing circle, clinic, pod or pair that meets on a ritual.
type Group struct {
	ID          int64
	OrgID       int64
	Name        string
	TemplateKey string
	GroundRules []string
	VideoLink   string
	CreatedBy   int64
	Members     []GroupMember // current and past members, by join order
	// The recurring schedule; RRule is empty until one is set.
	RRule     string    // RFC 5545 rule without DTSTART
	Start     time.Time // the first occurrence as a wall clock in TimeZone (the location is UTC; read the fields)
	TimeZone  string
	Minutes   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// GroupMember is a person's membership of a group.
type GroupMember struct {
	PersonID   int64
	JoinedAt   time.Time
	LeftAt     time.Time // zero while a member
	AcceptedAt time.Time // when they accepted the ground rules; zero when pending
}

// Active reports whether the membership is current.
func (m GroupMember) Active() bool { return m.LeftAt.IsZero() }

// ActiveMembers returns the current members in join order.
func (g Group) ActiveMembers() []GroupMember {
	var out []GroupMember
	for _, m := range g.Members {
		if m.Active() {
			out = append(out, m)
		}
	}
	return out
}

// Member returns a person's current membership.
func (g Group) Member(personID int64) (GroupMember, bool) {
	for _, m := range g.Members {
		if m.PersonID == personID && m.Active() {
			return m, true
		}
	}
	return GroupMember{}, false
}

// Scheduled reports whether the group has a recurring schedule.
func (g Group) Scheduled() bool { return g.RRule != "" }

// Validate normalises g's own fields and reports the first problem.
func (g *Group) Validate() error {
	g.Name, g.VideoLink = strings.TrimSpace(g.Name), strings.TrimSpace(g.VideoLink)
	if g.Name == "" || len(g.Name) > 120 {
		return Invalid("name", "give the group a name of up to 120 characters")
	}
	if !templateKeyPattern.MatchString(g.TemplateKey) {
		return Invalid("template", "choose a ritual")
	}
	if err := ValidVideoLink(g.VideoLink); err != nil {
		return err
	}
	var rules []string
	for _, r := range g.GroundRules {
		if r = strings.TrimSpace(r); r != "" {
			if len(r) > 500 {
				return Invalid("ground_rules", "keep each ground rule under 500 characters")
			}
			rules = append(rules, r)
		}
	}
	if len(rules) > 20 {
		return Invalid("ground_rules", "keep to 20 ground rules")
	}
	g.GroundRules = rules
	if g.TimeZone == "" {
		g.TimeZone = "UTC"
	}
	if _, err := ParseTimeZone(g.TimeZone); err != nil {
		return Invalid("timezone", "%s", err.Error())
	}
	if g.RRule != "" && (g.Start.IsZero() || g.Minutes < 5 || g.Minutes > 480) {
		return Invalid("schedule", "a schedule needs a first date, a time and 5–480 minutes")
	}
	return nil
}

// ValidVideoLink accepts an empty link or an http(s) URL.
func ValidVideoLink(link string) error {
	if link == "" {
		return nil
	}
	if len(link) > 500 || !(strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://")) || strings.ContainsAny(link, " \"<>") {
		return Invalid("video_link", "give an https:// link to the video call")
	}
	return nil
}

// Occurrence exceptions of a group's series.
const (
	ExceptionSkip = "skip"
	ExceptionMove = "move"
)

// SeriesException skips or moves one occurrence of a group's series.
type SeriesException struct {
	Occurrence time.Time // the occurrence's original start, UTC
	Kind       string    // ExceptionSkip or ExceptionMove
	MovedTo    time.Time // the new start when moved, UTC
}

// Session statuses.
const (
	SessionPlanned = "planned"
	SessionRunning = "running"
	SessionHeld    = "held"
	SessionSkipped = "skipped"
)

// GroupSession is one occurrence of a group's series, materialised when it
// is opened or when the series is created.
type GroupSession struct {
	ID            int64
	OrgID         int64
	GroupID       int64
	Occurrence    time.Time // the series occurrence it stands for (original start, UTC); unique per group
	StartsAt      time.Time // the planned start, UTC (differs when moved)
	Minutes       int
	FacilitatorID int64
	Agenda        []AgendaItem
	Notes         string
	VideoLink     string
	StartedAt     time.Time
	EndedAt       time.Time
	Skipped       bool
	Attendance    []int64 // people present, sorted
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Status says where the session is.
func (s GroupSession) Status() string {
	switch {
	case s.Skipped:
		return SessionSkipped
	case !s.EndedAt.IsZero():
		return SessionHeld
	case !s.StartedAt.IsZero():
		return SessionRunning
	}
	return SessionPlanned
}

// Ends is the planned end.
func (s GroupSession) Ends() time.Time { return s.StartsAt.Add(time.Duration(s.Minutes) * time.Minute) }

// SessionPatch changes some fields of a session; nil fields stay.
type SessionPatch struct {
	Notes      *string
	VideoLink  *string
	StartedAt  *time.Time
	EndedAt    *time.Time
	Attendance *[]int64
	StartsAt   *time.Time
	Skipped    *bool
}

// Session item kinds: what a member brings in advance.
const (
	ItemDeal = "deal"
	ItemCall = "call"
)

// SessionItem is something a member brings to a session in advance: a deal
// (name, stage, amount, blocker) or one of their calls, spotlighted.
type SessionItem struct {
	ID        int64
	OrgID     int64
	SessionID int64
	PersonID  int64
	Kind      string
	DealName  string
	Stage     string
	Amount    *float64
	Blocker   string
	CallID    int64
	Text      string // a challenge, an objection or a story
	Note      string
	CreatedAt time.Time
}

// Validate normalises i and reports the first problem.
func (i *SessionItem) Validate() error {
	i.DealName, i.Stage, i.Blocker, i.Note = strings.TrimSpace(i.DealName), strings.TrimSpace(i.Stage),
		strings.TrimSpace(i.Blocker), strings.TrimSpace(i.Note)
	i.Text = strings.TrimSpace(i.Text)
	if IsTextItem(i.Kind) {
		if err := i.validateText(); err != nil {
			return err
		}
		if len(i.Note) > 2000 {
			return Invalid("note", "keep the note under 2,000 characters")
		}
		return nil
	}
	i.Text = ""
	switch i.Kind {
	case ItemDeal:
		if i.DealName == "" || len(i.DealName) > 200 {
			return Invalid("deal", "name the deal (up to 200 characters)")
		}
		if len(i.Stage) > 100 || len(i.Blocker) > 1000 {
			return Invalid("blocker", "keep the stage under 100 and the blocker under 1,000 characters")
		}
		if i.Amount != nil && (*i.Amount < 0 || math.IsNaN(*i.Amount) || math.IsInf(*i.Amount, 0)) {
			return Invalid("amount", "give the amount as a number ≥ 0")
		}
		i.CallID = 0
	case ItemCall:
		if i.CallID <= 0 {
			return Invalid("call_id", "choose one of your calls")
		}
		i.DealName, i.Stage, i.Amount, i.Blocker = "", "", nil, ""
	default:
		return Invalid("kind", "bring a deal, a call, a challenge, an objection or a story")
	}
	if len(i.Note) > 2000 {
		return Invalid("note", "keep the note under 2,000 characters")
	}
	return nil
}

// ActionItem is a follow-up agreed in a session.
type ActionItem struct {
	ID        int64
	OrgID     int64
	SessionID int64
	OwnerID   int64
	ItemID    int64 // the item (e.g. the deal) it came from; 0 when none
	Text      string
	Done      bool
	CreatedAt time.Time
}

// Commitment statuses.
const (
	CommitmentOpen    = "open"
	CommitmentDone    = "done"
	CommitmentMissed  = "missed"
	CommitmentDropped = "dropped"
)

// Commitment is a promise a person makes to a peer or to a group, e.g.
// "20 prospecting calls by Friday".
type Commitment struct {
	ID        int64
	OrgID     int64
	PersonID  int64 // who made it
	GroupID   int64 // made to this group; 0 when made to a peer
	PeerID    int64 // made to this peer; 0 when made to a group
	SessionID int64 // the session it was made in; 0 when none
	Text      string
	Due       time.Time // a calendar date (UTC midnight)
	Target    *float64  // an optional numeric target, e.g. 20 calls
	Progress  float64   // the latest check-in's progress
	Status    string
	ClosedAt  time.Time
	CheckIns  []CheckIn
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CheckIn records progress on a commitment.
type CheckIn struct {
	ID       int64
	At       time.Time
	Progress float64
	Note     string
}

// Validate normalises c and reports the first problem.
func (c *Commitment) Validate() error {
	c.Text = strings.TrimSpace(c.Text)
	switch {
	case c.Text == "" || len(c.Text) > 500:
		return Invalid("text", "say what you commit to, e.g. \"20 prospecting calls by Friday\" (up to 500 characters)")
	case (c.GroupID == 0) == (c.PeerID == 0):
		return Invalid("to", "make the commitment to a peer or to a group")
	case c.Due.IsZero():
		return Invalid("due", "give a due date")
	case c.Target != nil && (*c.Target <= 0 || math.IsNaN(*c.Target) || math.IsInf(*c.Target, 0)):
		return Invalid("target", "a target is a number above 0")
	case math.IsNaN(c.Progress) || math.IsInf(c.Progress, 0) || c.Progress < 0:
		return Invalid("progress", "progress is a number ≥ 0")
	}
	if c.Status == "" {
		c.Status = CommitmentOpen
	}
	if !ValidCommitmentStatus(c.Status) {
		return Invalid("status", "use open, done, missed or dropped")
	}
	y, m, d := c.Due.Date()
	c.Due = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return nil
}

// ValidCommitmentStatus reports whether s is a commitment status.
func ValidCommitmentStatus(s string) bool {
	switch s {
	case CommitmentOpen, CommitmentDone, CommitmentMissed, CommitmentDropped:
		return true
	}
	return false
}

// CommitmentFilter narrows a list of commitments. Zero values mean "any".
type CommitmentFilter struct {
	PersonID  int64   // made by
	PeerID    int64   // made to this peer
	GroupID   int64   // made to this group
	PersonIDs []int64 // made by any of these
	Status    string
}

// CalendarToken is the hash of a person's secret calendar feed address.
type CalendarToken struct {
	OrgID     int64
	PersonID  int64
	Hash      string
	CreatedAt time.Time
}

// RitualStore persists ritual templates, groups, their sessions and
// commitments. Every method is scoped to one organisation, except
// CalendarTokenByHash, which is how a feed request learns its organisation.
type RitualStore interface {
	// OrgTemplates returns the organisation's own templates: overrides of
	// built-ins (same Key) and custom ones.
	OrgTemplates(ctx context.Context, orgID int64) ([]RitualTemplate, error)
	SaveTemplate(ctx context.Context, orgID int64, t *RitualTemplate) error

	CreateGroup(ctx context.Context, orgID int64, g *Group) error
	Group(ctx context.Context, orgID, groupID int64) (Group, error)
	// Groups lists the organisation's groups with their members; with
	// personID > 0, only groups the person is (or was) a member of.
	Groups(ctx context.Context, orgID, personID int64) ([]Group, error)
	// UpdateGroup saves the name, ground rules, video link and schedule.
	UpdateGroup(ctx context.Context, orgID int64, g Group) error
	// SetMember adds a person to a group (again), or records acceptance;
	// RemoveMember marks them as having left.
	SetMember(ctx context.Context, orgID, groupID int64, m GroupMember) error
	RemoveMember(ctx context.Context, orgID, groupID, personID int64, at time.Time) error

	SeriesExceptions(ctx context.Context, orgID, groupID int64) ([]SeriesException, error)
	SetSeriesException(ctx context.Context, orgID, groupID int64, e SeriesException) error

	// EnsureSession returns the group's session for an occurrence,
	// creating it from s when there is none.
	EnsureSession(ctx context.Context, orgID int64, s *GroupSession) error
	GroupSession(ctx context.Context, orgID, sessionID int64) (GroupSession, error)
	// GroupSessions lists the sessions of groups starting in [from, to),
	// by start; a nil groupIDs means every group.
	GroupSessions(ctx context.Context, orgID int64, groupIDs []int64, from, to time.Time) ([]GroupSession, error)
	UpdateSession(ctx context.Context, orgID, sessionID int64, p SessionPatch) (GroupSession, error)

	AddSessionItem(ctx context.Context, orgID int64, i *SessionItem) error
	SessionItems(ctx context.Context, orgID, sessionID int64) ([]SessionItem, error)
	DeleteSessionItem(ctx context.Context, orgID, sessionID, itemID int64) error
	AddActionItem(ctx context.Context, orgID int64, a *ActionItem) error
	ActionItems(ctx context.Context, orgID, sessionID int64) ([]ActionItem, error)
	SetActionItemDone(ctx context.Context, orgID, sessionID, itemID int64, done bool) error

	CreateCommitment(ctx context.Context, orgID int64, c *Commitment) error
	Commitment(ctx context.Context, orgID, id int64) (Commitment, error)
	Commitments(ctx context.Context, orgID int64, f CommitmentFilter) ([]Commitment, error)
	// AddCheckIn records progress (and sets Progress).
	AddCheckIn(ctx context.Context, orgID, commitmentID int64, ci *CheckIn) error
	// CloseCommitment sets the status (done, missed, dropped, or open again).
	CloseCommitment(ctx context.Context, orgID, commitmentID int64, status string, at time.Time) error

	SetCalendarToken(ctx context.Context, orgID int64, t CalendarToken) error
	DeleteCalendarToken(ctx context.Context, orgID, personID int64) error
	CalendarTokenOf(ctx context.Context, orgID, personID int64) (CalendarToken, error)
	CalendarTokenByHash(ctx context.Context, hash string) (CalendarToken, error)
}
