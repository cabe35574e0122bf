package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

const lease = 10 * time.Minute

// claim claims a job at the time and fails unless one was due.
func claim(t *testing.T, db *store.DB, at time.Time) domain.Job {
	t.Helper()
	j, ok, err := db.ClaimJob(context.Background(), at, lease)
	must(t, err)
	if !ok {
		t.Fatalf("ClaimJob(%v): nothing due", at)
	}
	return j
}

// claimNone fails if a job was due at the time.
func claimNone(t *testing.T, db *store.DB, at time.Time) {
	t.Helper()
	j, ok, err := db.ClaimJob(context.Background(), at, lease)
	must(t, err)
	if ok {
		t.Fatalf("ClaimJob(%v) claimed %+v, want nothing due", at, j)
	}
}

func TestJobs(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme, globex := newOrg(t, db, "acme"), newOrg(t, db, "globex")
		enqueue := func(j domain.Job) domain.Job {
			t.Helper()
			must(t, db.EnqueueJob(ctx, &j))
			return j
		}
		now := enqueue(domain.Job{OrgID: acme.ID, Kind: " transcribe ", RefID: 7})
		if now.ID == 0 || now.State != domain.JobQueued || now.Kind != "transcribe" || !now.RunAfter.Equal(t0) ||
			!now.CreatedAt.Equal(t0) || now.Attempts != 0 {
			t.Fatalf("enqueued %+v", now)
		}
		later := enqueue(domain.Job{OrgID: globex.ID, Kind: "reanalyze", RunAfter: t0.Add(time.Minute)})
		earlier := enqueue(domain.Job{OrgID: acme.ID, Kind: "transcribe", RefID: 8, RunAfter: t0.Add(-time.Minute)})
		future := enqueue(domain.Job{OrgID: acme.ID, Kind: "transcribe", RefID: 9, RunAfter: t0.Add(time.Hour)})

		// Oldest due first, across organisations; each once.
		at := t0.Add(5 * time.Minute)
		for _, want := range []domain.Job{earlier, now, later} {
			got := claim(t, db, at)
			if got.ID != want.ID || got.State != domain.JobRunning || got.Attempts != 1 ||
				!got.LockedUntil.Equal(at.Add(lease)) || got.Kind != want.Kind || got.RefID != want.RefID {
				t.Errorf("claimed %+v, want job %d running, attempt 1, locked until %v", got, want.ID, at.Add(lease))
			}
		}
		claimNone(t, db, at)
		claimNone(t, db, at.Add(lease)) // a lease that ends now has not run out yet

		// A job whose worker died is claimed again when its lease runs out:
		// all three leases have, so they come back oldest first.
		at = at.Add(lease + time.Second)
		again := claim(t, db, at)
		if again.ID != earlier.ID || again.Attempts != 2 || !again.LockedUntil.Equal(at.Add(lease)) {
			t.Errorf("reclaimed %+v, want job %d on its second attempt", again, earlier.ID)
		}

		// Done jobs stay done; a retry waits for its time; failed jobs stay.
		again.State, again.Progress, again.UpdatedAt = domain.JobDone, "3 of 3", time.Time{}
		must(t, db.UpdateJob(ctx, again))
		retry := claim(t, db, at)
		if retry.ID != now.ID || retry.Attempts != 2 {
			t.Errorf("reclaimed %+v, want job %d on its second attempt", retry, now.ID)
		}
		retry.State, retry.LastError, retry.RunAfter, retry.LockedUntil = domain.JobQueued, "boom", at.Add(30*time.Minute), time.Time{}
		must(t, db.UpdateJob(ctx, retry))
		gaveUp := claim(t, db, at)
		if gaveUp.ID != later.ID {
			t.Errorf("reclaimed %d, want job %d", gaveUp.ID, later.ID)
		}
		gaveUp.State, gaveUp.LastError, gaveUp.RunAfter = domain.JobFailed, "for good", time.Time{}
		must(t, db.UpdateJob(ctx, gaveUp))
		claimNone(t, db, at)
		// An hour on, the retry (due at +30 min) and the future job (due at
		// t0+1h) are due: the retry has waited longer.
		got := claim(t, db, at.Add(time.Hour))
		if got.ID != retry.ID || got.Attempts != retry.Attempts+1 || got.LastError != "boom" {
			t.Errorf("claimed %+v, want the retried job %d on attempt %d", got, retry.ID, retry.Attempts+1)
		}
		if got = claim(t, db, at.Add(time.Hour)); got.ID != future.ID {
			t.Errorf("claimed %d, want the future job %d", got.ID, future.ID)
		}
		claimNone(t, db, at.Add(time.Hour))

		jobs, err := db.JobsFor(ctx, acme.ID, "transcribe", 8)
		must(t, err)
		if len(jobs) != 1 || jobs[0].State != domain.JobDone || jobs[0].Progress != "3 of 3" || jobs[0].Attempts != 2 {
			t.Errorf("JobsFor(8) = %+v", jobs)
		}
		second := enqueue(domain.Job{OrgID: acme.ID, Kind: "transcribe", RefID: 8})
		jobs, err = db.JobsFor(ctx, acme.ID, "transcribe", 8)
		must(t, err)
		if len(jobs) != 2 || jobs[0].ID != second.ID || jobs[1].ID != earlier.ID {
			t.Errorf("JobsFor(8) = %+v, want newest first", jobs)
		}
		jobs, err = db.JobsFor(ctx, globex.ID, "transcribe", 8)
		must(t, err)
		if len(jobs) != 0 {
			t.Errorf("globex sees acme's jobs: %+v", jobs)
		}

		wantErr(t, db.EnqueueJob(ctx, &domain.Job{OrgID: acme.ID}), domain.ErrInvalid)
		wantErr(t, db.EnqueueJob(ctx, &domain.Job{OrgID: acme.ID, Kind: "x", State: "lost"}), domain.ErrInvalid)
		wantErr(t, db.EnqueueJob(ctx, &domain.Job{OrgID: 424242, Kind: "x"}), domain.ErrNotFound)
		_, _, err = db.ClaimJob(ctx, at, 0)
		wantErr(t, err, domain.ErrInvalid)
		bad := second
		bad.State = "lost"
		wantErr(t, db.UpdateJob(ctx, bad), domain.ErrInvalid)
		bad.State, bad.OrgID = domain.JobDone, globex.ID
		wantErr(t, db.UpdateJob(ctx, bad), domain.ErrNotFound)
	})
}

// TestClaimJobConcurrently claims from four goroutines on two handles on
// one database: every job is claimed exactly once.
func TestClaimJobConcurrently(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		dbs := []*store.DB{openMigrated(t, dsn), openMigrated(t, dsn)}
		acme := newOrg(t, dbs[0], "acme")
		const n = 200
		for i := range n {
			must(t, dbs[0].EnqueueJob(ctx, &domain.Job{OrgID: acme.ID, Kind: "k", RefID: int64(i), RunAfter: t0}))
		}
		var (
			mu     sync.Mutex
			counts = map[int64]int{}
			wg     sync.WaitGroup
		)
		for g := range 4 {
			db := dbs[g%2]
			wg.Go(func() {
				for {
					j, ok, err := db.ClaimJob(ctx, t0.Add(time.Minute), lease)
					if err != nil {
						t.Error(err)
						return
					}
					if !ok {
						return
					}
					mu.Lock()
					counts[j.ID]++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(counts) != n {
			t.Errorf("claimed %d distinct jobs, want %d", len(counts), n)
		}
		for id, c := range counts {
			if c != 1 {
				t.Errorf("job %d claimed %d times", id, c)
			}
		}
	})
}

// TestClaimJobSkipsLocked checks on PostgreSQL that a claim passes over a
// job another transaction holds instead of waiting for it.
func TestClaimJobSkipsLocked(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresURL(t)
	db := openMigrated(t, dsn)
	acme := newOrg(t, db, "acme")
	first := domain.Job{OrgID: acme.ID, Kind: "k", RunAfter: t0}
	second := domain.Job{OrgID: acme.ID, Kind: "k", RunAfter: t0.Add(time.Second)}
	must(t, db.EnqueueJob(ctx, &first))
	must(t, db.EnqueueJob(ctx, &second))

	raw := rawDB(t, dsn)
	tx, err := raw.BeginTx(ctx, nil)
	must(t, err)
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, "SELECT id FROM jobs WHERE id = $1 FOR UPDATE", first.ID)
	must(t, err)

	claimCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	j, ok, err := db.ClaimJob(claimCtx, t0.Add(time.Minute), lease)
	must(t, err)
	if !ok || j.ID != second.ID {
		t.Errorf("claimed %+v (ok %v), want the unlocked job %d", j, ok, second.ID)
	}
}

// openMigrated opens the database at dsn, migrates it and closes it when
// the test ends.
func openMigrated(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.OpenForMigrate(context.Background(), dsn)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Migrate(context.Background())
	must(t, err)
	return db
}
