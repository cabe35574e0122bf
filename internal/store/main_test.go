package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Cleanup()
	os.Exit(code)
}

// t0 is the clock the tests start at.
var t0 = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// newOrg creates an organisation with the given slug.
func newOrg(t *testing.T, db *store.DB, slug string) domain.Org {
	t.Helper()
	o := domain.Org{Slug: slug, Name: "Org " + slug}
	if err := db.CreateOrg(context.Background(), &o); err != nil {
		t.Fatalf("CreateOrg(%s): %v", slug, err)
	}
	return o
}

// newTeam creates a team in the organisation.
func newTeam(t *testing.T, db *store.DB, orgID int64, name string) domain.Team {
	t.Helper()
	team := domain.Team{Name: name, Region: "EMEA"}
	if err := db.CreateTeam(context.Background(), orgID, &team); err != nil {
		t.Fatalf("CreateTeam(%s): %v", name, err)
	}
	return team
}

// newPerson creates an active rep in the organisation; edit adjusts it first.
func newPerson(t *testing.T, db *store.DB, orgID int64, name, email string, edit ...func(*domain.Person)) domain.Person {
	t.Helper()
	p := domain.Person{Name: name, Email: email, Active: true}
	for _, f := range edit {
		f(&p)
	}
	if err := db.CreatePerson(context.Background(), orgID, &p); err != nil {
		t.Fatalf("CreatePerson(%s): %v", email, err)
	}
	return p
}

// wantErr fails unless err is (or wraps) target.
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("got error %v, want %v", err, target)
	}
}

// must fails on a non-nil error.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

// clock returns a settable clock starting at t0.
func clock(db *store.DB) *time.Time {
	now := t0
	db.SetClock(func() time.Time { return now })
	return &now
}

func emailN(i int) string { return fmt.Sprintf("person%03d@example.com", i) }
