package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

// LoginFailureRetention is how long failed sign-ins are kept: rows older
// than this are pruned whenever a failure is recorded, so windows passed to
// LoginFailures should be shorter.
const LoginFailureRetention = 24 * time.Hour

// SetPasswordHash stores the password hash of one person of the
// organisation; an empty hash removes the password.
func (db *DB) SetPasswordHash(ctx context.Context, orgID, personID int64, hash string) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("person"),
		"UPDATE people SET password_hash = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		hash, db.d.timeArg(db.clock()), orgID, personID); err != nil {
		return fmt.Errorf("store: set password of person %d: %w", personID, err)
	}
	return tx.commit()
}

// AccountsByEmail returns every account with the e-mail address, across
// organisations (a person may belong to several), ordered by organisation.
func (db *DB) AccountsByEmail(ctx context.Context, email string) ([]domain.Account, error) {
	rows, err := db.reader().query(ctx,
		"SELECT id, org_id, email, password_hash, active FROM people WHERE email = ? ORDER BY org_id",
		normEmail(email))
	if err != nil {
		return nil, fmt.Errorf("store: accounts by e-mail: %w", err)
	}
	defer rows.Close()
	accounts := []domain.Account{}
	for rows.Next() {
		var a domain.Account
		if err := rows.Scan(&a.PersonID, &a.OrgID, &a.Email, &a.PasswordHash, &a.Active); err != nil {
			return nil, fmt.Errorf("store: accounts by e-mail: %w", err)
		}
		accounts = append(accounts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: accounts by e-mail: %w", err)
	}
	return accounts, nil
}

// CreateSession stores a session for a person of s.OrgID. A zero CreatedAt
// is set to now.
func (db *DB) CreateSession(ctx context.Context, s domain.Session) error {
	if s.TokenHash == "" || s.ExpiresAt.IsZero() {
		return fmt.Errorf("store: create session: %w", domain.Invalid("session", "a session needs a token hash and an expiry"))
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = db.clock()
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requirePerson(ctx, tx.conn, s.OrgID, s.PersonID); err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	if _, err := tx.exec(ctx,
		"INSERT INTO sessions (token_hash, org_id, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		s.TokenHash, s.OrgID, s.PersonID, db.d.timeArg(s.CreatedAt), db.d.timeArg(s.ExpiresAt)); err != nil {
		return fmt.Errorf("store: create session: %w", translate(err, "session", "", "this session already exists"))
	}
	return tx.commit()
}

// SessionByHash returns the session with the token hash unless it has
// expired by now; an expired or unknown session is NotFound.
func (db *DB) SessionByHash(ctx context.Context, hash string, now time.Time) (domain.Session, error) {
	var s domain.Session
	err := db.reader().queryRow(ctx, `SELECT token_hash, org_id, person_id, created_at, expires_at
		FROM sessions WHERE token_hash = ? AND expires_at > ?`, hash, db.d.timeArg(now)).
		Scan(&s.TokenHash, &s.OrgID, &s.PersonID, timeScanner{&s.CreatedAt}, timeScanner{&s.ExpiresAt})
	if err != nil {
		return domain.Session{}, fmt.Errorf("store: session: %w", translate(err, "session", "", ""))
	}
	return s, nil
}

// DeleteSession removes the session with the token hash; removing one that
// does not exist is not an error, so signing out twice is harmless.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	return db.writeExec(ctx, "delete session", "DELETE FROM sessions WHERE token_hash = ?", hash)
}

// DeleteSessionsOf signs a person of the organisation out everywhere.
func (db *DB) DeleteSessionsOf(ctx context.Context, orgID, personID int64) error {
	return db.writeExec(ctx, "delete sessions", "DELETE FROM sessions WHERE org_id = ? AND person_id = ?", orgID, personID)
}

// DeleteExpiredSessions removes the sessions that expired before now and
// returns how many; a periodic job calls it.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.rollback()
	res, err := tx.exec(ctx, "DELETE FROM sessions WHERE expires_at <= ?", db.d.timeArg(now))
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return n, tx.commit()
}

const apiTokenColumns = "id, org_id, person_id, name, prefix, hash, created_at, last_used_at"

// CreateAPIToken stores a token for a person of the organisation and sets
// its ID, OrgID and (when zero) CreatedAt.
func (db *DB) CreateAPIToken(ctx context.Context, orgID int64, t *domain.APIToken) error {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		return fmt.Errorf("store: create api token: %w", domain.Invalid("name", "a token needs a name"))
	case t.Hash == "":
		return fmt.Errorf("store: create api token: %w", domain.Invalid("hash", "a token needs a hash"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requirePerson(ctx, tx.conn, orgID, t.PersonID); err != nil {
		return fmt.Errorf("store: create api token: %w", err)
	}
	created := t.CreatedAt
	if created.IsZero() {
		created = db.clock()
	}
	id, err := tx.insert(ctx, `INSERT INTO api_tokens (org_id, person_id, name, prefix, hash, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, orgID, t.PersonID, t.Name, t.Prefix, t.Hash, db.d.timeArg(created))
	if err != nil {
		return fmt.Errorf("store: create api token: %w", translate(err, "api token", "hash", "this token already exists"))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	t.ID, t.OrgID, t.CreatedAt = id, orgID, created.UTC().Truncate(time.Microsecond)
	return nil
}

// APITokens returns a person's tokens, newest first.
func (db *DB) APITokens(ctx context.Context, orgID, personID int64) ([]domain.APIToken, error) {
	rows, err := db.reader().query(ctx, "SELECT "+apiTokenColumns+
		" FROM api_tokens WHERE org_id = ? AND person_id = ? ORDER BY created_at DESC, id DESC", orgID, personID)
	if err != nil {
		return nil, fmt.Errorf("store: api tokens: %w", err)
	}
	defer rows.Close()
	tokens := []domain.APIToken{}
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("store: api tokens: %w", err)
		}
		tokens = append(tokens, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: api tokens: %w", err)
	}
	return tokens, nil
}

// APITokenByHash returns the token with the hash, in whichever organisation.
func (db *DB) APITokenByHash(ctx context.Context, hash string) (domain.APIToken, error) {
	t, err := scanAPIToken(db.reader().queryRow(ctx, "SELECT "+apiTokenColumns+" FROM api_tokens WHERE hash = ?", hash))
	if err != nil {
		return domain.APIToken{}, fmt.Errorf("store: api token: %w", translate(err, "api token", "", ""))
	}
	return t, nil
}

// TouchAPIToken records when a token of the organisation was last used.
func (db *DB) TouchAPIToken(ctx context.Context, orgID, tokenID int64, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("api token"),
		"UPDATE api_tokens SET last_used_at = ? WHERE org_id = ? AND id = ?",
		db.d.timeArg(at), orgID, tokenID); err != nil {
		return fmt.Errorf("store: touch api token %d: %w", tokenID, err)
	}
	return tx.commit()
}

// DeleteAPIToken removes one of a person's tokens; a token of anyone else
// is NotFound.
func (db *DB) DeleteAPIToken(ctx context.Context, orgID, personID, tokenID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("api token"),
		"DELETE FROM api_tokens WHERE org_id = ? AND person_id = ? AND id = ?",
		orgID, personID, tokenID); err != nil {
		return fmt.Errorf("store: delete api token %d: %w", tokenID, err)
	}
	return tx.commit()
}

func scanAPIToken(row rowScanner) (domain.APIToken, error) {
	var t domain.APIToken
	err := row.Scan(&t.ID, &t.OrgID, &t.PersonID, &t.Name, &t.Prefix, &t.Hash,
		timeScanner{&t.CreatedAt}, timeScanner{&t.LastUsedAt})
	return t, err
}

// RecordLoginFailure counts a failed sign-in under key at the given time
// and returns how many failures key has had since then. Rows older than
// LoginFailureRetention, and the key's rows older than since, are pruned.
func (db *DB) RecordLoginFailure(ctx context.Context, key string, at, since time.Time) (int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.rollback()
	n, err := recordLoginFailure(ctx, tx.conn, key, at, since)
	if err != nil {
		return 0, fmt.Errorf("store: record login failure: %w", err)
	}
	return n, tx.commit()
}

func recordLoginFailure(ctx context.Context, c conn, key string, at, since time.Time) (int, error) {
	if _, err := c.exec(ctx, "DELETE FROM login_failures WHERE at < ? OR (key = ? AND at < ?)",
		c.d.timeArg(at.Add(-LoginFailureRetention)), key, c.d.timeArg(since)); err != nil {
		return 0, err
	}
	if _, err := c.exec(ctx, "INSERT INTO login_failures (key, at) VALUES (?, ?)", key, c.d.timeArg(at)); err != nil {
		return 0, err
	}
	return countLoginFailures(ctx, c, key, since)
}

// LoginFailures returns how many failed sign-ins key has had since the time.
func (db *DB) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	n, err := countLoginFailures(ctx, db.reader(), key, since)
	if err != nil {
		return 0, fmt.Errorf("store: login failures: %w", err)
	}
	return n, nil
}

func countLoginFailures(ctx context.Context, c conn, key string, since time.Time) (int, error) {
	var n int
	err := c.queryRow(ctx, "SELECT COUNT(*) FROM login_failures WHERE key = ? AND at >= ?", key, c.d.timeArg(since)).Scan(&n)
	return n, err
}

// ClearLoginFailures forgets the failed sign-ins of key, after a success.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	return db.writeExec(ctx, "clear login failures", "DELETE FROM login_failures WHERE key = ?", key)
}

// writeExec runs one writing statement in its own transaction.
func (db *DB) writeExec(ctx context.Context, what, query string, args ...any) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := tx.exec(ctx, query, args...); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return tx.commit()
}

// requirePerson returns NotFound unless the person is in the organisation.
func requirePerson(ctx context.Context, c conn, orgID, personID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM people WHERE org_id = ? AND id = ?", orgID, personID)
	if err == nil && !ok {
		err = domain.NotFound("person")
	}
	return err
}
