package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

const sessionColumns = "id, org_id, group_id, occurrence, starts_at, minutes, facilitator_id, agenda, notes, video_link, " +
	"started_at, ended_at, skipped, created_at, updated_at"

// EnsureSession returns in s the group's session for s.Occurrence,
// creating it from s (starts at, minutes, facilitator, agenda, video
// link, skipped) when the occurrence has none yet.
func (db *DB) EnsureSession(ctx context.Context, orgID int64, s *domain.GroupSession) error {
	if s.Occurrence.IsZero() || s.StartsAt.IsZero() || s.Minutes <= 0 {
		return fmt.Errorf("store: ensure session: %w", domain.Invalid("session", "a session needs a time and a length"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireGroup(ctx, tx.conn, orgID, s.GroupID); err != nil {
		return fmt.Errorf("store: ensure session: %w", err)
	}
	got, err := scanSession(tx.queryRow(ctx, "SELECT "+sessionColumns+" FROM ritual_sessions WHERE org_id = ? AND group_id = ? AND occurrence = ?",
		orgID, s.GroupID, db.d.timeArg(s.Occurrence)))
	if err == nil {
		list := []domain.GroupSession{got}
		if err := fillAttendance(ctx, tx.conn, orgID, list); err != nil {
			return fmt.Errorf("store: ensure session: %w", err)
		}
		*s = list[0]
		return tx.commit()
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: ensure session: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, s.FacilitatorID, "facilitator"); err != nil {
		return fmt.Errorf("store: ensure session: %w", err)
	}
	created := *s
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.UpdatedAt, created.Attendance = created.CreatedAt, nil
	agenda, _ := json.Marshal(agendaOrEmpty(created.Agenda))
	created.ID, err = tx.insert(ctx, `INSERT INTO ritual_sessions (org_id, group_id, occurrence, starts_at, minutes,
		facilitator_id, agenda, notes, video_link, skipped, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.GroupID, db.d.timeArg(created.Occurrence), db.d.timeArg(created.StartsAt), created.Minutes,
		nullID(created.FacilitatorID), string(agenda), created.Notes, created.VideoLink, created.Skipped,
		db.d.timeArg(created.CreatedAt), db.d.timeArg(created.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: ensure session: %w", translate(err, "session", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	created.Occurrence, created.StartsAt = created.Occurrence.UTC().Truncate(time.Microsecond), created.StartsAt.UTC().Truncate(time.Microsecond)
	*s = created
	return nil
}

func agendaOrEmpty(a []domain.AgendaItem) []domain.AgendaItem {
	if a == nil {
		return []domain.AgendaItem{}
	}
	return a
}

// GroupSession returns one session of the organisation with its attendance.
func (db *DB) GroupSession(ctx context.Context, orgID, sessionID int64) (domain.GroupSession, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return domain.GroupSession{}, err
	}
	defer tx.rollback()
	s, err := scanSession(tx.queryRow(ctx, "SELECT "+sessionColumns+" FROM ritual_sessions WHERE org_id = ? AND id = ?", orgID, sessionID))
	if err != nil {
		return domain.GroupSession{}, fmt.Errorf("store: session %d: %w", sessionID, translate(err, "session", "", ""))
	}
	list := []domain.GroupSession{s}
	if err := fillAttendance(ctx, tx.conn, orgID, list); err != nil {
		return domain.GroupSession{}, fmt.Errorf("store: session %d: %w", sessionID, err)
	}
	return list[0], tx.commit()
}

// GroupSessions lists the sessions of the groups (every group when
// groupIDs is nil) that start in [from, to), by start.
func (db *DB) GroupSessions(ctx context.Context, orgID int64, groupIDs []int64, from, to time.Time) ([]domain.GroupSession, error) {
	if groupIDs != nil && len(groupIDs) == 0 {
		return nil, nil
	}
	where, args := "org_id = ? AND starts_at >= ? AND starts_at < ?", []any{orgID, db.d.timeArg(from), db.d.timeArg(to)}
	if groupIDs != nil {
		list, ids := inList(groupIDs)
		where += " AND group_id IN " + list
		args = append(args, ids...)
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+sessionColumns+" FROM ritual_sessions WHERE "+where+" ORDER BY starts_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	var out []domain.GroupSession
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	if err := fillAttendance(ctx, tx.conn, orgID, out); err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	return out, tx.commit()
}

// UpdateSession applies a patch to a session and returns it as stored.
// Attendance, when given, is replaced; everyone in it must be a person of
// the organisation.
func (db *DB) UpdateSession(ctx context.Context, orgID, sessionID int64, p domain.SessionPatch) (domain.GroupSession, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return domain.GroupSession{}, err
	}
	defer tx.rollback()
	s, err := scanSession(tx.queryRow(ctx, "SELECT "+sessionColumns+" FROM ritual_sessions WHERE org_id = ? AND id = ?", orgID, sessionID))
	if err != nil {
		return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID, translate(err, "session", "", ""))
	}
	if p.Notes != nil {
		s.Notes = strings.TrimSpace(*p.Notes)
		if len(s.Notes) > 50000 {
			return domain.GroupSession{}, fmt.Errorf("store: update session: %w", domain.Invalid("notes", "keep notes under 50,000 characters"))
		}
	}
	if p.VideoLink != nil {
		if err := domain.ValidVideoLink(strings.TrimSpace(*p.VideoLink)); err != nil {
			return domain.GroupSession{}, fmt.Errorf("store: update session: %w", err)
		}
		s.VideoLink = strings.TrimSpace(*p.VideoLink)
	}
	for _, f := range []struct {
		dst *time.Time
		v   *time.Time
	}{{&s.StartedAt, p.StartedAt}, {&s.EndedAt, p.EndedAt}, {&s.StartsAt, p.StartsAt}} {
		if f.v != nil {
			*f.dst = f.v.UTC().Truncate(time.Microsecond)
		}
	}
	if p.Skipped != nil {
		s.Skipped = *p.Skipped
	}
	s.UpdatedAt = db.clock()
	if _, err := tx.exec(ctx, `UPDATE ritual_sessions SET notes = ?, video_link = ?, started_at = ?, ended_at = ?,
		starts_at = ?, skipped = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		s.Notes, s.VideoLink, db.d.timeArg(s.StartedAt), db.d.timeArg(s.EndedAt), db.d.timeArg(s.StartsAt), s.Skipped,
		db.d.timeArg(s.UpdatedAt), orgID, sessionID); err != nil {
		return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID, err)
	}
	if p.Attendance != nil {
		if _, err := tx.exec(ctx, "DELETE FROM ritual_attendance WHERE org_id = ? AND session_id = ?", orgID, sessionID); err != nil {
			return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID, err)
		}
		for _, id := range normIDs(*p.Attendance) {
			if err := requirePersonRef(ctx, tx.conn, orgID, id, "attendance"); err != nil || id <= 0 {
				return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID,
					domain.Invalid("attendance", "person %d is not in this organisation", id))
			}
			if _, err := tx.exec(ctx, "INSERT INTO ritual_attendance (org_id, session_id, person_id) VALUES (?, ?, ?)",
				orgID, sessionID, id); err != nil {
				return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID, err)
			}
		}
	}
	list := []domain.GroupSession{s}
	if err := fillAttendance(ctx, tx.conn, orgID, list); err != nil {
		return domain.GroupSession{}, fmt.Errorf("store: update session %d: %w", sessionID, err)
	}
	return list[0], tx.commit()
}

// AddSessionItem validates and stores what a member brings; it sets ID,
// OrgID and CreatedAt. A spotlighted call must be a call of the organisation.
func (db *DB) AddSessionItem(ctx context.Context, orgID int64, i *domain.SessionItem) error {
	created := *i
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: add item: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireSession(ctx, tx.conn, orgID, created.SessionID); err != nil {
		return fmt.Errorf("store: add item: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.PersonID, "person_id"); err != nil {
		return fmt.Errorf("store: add item: %w", err)
	}
	if created.CallID != 0 {
		if err := requireCall(ctx, tx.conn, orgID, created.CallID); err != nil {
			return fmt.Errorf("store: add item: %w", err)
		}
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	var amount any
	if created.Amount != nil {
		amount = *created.Amount
	}
	created.ID, err = tx.insert(ctx, `INSERT INTO ritual_items (org_id, session_id, person_id, kind, deal_name, stage,
		amount, blocker, call_id, text, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.SessionID, created.PersonID, created.Kind, created.DealName, created.Stage, amount, created.Blocker,
		nullID(created.CallID), created.Text, created.Note, db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add item: %w", translate(err, "item", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*i = created
	return nil
}

// SessionItems lists what members bring to a session, oldest first.
func (db *DB) SessionItems(ctx context.Context, orgID, sessionID int64) ([]domain.SessionItem, error) {
	rows, err := db.reader().query(ctx, `SELECT id, org_id, session_id, person_id, kind, deal_name, stage, amount, blocker,
		call_id, text, note, created_at FROM ritual_items WHERE org_id = ? AND session_id = ? ORDER BY id`, orgID, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	defer rows.Close()
	var out []domain.SessionItem
	for rows.Next() {
		var i domain.SessionItem
		if err := rows.Scan(&i.ID, &i.OrgID, &i.SessionID, &i.PersonID, &i.Kind, &i.DealName, &i.Stage, floatScanner{&i.Amount},
			&i.Blocker, idScanner{&i.CallID}, &i.Text, &i.Note, timeScanner{&i.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: items: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// DeleteSessionItem removes an item of a session; action items that came
// from it stay, without the link.
func (db *DB) DeleteSessionItem(ctx context.Context, orgID, sessionID, itemID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := tx.exec(ctx, "UPDATE ritual_actions SET item_id = NULL WHERE org_id = ? AND session_id = ? AND item_id = ?",
		orgID, sessionID, itemID); err != nil {
		return fmt.Errorf("store: delete item %d: %w", itemID, err)
	}
	if err := tx.execOne(ctx, domain.NotFound("item"), "DELETE FROM ritual_items WHERE org_id = ? AND session_id = ? AND id = ?",
		orgID, sessionID, itemID); err != nil {
		return fmt.Errorf("store: delete item %d: %w", itemID, err)
	}
	return tx.commit()
}

// AddActionItem stores a follow-up of a session; it sets ID, OrgID and CreatedAt.
func (db *DB) AddActionItem(ctx context.Context, orgID int64, a *domain.ActionItem) error {
	created := *a
	created.Text = strings.TrimSpace(created.Text)
	if created.Text == "" || len(created.Text) > 500 {
		return fmt.Errorf("store: add action item: %w", domain.Invalid("text", "say what is to be done (up to 500 characters)"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireSession(ctx, tx.conn, orgID, created.SessionID); err != nil {
		return fmt.Errorf("store: add action item: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.OwnerID, "owner_id"); err != nil {
		return fmt.Errorf("store: add action item: %w", err)
	}
	if created.ItemID != 0 {
		ok, err := exists(ctx, tx.conn, "SELECT 1 FROM ritual_items WHERE org_id = ? AND session_id = ? AND id = ?",
			orgID, created.SessionID, created.ItemID)
		if err == nil && !ok {
			err = domain.Invalid("item_id", "choose an item of this session")
		}
		if err != nil {
			return fmt.Errorf("store: add action item: %w", err)
		}
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO ritual_actions (org_id, session_id, owner_id, item_id, text, done, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, created.SessionID, created.OwnerID, nullID(created.ItemID), created.Text, created.Done,
		db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add action item: %w", translate(err, "action item", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*a = created
	return nil
}

// ActionItems lists a session's action items, oldest first.
func (db *DB) ActionItems(ctx context.Context, orgID, sessionID int64) ([]domain.ActionItem, error) {
	rows, err := db.reader().query(ctx, `SELECT id, org_id, session_id, owner_id, item_id, text, done, created_at FROM ritual_actions
		WHERE org_id = ? AND session_id = ? ORDER BY id`, orgID, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: action items: %w", err)
	}
	defer rows.Close()
	var out []domain.ActionItem
	for rows.Next() {
		var a domain.ActionItem
		if err := rows.Scan(&a.ID, &a.OrgID, &a.SessionID, &a.OwnerID, idScanner{&a.ItemID}, &a.Text, &a.Done, timeScanner{&a.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: action items: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetActionItemDone ticks an action item off, or back on.
func (db *DB) SetActionItemDone(ctx context.Context, orgID, sessionID, itemID int64, done bool) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("action item"), "UPDATE ritual_actions SET done = ? WHERE org_id = ? AND session_id = ? AND id = ?",
		done, orgID, sessionID, itemID); err != nil {
		return fmt.Errorf("store: action item %d: %w", itemID, err)
	}
	return tx.commit()
}

func requireSession(ctx context.Context, c conn, orgID, sessionID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM ritual_sessions WHERE org_id = ? AND id = ?", orgID, sessionID)
	if err == nil && !ok {
		err = domain.NotFound("session")
	}
	return err
}

func scanSession(row rowScanner) (domain.GroupSession, error) {
	var s domain.GroupSession
	var agenda string
	if err := row.Scan(&s.ID, &s.OrgID, &s.GroupID, timeScanner{&s.Occurrence}, timeScanner{&s.StartsAt}, &s.Minutes,
		idScanner{&s.FacilitatorID}, &agenda, &s.Notes, &s.VideoLink, timeScanner{&s.StartedAt}, timeScanner{&s.EndedAt},
		&s.Skipped, timeScanner{&s.CreatedAt}, timeScanner{&s.UpdatedAt}); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(agenda), &s.Agenda); err != nil {
		return s, fmt.Errorf("session %d: agenda: %w", s.ID, err)
	}
	return s, nil
}

// fillAttendance loads who attended the sessions, sorted by person.
func fillAttendance(ctx context.Context, c conn, orgID int64, sessions []domain.GroupSession) error {
	if len(sessions) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(sessions))
	for i, s := range sessions {
		at[s.ID], ids[i] = i, s.ID
	}
	list, args := inList(ids)
	rows, err := c.query(ctx, `SELECT session_id, person_id FROM ritual_attendance WHERE org_id = ? AND session_id IN `+
		list+` ORDER BY session_id, person_id`, append([]any{orgID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sid, pid int64
		if err := rows.Scan(&sid, &pid); err != nil {
			return err
		}
		s := &sessions[at[sid]]
		s.Attendance = append(s.Attendance, pid)
	}
	return rows.Err()
}
