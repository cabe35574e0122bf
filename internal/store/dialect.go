package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"huddle/internal/domain"
)

// dialect is the seam between the engines. Everything else is written once:
// queries use ? placeholders, RETURNING id, ON CONFLICT … DO UPDATE SET x =
// excluded.x (the same upsert on both), LOWER(x) LIKE ? ESCAPE '\' for
// case-insensitive search and || for concatenation.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) engine() string {
	if d == postgresDialect {
		return EnginePostgres
	}
	return EngineSQLite
}

// rebind rewrites ? placeholders as $1, $2 … for PostgreSQL. Question marks
// inside quoted strings or identifiers are left alone.
func (d dialect) rebind(query string) string {
	if d != postgresDialect || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// sqliteTimeLayout is how times are written on SQLite: UTC, fixed width, so
// that text order is time order. PostgreSQL stores TIMESTAMPTZ.
const sqliteTimeLayout = "2006-01-02T15:04:05.000000Z"

// timeArg turns a time into a query argument; the zero time becomes NULL.
func (d dialect) timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Microsecond)
	if d == postgresDialect {
		return t
	}
	return t.Format(sqliteTimeLayout)
}

// dateArg turns a calendar date into a query argument (TEXT 'YYYY-MM-DD' on
// SQLite, DATE on PostgreSQL); the zero time becomes NULL.
func (d dialect) dateArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	y, m, day := t.Date()
	t = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	if d == postgresDialect {
		return t
	}
	return t.Format(domain.DateLayout)
}

// timeScanner reads a time written by timeArg or dateArg into dst, in UTC;
// NULL becomes the zero time.
type timeScanner struct{ dst *time.Time }

func (s timeScanner) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.dst = time.Time{}
	case time.Time:
		*s.dst = v.UTC()
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("store: cannot read %T as a time", src)
	}
	return nil
}

func (s timeScanner) parse(v string) error {
	layout := time.RFC3339Nano
	if len(v) == len(domain.DateLayout) {
		layout = domain.DateLayout
	}
	t, err := time.Parse(layout, v)
	if err != nil {
		return fmt.Errorf("store: bad time %q: %w", v, err)
	}
	*s.dst = t.UTC()
	return nil
}

// likeContains returns a LIKE pattern (used with ESCAPE '\') that matches
// values containing s, lower-cased, with % and _ in s taken literally.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// isUniqueViolation reports whether err is a unique or primary-key violation.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// isForeignKeyViolation reports whether err is a foreign-key violation.
func isForeignKeyViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// translate maps driver errors to domain errors: a unique violation becomes
// ErrConflict with the given user-safe message about field, a foreign-key
// violation ErrInvalid, and no rows NotFound(what). Other errors pass through.
func translate(err error, what, field, conflict string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return domain.NotFound(what)
	case isUniqueViolation(err):
		return &domain.Error{Kind: domain.ErrConflict, Field: field, Message: conflict, Cause: err}
	case isForeignKeyViolation(err):
		return &domain.Error{Kind: domain.ErrInvalid, Message: "it refers to something that does not exist in this organisation", Cause: err}
	}
	return err
}

// inList returns "(?, ?, …)" for ids and the ids as query arguments, for
// "x IN (…)" conditions. ids must not be empty.
func inList(ids []int64) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(?" + strings.Repeat(", ?", len(ids)-1) + ")", args
}
