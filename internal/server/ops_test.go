package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// opsScenarios covers health, readiness, metrics, the spec, static assets
// and unknown routes.
func opsScenarios(t *testing.T, f *fixture) []scenario {
	assets := f.assetURLs(t)
	htmlPage := func(t *testing.T, res response) {
		t.Helper()
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("Content-Type %q, want an HTML page", res.Header.Get("Content-Type"))
		}
	}
	return []scenario{
		{name: "healthz", method: "GET", path: "/healthz", status: 200, contains: []string{"ok"}},
		{name: "readyz on a current database", method: "GET", path: "/readyz", status: 200, contains: []string{"ready"}},
		{name: "metrics", method: "GET", path: "/metrics", status: 200, contains: []string{"huddle_http_requests_total", "huddle_db_connections_open"}},
		{name: "the OpenAPI description needs no token", method: "GET", path: "/api/v1/openapi.json", status: 200,
			contains: []string{`"openapi"`, `"paths"`}, check: func(t *testing.T, res response) {
				if ct := res.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q", ct)
				}
			}},
		{name: "the stylesheet under its hashed name", method: "GET", path: assets["app.css"], status: 200,
			check: func(t *testing.T, res response) {
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
					t.Errorf("Content-Type %q", ct)
				}
				if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
					t.Errorf("Cache-Control %q, want immutable", cc)
				}
			}},
		{name: "htmx under its hashed name", method: "GET", path: assets["htmx.min.js"], status: 200, contains: []string{"htmx"},
			check: func(t *testing.T, res response) {
				if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
					t.Errorf("Content-Type %q", ct)
				}
			}},
		{name: "a sane incoming request ID is kept", method: "GET", path: "/healthz", header: map[string]string{"X-Request-Id": "trace-42_A"},
			status: 200, check: func(t *testing.T, res response) {
				if got := res.Header.Get("X-Request-Id"); got != "trace-42_A" {
					t.Errorf("X-Request-Id %q, want trace-42_A", got)
				}
			}},
		{name: "a hostile incoming request ID is replaced", method: "GET", path: "/healthz",
			header: map[string]string{"X-Request-Id": `"><script>x</script>`}, status: 200, check: func(t *testing.T, res response) {
				if got := res.Header.Get("X-Request-Id"); strings.ContainsAny(got, `<>"`) || got == "" {
					t.Errorf("X-Request-Id %q", got)
				}
			}},
		{name: "a static file under a stale hash is 404", method: "GET", path: "/static/app.00000000.css", status: 404},
		{name: "the unhashed static name is 404", method: "GET", path: "/static/app.css", status: 404},
		{name: "an unknown page is an HTML 404", who: "cookie:rep1A", method: "GET", path: "/no-such-page", status: 404,
			contains: []string{"Not Found"}, check: htmlPage},
		{name: "an unknown page is an HTML 404 for anonymous visitors", method: "GET", path: "/no/such/page", status: 404,
			contains: []string{"Not Found"}, check: htmlPage},
	}
}

var routeLabel = regexp.MustCompile(`huddle_http_requests_total\{[^}]*route="([^"]*)"`)

// checkMetrics reads /metrics after the scenarios: requests are counted by
// route pattern, never by raw path, and the pools are reported.
func checkMetrics(t *testing.T, f *fixture) {
	res := f.get(t, "", "/metrics")
	for _, want := range []string{`route="GET /people/{id}"`, `route="PATCH /api/v1/people/{id}"`, `status="403"`,
		"huddle_http_request_duration_seconds_bucket", "huddle_db_connections_open{pool="} {
		if !strings.Contains(res.body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, m := range routeLabel.FindAllStringSubmatch(res.body, -1) {
		if regexp.MustCompile(`/[0-9]+`).MatchString(m[1]) {
			t.Errorf("route label %q carries a raw path", m[1])
		}
	}
}

// checkRoutesCovered requires that every route registered by the web, API
// and server packages was matched by at least one scenario, as counted in
// /metrics.
func checkRoutesCovered(t *testing.T, f *fixture) {
	hit := map[string]bool{}
	for _, m := range routeLabel.FindAllStringSubmatch(f.get(t, "", "/metrics").body, -1) {
		hit[m[1]] = true
	}
	var want []string
	for _, file := range []string{"../web/routes.go", "server.go"} {
		want = append(want, sourceMatches(t, file, `mux\.Handle(?:Func)?\("([^"]+)",`)...)
	}
	for _, p := range sourceMatches(t, "../web/soon.go", `Path: "(/[^"]+)"`) {
		want = append(want, "GET "+p)
	}
	table := regexp.MustCompile(`\{http\.Method(\w+), "([^"]+)"`)
	src := readSource(t, "../api/routes.go")
	for _, m := range table.FindAllStringSubmatch(src, -1) {
		want = append(want, strings.ToUpper(m[1])+" /api/v1"+m[2])
	}
	want = append(want, "GET /api/v1/openapi.json", "/api/v1/")
	if len(want) < 30 {
		t.Fatalf("found only %d routes in the sources: %v", len(want), want)
	}
	for _, r := range want {
		if !hit[r] {
			t.Errorf("no scenario exercises the route %q", r)
		}
	}
	t.Logf("%d routes covered", len(want))
}

func readSource(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sourceMatches(t *testing.T, path, pattern string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(readSource(t, path), -1) {
		out = append(out, m[1])
	}
	return out
}

// TestReadyzRefusesAnOutdatedSchema: a database that was never migrated is
// not ready, and the answer tells the operator what to run.
func TestReadyzRefusesAnOutdatedSchema(t *testing.T) {
	for _, engine := range []struct {
		name string
		dsn  func(testing.TB) string
	}{{"sqlite", storetest.SQLiteDSN}, {"postgres", storetest.PostgresURL}} {
		t.Run(engine.name, func(t *testing.T) {
			dsn := engine.dsn(t)
			db, err := store.OpenForMigrate(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			h, err := server.Handler(service.New(db, service.Options{HashParams: cheapHashes}), server.Options{})
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			t.Cleanup(srv.Close)
			f := &fixture{srv: srv}
			res := f.get(t, "", "/readyz")
			if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(res.body, "huddle migrate") {
				t.Errorf("readyz: %d %q, want 503 mentioning huddle migrate", res.StatusCode, res.body)
			}
			if strings.Contains(res.body, dsn) || strings.Contains(res.body, "version") {
				t.Errorf("readyz leaks details: %q", res.body)
			}
			if res := f.get(t, "", "/metrics"); strings.Contains(res.body, "huddle_db_connections_open") {
				t.Error("/metrics reports pools although none were given")
			}
			if res := f.get(t, "", "/healthz"); res.StatusCode != 200 {
				t.Errorf("healthz on an outdated database: %d, want 200 (the process is alive)", res.StatusCode)
			}
		})
	}
}

// TestSecureServerMarksCookiesSecure: behind HTTPS the session cookie, and
// the one that clears it, are Secure.
func TestSecureServerMarksCookiesSecure(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{Secure: true})
		rep := f.members["rep1A"]
		b, ct := form("email", rep.Person.Email, "password", rep.Password, "next", "/")
		res := f.run(t, scenario{method: "POST", path: "/signin", body: b, ctype: ct, status: http.StatusSeeOther})
		f.checkSessionCookie(t, res.res, true)
		res = f.run(t, scenario{who: "cookie:rep1A", method: "POST", path: "/signout", status: http.StatusSeeOther})
		for _, c := range res.res.Cookies() {
			if c.Name == "huddle_session" && (!c.Secure || !c.HttpOnly) {
				t.Errorf("sign-out cookie %q is not Secure and HttpOnly", res.res.Header.Get("Set-Cookie"))
			}
		}
	})
}
