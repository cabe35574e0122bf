package domain

import (
	"context"
	"strings"
	"time"
)

// Motion is the part of selling a rubric describes.
type Motion string

// The motions, in display order.
const (
	MotionDiscovery     Motion = "discovery"
	MotionOutbound      Motion = "outbound"
	MotionDemo          Motion = "demo"
	MotionObjections    Motion = "objection_handling"
	MotionNegotiation   Motion = "negotiation"
	MotionNextSteps     Motion = "next_steps"
	MotionQualification Motion = "qualification"
)

// Motions lists every motion in display order.
var Motions = []Motion{MotionDiscovery, MotionOutbound, MotionDemo, MotionObjections, MotionNegotiation,
	MotionNextSteps, MotionQualification}

// ParseMotion checks a motion name.
func ParseMotion(s string) (Motion, error) {
	m := Motion(strings.TrimSpace(s))
	for _, known := range Motions {
		if m == known {
			return m, nil
		}
	}
	return "", Invalid("motion", "use one of discovery, outbound, demo, objection_handling, negotiation, next_steps, qualification")
}

// Label names the motion for people.
func (m Motion) Label() string {
	switch m {
	case MotionObjections:
		return "Objection handling"
	case MotionNextSteps:
		return "Next steps"
	case "":
		return ""
	}
	return strings.ToUpper(string(m[:1])) + string(m[1:])
}

// Review scores run from MinReviewScore to MaxReviewScore; 0 means the
// reviewer skipped the criterion.
const (
	MinReviewScore = 1
	MaxReviewScore = 5
)

// RubricCriterion is one observable behaviour of a rubric version, scored
// 1–5, with what each level looks like.
type RubricCriterion struct {
	ID        int64 // unique across versions: a review's scores name it
	Key       string
	Name      string
	Behaviour string    // the behaviour a peer can observe
	Anchors   [5]string // what scores 1 … 5 look like
	Weight    int       // percent of the rubric's total; 0 when unweighted
}

// Rubric is one version of a standard of "what great looks like" for a
// motion. Editing a rubric adds a version; reviews keep the version they
// were written against.
type Rubric struct {
	ID          int64 // the rubric, across its versions
	OrgID       int64
	Builtin     string // the key of a shipped default, "" for the org's own
	Motion      Motion
	Name        string
	Description string
	Version     int   // 1, 2, …
	VersionID   int64 // this version
	Latest      int   // the newest version of the rubric
	Retired     bool
	Criteria    []RubricCriterion
	CreatedBy   int64 // who wrote this version; 0 for a shipped default
	CreatedAt   time.Time
}

// Validate normalises r's own fields and reports the first problem.
func (r *Rubric) Validate() error {
	r.Name = strings.TrimSpace(r.Name)
	r.Description = strings.TrimSpace(r.Description)
	if r.Name == "" {
		return Invalid("name", "give the rubric a name, e.g. \"Discovery\"")
	}
	if len(r.Name) > 120 {
		return Invalid("name", "keep rubric names under 120 characters")
	}
	if _, err := ParseMotion(string(r.Motion)); err != nil {
		return err
	}
	if len(r.Criteria) == 0 {
		return Invalid("criteria", "a rubric needs at least one criterion")
	}
	if len(r.Criteria) > 20 {
		return Invalid("criteria", "keep a rubric to 20 criteria or fewer")
	}
	keys := map[string]bool{}
	for i := range r.Criteria {
		c := &r.Criteria[i]
		c.Name, c.Behaviour = strings.TrimSpace(c.Name), strings.TrimSpace(c.Behaviour)
		if c.Key = strings.TrimSpace(c.Key); c.Key == "" {
			c.Key = criterionKey(c.Name)
		}
		if c.Name == "" || c.Key == "" {
			return Invalid("criteria", "criterion %d needs a name", i+1)
		}
		if keys[c.Key] {
			return Invalid("criteria", "two criteria are called %q", c.Name)
		}
		keys[c.Key] = true
		if c.Behaviour == "" {
			return Invalid("criteria", "%s: describe the behaviour a peer can observe", c.Name)
		}
		for j := range c.Anchors {
			if c.Anchors[j] = strings.TrimSpace(c.Anchors[j]); c.Anchors[j] == "" {
				return Invalid("criteria", "%s: describe what a %d looks like", c.Name, j+1)
			}
		}
		if c.Weight < 0 || c.Weight > 100 {
			return Invalid("criteria", "%s: a weight is a percentage from 0 to 100", c.Name)
		}
	}
	return nil
}

// Criterion returns the criterion of this version with the given ID.
func (r Rubric) Criterion(id int64) (RubricCriterion, bool) {
	for _, c := range r.Criteria {
		if c.ID == id {
			return c, true
		}
	}
	return RubricCriterion{}, false
}

// criterionKey derives a key from a name: lower case, words joined by _.
func criterionKey(name string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(w)
	}
	return b.String()
}

// Invite states of a feedback request.
const (
	InvitePending  = "pending"
	InviteAccepted = "accepted"
	InviteDeclined = "declined"
)

// Artefact kinds a feedback request can carry instead of a call.
const (
	ArtefactEmail    = "email"
	ArtefactDealPlan = "deal_plan"
)

// FeedbackInvite is one peer asked for feedback and their answer.
type FeedbackInvite struct {
	PersonID    int64
	Status      string    // pending, accepted or declined
	RespondedAt time.Time // zero while pending
}

// FeedbackRequest is a rep asking named peers, or their circle, for
// feedback on a call, a snippet, a written artefact or a deal, against a
// rubric version, by a due time. Subject says which.
type FeedbackRequest struct {
	ID           int64
	OrgID        int64
	RequesterID  int64
	Title        string
	Ask          string // what the rep wants feedback on
	CallID       int64  // the call, or the snippet's call; 0 otherwise
	SnippetID    int64  // the snippet, when the subject is one
	ArtefactKind string // email or deal_plan (also for a Deal), when there is no call
	ArtefactText string
	Deal         *Deal // the deal, when the subject is one
	// GroupID is the circle (ritual group) the request went to; 0 when it
	// went to named peers. Its invites are the members at the time.
	GroupID   int64
	RubricID  int64
	VersionID int64 // the rubric version reviews score against
	Anonymous bool
	DueAt     time.Time
	// ObservationsRead is how many reviews' observations the requester
	// had in front of them when they said they had read them.
	ObservationsRead int
	Invites          []FeedbackInvite
	CreatedAt        time.Time
}

// Invite returns the invite of a person, if they were asked.
func (r FeedbackRequest) Invite(personID int64) (FeedbackInvite, bool) {
	for _, in := range r.Invites {
		if in.PersonID == personID {
			return in, true
		}
	}
	return FeedbackInvite{}, false
}

// ReviewScore is a reviewer's score and note on one criterion. A zero
// Score means skipped; a note may stand alone.
type ReviewScore struct {
	CriterionID int64
	Score       int
	Note        string
}

// ReviewPhase is how far a review has come.
type ReviewPhase string

// The phases of a review, in order.
const (
	PhaseDraft    ReviewPhase = "draft"    // nothing submitted
	PhaseObserved ReviewPhase = "observed" // observations submitted; recommendations open
	PhaseDone     ReviewPhase = "done"     // recommendations submitted too
)

// Review is one peer's scorecard on a feedback request: observations
// (scores, notes, highlights, improvement areas) first, then
// recommendations.
type Review struct {
	ID              int64
	Ref             string // random, opaque: how people and the API name a review
	OrgID           int64
	RequestID       int64
	ReviewerID      int64
	Scores          []ReviewScore
	Remarks         []ReviewRemark // by call time
	Highlights      string         // what went well, as observations
	Improvements    string         // what to work on, as observations
	Recommendations string
	ObservedAt      time.Time // observations submitted; zero while a draft
	RecommendedAt   time.Time // recommendations submitted
	Helpfulness     int       // the recipient's 1–5 rating; 0 when not rated
	HelpfulnessNote string
	RatedAt         time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Phase reports how far the review has come.
func (r Review) Phase() ReviewPhase {
	switch {
	case r.ObservedAt.IsZero():
		return PhaseDraft
	case r.RecommendedAt.IsZero():
		return PhaseObserved
	}
	return PhaseDone
}

// FeedbackRequestFilter narrows a list of feedback requests: those a
// person asked for, or those they were invited to.
type FeedbackRequestFilter struct {
	RequesterID int64
	InviteeID   int64
}

// Helpfulness is how helpful a reviewer's reviews were rated.
type Helpfulness struct {
	Average float64
	Count   int
}

// FeedbackStats are a team's feedback figures, for its managers: counts
// and averages, never text, never who wrote what.
type FeedbackStats struct {
	Requests         int     // feedback requests made by the team's people
	Reviews          int     // reviews with observations submitted on them
	AverageScore     float64 // over every criterion score of those reviews
	Scores           int
	AverageHelpful   float64 // the recipients' helpfulness ratings
	HelpfulnessRated int
}

// AnonymousRelease is when an anonymous request's reviews reach their
// recipient: once MinReviews have observations in, or at the due time.
// The service owns the rule; the store applies it where it counts.
type AnonymousRelease struct {
	MinReviews int
	Now        time.Time
}

// Holds reports whether a request's submitted reviews still wait for
// release: it is anonymous, fewer than MinReviews are in, and it is not
// yet due.
func (r AnonymousRelease) Holds(anonymous bool, submitted int, due time.Time) bool {
	return anonymous && submitted < r.MinReviews && r.Now.Before(due)
}

// FeedbackStore persists rubrics, feedback requests and reviews. Every
// method is scoped to one organisation; who may see what is the service's.
type FeedbackStore interface {
	// EnsureRubrics adds each default whose Builtin key the organisation
	// has never had, and reports how many it added.
	EnsureRubrics(ctx context.Context, orgID int64, defaults []Rubric) (int, error)
	// CreateRubric stores version 1 of a new rubric.
	CreateRubric(ctx context.Context, orgID int64, r *Rubric) error
	// AddRubricVersion stores r as the next version of rubric r.ID.
	AddRubricVersion(ctx context.Context, orgID int64, r *Rubric) error
	SetRubricRetired(ctx context.Context, orgID, rubricID int64, retired bool) error
	// Rubric returns the latest version of a rubric.
	Rubric(ctx context.Context, orgID, rubricID int64) (Rubric, error)
	RubricVersion(ctx context.Context, orgID, versionID int64) (Rubric, error)
	// RubricVersions lists every version of a rubric, oldest first.
	RubricVersions(ctx context.Context, orgID, rubricID int64) ([]Rubric, error)
	// Rubrics lists the latest version of every rubric, by motion and name.
	Rubrics(ctx context.Context, orgID int64) ([]Rubric, error)

	CreateFeedbackRequest(ctx context.Context, orgID int64, r *FeedbackRequest) error
	FeedbackRequest(ctx context.Context, orgID, requestID int64) (FeedbackRequest, error)
	FeedbackRequests(ctx context.Context, orgID int64, f FeedbackRequestFilter) ([]FeedbackRequest, error)
	// RespondToInvite sets a pending or accepted invite's status.
	RespondToInvite(ctx context.Context, orgID, requestID, personID int64, status string) error
	// SetObservationsRead records how many reviews' observations the
	// requester has read; it never goes down.
	SetObservationsRead(ctx context.Context, orgID, requestID int64, n int) error

	// SaveReview inserts a new review (ID 0) as a draft, or writes every
	// field of an existing one if it is still in phase from; otherwise
	// it returns ErrConflict and changes nothing.
	SaveReview(ctx context.Context, orgID int64, r *Review, from ReviewPhase) error
	ReviewOf(ctx context.Context, orgID, requestID, reviewerID int64) (Review, error)
	ReviewByRef(ctx context.Context, orgID int64, ref string) (Review, error)
	// Reviews lists every review of a request, drafts included, by Ref.
	Reviews(ctx context.Context, orgID, requestID int64) ([]Review, error)
	// RateReview stores the recipient's rating, given at the time at.
	RateReview(ctx context.Context, orgID, reviewID int64, score int, note string, at time.Time) error
	ReviewerHelpfulness(ctx context.Context, orgID, reviewerID int64) (Helpfulness, error)
	// ReviewerRatings lists the helpfulness ratings of a reviewer's
	// reviews given at or after since, oldest first.
	ReviewerRatings(ctx context.Context, orgID, reviewerID int64, since time.Time) ([]HelpfulnessRating, error)
	// AddReviewRemark adds a remark to a review that is still a draft and
	// has fewer than MaxReviewRemarks; otherwise ErrConflict or ErrInvalid,
	// and nothing is stored.
	AddReviewRemark(ctx context.Context, orgID int64, m *ReviewRemark) error
	// RemoveReviewRemark removes a remark, by ref, of a review that is
	// still a draft.
	RemoveReviewRemark(ctx context.Context, orgID, reviewID int64, ref string) error
	// TeamFeedbackStats counts only reviews already released to their
	// recipient under the given rule.
	TeamFeedbackStats(ctx context.Context, orgID, teamID int64, release AnonymousRelease) (FeedbackStats, error)
}
