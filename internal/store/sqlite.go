package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver (pure Go, no cgo)
)

// sqlitePragmas are set on every SQLite connection. busy_timeout comes
// before journal_mode so that switching to WAL waits for other processes.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"

// openSQLite opens one writer connection (BEGIN IMMEDIATE, so writers queue
// on the lock instead of failing to upgrade it) and a pool of read-only
// readers on the same file.
func openSQLite(ctx context.Context, dsn string) (*DB, error) {
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("store: sqlite: create directory: %w", err)
	}

	write, err := sql.Open("sqlite", path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// The writer connects first: it creates the file and switches it to WAL
	// before any reader opens it.
	if err := pingWhileBusy(ctx, write); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: sqlite: open %s: %w", path, err)
	}

	read, err := sql.Open("sqlite", path+"?"+sqlitePragmas+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: sqlite: %w", err)
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	if err := read.PingContext(ctx); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("store: sqlite: open readers on %s: %w", path, err)
	}
	return &DB{d: sqliteDialect, write: write, read: read}, nil
}

// pingWhileBusy connects, retrying while another process holds the lock.
// Switching a new file to WAL needs an exclusive lock and SQLite answers
// SQLITE_BUSY at once, without its busy timeout, when two processes open a
// fresh database together (two instances starting, or `huddle migrate`
// beside `huddle serve`).
func pingWhileBusy(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	for wait := 5 * time.Millisecond; ; wait = min(wait*2, 250*time.Millisecond) {
		err := db.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// sqlitePath reads sqlite:PATH, sqlite://PATH, file:PATH or a plain path.
func sqlitePath(dsn string) (string, error) {
	path := dsn
	for _, prefix := range []string{"sqlite://", "sqlite:", "file://", "file:"} {
		if rest, ok := strings.CutPrefix(dsn, prefix); ok {
			path = rest
			break
		}
	}
	switch {
	case path == "":
		return "", errors.New("store: sqlite: the database path is empty")
	case strings.Contains(path, "?"):
		return "", fmt.Errorf("store: sqlite: %q: options in the DSN are not supported; give a path", dsn)
	case path == ":memory:" || strings.HasPrefix(path, ":memory"):
		return "", errors.New("store: sqlite: an in-memory database cannot be shared by the writer and the readers; give a file path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("store: sqlite: %w", err)
	}
	return abs, nil
}
