package server_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// scenario is one HTTP request against the fixture and what must come back.
type scenario struct {
	name   string
	who    string // "" (anonymous), "cookie:KEY" or "token:KEY"; KEY a member or "member/extra"
	method string
	path   string
	body   string // sent as is, with ctype
	ctype  string
	header map[string]string

	status   int
	contains []string // every one must be in the body
	excludes []string // none may be in the body
	location string   // the wanted Location header, when set

	// unchanged, when set, is read before and after the request and must
	// not differ: the request changed nothing.
	unchanged func(t testing.TB) string
	// check runs extra assertions on the response.
	check func(t *testing.T, res response)
}

// form returns a url-encoded body and its content type.
func form(kv ...string) (string, string) {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v.Encode(), "application/x-www-form-urlencoded"
}

// upload returns a multipart body with one file and its content type.
func upload(field, filename, content string) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, _ := w.CreateFormFile(field, filename)
	_, _ = fw.Write([]byte(content))
	_ = w.Close()
	return b.String(), w.FormDataContentType()
}

const jsonType = "application/json"

// exchange is what one scenario sent and got, for the privacy checks.
type exchange struct {
	name  string
	org   string // the organisation slug of the actor; "" when anonymous
	res   response
	extra string // response headers worth scanning (Location, Set-Cookie)
}

// run sends one scenario and checks it, including the checks that hold for
// every response.
func (f *fixture) run(t *testing.T, c scenario) exchange {
	t.Helper()
	var before string
	if c.unchanged != nil {
		before = c.unchanged(t)
	}
	req, err := http.NewRequest(c.method, f.srv.URL+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	if c.ctype != "" {
		req.Header.Set("Content-Type", c.ctype)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	f.authorise(t, req, c.who)
	res := f.send(t, req)
	ex := exchange{name: c.name, org: f.orgOf(c.who), res: res,
		extra: res.Header.Get("Location") + "\n" + strings.Join(res.Header.Values("Set-Cookie"), "\n")}

	if res.StatusCode != c.status {
		t.Errorf("%s %s as %q: status %d, want %d; body:\n%s", c.method, c.path, c.who, res.StatusCode, c.status, clip(res.body))
	}
	for _, s := range c.contains {
		if !strings.Contains(res.body, s) {
			t.Errorf("body lacks %q; body:\n%s", s, clip(res.body))
		}
	}
	for _, s := range c.excludes {
		if strings.Contains(res.body, s) {
			t.Errorf("body contains %q; body:\n%s", s, clip(res.body))
		}
	}
	if c.location != "" && res.Header.Get("Location") != c.location {
		t.Errorf("Location %q, want %q", res.Header.Get("Location"), c.location)
	}
	checkEveryResponse(t, res)
	if c.unchanged != nil {
		if after := c.unchanged(t); after != before {
			t.Errorf("the request changed state:\nbefore: %s\nafter:  %s", before, after)
		}
	}
	if c.check != nil {
		c.check(t, res)
	}
	return ex
}

// orgOf is the organisation slug of a credential's owner.
func (f *fixture) orgOf(who string) string {
	if who == "" {
		return ""
	}
	_, key, _ := strings.Cut(who, ":")
	owner, _, _ := strings.Cut(key, "/")
	return f.members[owner].Org.Slug
}

var (
	scriptTag    = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	eventHandler = regexp.MustCompile(`(?i)<[^>]+\son[a-z]+\s*=`)
	// leakMarkers must never reach a user: stack traces, SQL, driver
	// names, source paths.
	leakMarkers = []string{"goroutine ", "panic:", ".go:", "/internal/", "SELECT ", "INSERT ", "UPDATE people",
		"sql:", "sqlite", "SQLSTATE", "pq:", "pgx", "database/sql"}
)

// checkEveryResponse fails the test for every responseProblem.
func checkEveryResponse(t *testing.T, res response) {
	t.Helper()
	for _, p := range responseProblems(res) {
		t.Error(p)
	}
}

// responseProblems lists what is wrong with a response by the rules that
// hold for every response: a request ID; for HTML a strict CSP and no
// inline script; for errors no internals.
func responseProblems(res response) []string {
	var out []string
	if res.Header.Get("X-Request-Id") == "" {
		out = append(out, "no X-Request-Id header")
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		out = append(out, "no X-Content-Type-Options: nosniff")
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		csp := res.Header.Get("Content-Security-Policy")
		script := cspDirective(csp, "script-src")
		if script == "" {
			script = cspDirective(csp, "default-src")
		}
		if script == "" || strings.Contains(script, "'unsafe-inline'") || strings.Contains(script, "'unsafe-eval'") {
			out = append(out, fmt.Sprintf("Content-Security-Policy %q allows inline script (or is missing)", csp))
		}
		for _, tag := range scriptTag.FindAllString(res.body, -1) {
			if !strings.Contains(strings.ToLower(tag), " src=") {
				out = append(out, "inline script in page: "+tag)
			}
		}
		if m := eventHandler.FindString(res.body); m != "" {
			out = append(out, "inline event handler in page: "+m)
		}
	}
	if res.StatusCode >= 400 {
		for _, m := range leakMarkers {
			if strings.Contains(res.body, m) {
				out = append(out, fmt.Sprintf("error response (%d) contains %q:\n%s", res.StatusCode, m, clip(res.body)))
			}
		}
	}
	return out
}

func TestResponseChecksCatchProblems(t *testing.T) {
	good := func() response {
		h := http.Header{}
		h.Set("X-Request-Id", "abc")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'")
		return response{Response: &http.Response{StatusCode: 200, Header: h}, body: `<script src="/static/x.js" defer></script>`}
	}
	if p := responseProblems(good()); len(p) != 0 {
		t.Fatalf("a good response has problems: %v", p)
	}
	for name, spoil := range map[string]func(r *response){
		"no request ID":     func(r *response) { r.Header.Del("X-Request-Id") },
		"no CSP":            func(r *response) { r.Header.Del("Content-Security-Policy") },
		"unsafe-inline":     func(r *response) { r.Header.Set("Content-Security-Policy", "script-src 'self' 'unsafe-inline'") },
		"inline script":     func(r *response) { r.body += "<SCRIPT>alert(1)</SCRIPT>" },
		"event handler":     func(r *response) { r.body += `<img src=x onerror="alert(1)">` },
		"SQL in an error":   func(r *response) { r.StatusCode, r.body = 500, "sql: no rows in result set" },
		"stack in an error": func(r *response) { r.StatusCode, r.body = 500, "goroutine 1 [running]:" },
	} {
		r := good()
		spoil(&r)
		if len(responseProblems(r)) == 0 {
			t.Errorf("%s: not caught", name)
		}
	}
}

func cspDirective(csp, name string) string {
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		if d == name || strings.HasPrefix(d, name+" ") {
			return d
		}
	}
	return ""
}

func clip(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// TestScenarios runs every scenario, in order, against one fixture per
// engine, then checks what the whole run implies: metrics by route
// pattern, every route exercised, no data crossing organisations.
func TestScenarios(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{Pools: pools(db)})
		cases := append(webScenarios(t, f), apiScenarios(t, f)...)
		cases = append(cases, opsScenarios(t, f)...)
		cases = append(cases, pairingScenarios(t, f)...)
		cases = append(cases, callScenarios(t, f)...)
		cases = append(cases, feedbackScenarios(t, f)...)
		cases = append(cases, feedbackSubjectScenarios(t, f)...)
		cases = append(cases, feedbackRemarkScenarios(t, f)...)
		cases = append(cases, exampleScenarios(t, f)...)
		cases = append(cases, ritualScenarios(t, f)...)
		cases = append(cases, ritualSpecificsScenarios(t, f)...)
		cases = append(cases, profileScenarios(t, f)...)
		var log []exchange
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) { log = append(log, f.run(t, c)) })
		}
		t.Logf("%d scenarios", len(cases))
		t.Run("metrics count requests by route pattern", func(t *testing.T) { checkMetrics(t, f) })
		t.Run("every registered route is exercised", func(t *testing.T) { checkRoutesCovered(t, f) })
		t.Run("org B data never reaches org A and back", func(t *testing.T) { checkNoCrossTenantData(t, f, log) })
	})
}

// --- state probes for "nothing changed" ---

// personState renders a person as stored, for before/after comparisons.
func (f *fixture) personState(key string) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		m := f.members[key]
		p, err := f.svc.Person(context.Background(), service.SystemActor(m.Org), m.Person.ID)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%+v", p)
	}
}

// orgState counts the people and teams of an organisation.
func (f *fixture) orgState(org domain.Org) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		teams, err := f.svc.Teams(context.Background(), service.SystemActor(org))
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("people=%d teams=%d", f.personCount(t, org), len(teams))
	}
}

// tokenState lists a member's token IDs.
func (f *fixture) tokenState(key string) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		m := f.members[key]
		list, err := f.svc.APITokens(context.Background(), service.Actor{Org: m.Org, Person: m.Person})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(list))
		for i, tok := range list {
			ids[i] = fmt.Sprint(tok.ID)
		}
		return strings.Join(ids, ",")
	}
}

// wantStatus fails unless a follow-up request gets the status.
func (f *fixture) wantStatus(t *testing.T, who, path string, status int) response {
	t.Helper()
	res := f.get(t, who, path)
	if res.StatusCode != status {
		t.Errorf("follow-up GET %s as %q: status %d, want %d:\n%s", path, who, res.StatusCode, status, clip(res.body))
	}
	return res
}

func (f *fixture) id(key string) int64 { return f.members[key].Person.ID }
