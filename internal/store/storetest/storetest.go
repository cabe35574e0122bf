// Package storetest gives tests real databases: a migrated SQLite file in
// the test's temporary directory, and a fresh database on a throwaway
// PostgreSQL cluster that is started once per test binary.
//
// The PostgreSQL server dies with the test binary (it is started with
// Pdeathsig). Its directory under /tmp is removed by Cleanup; call it from
// TestMain:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		storetest.Cleanup()
//		os.Exit(code)
//	}
//
// Without it, a later run removes directories left behind by runs whose
// server is gone. Set HUDDLE_TEST_POSTGRES_URL to use an existing server
// instead (each test gets a database created on it and dropped after), and
// HUDDLE_TEST_REQUIRE_POSTGRES=1 to fail rather than skip when no
// PostgreSQL is available.
package storetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"huddle/internal/store"
)

// SQLite returns a migrated SQLite database in tb.TempDir(), closed when the
// test ends.
func SQLite(tb testing.TB) *store.DB {
	tb.Helper()
	return open(tb, "sqlite:"+filepath.Join(tb.TempDir(), "huddle.db"))
}

// SQLiteDSN returns the DSN of a new, empty SQLite database in tb.TempDir().
func SQLiteDSN(tb testing.TB) string {
	tb.Helper()
	return "sqlite:" + filepath.Join(tb.TempDir(), "huddle.db")
}

// Postgres returns a migrated database of its own on the shared test
// cluster, closed and dropped when the test ends. It skips the test (or
// fails it, under HUDDLE_TEST_REQUIRE_POSTGRES=1) when PostgreSQL is not
// available.
func Postgres(tb testing.TB) *store.DB {
	tb.Helper()
	return open(tb, PostgresURL(tb))
}

// Engines runs fn as the subtests "sqlite" and "postgres", each with a
// fresh migrated database.
func Engines(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EnginesDSN runs fn as the subtests "sqlite" and "postgres", each with the
// DSN of a new, empty (not migrated) database: for tests of migration and of
// `huddle migrate`.
func EnginesDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLiteDSN(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresURL(t)) })
}

// open opens and migrates the database at dsn and closes it at cleanup.
func open(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	db, err := store.OpenForMigrate(ctx, dsn)
	if err != nil {
		tb.Fatalf("storetest: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("storetest: migrate: %v", err)
	}
	return db
}
