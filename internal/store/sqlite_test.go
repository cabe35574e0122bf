package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestEngineInfo(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stats := db.PoolStats()
		switch db.Engine() {
		case store.EngineSQLite:
			if _, ok := stats["write"]; !ok || len(stats) != 2 || stats["write"].MaxOpenConnections != 1 {
				t.Errorf("sqlite PoolStats = %+v", stats)
			}
		case store.EnginePostgres:
			if _, ok := stats["main"]; !ok || len(stats) != 1 {
				t.Errorf("postgres PoolStats = %+v", stats)
			}
		default:
			t.Errorf("Engine = %q", db.Engine())
		}
		must(t, db.Ping(context.Background()))
	})
}

func TestSQLiteDSN(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, dsn := range []string{
		"sqlite:" + filepath.Join(dir, "a.db"),
		"sqlite://" + filepath.Join(dir, "b.db"),
		"file:" + filepath.Join(dir, "c.db"),
		filepath.Join(dir, "nested", "deeper", "d.db"),
	} {
		db, err := store.OpenForMigrate(ctx, dsn)
		if err != nil {
			t.Errorf("%s: %v", dsn, err)
			continue
		}
		if db.Engine() != store.EngineSQLite {
			t.Errorf("%s: engine %s", dsn, db.Engine())
		}
		db.Close()
	}
	if _, err := os.Stat(filepath.Join(dir, "nested", "deeper", "d.db")); err != nil {
		t.Error(err)
	}
	for _, dsn := range []string{"", "sqlite:", ":memory:", "file::memory:", filepath.Join(dir, "x.db?mode=ro")} {
		if db, err := store.OpenForMigrate(ctx, dsn); err == nil {
			db.Close()
			t.Errorf("%q: no error", dsn)
		}
	}
}

// TestSQLiteConcurrency runs readers against two writers — one through this
// DB's single writer connection, one through a second DB on the same file,
// as a second process would — and expects no SQLITE_BUSY.
func TestSQLiteConcurrency(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.SQLiteDSN(t)
	db, err := store.OpenForMigrate(ctx, dsn)
	must(t, err)
	defer db.Close()
	_, err = db.Migrate(ctx)
	must(t, err)
	other, err := store.Open(ctx, dsn)
	must(t, err)
	defer other.Close()
	acme := newOrg(t, db, "acme")

	const writes = 40
	var wg sync.WaitGroup
	done := make(chan struct{})
	for w, handle := range []*store.DB{db, db, other} {
		wg.Go(func() {
			for i := range writes {
				p := domain.Person{Name: fmt.Sprintf("W%d %d", w, i), Email: fmt.Sprintf("w%d-%d@acme.com", w, i), Active: true}
				if err := handle.CreatePerson(ctx, acme.ID, &p); err != nil {
					t.Errorf("writer %d: %v", w, err)
					return
				}
				if _, err := handle.UpdatePerson(ctx, acme.ID, p.ID, domain.PersonPatch{Region: ptr("EMEA")}); err != nil {
					t.Errorf("writer %d: update: %v", w, err)
					return
				}
			}
		})
	}
	var readers sync.WaitGroup
	for r := range 6 {
		handle := []*store.DB{db, other}[r%2]
		readers.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, _, err := handle.People(ctx, acme.ID, domain.PersonFilter{Query: "w"}); err != nil {
					t.Errorf("reader %d: %v", r, err)
					return
				}
				if _, err := handle.Teams(ctx, acme.ID); err != nil {
					t.Errorf("reader %d: %v", r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(done)
	readers.Wait()
	_, total, err := db.People(ctx, acme.ID, domain.PersonFilter{Region: "emea"})
	must(t, err)
	if total != 3*writes {
		t.Errorf("%d people written, want %d", total, 3*writes)
	}
}
