package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestMigrateFresh(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		_, err := store.Open(ctx, dsn)
		wantErr(t, err, domain.ErrSchemaOutdated)
		if !strings.Contains(err.Error(), "huddle migrate") {
			t.Errorf("error does not say what to do: %v", err)
		}

		db, err := store.OpenForMigrate(ctx, dsn)
		must(t, err)
		defer db.Close()
		wantErr(t, db.Ping(ctx), domain.ErrSchemaOutdated)
		current, latest, err := db.SchemaVersion(ctx)
		must(t, err)
		if current != 0 || latest < 1 {
			t.Fatalf("fresh SchemaVersion = %d, %d", current, latest)
		}
		pending, err := db.Pending(ctx)
		must(t, err)
		applied, err := db.Migrate(ctx)
		must(t, err)
		if len(applied) != latest || len(pending) != latest || applied[0].Version != 1 || applied[0].Name != "foundation" {
			t.Errorf("applied %+v, pending was %+v, latest %d", applied, pending, latest)
		}
		if current, _, _ := db.SchemaVersion(ctx); current != latest {
			t.Errorf("after Migrate: version %d, want %d", current, latest)
		}
		applied, err = db.Migrate(ctx)
		must(t, err)
		if len(applied) != 0 {
			t.Errorf("second Migrate applied %+v", applied)
		}
		must(t, db.Ping(ctx))

		again, err := store.Open(ctx, dsn)
		must(t, err)
		defer again.Close()
		must(t, again.Ping(ctx))
	})
}

func TestMigrateConcurrently(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			total int
		)
		for range 3 {
			wg.Go(func() {
				db, err := store.OpenForMigrate(ctx, dsn)
				if err != nil {
					t.Error(err)
					return
				}
				defer db.Close()
				applied, err := db.Migrate(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				total += len(applied)
				mu.Unlock()
			})
		}
		wg.Wait()
		db, err := store.Open(ctx, dsn)
		must(t, err)
		defer db.Close()
		if _, latest, _ := db.SchemaVersion(ctx); total != latest {
			t.Errorf("applied %d migrations in all, want %d", total, latest)
		}
	})
}

func TestSchemaNewer(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := store.OpenForMigrate(ctx, dsn)
		must(t, err)
		_, err = db.Migrate(ctx)
		must(t, err)
		db.Close()

		raw := rawDB(t, dsn)
		_, err = raw.Exec("INSERT INTO schema_migrations (version, name, applied_at) " +
			"SELECT 999, 'future', applied_at FROM schema_migrations WHERE version = 1")
		must(t, err)

		_, err = store.Open(ctx, dsn)
		wantErr(t, err, store.ErrSchemaNewer)
		if errors.Is(err, domain.ErrSchemaOutdated) {
			t.Errorf("a newer schema must not ask for `huddle migrate`: %v", err)
		}
		db, err = store.OpenForMigrate(ctx, dsn)
		must(t, err)
		defer db.Close()
		_, err = db.Migrate(ctx)
		wantErr(t, err, store.ErrSchemaNewer)
	})
}

// rawDB opens the database behind a DSN directly, bypassing the store.
func rawDB(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, name := "pgx", dsn
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, name = "sqlite", path
	}
	db, err := sql.Open(driver, name)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
