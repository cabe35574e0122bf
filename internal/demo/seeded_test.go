package demo

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
)

// The tests that check what the demo shows read one seeded demo, made on
// first use and shared: seeding takes seconds (much longer under -race),
// and none of those tests changes it.
var shared struct {
	once sync.Once
	dir  string
	db   *store.DB
	svc  *service.Service
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.db != nil {
		shared.db.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// seededDemo returns the shared demo's service, its organisation and Ana.
func seededDemo(t *testing.T) (context.Context, *service.Service, domain.Org, domain.Person) {
	t.Helper()
	ctx := context.Background()
	shared.once.Do(func() { shared.err = seedShared(ctx) })
	if shared.err != nil {
		t.Fatalf("seed the demo: %v", shared.err)
	}
	org, err := shared.svc.OrgBySlug(ctx, OrgSlug)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := shared.svc.PersonByEmail(ctx, service.SystemActor(org), SignInEmail)
	if err != nil {
		t.Fatal(err)
	}
	return ctx, shared.svc, org, ana
}

func seedShared(ctx context.Context) error {
	dir, err := os.MkdirTemp("", "huddle-demo-test-")
	if err != nil {
		return err
	}
	shared.dir = dir
	if shared.db, err = store.OpenForMigrate(ctx, "sqlite:"+filepath.Join(dir, "huddle.db")); err != nil {
		return err
	}
	if _, err := shared.db.Migrate(ctx); err != nil {
		return err
	}
	shared.svc = service.New(shared.db, service.Options{HashParams: &auth.Params{Memory: 64, Time: 1, Threads: 1}})
	_, err = Seed(ctx, shared.svc, filepath.Join(dir, "data"), 1)
	return err
}
