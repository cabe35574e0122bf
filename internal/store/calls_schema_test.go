package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/store/storetest"
)

// TestCallSchemaKeepsOrgsApart writes past the store, straight into the
// tables: the composite foreign keys refuse rows that point into another
// organisation, and comments on a snippet of another call.
func TestCallSchemaKeepsOrgsApart(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openMigrated(t, dsn)
		clock(db)
		acme, globex := newOrg(t, db, "acme"), newOrg(t, db, "globex")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		gina := newPerson(t, db, globex.ID, "Gina", "gina@globex.com")
		call := newCall(t, db, acme.ID, ana.ID, "Acme")
		other := newCall(t, db, acme.ID, ana.ID, "Other")
		sn := domain.Snippet{CallID: other.ID, OwnerID: ana.ID, Start: 0, End: 1}
		must(t, db.CreateSnippet(ctx, acme.ID, &sn))

		raw := rawWithForeignKeys(t, dsn)
		now := "'2026-03-02T09:30:00.000000Z'"
		for name, stmt := range map[string]string{
			"share with another org's person": fmt.Sprintf(
				"INSERT INTO call_shares (org_id, call_id, person_id) VALUES (%d, %d, %d)", acme.ID, call.ID, gina.ID),
			"share another org's call": fmt.Sprintf(
				"INSERT INTO call_shares (org_id, call_id, person_id) VALUES (%d, %d, %d)", globex.ID, call.ID, gina.ID),
			"call owned across orgs": fmt.Sprintf(`INSERT INTO calls (org_id, owner_id, title, occurred_at, status,
				created_at, updated_at) VALUES (%d, %d, 'x', %s, 'ready', %s, %s)`, acme.ID, gina.ID, now, now, now),
			"comment on another call's snippet": fmt.Sprintf(`INSERT INTO call_comments (org_id, call_id, snippet_id,
				author_id, at_seconds, body, created_at) VALUES (%d, %d, %d, %d, 0, 'x', %s)`, acme.ID, call.ID, sn.ID, ana.ID, now),
			"comment by another org's person": fmt.Sprintf(`INSERT INTO call_comments (org_id, call_id, author_id,
				at_seconds, body, created_at) VALUES (%d, %d, %d, 0, 'x', %s)`, acme.ID, call.ID, gina.ID, now),
			"snippet shared across orgs": fmt.Sprintf(
				"INSERT INTO snippet_shares (org_id, snippet_id, person_id) VALUES (%d, %d, %d)", acme.ID, sn.ID, gina.ID),
			"tracker on another org's call": fmt.Sprintf(
				"INSERT INTO call_trackers (org_id, call_id, name, seq) VALUES (%d, %d, 'x', 0)", globex.ID, call.ID),
		} {
			if _, err := raw.ExecContext(ctx, stmt); err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
				t.Errorf("%s: err = %v, want a foreign-key violation", name, err)
			}
		}
	})
}

// rawWithForeignKeys opens the database behind dsn directly, with foreign
// keys enforced on SQLite as the store's connections do.
func rawWithForeignKeys(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	path, ok := strings.CutPrefix(dsn, "sqlite:")
	if !ok {
		return rawDB(t, dsn)
	}
	db, err := sql.Open("sqlite", path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}
