package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"huddle/internal/domain"
)

// AddSelfAssessment stores a person's rating of themselves on a criterion.
// The person and the rubric must belong to the organisation.
func (db *DB) AddSelfAssessment(ctx context.Context, orgID int64, a *domain.SelfAssessment) error {
	saved := *a
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: self-assessment: %w", err)
	}
	saved.OrgID = orgID
	if saved.RatedAt.IsZero() {
		saved.RatedAt = db.clock()
	}
	saved.RatedAt = saved.RatedAt.UTC().Truncate(time.Microsecond)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requirePersonRef(ctx, tx.conn, orgID, saved.PersonID, "person_id"); err != nil {
		return fmt.Errorf("store: self-assessment: %w", err)
	}
	if ok, err := exists(ctx, tx.conn, "SELECT 1 FROM rubrics WHERE org_id = ? AND id = ?", orgID, saved.RubricID); err != nil || !ok {
		if err == nil {
			err = domain.Invalid("rubric_id", "there is no rubric %d in this organisation", saved.RubricID)
		}
		return fmt.Errorf("store: self-assessment: %w", err)
	}
	saved.ID, err = tx.insert(ctx, `INSERT INTO self_assessments (org_id, person_id, rubric_id, criterion_key, score, rated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, orgID, saved.PersonID, saved.RubricID, saved.Criterion, saved.Score, db.d.timeArg(saved.RatedAt))
	if err != nil {
		return fmt.Errorf("store: self-assessment: %w", translate(err, "self-assessment", "score", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*a = saved
	return nil
}

// SelfAssessments lists the ratings of the people, oldest first.
func (db *DB) SelfAssessments(ctx context.Context, orgID int64, personIDs []int64) ([]domain.SelfAssessment, error) {
	out := []domain.SelfAssessment{}
	if len(personIDs) == 0 {
		return out, nil
	}
	list, args := inList(personIDs)
	rows, err := db.reader().query(ctx, `SELECT id, org_id, person_id, rubric_id, criterion_key, score, rated_at
		FROM self_assessments WHERE org_id = ? AND person_id IN `+list+` ORDER BY rated_at, id`, append([]any{orgID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: self-assessments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a domain.SelfAssessment
		if err := rows.Scan(&a.ID, &a.OrgID, &a.PersonID, &a.RubricID, &a.Criterion, &a.Score, timeScanner{&a.RatedAt}); err != nil {
			return nil, fmt.Errorf("store: self-assessments: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: self-assessments: %w", err)
	}
	return out, nil
}

// PeerSkillScores lists the scored criteria (skipped ones left out) of
// reviews whose observations were submitted, on requests the people made,
// oldest first. Neither notes nor reviewers are read.
func (db *DB) PeerSkillScores(ctx context.Context, orgID int64, personIDs []int64) ([]domain.PeerSkillScore, error) {
	out := []domain.PeerSkillScore{}
	if len(personIDs) == 0 {
		return out, nil
	}
	list, args := inList(personIDs)
	rows, err := db.reader().query(ctx, `SELECT r.id, rv.id, r.requester_id, v.rubric_id, c.key, s.score, rv.observed_at,
		r.anonymous, r.due_at
		FROM review_scores s
		JOIN feedback_reviews rv ON rv.org_id = s.org_id AND rv.id = s.review_id
		JOIN feedback_requests r ON r.org_id = rv.org_id AND r.id = rv.request_id
		JOIN rubric_criteria c ON c.org_id = s.org_id AND c.id = s.criterion_id
		JOIN rubric_versions v ON v.org_id = c.org_id AND v.id = c.version_id
		WHERE s.org_id = ? AND s.score > 0 AND rv.observed_at IS NOT NULL AND r.requester_id IN `+list+`
		ORDER BY rv.observed_at, rv.id, c.seq`, append([]any{orgID}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: peer skill scores: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p domain.PeerSkillScore
		if err := rows.Scan(&p.RequestID, &p.ReviewID, &p.PersonID, &p.RubricID, &p.Criterion, &p.Score,
			timeScanner{&p.ObservedAt}, &p.Anonymous, timeScanner{&p.DueAt}); err != nil {
			return nil, fmt.Errorf("store: peer skill scores: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: peer skill scores: %w", err)
	}
	return out, nil
}

// SkillCalls lists the ready calls of the organisation that occurred at or
// after since, owned by one of owners (nil: anyone's; empty: none), oldest
// first, with SharedWith and Analysis but without Transcript or Summary.
func (db *DB) SkillCalls(ctx context.Context, orgID int64, since time.Time, owners []int64) ([]domain.Call, error) {
	if owners != nil && len(owners) == 0 {
		return []domain.Call{}, nil
	}
	where := "org_id = ? AND status = ? AND occurred_at >= ?"
	args := []any{orgID, string(domain.CallReady), db.d.timeArg(since)}
	if owners != nil {
		list, ids := inList(owners)
		where += " AND owner_id IN " + list
		args = append(args, ids...)
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+callListColumns+", NULL, analysis, NULL FROM calls WHERE "+where+
		" ORDER BY occurred_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: skill calls: %w", err)
	}
	calls := []domain.Call{}
	for rows.Next() {
		c, err := scanCall(rows, true)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: skill calls: %w", err)
		}
		calls = append(calls, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: skill calls: %w", err)
	}
	if err := fillCallLists(ctx, tx.conn, orgID, calls, "call_id IN (SELECT id FROM calls WHERE "+where+")", args...); err != nil {
		return nil, fmt.Errorf("store: skill calls: %w", err)
	}
	return calls, tx.commit()
}

// SkillCallsVersion fingerprints the organisation's ready calls since a
// time: how many there are, the newest change and the highest id. Adding,
// changing (re-analysis stamps updated_at) or deleting a call changes it.
func (db *DB) SkillCallsVersion(ctx context.Context, orgID int64, since time.Time) (string, error) {
	var (
		n       int
		maxID   sql.NullInt64
		changed time.Time
	)
	err := db.reader().queryRow(ctx, `SELECT COUNT(*), MAX(id), MAX(updated_at) FROM calls
		WHERE org_id = ? AND status = ? AND occurred_at >= ?`, orgID, string(domain.CallReady), db.d.timeArg(since)).
		Scan(&n, &maxID, timeScanner{&changed})
	if err != nil {
		return "", fmt.Errorf("store: skill calls version: %w", err)
	}
	return fmt.Sprintf("%d/%d/%s", n, maxID.Int64, changed.Format(time.RFC3339Nano)), nil
}
