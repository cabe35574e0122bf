package store

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
)

// ErrSchemaNewer means the database was migrated by a newer Huddle than
// this binary; running `huddle migrate` cannot help.
var ErrSchemaNewer = errors.New("this database was migrated by a newer Huddle: upgrade Huddle")

// Migration is one numbered, forward-only schema change.
type Migration struct {
	Version int
	Name    string
	sql     string
}

//go:embed migrations
var migrationFiles embed.FS

// migrations returns the engine's migrations in order. Files are named
// NNNN_name.sql; numbers start at 1 and have no gaps.
func migrations(d dialect) ([]Migration, error) {
	dir := path.Join("migrations", d.engine())
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var out []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migrations: bad file name %s", e.Name())
		}
		if version != len(out)+1 {
			return nil, fmt.Errorf("store: migrations: %s: expected version %d", e.Name(), len(out)+1)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: migrations: %w", err)
		}
		out = append(out, Migration{Version: version, Name: name, sql: string(body)})
	}
	return out, nil
}

// SchemaVersion returns the version the database is at (0 when it has
// never been migrated) and the latest version this binary knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int, err error) {
	all, err := migrations(db.d)
	if err != nil {
		return 0, 0, err
	}
	current, err = schemaVersion(ctx, db.reader())
	if err != nil {
		return 0, 0, fmt.Errorf("store: schema version: %w", err)
	}
	return current, len(all), nil
}

// Pending returns the migrations that Migrate would apply.
func (db *DB) Pending(ctx context.Context) ([]Migration, error) {
	current, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	all, err := migrations(db.d)
	if err != nil {
		return nil, err
	}
	return all[min(current, len(all)):], nil
}

// checkSchema returns an error unless the database is at the latest version.
func (db *DB) checkSchema(ctx context.Context) error {
	current, latest, err := db.SchemaVersion(ctx)
	switch {
	case err != nil:
		return err
	case current < latest:
		return fmt.Errorf("store: the database schema is at version %d, this Huddle needs %d: %w", current, latest, domain.ErrSchemaOutdated)
	case current > latest:
		return fmt.Errorf("store: the database schema is at version %d, this Huddle knows %d: %w", current, latest, ErrSchemaNewer)
	}
	return nil
}

// Migrate applies the pending migrations, each in its own transaction, and
// returns those it applied. Several processes may migrate at once: on
// PostgreSQL an advisory lock, on SQLite the write lock, serialises them.
func (db *DB) Migrate(ctx context.Context) ([]Migration, error) {
	all, err := migrations(db.d)
	if err != nil {
		return nil, err
	}
	var applied []Migration
	for {
		m, err := db.migrateOne(ctx, all)
		if err != nil {
			return applied, err
		}
		if m == nil {
			return applied, nil
		}
		applied = append(applied, *m)
	}
}

// migrateOne applies the next pending migration, or returns nil when the
// database is current.
func (db *DB) migrateOne(ctx context.Context, all []Migration) (*Migration, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	if db.d == postgresDialect {
		if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(7260010001)"); err != nil {
			return nil, fmt.Errorf("store: migrate: lock: %w", err)
		}
	}
	if _, err := tx.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at `+db.d.timeType()+` NOT NULL)`); err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	current, err := schemaVersion(ctx, tx.conn)
	switch {
	case err != nil:
		return nil, fmt.Errorf("store: migrate: %w", err)
	case current > len(all):
		return nil, fmt.Errorf("store: migrate: the database is at version %d, this Huddle knows %d: %w", current, len(all), ErrSchemaNewer)
	case current == len(all):
		return nil, nil
	}
	m := all[current]
	if _, err := tx.exec(ctx, m.sql); err != nil {
		return nil, fmt.Errorf("store: migrate %04d_%s: %w", m.Version, m.Name, err)
	}
	if _, err := tx.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.Version, m.Name, db.d.timeArg(time.Now())); err != nil {
		return nil, fmt.Errorf("store: migrate %04d_%s: record: %w", m.Version, m.Name, err)
	}
	if err := tx.commit(); err != nil {
		return nil, err
	}
	return &m, nil
}

// schemaVersion reads the highest applied version; 0 when there is no
// schema_migrations table yet.
func schemaVersion(ctx context.Context, c conn) (int, error) {
	var exists int
	if err := c.queryRow(ctx, c.d.tableExistsQuery(), "schema_migrations").Scan(&exists); err != nil {
		return 0, err
	}
	if exists == 0 {
		return 0, nil
	}
	var v int
	err := c.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

// timeType is the column type for instants.
func (d dialect) timeType() string {
	if d == postgresDialect {
		return "TIMESTAMPTZ"
	}
	return "TEXT"
}

// tableExistsQuery counts the tables named by its one argument.
func (d dialect) tableExistsQuery() string {
	if d == postgresDialect {
		return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
	}
	return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
}
