package store_test

import (
	"context"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestAccounts(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme, beta := newOrg(t, db, "acme"), newOrg(t, db, "beta")
		a := newPerson(t, db, acme.ID, "Ana", "ana@example.com")
		b := newPerson(t, db, beta.ID, "Ana B", "ana@example.com", func(p *domain.Person) { p.Active = false })
		must(t, db.SetPasswordHash(ctx, acme.ID, a.ID, "$argon2id$v=19$hash"))
		wantErr(t, db.SetPasswordHash(ctx, acme.ID, 424242, "x"), domain.ErrNotFound)

		accounts, err := db.AccountsByEmail(ctx, " ANA@example.com")
		must(t, err)
		want := []domain.Account{
			{PersonID: a.ID, OrgID: acme.ID, Email: "ana@example.com", PasswordHash: "$argon2id$v=19$hash", Active: true},
			{PersonID: b.ID, OrgID: beta.ID, Email: "ana@example.com"},
		}
		if len(accounts) != 2 || accounts[0] != want[0] || accounts[1] != want[1] {
			t.Errorf("AccountsByEmail = %+v, want %+v", accounts, want)
		}
		accounts, err = db.AccountsByEmail(ctx, "nobody@example.com")
		must(t, err)
		if len(accounts) != 0 {
			t.Errorf("unknown e-mail: %+v", accounts)
		}
	})
}

func TestSessions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		bo := newPerson(t, db, acme.ID, "Bo", "bo@acme.com")
		s := domain.Session{TokenHash: "hash-1", OrgID: acme.ID, PersonID: ana.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		must(t, db.CreateSession(ctx, s))
		must(t, db.CreateSession(ctx, domain.Session{TokenHash: "hash-2", OrgID: acme.ID, PersonID: ana.ID, ExpiresAt: t0.Add(time.Hour)}))
		must(t, db.CreateSession(ctx, domain.Session{TokenHash: "hash-3", OrgID: acme.ID, PersonID: bo.ID, ExpiresAt: t0.Add(time.Hour)}))
		wantErr(t, db.CreateSession(ctx, s), domain.ErrConflict)
		wantErr(t, db.CreateSession(ctx, domain.Session{TokenHash: "x", OrgID: acme.ID, PersonID: 424242, ExpiresAt: t0}), domain.ErrNotFound)
		wantErr(t, db.CreateSession(ctx, domain.Session{OrgID: acme.ID, PersonID: ana.ID, ExpiresAt: t0}), domain.ErrInvalid)

		got, err := db.SessionByHash(ctx, "hash-1", t0.Add(59*time.Minute))
		must(t, err)
		if got != s {
			t.Errorf("SessionByHash = %+v, want %+v", got, s)
		}
		_, err = db.SessionByHash(ctx, "hash-1", t0.Add(time.Hour)) // expired
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.SessionByHash(ctx, "nope", t0)
		wantErr(t, err, domain.ErrNotFound)

		must(t, db.DeleteSession(ctx, "hash-1"))
		must(t, db.DeleteSession(ctx, "hash-1")) // twice is fine
		_, err = db.SessionByHash(ctx, "hash-1", t0)
		wantErr(t, err, domain.ErrNotFound)

		must(t, db.DeleteSessionsOf(ctx, acme.ID, ana.ID))
		_, err = db.SessionByHash(ctx, "hash-2", t0)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.SessionByHash(ctx, "hash-3", t0)
		must(t, err)

		n, err := db.DeleteExpiredSessions(ctx, t0.Add(2*time.Hour))
		must(t, err)
		if n != 1 {
			t.Errorf("DeleteExpiredSessions = %d, want 1", n)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		bo := newPerson(t, db, acme.ID, "Bo", "bo@acme.com")
		first := domain.APIToken{PersonID: ana.ID, Name: " CI ", Prefix: "hd_ab", Hash: "sha-1"}
		must(t, db.CreateAPIToken(ctx, acme.ID, &first))
		if first.ID == 0 || first.OrgID != acme.ID || first.Name != "CI" || !first.CreatedAt.Equal(t0) {
			t.Fatalf("created token = %+v", first)
		}
		second := domain.APIToken{PersonID: ana.ID, Name: "laptop", Prefix: "hd_cd", Hash: "sha-2", CreatedAt: t0.Add(time.Minute)}
		must(t, db.CreateAPIToken(ctx, acme.ID, &second))
		wantErr(t, db.CreateAPIToken(ctx, acme.ID, &domain.APIToken{PersonID: bo.ID, Name: "dup", Hash: "sha-1"}), domain.ErrConflict)
		wantErr(t, db.CreateAPIToken(ctx, acme.ID, &domain.APIToken{PersonID: bo.ID, Name: "", Hash: "sha-9"}), domain.ErrInvalid)

		tokens, err := db.APITokens(ctx, acme.ID, ana.ID)
		must(t, err)
		if len(tokens) != 2 || tokens[0] != second || tokens[1] != first {
			t.Errorf("APITokens = %+v", tokens)
		}
		got, err := db.APITokenByHash(ctx, "sha-1")
		must(t, err)
		if got != first || !got.LastUsedAt.IsZero() {
			t.Errorf("APITokenByHash = %+v, want %+v", got, first)
		}
		_, err = db.APITokenByHash(ctx, "sha-404")
		wantErr(t, err, domain.ErrNotFound)

		used := t0.Add(3 * time.Hour).Add(123456789 * time.Nanosecond)
		must(t, db.TouchAPIToken(ctx, acme.ID, first.ID, used))
		got, err = db.APITokenByHash(ctx, "sha-1")
		must(t, err)
		if !got.LastUsedAt.Equal(used.Truncate(time.Microsecond)) {
			t.Errorf("LastUsedAt = %v, want %v", got.LastUsedAt, used)
		}
		wantErr(t, db.TouchAPIToken(ctx, acme.ID, 424242, used), domain.ErrNotFound)

		// Only the owner can delete a token.
		wantErr(t, db.DeleteAPIToken(ctx, acme.ID, bo.ID, first.ID), domain.ErrNotFound)
		must(t, db.DeleteAPIToken(ctx, acme.ID, ana.ID, first.ID))
		wantErr(t, db.DeleteAPIToken(ctx, acme.ID, ana.ID, first.ID), domain.ErrNotFound)
		tokens, err = db.APITokens(ctx, acme.ID, ana.ID)
		must(t, err)
		if len(tokens) != 1 || tokens[0].ID != second.ID {
			t.Errorf("after delete: %+v", tokens)
		}
	})
}

func TestLoginFailures(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		window := 15 * time.Minute
		record := func(key string, at time.Time) int {
			t.Helper()
			n, err := db.RecordLoginFailure(ctx, key, at, at.Add(-window))
			must(t, err)
			return n
		}
		count := func(key string, now time.Time) int {
			t.Helper()
			n, err := db.LoginFailures(ctx, key, now.Add(-window))
			must(t, err)
			return n
		}
		for i := range 3 {
			if n := record("ip:10.0.0.1", t0.Add(time.Duration(i)*time.Minute)); n != i+1 {
				t.Errorf("failure %d: count %d", i+1, n)
			}
		}
		record("email:ana@acme.com", t0)
		if n := count("ip:10.0.0.1", t0.Add(3*time.Minute)); n != 3 {
			t.Errorf("LoginFailures = %d, want 3", n)
		}
		// The window slides: 16 minutes on, the first has dropped out.
		if n := count("ip:10.0.0.1", t0.Add(16*time.Minute)); n != 2 {
			t.Errorf("after 16 min = %d, want 2", n)
		}
		if n := record("ip:10.0.0.1", t0.Add(16*time.Minute)); n != 3 {
			t.Errorf("record after 16 min = %d, want 3", n)
		}
		// Another instance sharing the database sees the same counts.
		must(t, db.ClearLoginFailures(ctx, "ip:10.0.0.1"))
		if n := count("ip:10.0.0.1", t0.Add(16*time.Minute)); n != 0 {
			t.Errorf("after clear = %d", n)
		}
		if n := count("email:ana@acme.com", t0); n != 1 {
			t.Errorf("other key = %d, want 1", n)
		}
		// A day later, old rows of every key are pruned.
		record("ip:10.0.0.2", t0.Add(25*time.Hour))
		if n, err := db.LoginFailures(ctx, "email:ana@acme.com", t0.Add(-time.Hour)); err != nil || n != 0 {
			t.Errorf("old rows not pruned: %d, %v", n, err)
		}
	})
}
