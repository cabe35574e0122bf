// Package e2e runs Huddle end to end: it builds the real binary, starts
// `huddle demo` in a temporary directory and drives the pages in headless
// Chromium. It holds only test helpers; the tests live beside them.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Demo is a running `huddle demo`.
type Demo struct {
	URL, Email, Password string
	DataDir              string
	Binary               string
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// Build compiles cmd/huddle once per test binary and returns its path.
func Build(tb testing.TB) string {
	tb.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "huddle-e2e-bin")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "huddle")
		_, file, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(file), "..", "..")
		cmd := exec.Command("go", "build", "-o", binary, "./cmd/huddle")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		tb.Fatal(buildErr)
	}
	return binary
}

var runningLine = regexp.MustCompile(`^Huddle is running at (http://\S+) — sign in as (\S+) / (\S+)$`)

// StartDemo runs `huddle demo` on a free port in a fresh data directory and
// waits for the line that tells people where to sign in.
func StartDemo(tb testing.TB, extraEnv ...string) *Demo {
	tb.Helper()
	bin := Build(tb)
	d := &Demo{DataDir: tb.TempDir(), Binary: bin}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "demo", "--addr", "127.0.0.1:0", "--data-dir", d.DataDir)
	cmd.Env = append(os.Environ(), extraEnv...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // signals to the test's group stay there
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var logs strings.Builder
	cmd.Stderr = &syncWriter{w: &logs}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
		if tb.Failed() {
			tb.Logf("huddle demo log:\n%s", logs.String())
		}
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	select {
	case line := <-lines:
		m := runningLine.FindStringSubmatch(line)
		if m == nil {
			tb.Fatalf("huddle demo printed %q, want %q", line, runningLine)
		}
		d.URL, d.Email, d.Password = m[1], m[2], m[3]
	case <-time.After(90 * time.Second):
		tb.Fatalf("huddle demo did not start within 90 s; log:\n%s", logs.String())
	}
	return d
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// chromiumPath finds Debian's Chromium.
func chromiumPath() string {
	for _, p := range []string{os.Getenv("HUDDLE_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	return ""
}

// Browser starts headless Chromium and returns a context for chromedp
// actions. Without Chromium the test is skipped, unless
// HUDDLE_TEST_REQUIRE_BROWSER=1, when it fails.
func Browser(tb testing.TB) context.Context {
	tb.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("HUDDLE_TEST_REQUIRE_BROWSER") == "1" {
			tb.Fatal("Chromium not found at /usr/bin/chromium and HUDDLE_TEST_REQUIRE_BROWSER=1: apt-get install chromium")
		}
		tb.Skip("Chromium not found; install it (apt-get install chromium) or set HUDDLE_TEST_REQUIRE_BROWSER=1 to make this a failure")
	}
	profile, err := os.MkdirTemp("", "huddle-chromium")
	if err != nil {
		tb.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.UserDataDir(profile), chromedp.DisableGPU, chromedp.NoSandbox,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	tb.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		// Chromium's helpers take a moment to exit; retry the clean-up.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// SignIn signs in through the sign-in page.
func SignIn(ctx context.Context, baseURL, email, password string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/signin"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form[action="/signin"] button`)),
		chromedp.WaitVisible(chromedp.CSS(".me")),
	)
}

// Screenshot saves a PNG of the current page into $HUDDLE_SCREENSHOTS, when
// that is set, so a person can look at what the tests saw.
func Screenshot(tb testing.TB, ctx context.Context, name string) {
	tb.Helper()
	dir := os.Getenv("HUDDLE_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		tb.Logf("screenshot %s: %v", name, err)
	}
}
