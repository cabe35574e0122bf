package server_test

import (
	"net/http"
	"strings"
	"testing"

	"huddle/internal/server"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// checkNoCrossTenantData scans every response of a scenario run: nothing
// an actor of one organisation received names a person (by e-mail or name)
// or a team of the other.
func checkNoCrossTenantData(t *testing.T, f *fixture, log []exchange) {
	secrets := map[string][]string{} // org slug → what only that org may see
	for _, m := range f.members {
		secrets[m.Org.Slug] = append(secrets[m.Org.Slug], m.Person.Email, m.Person.Name)
	}
	secrets[f.orgB.Slug] = append(secrets[f.orgB.Slug], f.teamB.Name, f.orgB.Name)
	secrets[f.orgA.Slug] = append(secrets[f.orgA.Slug], f.teamA.Name, f.teamA2.Name, f.orgA.Name)
	other := map[string]string{f.orgA.Slug: f.orgB.Slug, f.orgB.Slug: f.orgA.Slug}
	if len(log) < 100 {
		t.Fatalf("only %d exchanges to scan", len(log))
	}
	for _, ex := range log {
		if ex.org == "" {
			continue
		}
		for _, s := range secrets[other[ex.org]] {
			if strings.Contains(ex.res.body, s) || strings.Contains(ex.extra, s) {
				t.Errorf("%q: an actor of %s received %q of %s", ex.name, ex.org, s, other[ex.org])
			}
		}
	}
}

// TestInternalErrorsShowNoInternals: with the database gone, pages and API
// answer 500 with a request ID and nothing about SQL, drivers or files;
// readiness says only that the database is unreachable.
func TestInternalErrorsShowNoInternals(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		db.Close()
		for _, c := range []struct{ who, path string }{
			{"cookie:rep1A", "/people"},
			{"cookie:adminA", "/admin"},
			{"token:rep1A", "/api/v1/people"},
			{"token:adminB", "/api/v1/me"},
		} {
			res := f.get(t, c.who, c.path)
			id := res.Header.Get("X-Request-Id")
			if res.StatusCode != http.StatusInternalServerError || id == "" || !strings.Contains(res.body, id) {
				t.Errorf("GET %s: %d, want 500 naming the request ID %q:\n%s", c.path, res.StatusCode, id, clip(res.body))
			}
			lower := strings.ToLower(res.body)
			for _, leak := range []string{"sql", "pq:", "pgx", "select ", "closed", ".go", "/tmp/", "huddle.db", "postgres"} {
				if strings.Contains(lower, leak) {
					t.Errorf("GET %s: the 500 contains %q:\n%s", c.path, leak, clip(res.body))
				}
			}
		}
		res := f.get(t, "", "/readyz")
		if res.StatusCode != http.StatusServiceUnavailable || strings.TrimSpace(res.body) != "not ready: database unreachable" {
			t.Errorf("readyz with the database closed: %d %q", res.StatusCode, res.body)
		}
	})
}
