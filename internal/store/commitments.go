package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

const commitmentColumns = "id, org_id, person_id, group_id, peer_id, session_id, text, due, target, progress, status, " +
	"closed_at, created_at, updated_at"

// CreateCommitment validates c and stores it; it sets ID, OrgID, CreatedAt
// and UpdatedAt. The person, the peer, the group and the session must be
// of the organisation.
func (db *DB) CreateCommitment(ctx context.Context, orgID int64, c *domain.Commitment) error {
	created := *c
	created.CheckIns = nil
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: create commitment: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create commitment: %w", err)
	}
	for _, ref := range []struct {
		id    int64
		field string
	}{{created.PersonID, "person_id"}, {created.PeerID, "peer_id"}} {
		if err := requirePersonRef(ctx, tx.conn, orgID, ref.id, ref.field); err != nil {
			return fmt.Errorf("store: create commitment: %w", err)
		}
	}
	if created.GroupID != 0 {
		if err := requireGroup(ctx, tx.conn, orgID, created.GroupID); err != nil {
			return fmt.Errorf("store: create commitment: %w", err)
		}
	}
	if created.SessionID != 0 {
		if err := requireSession(ctx, tx.conn, orgID, created.SessionID); err != nil {
			return fmt.Errorf("store: create commitment: %w", err)
		}
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.UpdatedAt = created.CreatedAt
	var target any
	if created.Target != nil {
		target = *created.Target
	}
	created.ID, err = tx.insert(ctx, `INSERT INTO commitments (org_id, person_id, group_id, peer_id, session_id, text, due,
		target, progress, status, closed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.PersonID, nullID(created.GroupID), nullID(created.PeerID), nullID(created.SessionID), created.Text,
		db.d.dateArg(created.Due), target, created.Progress, created.Status, db.d.timeArg(created.ClosedAt),
		db.d.timeArg(created.CreatedAt), db.d.timeArg(created.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: create commitment: %w", translate(err, "commitment", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*c = created
	return nil
}

// Commitment returns one commitment of the organisation with its check-ins.
func (db *DB) Commitment(ctx context.Context, orgID, id int64) (domain.Commitment, error) {
	list, err := db.commitments(ctx, orgID, "id = ?", []any{id}, true)
	if err != nil {
		return domain.Commitment{}, fmt.Errorf("store: commitment %d: %w", id, err)
	}
	if len(list) == 0 {
		return domain.Commitment{}, fmt.Errorf("store: commitment %d: %w", id, domain.NotFound("commitment"))
	}
	return list[0], nil
}

// Commitments lists the organisation's commitments that match f, by due
// date, without their check-ins.
func (db *DB) Commitments(ctx context.Context, orgID int64, f domain.CommitmentFilter) ([]domain.Commitment, error) {
	var conds []string
	var args []any
	for _, c := range []struct {
		col string
		v   int64
	}{{"person_id", f.PersonID}, {"peer_id", f.PeerID}, {"group_id", f.GroupID}} {
		if c.v != 0 {
			conds = append(conds, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	if f.PersonIDs != nil {
		if len(f.PersonIDs) == 0 {
			return nil, nil
		}
		list, ids := inList(f.PersonIDs)
		conds = append(conds, "person_id IN "+list)
		args = append(args, ids...)
	}
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, f.Status)
	}
	where := "1 = 1"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	list, err := db.commitments(ctx, orgID, where, args, false)
	if err != nil {
		return nil, fmt.Errorf("store: commitments: %w", err)
	}
	return list, nil
}

func (db *DB) commitments(ctx context.Context, orgID int64, where string, args []any, checkIns bool) ([]domain.Commitment, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+commitmentColumns+" FROM commitments WHERE org_id = ? AND "+where+
		" ORDER BY due, id", append([]any{orgID}, args...)...)
	if err != nil {
		return nil, err
	}
	var out []domain.Commitment
	for rows.Next() {
		var c domain.Commitment
		if err := rows.Scan(&c.ID, &c.OrgID, &c.PersonID, idScanner{&c.GroupID}, idScanner{&c.PeerID}, idScanner{&c.SessionID},
			&c.Text, timeScanner{&c.Due}, floatScanner{&c.Target}, &c.Progress, &c.Status, timeScanner{&c.ClosedAt},
			timeScanner{&c.CreatedAt}, timeScanner{&c.UpdatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if checkIns {
		for i := range out {
			if out[i].CheckIns, err = checkInsOf(ctx, tx.conn, orgID, out[i].ID); err != nil {
				return nil, err
			}
		}
	}
	return out, tx.commit()
}

func checkInsOf(ctx context.Context, c conn, orgID, id int64) ([]domain.CheckIn, error) {
	rows, err := c.query(ctx, `SELECT id, at, progress, note FROM commitment_checkins WHERE org_id = ? AND commitment_id = ?
		ORDER BY at, id`, orgID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.CheckIn
	for rows.Next() {
		var ci domain.CheckIn
		if err := rows.Scan(&ci.ID, timeScanner{&ci.At}, &ci.Progress, &ci.Note); err != nil {
			return nil, err
		}
		out = append(out, ci)
	}
	return out, rows.Err()
}

// AddCheckIn records progress on a commitment and makes it the
// commitment's progress; it sets the check-in's ID (and At when zero).
func (db *DB) AddCheckIn(ctx context.Context, orgID, commitmentID int64, ci *domain.CheckIn) error {
	created := *ci
	created.Note = strings.TrimSpace(created.Note)
	if created.Progress < 0 || created.Progress != created.Progress || len(created.Note) > 1000 {
		return fmt.Errorf("store: check in: %w", domain.Invalid("progress", "give progress as a number ≥ 0 and a note under 1,000 characters"))
	}
	if created.At.IsZero() {
		created.At = db.clock()
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("commitment"), "UPDATE commitments SET progress = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		created.Progress, db.d.timeArg(db.clock()), orgID, commitmentID); err != nil {
		return fmt.Errorf("store: check in: %w", err)
	}
	created.ID, err = tx.insert(ctx, "INSERT INTO commitment_checkins (org_id, commitment_id, at, progress, note) VALUES (?, ?, ?, ?, ?)",
		orgID, commitmentID, db.d.timeArg(created.At), created.Progress, created.Note)
	if err != nil {
		return fmt.Errorf("store: check in: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	created.At = created.At.UTC().Truncate(time.Microsecond)
	*ci = created
	return nil
}

// CloseCommitment sets a commitment's status; open clears the closing time.
func (db *DB) CloseCommitment(ctx context.Context, orgID, commitmentID int64, status string, at time.Time) error {
	if !domain.ValidCommitmentStatus(status) {
		return fmt.Errorf("store: close commitment: %w", domain.Invalid("status", "use open, done, missed or dropped"))
	}
	if status == domain.CommitmentOpen {
		at = time.Time{}
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("commitment"), "UPDATE commitments SET status = ?, closed_at = ?, updated_at = ? WHERE org_id = ? AND id = ?",
		status, db.d.timeArg(at), db.d.timeArg(db.clock()), orgID, commitmentID); err != nil {
		return fmt.Errorf("store: close commitment %d: %w", commitmentID, err)
	}
	return tx.commit()
}

// SetCalendarToken stores the hash of a person's calendar feed token,
// replacing the one they had.
func (db *DB) SetCalendarToken(ctx context.Context, orgID int64, t domain.CalendarToken) error {
	if t.Hash == "" {
		return fmt.Errorf("store: calendar token: %w", domain.Invalid("token", "empty hash"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requirePersonRef(ctx, tx.conn, orgID, t.PersonID, "person_id"); err != nil || t.PersonID == 0 {
		return fmt.Errorf("store: calendar token: %w", domain.NotFound("person"))
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = db.clock()
	}
	if _, err := tx.exec(ctx, `INSERT INTO calendar_tokens (org_id, person_id, hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, person_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at`,
		orgID, t.PersonID, t.Hash, db.d.timeArg(t.CreatedAt)); err != nil {
		return fmt.Errorf("store: calendar token: %w", translate(err, "calendar token", "token", "try again"))
	}
	return tx.commit()
}

// DeleteCalendarToken revokes a person's calendar feed token.
func (db *DB) DeleteCalendarToken(ctx context.Context, orgID, personID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := tx.exec(ctx, "DELETE FROM calendar_tokens WHERE org_id = ? AND person_id = ?", orgID, personID); err != nil {
		return fmt.Errorf("store: delete calendar token: %w", err)
	}
	return tx.commit()
}

// CalendarTokenOf returns a person's calendar token (its hash).
func (db *DB) CalendarTokenOf(ctx context.Context, orgID, personID int64) (domain.CalendarToken, error) {
	t := domain.CalendarToken{OrgID: orgID, PersonID: personID}
	err := db.reader().queryRow(ctx, "SELECT hash, created_at FROM calendar_tokens WHERE org_id = ? AND person_id = ?",
		orgID, personID).Scan(&t.Hash, timeScanner{&t.CreatedAt})
	if err != nil {
		return domain.CalendarToken{}, fmt.Errorf("store: calendar token: %w", translate(err, "calendar token", "", ""))
	}
	return t, nil
}

// CalendarTokenByHash finds a calendar token in any organisation: it is
// how a feed request, which carries no cookie, learns whose feed it is.
func (db *DB) CalendarTokenByHash(ctx context.Context, hash string) (domain.CalendarToken, error) {
	t := domain.CalendarToken{Hash: hash}
	err := db.reader().queryRow(ctx, "SELECT org_id, person_id, created_at FROM calendar_tokens WHERE hash = ?", hash).
		Scan(&t.OrgID, &t.PersonID, timeScanner{&t.CreatedAt})
	if err != nil {
		return domain.CalendarToken{}, fmt.Errorf("store: calendar token: %w", translate(err, "calendar token", "", ""))
	}
	return t, nil
}
