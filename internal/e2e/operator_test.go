package e2e

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"huddle/internal/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.Cleanup()
	os.Exit(code)
}

const operatorRoster = "name,email,team,manager_email,roles,region,timezone,start_date,working_hours\n" +
	"Mina Park,mina@acme.example,West,,manager,Americas,America/Los_Angeles,2019-02-01,08:00-16:00\n" +
	"Olu Ade,olu@acme.example,West,mina@acme.example,rep,Americas,America/Denver,2025-09-15,09:00-17:00\n"

// TestOperatorSetsUpHuddleOnEachEngine is what an operator does on a new
// database, on SQLite and on PostgreSQL with the same binary: serve refuses
// an un-migrated schema, migrate brings it up (and is a no-op the second
// time), an organisation, an administrator and a roster are created from
// the command line, and the server then serves them.
func TestOperatorSetsUpHuddleOnEachEngine(t *testing.T) {
	bin := Build(t)
	engines := map[string]func(testing.TB) string{"sqlite": storetest.SQLiteDSN, "postgres": storetest.PostgresURL}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			env := []string{"HUDDLE_DATABASE_URL=" + engines[name](t), "HUDDLE_DATA_DIR=" + t.TempDir()}
			run := func(stdin string, args ...string) (string, int) {
				t.Helper()
				cmd := exec.Command(bin, args...)
				cmd.Env = append(os.Environ(), env...)
				cmd.Stdin = strings.NewReader(stdin)
				out, err := cmd.CombinedOutput()
				code := 0
				if exit, ok := err.(*exec.ExitError); ok {
					code = exit.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				return string(out), code
			}
			if out, code := run("", "serve", "--addr", "127.0.0.1:0"); code == 0 || !strings.Contains(out, "huddle migrate") {
				t.Fatalf("serve on an empty database: exit %d, %q; want a refusal naming `huddle migrate`", code, out)
			}
			if out, code := run("", "migrate"); code != 0 || !strings.Contains(out, "applied 0001") || !strings.Contains(out, name+" schema is at version") {
				t.Fatalf("migrate: exit %d\n%s", code, out)
			}
			if out, _ := run("", "migrate"); !strings.Contains(out, "(0 applied now)") {
				t.Fatalf("second migrate is not a no-op:\n%s", out)
			}
			mustRun := func(stdin string, args ...string) string {
				t.Helper()
				out, code := run(stdin, args...)
				if code != 0 {
					t.Fatalf("huddle %s: exit %d\n%s", strings.Join(args, " "), code, out)
				}
				return out
			}
			mustRun("", "org", "create", "--slug", "acme", "--name", "Acme Sales")
			mustRun("a long admin password\n", "user", "create", "--email", "ada@acme.example", "--name", "Ada Admin", "--roles", "admin", "--password-stdin")
			roster := filepath.Join(t.TempDir(), "people.csv")
			if err := os.WriteFile(roster, []byte(operatorRoster), 0o600); err != nil {
				t.Fatal(err)
			}
			if out := mustRun("", "import", "roster", roster); !strings.Contains(out, "2 new people") {
				t.Fatalf("import: %s", out)
			}
			if out := mustRun("", "import", "roster", roster); !strings.Contains(out, "0 new people, 0 updated, 2 unchanged") {
				t.Fatalf("re-import changed something: %s", out)
			}
			bad := filepath.Join(t.TempDir(), "bad.csv")
			_ = os.WriteFile(bad, []byte(operatorRoster+"Zed,zed@acme.example,West,nobody@acme.example,rep,Americas,Mars/Base,2025-13-01,9-5\n"), 0o600)
			if out, code := run("", "import", "roster", bad); code != 1 || !strings.Contains(out, "line 4: timezone:") || !strings.Contains(out, "nothing was changed") {
				t.Fatalf("bad roster: exit %d\n%s", code, out)
			}

			if out, code := run("short\n", "user", "reset-password", "--email", "ada@acme.example", "--password-stdin"); code != 1 || !strings.Contains(out, "at least 10 characters") {
				t.Fatalf("a too-short password: exit %d\n%s", code, out)
			}
			mustRun("a new admin passphrase\n", "user", "reset-password", "--email", "ada@acme.example", "--password-stdin")
			if out, code := run("", "user", "reset-password", "--email", "nobody@acme.example"); code != 1 || !strings.Contains(out, "not found") {
				t.Fatalf("reset for an unknown person: exit %d\n%s", code, out)
			}

			base := serve(t, bin, env)
			client := signedIn(t, base, "ada@acme.example", "a new admin passphrase")
			body := get(t, client, base+"/people")
			for _, want := range []string{"Mina Park", "Olu Ade", "Ada Admin", "of 3"} {
				if !strings.Contains(body, want) {
					t.Errorf("/people lacks %q", want)
				}
			}
			if strings.Contains(body, "Zed") {
				t.Error("a person from the rejected roster was stored")
			}
			if got := get(t, client, base+"/readyz"); !strings.Contains(got, "ready") {
				t.Errorf("/readyz: %q", got)
			}
		})
	}
}

var servingLine = regexp.MustCompile(`Huddle is running at (http://\S+)`)

// serve starts `huddle serve` on a free port and returns its URL.
func serve(t *testing.T, bin string, env []string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(60 * time.Second):
		t.Fatal("huddle serve did not start within 60 s")
	}
	return ""
}

func signedIn(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second}
	resp, err := c.PostForm(base+"/signin", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/" {
		t.Fatalf("sign-in as %s ended at %s", email, resp.Request.URL)
	}
	return c
}

func get(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	return string(b)
}
