package service_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
	"time"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Cleanup()
	os.Exit(code)
}

// clock is a settable clock for the service.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// world is a service over a real database with two organisations:
// org A with an admin, a manager and two reps in one team; org B with an
// admin and a rep in a team of its own. Everyone has a password.
type world struct {
	svc          *service.Service
	db           *store.DB
	clock        *clock
	orgA, orgB   domain.Org
	teamA, teamB domain.Team
	people       map[string]domain.Person
}

const password = "correct horse battery staple"

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: db, clock: &clock{now: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)}, people: map[string]domain.Person{}}
	w.svc = service.New(db, service.Options{Now: w.clock.Now, HashParams: &auth.Params{Memory: 64, Time: 1, Threads: 1}})
	w.orgA = must(w.svc.CreateOrg(ctx, domain.Org{Slug: "alpha", Name: "Alpha"}))(t)
	w.orgB = must(w.svc.CreateOrg(ctx, domain.Org{Slug: "bravo", Name: "Bravo"}))(t)
	sysA, sysB := service.SystemActor(w.orgA), service.SystemActor(w.orgB)
	w.teamA = must(w.svc.CreateTeam(ctx, sysA, domain.Team{Name: "Alpha Sales"}))(t)
	w.teamB = must(w.svc.CreateTeam(ctx, sysB, domain.Team{Name: "Bravo Sales"}))(t)
	add := func(key string, sys service.Actor, p domain.Person) {
		t.Helper()
		created := must(w.svc.CreatePerson(ctx, sys, p))(t)
		if err := w.svc.SetPassword(ctx, sys, created.ID, password); err != nil {
			t.Fatalf("set password of %s: %v", key, err)
		}
		w.people[key] = created
	}
	add("adminA", sysA, domain.Person{Name: "Ada", Email: "ada@alpha.example", Roles: domain.Roles{domain.RoleAdmin}})
	add("managerA", sysA, domain.Person{Name: "Maya", Email: "maya@alpha.example", Roles: domain.Roles{domain.RoleManager}, TeamID: w.teamA.ID})
	add("rep1A", sysA, domain.Person{Name: "Rita", Email: "rita@alpha.example", TeamID: w.teamA.ID, ManagerID: w.people["managerA"].ID})
	add("rep2A", sysA, domain.Person{Name: "Remy", Email: "remy@alpha.example", TeamID: w.teamA.ID, ManagerID: w.people["managerA"].ID})
	add("adminB", sysB, domain.Person{Name: "Bea", Email: "bea@bravo.example", Roles: domain.Roles{domain.RoleAdmin}})
	add("repB", sysB, domain.Person{Name: "Bob", Email: "bob@bravo.example", TeamID: w.teamB.ID})
	return w
}

// actor is the person as the service sees them after signing in.
func (w *world) actor(t *testing.T, key string) service.Actor {
	t.Helper()
	p := w.people[key]
	org := w.orgA
	if p.OrgID == w.orgB.ID {
		org = w.orgB
	}
	fresh, err := w.svc.Person(context.Background(), service.SystemActor(org), p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return service.Actor{Org: org, Person: fresh}
}

// must returns v or fails the test with err.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantErr fails unless err wraps target.
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want %v", err, target)
	}
}

// wantField fails unless err is invalid input about field.
func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) || !errors.Is(err, domain.ErrInvalid) || e.Field != field {
		t.Fatalf("got error %v, want invalid %s", err, field)
	}
}
