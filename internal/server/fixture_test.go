package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Cleanup()
	os.Exit(code)
}

// cheapHashes keeps argon2id fast in tests.
var cheapHashes = &auth.Params{Memory: 64, Time: 1, Threads: 1}

// member is one person of the fixture with their credentials.
type member struct {
	Person   domain.Person
	Org      domain.Org
	Password string
	Cookie   string // a live session secret
	Token    string // an API token secret
	TokenID  int64
}

// fixture is a running Huddle with two organisations:
//
//	org A "Alpha Inc": adminA, managerA, coachA, rep1A, rep2A; teams "Alpha Sales"
//	(managed by managerA, with coachA, rep1A, rep2A) and "Alpha Partners" (empty)
//	org B "Bravo Corp": adminB, repB; team "Bravo Secret Squad"
//
// Everyone has a password, a session cookie and an API token.
type fixture struct {
	db      *store.DB
	svc     *service.Service
	srv     *httptest.Server
	orgA    domain.Org
	orgB    domain.Org
	teamA   domain.Team // Alpha Sales
	teamA2  domain.Team // Alpha Partners
	teamB   domain.Team // Bravo Secret Squad
	members map[string]*member
	// extra holds further credentials by name: extra sessions and tokens
	// that scenarios consume (sign out, revoke).
	extra map[string]string
}

// newFixture builds the two organisations on db and serves Huddle over them.
func newFixture(t testing.TB, db *store.DB, opts server.Options) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, members: map[string]*member{}, extra: map[string]string{}}
	f.svc = service.New(db, service.Options{HashParams: cheapHashes})
	var err error
	if f.orgA, err = f.svc.CreateOrg(ctx, domain.Org{Slug: "alpha", Name: "Alpha Inc"}); err != nil {
		t.Fatalf("create org A: %v", err)
	}
	if f.orgB, err = f.svc.CreateOrg(ctx, domain.Org{Slug: "bravo", Name: "Bravo Corp"}); err != nil {
		t.Fatalf("create org B: %v", err)
	}
	sysA, sysB := service.SystemActor(f.orgA), service.SystemActor(f.orgB)

	add := func(key string, sys service.Actor, p domain.Person) *member {
		t.Helper()
		created, err := f.svc.CreatePerson(ctx, sys, p)
		if err != nil {
			t.Fatalf("create %s: %v", key, err)
		}
		m := &member{Person: created, Org: sys.Org, Password: "pw-" + key + "-long-enough"}
		f.members[key] = m
		return m
	}
	managerA := add("managerA", sysA, domain.Person{Name: "Maya Manager", Email: "maya@alpha.example",
		Roles: domain.Roles{domain.RoleManager}, TimeZone: "Europe/Berlin"})
	if f.teamA, err = f.svc.CreateTeam(ctx, sysA, domain.Team{Name: "Alpha Sales", Region: "EMEA", ManagerID: managerA.Person.ID}); err != nil {
		t.Fatalf("create team A: %v", err)
	}
	if f.teamA2, err = f.svc.CreateTeam(ctx, sysA, domain.Team{Name: "Alpha Partners", Region: "AMER"}); err != nil {
		t.Fatalf("create team A2: %v", err)
	}
	if f.teamB, err = f.svc.CreateTeam(ctx, sysB, domain.Team{Name: "Bravo Secret Squad", Region: "APAC"}); err != nil {
		t.Fatalf("create team B: %v", err)
	}
	managerA.Person, err = f.svc.UpdatePerson(ctx, sysA, managerA.Person.ID, domain.PersonPatch{TeamID: &f.teamA.ID})
	if err != nil {
		t.Fatalf("put manager in team: %v", err)
	}
	add("adminA", sysA, domain.Person{Name: "Ada Admin", Email: "ada@alpha.example", Roles: domain.Roles{domain.RoleAdmin}})
	add("coachA", sysA, domain.Person{Name: "Cole Coach", Email: "cole@alpha.example", Roles: domain.Roles{domain.RoleCoach, domain.RoleRep},
		TeamID: f.teamA.ID, ManagerID: managerA.Person.ID})
	add("rep1A", sysA, domain.Person{Name: "Rita Rep", Email: "rita@alpha.example", TeamID: f.teamA.ID,
		ManagerID: managerA.Person.ID, TimeZone: "America/New_York"})
	add("rep2A", sysA, domain.Person{Name: "Remy Rep", Email: "remy@alpha.example", TeamID: f.teamA.ID,
		ManagerID: managerA.Person.ID, TimeZone: "Europe/London"})
	adminB := add("adminB", sysB, domain.Person{Name: "Brunhilde Bravo", Email: "brunhilde@bravo.example", Roles: domain.Roles{domain.RoleAdmin}})
	add("repB", sysB, domain.Person{Name: "Bartholomew Bravo", Email: "bartholomew@bravo.example", TeamID: f.teamB.ID,
		ManagerID: adminB.Person.ID, TimeZone: "Asia/Tokyo"})

	for key, m := range f.members {
		sys := service.SystemActor(m.Org)
		if err := f.svc.SetPassword(ctx, sys, m.Person.ID, m.Password); err != nil {
			t.Fatalf("set password of %s: %v", key, err)
		}
		m.Cookie = f.signIn(t, key)
		actor := service.Actor{Org: m.Org, Person: m.Person}
		secret, tok, err := f.svc.CreateAPIToken(ctx, actor, "fixture token of "+key)
		if err != nil {
			t.Fatalf("create token of %s: %v", key, err)
		}
		m.Token, m.TokenID = secret, tok.ID
	}

	h, err := server.Handler(f.svc, opts)
	if err != nil {
		t.Fatalf("server.Handler: %v", err)
	}
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	return f
}

// signIn opens a new session for the member and returns its secret.
func (f *fixture) signIn(t testing.TB, key string) string {
	t.Helper()
	m := f.members[key]
	secret, _, err := f.svc.SignIn(context.Background(), m.Person.Email, m.Password, "192.0.2.1")
	if err != nil {
		t.Fatalf("sign in %s: %v", key, err)
	}
	return secret
}

// newToken creates a further API token for the member.
func (f *fixture) newToken(t testing.TB, key, name string) (string, int64) {
	t.Helper()
	m := f.members[key]
	secret, tok, err := f.svc.CreateAPIToken(context.Background(), service.Actor{Org: m.Org, Person: m.Person}, name)
	if err != nil {
		t.Fatalf("create token %s of %s: %v", name, key, err)
	}
	return secret, tok.ID
}

// pools adapts the store's pool figures for server.Options.
func pools(db *store.DB) func() map[string]server.PoolStat {
	return func() map[string]server.PoolStat {
		out := map[string]server.PoolStat{}
		for name, s := range db.PoolStats() {
			out[name] = server.PoolStat{Open: s.OpenConnections, InUse: s.InUse, Idle: s.Idle, MaxOpen: s.MaxOpenConnections,
				WaitCount: s.WaitCount, WaitDuration: s.WaitDuration}
		}
		return out
	}
}

// response is a finished request with its body read.
type response struct {
	*http.Response
	body string
}

// send runs req against the fixture's server. It uses the transport
// directly: redirects are not followed and a Location header is returned
// as sent, even one a client would refuse to parse.
func (f *fixture) send(t testing.TB, req *http.Request) response {
	t.Helper()
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return response{Response: res, body: string(b)}
}

// get fetches path with an optional credential: "cookie:KEY" or "token:KEY",
// KEY a member or a "member/name" key of f.extra.
func (f *fixture) get(t testing.TB, who, path string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	f.authorise(t, req, who)
	return f.send(t, req)
}

// authorise adds the credential named by who to req.
func (f *fixture) authorise(t testing.TB, req *http.Request, who string) {
	t.Helper()
	if who == "" {
		return
	}
	kind, key, _ := strings.Cut(who, ":")
	var secret string
	if m, ok := f.members[key]; ok {
		secret = map[string]string{"cookie": m.Cookie, "token": m.Token}[kind]
	} else {
		secret = f.extra[key] // "member/name": a further session or token
	}
	if secret == "" {
		t.Fatalf("fixture: unknown credential %q", who)
	}
	switch kind {
	case "cookie":
		req.AddCookie(&http.Cookie{Name: "huddle_session", Value: secret})
	case "token":
		req.Header.Set("Authorization", "Bearer "+secret)
	default:
		t.Fatalf("fixture: unknown credential kind %q", who)
	}
}

var assetPattern = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// assetURLs returns the hashed static URLs a rendered page links to.
func (f *fixture) assetURLs(t testing.TB) map[string]string {
	t.Helper()
	res := f.get(t, "", "/signin")
	out := map[string]string{}
	for _, m := range assetPattern.FindAllStringSubmatch(res.body, -1) {
		switch {
		case strings.HasPrefix(m[1], "/static/app.") && strings.HasSuffix(m[1], ".css"):
			out["app.css"] = m[1]
		case strings.HasPrefix(m[1], "/static/htmx.min.") && strings.HasSuffix(m[1], ".js"):
			out["htmx.min.js"] = m[1]
		}
	}
	if len(out) != 2 {
		t.Fatalf("sign-in page links to assets %v, want app.css and htmx.min.js", out)
	}
	return out
}

// personCount is how many people the organisation has.
func (f *fixture) personCount(t testing.TB, org domain.Org) int {
	t.Helper()
	_, total, err := f.svc.People(context.Background(), service.SystemActor(org), domain.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return total
}

// addMember adds a person to a running fixture, with a password, a session
// and an API token, for tests that need more people than the base fixture
// (whose counts other scenarios rely on).
func (f *fixture) addMember(t testing.TB, key string, org domain.Org, p domain.Person) *member {
	t.Helper()
	ctx := context.Background()
	sys := service.SystemActor(org)
	created, err := f.svc.CreatePerson(ctx, sys, p)
	if err != nil {
		t.Fatalf("create %s: %v", key, err)
	}
	m := &member{Person: created, Org: org, Password: "pw-" + key + "-long-enough"}
	f.members[key] = m
	if err := f.svc.SetPassword(ctx, sys, created.ID, m.Password); err != nil {
		t.Fatalf("set password of %s: %v", key, err)
	}
	m.Cookie = f.signIn(t, key)
	if m.Token, m.TokenID = f.newToken(t, key, "fixture token of "+key); m.Token == "" {
		t.Fatalf("no token for %s", key)
	}
	return m
}
