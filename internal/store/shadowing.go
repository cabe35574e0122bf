package store

import (
	"context"
	"fmt"

	"huddle/internal/domain"
)

// CreateShadowingWeek stores a new week of a group; it sets ID, OrgID and
// CreatedAt. A group has at most one week per start date.
func (db *DB) CreateShadowingWeek(ctx context.Context, orgID int64, w *domain.ShadowingWeek) error {
	created := *w
	start, err := domain.ValidShadowingStart(created.StartsOn)
	if err != nil {
		return fmt.Errorf("store: create shadowing week: %w", err)
	}
	created.StartsOn, created.Goals, created.Debriefs, created.Feedback = start, nil, nil, nil
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireGroup(ctx, tx.conn, orgID, created.GroupID); err != nil {
		return fmt.Errorf("store: create shadowing week: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.CreatedBy, "created_by"); err != nil {
		return fmt.Errorf("store: create shadowing week: %w", err)
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO shadowing_weeks (org_id, group_id, starts_on, created_by, created_at)
		VALUES (?, ?, ?, ?, ?)`, orgID, created.GroupID, db.d.dateArg(created.StartsOn), created.CreatedBy, db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create shadowing week: %w",
			translate(err, "group", "starts_on", "the pair already has a shadowing week starting that day"))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*w = created
	return nil
}

// ShadowingWeek returns one week with its goals and logs.
func (db *DB) ShadowingWeek(ctx context.Context, orgID, weekID int64) (domain.ShadowingWeek, error) {
	list, err := db.shadowingWeeks(ctx, orgID, "id = ?", weekID)
	if err != nil {
		return domain.ShadowingWeek{}, fmt.Errorf("store: shadowing week %d: %w", weekID, err)
	}
	if len(list) == 0 {
		return domain.ShadowingWeek{}, fmt.Errorf("store: shadowing week %d: %w", weekID, domain.NotFound("shadowing week"))
	}
	return list[0], nil
}

// ShadowingWeeks lists a group's weeks, latest first, with goals and logs.
func (db *DB) ShadowingWeeks(ctx context.Context, orgID, groupID int64) ([]domain.ShadowingWeek, error) {
	list, err := db.shadowingWeeks(ctx, orgID, "group_id = ?", groupID)
	if err != nil {
		return nil, fmt.Errorf("store: shadowing weeks: %w", err)
	}
	return list, nil
}

func (db *DB) shadowingWeeks(ctx context.Context, orgID int64, where string, arg int64) ([]domain.ShadowingWeek, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, `SELECT id, org_id, group_id, starts_on, created_by, created_at FROM shadowing_weeks
		WHERE org_id = ? AND `+where+` ORDER BY starts_on DESC, id DESC`, orgID, arg)
	if err != nil {
		return nil, err
	}
	var out []domain.ShadowingWeek
	for rows.Next() {
		var w domain.ShadowingWeek
		if err := rows.Scan(&w.ID, &w.OrgID, &w.GroupID, timeScanner{&w.StartsOn}, &w.CreatedBy, timeScanner{&w.CreatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if err := fillWeek(ctx, tx.conn, orgID, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, tx.commit()
}

// fillWeek loads a week's goals, debriefs and feedback, oldest first.
func fillWeek(ctx context.Context, c conn, orgID int64, w *domain.ShadowingWeek) error {
	rows, err := c.query(ctx, `SELECT person_id, text, updated_at FROM shadowing_goals WHERE org_id = ? AND week_id = ?
		ORDER BY person_id`, orgID, w.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var g domain.LearningGoal
		if err := rows.Scan(&g.PersonID, &g.Text, timeScanner{&g.UpdatedAt}); err != nil {
			rows.Close()
			return err
		}
		w.Goals = append(w.Goals, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if rows, err = c.query(ctx, `SELECT id, week_id, day, author_id, observed, will_try, created_at FROM shadowing_debriefs
		WHERE org_id = ? AND week_id = ? ORDER BY day, id`, orgID, w.ID); err != nil {
		return err
	}
	for rows.Next() {
		var d domain.Debrief
		if err := rows.Scan(&d.ID, &d.WeekID, timeScanner{&d.Day}, &d.AuthorID, &d.Observed, &d.WillTry, timeScanner{&d.CreatedAt}); err != nil {
			rows.Close()
			return err
		}
		w.Debriefs = append(w.Debriefs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if rows, err = c.query(ctx, `SELECT id, week_id, from_id, to_id, text, created_at FROM shadowing_feedback
		WHERE org_id = ? AND week_id = ? ORDER BY id`, orgID, w.ID); err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var f domain.ShadowFeedback
		if err := rows.Scan(&f.ID, &f.WeekID, &f.FromID, &f.ToID, &f.Text, timeScanner{&f.CreatedAt}); err != nil {
			return err
		}
		w.Feedback = append(w.Feedback, f)
	}
	return rows.Err()
}

func requireWeek(ctx context.Context, c conn, orgID, weekID int64) (domain.ShadowingWeek, error) {
	var w domain.ShadowingWeek
	err := c.queryRow(ctx, "SELECT id, group_id, starts_on FROM shadowing_weeks WHERE org_id = ? AND id = ?", orgID, weekID).
		Scan(&w.ID, &w.GroupID, timeScanner{&w.StartsOn})
	return w, translate(err, "shadowing week", "", "")
}

// SetLearningGoal stores (or replaces) a person's goal for a week.
func (db *DB) SetLearningGoal(ctx context.Context, orgID, weekID, personID int64, text string) error {
	text, err := domain.ValidGoal(text)
	if err != nil {
		return fmt.Errorf("store: learning goal: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := requireWeek(ctx, tx.conn, orgID, weekID); err != nil {
		return fmt.Errorf("store: learning goal: %w", err)
	}
	if err := requireSomeone(ctx, tx.conn, orgID, personID, "person_id"); err != nil {
		return fmt.Errorf("store: learning goal: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO shadowing_goals (org_id, week_id, person_id, text, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (week_id, person_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
		orgID, weekID, personID, text, db.d.timeArg(db.clock())); err != nil {
		return fmt.Errorf("store: learning goal: %w", err)
	}
	return tx.commit()
}

// AddDebrief validates d and adds it to the daily debrief log; the day
// must be one of the week's working days. It sets ID and CreatedAt.
func (db *DB) AddDebrief(ctx context.Context, orgID int64, d *domain.Debrief) error {
	created := *d
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: add debrief: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	w, err := requireWeek(ctx, tx.conn, orgID, created.WeekID)
	if err != nil {
		return fmt.Errorf("store: add debrief: %w", err)
	}
	if !w.Contains(created.Day) {
		return fmt.Errorf("store: add debrief: %w", domain.Invalid("day", "choose one of the shadowing week's working days"))
	}
	if err := requireSomeone(ctx, tx.conn, orgID, created.AuthorID, "author_id"); err != nil {
		return fmt.Errorf("store: add debrief: %w", err)
	}
	created.CreatedAt = db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO shadowing_debriefs (org_id, week_id, day, author_id, observed, will_try, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, created.WeekID, db.d.dateArg(created.Day), created.AuthorID, created.Observed,
		created.WillTry, db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add debrief: %w", translate(err, "shadowing week", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*d = created
	return nil
}

// AddShadowFeedback validates f and adds it to the mutual feedback log.
// It sets ID and CreatedAt.
func (db *DB) AddShadowFeedback(ctx context.Context, orgID int64, f *domain.ShadowFeedback) error {
	created := *f
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: add feedback: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if _, err := requireWeek(ctx, tx.conn, orgID, created.WeekID); err != nil {
		return fmt.Errorf("store: add feedback: %w", err)
	}
	for _, ref := range []struct {
		id    int64
		field string
	}{{created.FromID, "from_id"}, {created.ToID, "to_id"}} {
		if err := requireSomeone(ctx, tx.conn, orgID, ref.id, ref.field); err != nil {
			return fmt.Errorf("store: add feedback: %w", err)
		}
	}
	created.CreatedAt = db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO shadowing_feedback (org_id, week_id, from_id, to_id, text, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, orgID, created.WeekID, created.FromID, created.ToID, created.Text, db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add feedback: %w", translate(err, "shadowing week", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*f = created
	return nil
}
