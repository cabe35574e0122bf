// Package archtest keeps Huddle's dependency arrows pointing one way:
// cmd → cli → {web, api, jobs} → service → domain ← store, with the
// engines (analysis, transcript, pairing, roster, auth, schedule, ical) knowing nothing of
// HTTP, SQL or the rest of Huddle.
package archtest

import (
	"errors"
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

const module = "huddle"

// pkgs maps each import path of the module to its direct, non-test imports.
type pkgs map[string][]string

// loadPackages reads the imports of every package in the module with
// go/build, so build constraints are honoured and no tool is run.
func loadPackages(t *testing.T) pkgs {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(root, "go.mod")); err != nil || !strings.HasPrefix(string(b), "module "+module+"\n") {
		t.Fatalf("%s is not the root of module %s (%v)", root, module, err)
	}
	out := pkgs{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "vendor") {
			return filepath.SkipDir
		}
		p, err := build.Default.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			t.Errorf("read package in %s: %v", path, err)
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		ip := module
		if rel != "." {
			ip += "/" + filepath.ToSlash(rel)
		}
		out[ip] = p.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, must := range []string{"domain", "service", "store", "web", "api", "server"} {
		if _, ok := out[module+"/internal/"+must]; !ok {
			t.Fatalf("package internal/%s not found; found %v", must, keys(out))
		}
	}
	return out
}

// closure returns every import reachable from pkg through the module's own
// packages: its direct imports and, for each module package among them,
// theirs. Imports of third-party packages are not followed.
func (ps pkgs) closure(pkg string) map[string]string {
	via := map[string]string{} // import → the module package that imports it
	var visit func(p string)
	visit = func(p string) {
		for _, imp := range ps[p] {
			if _, seen := via[imp]; seen {
				continue
			}
			via[imp] = p
			if _, ours := ps[imp]; ours {
				visit(imp)
			}
		}
	}
	visit(pkg)
	return via
}

// isStd reports whether an import path is in the standard library: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != module
}

// within reports whether pkg is dir or below it.
func within(pkg, dir string) bool {
	return pkg == dir || strings.HasPrefix(pkg, dir+"/")
}

// rule forbids the packages at or under pkg to reach any import for which
// forbidden is true.
type rule struct {
	name      string
	pkg       string // relative to the module, e.g. internal/store
	forbidden func(imp string) bool
	// subpackages extends the rule to packages below pkg (except test
	// helpers such as store/storetest).
	subpackages bool
}

func internalPkg(rel string) string { return module + "/internal/" + rel }

func anyOf(paths ...string) func(string) bool {
	return func(imp string) bool {
		for _, p := range paths {
			if within(imp, p) {
				return true
			}
		}
		return false
	}
}

var (
	httpOrSQL = anyOf("net/http", "database/sql")
	engines   = []string{"analysis", "transcript", "pairing", "roster", "auth", "schedule", "ical", "markdown", "skillprofile"}
)

func rules() []rule {
	rs := []rule{
		{name: "domain imports only the standard library", pkg: internalPkg("domain"),
			forbidden: func(imp string) bool { return !isStd(imp) }},
		{name: "store knows nothing of HTTP or the layers above it", pkg: internalPkg("store"),
			forbidden: anyOf("net/http", internalPkg("service"), internalPkg("web"), internalPkg("api"), internalPkg("server"),
				internalPkg("httpx"), internalPkg("cli"))},
		{name: "service knows nothing of HTTP, SQL or the store", pkg: internalPkg("service"),
			forbidden: anyOf("net/http", "database/sql", internalPkg("web"), internalPkg("api"), internalPkg("store"),
				internalPkg("server"), internalPkg("httpx"), internalPkg("cli"))},
		{name: "web does not import api, the store or SQL", pkg: internalPkg("web"),
			forbidden: anyOf(internalPkg("api"), internalPkg("store"), "database/sql", internalPkg("server"), internalPkg("cli"))},
		{name: "api does not import web, the store or SQL", pkg: internalPkg("api"),
			forbidden: anyOf(internalPkg("web"), internalPkg("store"), "database/sql", internalPkg("server"), internalPkg("cli"))},
	}
	for _, e := range engines {
		self := internalPkg(e)
		allowed := []string{internalPkg("domain"), self}
		if e == "analysis" {
			allowed = append(allowed, internalPkg("transcript"))
		}
		rs = append(rs, rule{name: e + " is an engine: no HTTP, no SQL, none of Huddle but domain", pkg: self, subpackages: true,
			forbidden: func(imp string) bool {
				if httpOrSQL(imp) {
					return true
				}
				return within(imp, module+"/internal") && !slices.ContainsFunc(allowed, func(a string) bool { return within(imp, a) })
			}})
	}
	return rs
}

// TestDependencyDirection checks every rule against the module's imports,
// following imports through the module's own packages so that a forbidden
// import cannot hide behind a helper package.
func TestDependencyDirection(t *testing.T) {
	ps := loadPackages(t)
	for _, r := range rules() {
		t.Run(r.name, func(t *testing.T) {
			checked := 0
			for pkg := range ps {
				if pkg != r.pkg && !(r.subpackages && within(pkg, r.pkg)) {
					continue
				}
				checked++
				via := ps.closure(pkg)
				for _, imp := range sortedKeys(via) {
					if r.forbidden(imp) {
						t.Errorf("%s imports %s (via %s)", pkg, imp, via[imp])
					}
				}
			}
			if checked == 0 {
				t.Errorf("no package %s", r.pkg)
			}
		})
	}
}

// TestRulesCatchViolations makes sure the checks can fail: a made-up
// module where every rule is broken, directly or through a helper.
func TestRulesCatchViolations(t *testing.T) {
	ps := pkgs{
		internalPkg("domain"):     {"fmt", "github.com/x/y"},
		internalPkg("store"):      {internalPkg("helper")},
		internalPkg("helper"):     {"net/http"},
		internalPkg("service"):    {"database/sql"},
		internalPkg("web"):        {internalPkg("api")},
		internalPkg("api"):        {internalPkg("store")},
		internalPkg("analysis"):   {internalPkg("transcript"), internalPkg("service")},
		internalPkg("transcript"): {"net/http"},
		internalPkg("pairing"):    {},
		internalPkg("pairing/x"):  {"database/sql"},
		internalPkg("roster"):     {internalPkg("domain")},
		internalPkg("auth"):       {internalPkg("roster")},
		internalPkg("schedule"):   {internalPkg("service")},
		internalPkg("ical"):       {"database/sql"},
		internalPkg("markdown"):   {"net/http"},
	}
	ps[internalPkg("skillprofile")] = []string{internalPkg("store")}
	clean := map[string]bool{internalPkg("roster"): true}
	for _, r := range rules() {
		var broken bool
		for pkg := range ps {
			if pkg != r.pkg && !(r.subpackages && within(pkg, r.pkg)) {
				continue
			}
			for imp := range ps.closure(pkg) {
				broken = broken || r.forbidden(imp)
			}
		}
		if broken == clean[r.pkg] {
			t.Errorf("rule %q: broken = %v, want %v", r.name, broken, !clean[r.pkg])
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func keys(ps pkgs) []string { return sortedKeys(ps) }
