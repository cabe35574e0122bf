package domain

import (
	"context"
	"strings"
	"time"
)

// SkillSource is where a data point of a skill profile comes from.
type SkillSource string

// The sources of skill data points, strongest first.
const (
	SourcePeer      SkillSource = "peer"      // a peer's review score
	SourceSelf      SkillSource = "self"      // the person's own rating
	SourceAnalytics SkillSource = "analytics" // a call metric mapped to a criterion
)

// SkillSources lists the sources in display order.
var SkillSources = []SkillSource{SourcePeer, SourceSelf, SourceAnalytics}

// Label names the source for people.
func (s SkillSource) Label() string {
	switch s {
	case SourcePeer:
		return "Peer reviews"
	case SourceSelf:
		return "Self-assessment"
	case SourceAnalytics:
		return "Call analytics"
	}
	return string(s)
}

// SkillPoint is one data point of a person's standing on one criterion of
// a rubric. Criteria are named by their key, which stays the same across
// a rubric's versions, so old reviews still count after an edit.
type SkillPoint struct {
	PersonID  int64
	RubricID  int64
	Criterion string // the criterion's key
	Source    SkillSource
	Score     float64 // on the 1–5 scale
	At        time.Time
	Weight    float64 // a multiplier of the source's weight; 0 means 1
}

// SelfAssessment is a person rating themselves on one criterion of a
// rubric. A new rating adds a row: the history is the trend.
type SelfAssessment struct {
	ID        int64
	OrgID     int64
	PersonID  int64
	RubricID  int64
	Criterion string // the criterion's key
	Score     int    // 1–5
	RatedAt   time.Time
}

// Validate normalises a's own fields and reports the first problem.
func (a *SelfAssessment) Validate() error {
	a.Criterion = strings.TrimSpace(a.Criterion)
	if a.RubricID <= 0 {
		return Invalid("rubric_id", "choose the rubric you are rating yourself on")
	}
	if a.Criterion == "" {
		return Invalid("criterion", "choose the criterion you are rating yourself on")
	}
	if a.Score < MinReviewScore || a.Score > MaxReviewScore {
		return Invalid("score", "rate yourself from %d to %d", MinReviewScore, MaxReviewScore)
	}
	return nil
}

// PeerSkillScore is one criterion score of a submitted review on a
// request of a person, with no text and no author: what a skill profile
// may know of a review.
type PeerSkillScore struct {
	RequestID  int64
	ReviewID   int64
	PersonID   int64 // the requester: whose skill was reviewed
	RubricID   int64
	Criterion  string // the criterion's key
	Score      int    // 1–5; skipped criteria are never returned
	ObservedAt time.Time
	Anonymous  bool      // the request was anonymous
	DueAt      time.Time // the request's due time
}

// SkillProfileStore persists self-assessments and reads the numbers that
// skill profiles are built from. Every method is scoped to one
// organisation; who may see what is the service's.
type SkillProfileStore interface {
	AddSelfAssessment(ctx context.Context, orgID int64, a *SelfAssessment) error
	// SelfAssessments lists the ratings of the people, oldest first.
	SelfAssessments(ctx context.Context, orgID int64, personIDs []int64) ([]SelfAssessment, error)
	// PeerSkillScores lists the scored criteria of submitted reviews on
	// requests the people made, oldest first.
	PeerSkillScores(ctx context.Context, orgID int64, personIDs []int64) ([]PeerSkillScore, error)
	// SkillCalls lists the ready calls of the organisation that occurred
	// since the given time, owned by one of owners (nil: anyone's), with
	// SharedWith and Analysis, but no Transcript: the input of call
	// analytics in skill profiles.
	SkillCalls(ctx context.Context, orgID int64, since time.Time, owners []int64) ([]Call, error)
	// SkillCallsVersion changes whenever the result of SkillCalls(since,
	// nil) may have: a call added, changed or deleted.
	SkillCallsVersion(ctx context.Context, orgID int64, since time.Time) (string, error)
}
