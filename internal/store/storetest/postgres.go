package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection
)

// Environment variables that change how PostgreSQL tests run.
const (
	EnvPostgresURL     = "HUDDLE_TEST_POSTGRES_URL"
	EnvRequirePostgres = "HUDDLE_TEST_REQUIRE_POSTGRES"
)

const clusterPrefix = "huddle-pg."

var errNoBinaries = errors.New("PostgreSQL binaries not found; set " + EnvRequirePostgres + "=1 to make this a failure")

// shared is the one PostgreSQL server of this test binary.
var shared struct {
	once    sync.Once
	err     error
	baseURL *url.URL // a database on the server that admin is connected to
	admin   *sql.DB
	dir     string        // the cluster directory, when we started the server
	server  *exec.Cmd     // the server, when we started it
	exited  chan struct{} // closed when the server has exited
	seq     atomic.Int64
}

// PostgresURL returns the URL of a new, empty database on the shared test
// server (not migrated), dropped when the test ends.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	shared.once.Do(startShared)
	switch {
	case errors.Is(shared.err, errNoBinaries) && os.Getenv(EnvRequirePostgres) != "1":
		tb.Skip(shared.err.Error())
	case shared.err != nil:
		tb.Fatalf("storetest: postgres: %v", shared.err)
	}
	name := fmt.Sprintf("huddle_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, shared.seq.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := shared.admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("storetest: postgres: create database: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := shared.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("storetest: postgres: drop database: %v", err)
		}
	})
	u := *shared.baseURL
	u.Path = "/" + name
	return u.String()
}

// Cleanup stops the PostgreSQL server this test binary started, if any,
// and removes its directory. Call it from TestMain after m.Run.
func Cleanup() {
	if shared.admin != nil {
		shared.admin.Close()
	}
	if shared.server != nil && shared.server.Process != nil {
		_ = shared.server.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-shared.exited:
		case <-time.After(10 * time.Second):
			_ = shared.server.Process.Kill()
			<-shared.exited
		}
	}
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
}

// startShared connects to HUDDLE_TEST_POSTGRES_URL or starts a server.
func startShared() {
	raw := os.Getenv(EnvPostgresURL)
	if raw == "" {
		raw, shared.err = startCluster()
		if shared.err != nil {
			return
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		shared.err = fmt.Errorf("%s: %w", EnvPostgresURL, err)
		return
	}
	shared.baseURL = u
	shared.admin, shared.err = sql.Open("pgx", raw)
	if shared.err == nil {
		shared.admin.SetMaxOpenConns(2)
		shared.err = waitReady(shared.admin, shared.exited)
	}
}

// startCluster initialises and starts a throwaway cluster listening on a
// unix socket in a short directory under /tmp, and returns its URL.
func startCluster() (string, error) {
	bin, err := findBinaries()
	if err != nil {
		return "", err
	}
	sweepStaleClusters()
	dir, err := os.MkdirTemp("/tmp", clusterPrefix)
	if err != nil {
		return "", err
	}
	shared.dir = dir
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if os.Geteuid() == 0 { // initdb refuses to run as root
		cred, err := postgresUser()
		if err != nil {
			return "", err
		}
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return "", err
		}
		attr.Credential = cred
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "LANG=C", "LC_ALL=C", "TZ=UTC", "HOME=" + dir}
	data := filepath.Join(dir, "data")

	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync")
	initdb.Dir, initdb.Env, initdb.SysProcAttr = dir, env, attr
	if out, err := initdb.CombinedOutput(); err != nil {
		return "", fmt.Errorf("initdb: %w\n%s", err, out)
	}

	logFile, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return "", err
	}
	defer logFile.Close()
	server := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-k", dir, "-p", "5432",
		"-c", "listen_addresses=", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "log_min_messages=warning")
	server.Dir, server.Env, server.SysProcAttr = dir, env, attr
	server.Stdout, server.Stderr = logFile, logFile
	if err := server.Start(); err != nil {
		return "", fmt.Errorf("start postgres: %w", err)
	}
	shared.server = server
	shared.exited = make(chan struct{})
	go func() { _ = server.Wait(); close(shared.exited) }()
	return "postgres://postgres@/postgres?sslmode=disable&host=" + url.QueryEscape(dir), nil
}

// waitReady waits until the server accepts connections, or has exited
// (exited is nil when we did not start the server).
func waitReady(db *sql.DB, exited <-chan struct{}) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := db.PingContext(ctx)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("postgres exited: %w\n%s", err, serverLog())
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("postgres did not start: %w\n%s", err, serverLog())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func serverLog() []byte {
	if shared.dir == "" {
		return nil
	}
	log, _ := os.ReadFile(filepath.Join(shared.dir, "postgres.log"))
	return log
}

// findBinaries returns the directory holding initdb and postgres: the
// newest /usr/lib/postgresql/*/bin, else the one on PATH.
func findBinaries() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(dir string) int {
		v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
		return v
	}
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, dir := range dirs {
		if isFile(filepath.Join(dir, "initdb")) && isFile(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	return "", errNoBinaries
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// postgresUser returns the credentials of the postgres system user.
func postgresUser() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and initdb refuses root: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("postgres user: %w", err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// sweepStaleClusters removes cluster directories left by earlier test runs
// that were killed before Cleanup: those whose server is gone, and those
// that never got a server and are older than ten minutes.
func sweepStaleClusters() {
	dirs, _ := filepath.Glob(filepath.Join("/tmp", clusterPrefix+"*"))
	for _, dir := range dirs {
		fi, err := os.Stat(dir)
		if err != nil || time.Since(fi.ModTime()) < time.Minute {
			continue
		}
		pidFile, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
		if err != nil {
			if time.Since(fi.ModTime()) > 10*time.Minute {
				_ = os.RemoveAll(dir)
			}
			continue
		}
		first, _, _ := strings.Cut(string(pidFile), "\n")
		pid, err := strconv.Atoi(strings.TrimSpace(first))
		if err != nil || pid <= 0 {
			continue
		}
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			_ = os.RemoveAll(dir)
		}
	}
}
