// Package store persists Huddle's domain on SQLite or PostgreSQL. One
// concrete type, DB, implements domain.Store on both engines: queries are
// written once with ? placeholders, and the differences between the engines
// live in dialect.go. Every query on tenant data filters by organisation,
// except the cross-organisation look-ups that domain.AuthStore documents.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

// The engines a DB can run on, as Engine reports them.
const (
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// DB is Huddle's database on either engine. It is safe for concurrent use.
type DB struct {
	d     dialect
	write *sql.DB // on SQLite one connection; on PostgreSQL the only pool
	read  *sql.DB // on SQLite a pool of read-only connections; else == write
	now   func() time.Time
}

// var _ checks at compile time that DB is a complete domain.Store.
var _ domain.Store = (*DB)(nil)

// Open connects to the database named by dsn and checks that its schema is
// current. A dsn starting with postgres:// or postgresql:// means
// PostgreSQL; sqlite:PATH, file:PATH or a plain path means SQLite (the
// parent directory is created). Open never migrates: when migrations are
// pending it returns an error wrapping domain.ErrSchemaOutdated.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := OpenForMigrate(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.checkSchema(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenForMigrate connects like Open but does not check the schema, so that
// `huddle migrate` can open a fresh or an old database and call Migrate.
func OpenForMigrate(ctx context.Context, dsn string) (*DB, error) {
	var (
		db  *DB
		err error
	)
	if isPostgresDSN(dsn) {
		db, err = openPostgres(ctx, dsn)
	} else {
		db, err = openSQLite(ctx, dsn)
	}
	if err != nil {
		return nil, err
	}
	db.now = time.Now
	return db, nil
}

func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Engine names the database engine: "sqlite" or "postgres".
func (db *DB) Engine() string { return db.d.engine() }

// SetClock replaces the clock that stamps created_at and updated_at. It is
// meant for tests; call it before the DB is shared between goroutines.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// PoolStats reports the connection pools for metrics: "write" and "read" on
// SQLite, "main" on PostgreSQL.
func (db *DB) PoolStats() map[string]sql.DBStats {
	if db.read == db.write {
		return map[string]sql.DBStats{"main": db.write.Stats()}
	}
	return map[string]sql.DBStats{"write": db.write.Stats(), "read": db.read.Stats()}
}

// Ping checks that the database answers and that its schema is current.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if db.read != db.write {
		if err := db.read.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping readers: %w", err)
		}
	}
	return db.checkSchema(ctx)
}

// Close closes every connection.
func (db *DB) Close() error {
	var errRead error
	if db.read != db.write {
		errRead = db.read.Close()
	}
	return errors.Join(db.write.Close(), errRead)
}

// clock returns the current time in UTC, truncated to what both engines store.
func (db *DB) clock() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// reader returns a conn for single-statement reads.
func (db *DB) reader() conn { return conn{ex: db.read, d: db.d} }

// beginWrite starts a transaction on the writer. On SQLite it is BEGIN
// IMMEDIATE, so it holds the write lock from the start.
func (db *DB) beginWrite(ctx context.Context) (*tx, error) {
	t, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin: %w", err)
	}
	return &tx{conn: conn{ex: t, d: db.d}, sqlTx: t}, nil
}

// beginRead starts a read-only transaction on the readers, for reads that
// need one consistent snapshot across several statements.
func (db *DB) beginRead(ctx context.Context) (*tx, error) {
	t, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: begin read: %w", err)
	}
	return &tx{conn: conn{ex: t, d: db.d}, sqlTx: t}, nil
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs queries written with ? placeholders on either engine.
type conn struct {
	ex queryer
	d  dialect
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.ex.ExecContext(ctx, c.d.rebind(query), args...)
}

// execOne runs a statement that must change exactly one row; when it changes
// none it returns notFound.
func (c conn) execOne(ctx context.Context, notFound error, query string, args ...any) error {
	res, err := c.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.ex.QueryContext(ctx, c.d.rebind(query), args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.ex.QueryRowContext(ctx, c.d.rebind(query), args...)
}

// insert runs an INSERT and returns the new row's id (via RETURNING id,
// which SQLite ≥ 3.35 and PostgreSQL both understand).
func (c conn) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := c.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// tx is a transaction; deferring rollback after commit is harmless.
type tx struct {
	conn
	sqlTx *sql.Tx
}

func (t *tx) rollback() { _ = t.sqlTx.Rollback() }

func (t *tx) commit() error {
	if err := t.sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idScanner reads a nullable id into an int64 (NULL → 0).
type idScanner struct{ dst *int64 }

func (s idScanner) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.dst = n.Int64
	return nil
}
