package domain

import (
	"context"
	"math"
	"strings"
	"time"
)

// ExampleStatus is where an example of great stands with its call's owner.
type ExampleStatus string

// The states of an example. Only the call's owner moves an example
// between them.
const (
	// ExampleProposed: waiting for the owner's consent.
	ExampleProposed ExampleStatus = "proposed"
	// ExampleApproved: the owner consented; the rubric page shows it.
	ExampleApproved ExampleStatus = "approved"
	// ExampleDeclined: the owner declined, or withdrew their consent.
	ExampleDeclined ExampleStatus = "declined"
)

// Limits on an example.
const (
	// MaxExampleSeconds is the longest stretch of a call an example may
	// show: a moment, not a call.
	MaxExampleSeconds = 180
	// MaxExampleNote bounds the "why this is great" note.
	MaxExampleNote = 500
)

// CriterionExample is a stretch of a call that shows what great looks like
// on one criterion of a rubric. The criterion is named by its key, which
// stays the same across the rubric's versions.
type CriterionExample struct {
	ID           int64
	OrgID        int64
	RubricID     int64
	CriterionKey string
	CallID       int64
	OwnerID      int64 // the call's owner: the one person who consents
	ProposerID   int64
	Start, End   float64 // seconds into the call
	Note         string  // why this is great
	Status       ExampleStatus
	CreatedAt    time.Time
	DecidedAt    time.Time // the owner's last decision; zero while proposed
}

// Validate normalises e's own fields and reports the first problem.
func (e *CriterionExample) Validate() error {
	e.Note = strings.TrimSpace(e.Note)
	e.CriterionKey = strings.TrimSpace(e.CriterionKey)
	switch {
	case e.CriterionKey == "":
		return Invalid("criterion", "choose the criterion this example shows")
	case math.IsNaN(e.Start) || math.IsInf(e.Start, 0) || e.Start < 0:
		return Invalid("start", "an example starts at 0:00 or later")
	case math.IsNaN(e.End) || math.IsInf(e.End, 0) || e.End <= e.Start:
		return Invalid("end", "an example must end after it starts")
	case e.End-e.Start > MaxExampleSeconds:
		return Invalid("end", "keep an example to %d minutes or less: pick the moment that shows the behaviour", MaxExampleSeconds/60)
	case e.Note == "":
		return Invalid("note", "say in a sentence why this is great")
	case len(e.Note) > MaxExampleNote:
		return Invalid("note", "keep the note under %d characters", MaxExampleNote)
	}
	switch e.Status {
	case ExampleProposed, ExampleApproved, ExampleDeclined:
	case "":
		e.Status = ExampleProposed
	default:
		return Invalid("status", "use proposed, approved or declined")
	}
	return nil
}

// ExampleFilter narrows a list of examples. Zero values mean "any";
// PersonID matches the owner or the proposer.
type ExampleFilter struct {
	RubricID int64
	CallID   int64
	Status   ExampleStatus
	PersonID int64
}

// CriterionScore is how a call's peer reviews scored one criterion:
// the average of the scores given (skips left out) and how many reviews
// gave one.
type CriterionScore struct {
	CallID  int64
	Average float64
	Reviews int
}

// ExampleStore persists examples of great. Every method is scoped to one
// organisation; who may see or decide what is the service's.
type ExampleStore interface {
	// CreateExample stores a new example; the same stretch of a call for
	// the same criterion twice is ErrConflict.
	CreateExample(ctx context.Context, orgID int64, e *CriterionExample) error
	CriterionExample(ctx context.Context, orgID, id int64) (CriterionExample, error)
	// CriterionExamples lists examples by rubric, criterion key and start.
	CriterionExamples(ctx context.Context, orgID int64, f ExampleFilter) ([]CriterionExample, error)
	// SetExampleStatus moves an example from one status to another at a
	// time; an example no longer in from is ErrConflict.
	SetExampleStatus(ctx context.Context, orgID, id int64, from, to ExampleStatus, at time.Time) error
	DeleteExample(ctx context.Context, orgID, id int64) error
	// CriterionScores lists the calls whose submitted peer reviews scored
	// the criterion (by key, in any version of the rubric) at least min on
	// average, best first.
	CriterionScores(ctx context.Context, orgID, rubricID int64, key string, min float64, release AnonymousRelease) ([]CriterionScore, error)
}
