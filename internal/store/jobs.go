package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

const jobColumns = "id, org_id, kind, ref_id, state, attempts, run_after, locked_until, last_error, " +
	"progress, created_at, updated_at"

// EnqueueJob stores a new job of j.OrgID and sets its ID, CreatedAt and
// UpdatedAt. A zero State becomes queued and a zero RunAfter now.
func (db *DB) EnqueueJob(ctx context.Context, j *domain.Job) error {
	created := *j
	created.Kind = strings.TrimSpace(created.Kind)
	if created.Kind == "" {
		return fmt.Errorf("store: enqueue job: %w", domain.Invalid("kind", "a job needs a kind"))
	}
	if created.State == "" {
		created.State = domain.JobQueued
	}
	if err := checkJobState(created.State); err != nil {
		return fmt.Errorf("store: enqueue job: %w", err)
	}
	now := db.clock()
	created.CreatedAt, created.UpdatedAt = now, now
	if created.RunAfter.IsZero() {
		created.RunAfter = now
	}
	created.RunAfter = created.RunAfter.UTC().Truncate(time.Microsecond)
	created.LockedUntil = created.LockedUntil.UTC().Truncate(time.Microsecond)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, created.OrgID); err != nil {
		return fmt.Errorf("store: enqueue job: %w", err)
	}
	created.ID, err = tx.insert(ctx, `INSERT INTO jobs (org_id, kind, ref_id, state, attempts, run_after,
		locked_until, last_error, progress, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		created.OrgID, created.Kind, created.RefID, string(created.State), created.Attempts,
		db.d.timeArg(created.RunAfter), db.d.timeArg(created.LockedUntil), created.LastError, created.Progress,
		db.d.timeArg(created.CreatedAt), db.d.timeArg(created.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: enqueue job: %w", translate(err, "job", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*j = created
	return nil
}

// ClaimJob takes the job, of any organisation, that has been due longest:
// queued with RunAfter ≤ now, or running with a lease that ran out before
// now. It marks it running until now+lease, counts the attempt and returns
// it; ok is false when nothing is due. Several processes may claim at once
// and each job goes to one of them: on PostgreSQL the row is locked and
// rows locked by other claims are skipped; on SQLite the transaction holds
// the database's write lock from its start.
func (db *DB) ClaimJob(ctx context.Context, now time.Time, lease time.Duration) (domain.Job, bool, error) {
	if lease <= 0 {
		return domain.Job{}, false, fmt.Errorf("store: claim job: %w", domain.Invalid("lease", "a lease must be longer than 0"))
	}
	now = now.UTC().Truncate(time.Microsecond)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return domain.Job{}, false, err
	}
	defer tx.rollback()
	j, err := scanJob(tx.queryRow(ctx, "SELECT "+jobColumns+` FROM jobs
		WHERE (state = ? AND run_after <= ?) OR (state = ? AND locked_until < ?)
		ORDER BY run_after, id LIMIT 1`+db.d.skipLocked(),
		string(domain.JobQueued), db.d.timeArg(now), string(domain.JobRunning), db.d.timeArg(now)))
	if errors.Is(err, sql.ErrNoRows) {
		return domain.Job{}, false, nil
	}
	if err != nil {
		return domain.Job{}, false, fmt.Errorf("store: claim job: %w", err)
	}
	j.State, j.LockedUntil, j.UpdatedAt = domain.JobRunning, now.Add(lease), db.clock()
	j.Attempts++
	if err := tx.execOne(ctx, domain.NotFound("job"),
		"UPDATE jobs SET state = ?, locked_until = ?, attempts = ?, updated_at = ? WHERE id = ?",
		string(j.State), db.d.timeArg(j.LockedUntil), j.Attempts, db.d.timeArg(j.UpdatedAt), j.ID); err != nil {
		return domain.Job{}, false, fmt.Errorf("store: claim job %d: %w", j.ID, err)
	}
	if err := tx.commit(); err != nil {
		return domain.Job{}, false, err
	}
	return j, true, nil
}

// skipLocked ends the SELECT of a claim. On PostgreSQL it locks the row
// for the transaction and skips rows that other claims have locked, so
// concurrent claims neither wait for each other nor take the same job.
// SQLite needs nothing: a write transaction there already excludes every
// other writer.
func (d dialect) skipLocked() string {
	if d == postgresDialect {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// UpdateJob saves a job's state, progress, last error and schedule
// (RunAfter, kept when zero, and LockedUntil, cleared when zero), stamped
// with UpdatedAt or, when that is zero, now. Its kind, reference and
// attempts stay.
func (db *DB) UpdateJob(ctx context.Context, j domain.Job) error {
	if err := checkJobState(j.State); err != nil {
		return fmt.Errorf("store: update job %d: %w", j.ID, err)
	}
	updated := j.UpdatedAt
	if updated.IsZero() {
		updated = db.clock()
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("job"), `UPDATE jobs SET state = ?, progress = ?, last_error = ?,
		run_after = COALESCE(?, run_after), locked_until = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		string(j.State), j.Progress, j.LastError, db.d.timeArg(j.RunAfter), db.d.timeArg(j.LockedUntil),
		db.d.timeArg(updated), j.OrgID, j.ID); err != nil {
		return fmt.Errorf("store: update job %d: %w", j.ID, err)
	}
	return tx.commit()
}

// JobsFor returns an organisation's jobs of one kind about one thing,
// newest first.
func (db *DB) JobsFor(ctx context.Context, orgID int64, kind string, refID int64) ([]domain.Job, error) {
	rows, err := db.reader().query(ctx, "SELECT "+jobColumns+
		" FROM jobs WHERE org_id = ? AND kind = ? AND ref_id = ? ORDER BY created_at DESC, id DESC",
		orgID, kind, refID)
	if err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	defer rows.Close()
	jobs := []domain.Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("store: jobs: %w", err)
		}
		jobs = append(jobs, j)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	return jobs, nil
}

// checkJobState returns ErrInvalid unless s is a job state.
func checkJobState(s domain.JobState) error {
	switch s {
	case domain.JobQueued, domain.JobRunning, domain.JobDone, domain.JobFailed:
		return nil
	}
	return domain.Invalid("state", "use queued, running, done or failed")
}

func scanJob(row rowScanner) (domain.Job, error) {
	var (
		j     domain.Job
		state string
	)
	err := row.Scan(&j.ID, &j.OrgID, &j.Kind, &j.RefID, &state, &j.Attempts, timeScanner{&j.RunAfter},
		timeScanner{&j.LockedUntil}, &j.LastError, &j.Progress, timeScanner{&j.CreatedAt}, timeScanner{&j.UpdatedAt})
	j.State = domain.JobState(state)
	return j, err
}
