package domain

import (
	"context"
	"time"
)

// Job is a unit of background work (transcribing a recording, re-analysing
// calls). Jobs are leased: a worker claims one for a while, so that several
// Huddle instances on one database run each job once, and a job whose
// worker died is picked up again when its lease runs out.
type Job struct {
	ID          int64
	OrgID       int64
	Kind        string // e.g. "transcribe", "reanalyze"
	RefID       int64  // what the job is about, e.g. a call ID
	State       JobState
	Attempts    int
	RunAfter    time.Time
	LockedUntil time.Time
	LastError   string
	Progress    string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// JobState is where a job is.
type JobState string

// The job states.
const (
	JobQueued  JobState = "queued"
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed" // gave up after its attempts
)

// JobStore persists background jobs.
type JobStore interface {
	EnqueueJob(ctx context.Context, j *Job) error
	// ClaimJob takes the oldest due job (queued with RunAfter ≤ now, or
	// running with an expired lease), marks it running until now+lease and
	// increments its attempts. ok is false when nothing is due.
	ClaimJob(ctx context.Context, now time.Time, lease time.Duration) (j Job, ok bool, err error)
	// UpdateJob saves a job's state, progress, error and schedule.
	UpdateJob(ctx context.Context, j Job) error
	// JobsFor lists an organisation's jobs about one thing, newest first.
	JobsFor(ctx context.Context, orgID int64, kind string, refID int64) ([]Job, error)
}
