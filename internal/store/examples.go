package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

const exampleColumns = "id, org_id, rubric_id, criterion_key, call_id, owner_id, proposer_id, start_s, end_s, note, " +
	"status, created_at, decided_at"

// CreateExample validates e and stores it, setting its ID, OrgID,
// CreatedAt (and DecidedAt when it is stored approved or declined). The
// rubric, the call and both people must be of the organisation; the same
// stretch of the same call for the same criterion twice is ErrConflict.
func (db *DB) CreateExample(ctx context.Context, orgID int64, e *domain.CriterionExample) error {
	created := *e
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: create example: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireCall(ctx, tx.conn, orgID, created.CallID); err != nil {
		return fmt.Errorf("store: create example: %w", err)
	}
	for field, id := range map[string]int64{"owner_id": created.OwnerID, "proposer_id": created.ProposerID} {
		if id == 0 {
			return fmt.Errorf("store: create example: %w", domain.Invalid(field, "an example needs an owner and a proposer"))
		}
		if err := requirePersonRef(ctx, tx.conn, orgID, id, field); err != nil {
			return fmt.Errorf("store: create example: %w", err)
		}
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	if created.Status != domain.ExampleProposed {
		created.DecidedAt = created.CreatedAt
	}
	created.ID, err = tx.insert(ctx, `INSERT INTO criterion_examples (org_id, rubric_id, criterion_key, call_id, owner_id,
		proposer_id, start_s, end_s, note, status, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.RubricID, created.CriterionKey, created.CallID, created.OwnerID, created.ProposerID, created.Start,
		created.End, created.Note, string(created.Status), tx.d.timeArg(created.CreatedAt), tx.d.timeArg(created.DecidedAt))
	if err != nil {
		return fmt.Errorf("store: create example: %w", translate(err, "example", "start",
			"this stretch of the call is already proposed for that criterion"))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*e = created
	return nil
}

// CriterionExample returns one example of the organisation.
func (db *DB) CriterionExample(ctx context.Context, orgID, id int64) (domain.CriterionExample, error) {
	list, err := queryExamples(ctx, db.reader(), "SELECT "+exampleColumns+
		" FROM criterion_examples WHERE org_id = ? AND id = ?", orgID, id)
	switch {
	case err != nil:
		return domain.CriterionExample{}, fmt.Errorf("store: example %d: %w", id, err)
	case len(list) == 0:
		return domain.CriterionExample{}, fmt.Errorf("store: example %d: %w", id, domain.NotFound("example"))
	}
	return list[0], nil
}

// CriterionExamples lists the organisation's examples that match f, by
// rubric, criterion key, call and start.
func (db *DB) CriterionExamples(ctx context.Context, orgID int64, f domain.ExampleFilter) ([]domain.CriterionExample, error) {
	conds, args := []string{"org_id = ?"}, []any{orgID}
	if f.RubricID != 0 {
		conds, args = append(conds, "rubric_id = ?"), append(args, f.RubricID)
	}
	if f.CallID != 0 {
		conds, args = append(conds, "call_id = ?"), append(args, f.CallID)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, string(f.Status))
	}
	if f.PersonID != 0 {
		conds, args = append(conds, "(owner_id = ? OR proposer_id = ?)"), append(args, f.PersonID, f.PersonID)
	}
	list, err := queryExamples(ctx, db.reader(), "SELECT "+exampleColumns+" FROM criterion_examples WHERE "+
		strings.Join(conds, " AND ")+" ORDER BY rubric_id, criterion_key, call_id, start_s, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: examples: %w", err)
	}
	return list, nil
}

// SetExampleStatus moves an example from one status to another, stamping
// DecidedAt; an example no longer in from is ErrConflict, one elsewhere
// NotFound.
func (db *DB) SetExampleStatus(ctx context.Context, orgID, id int64, from, to domain.ExampleStatus, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	var cur string
	if err := tx.queryRow(ctx, "SELECT status FROM criterion_examples WHERE org_id = ? AND id = ?", orgID, id).Scan(&cur); err != nil {
		return fmt.Errorf("store: set example status: %w", translate(err, "example", "", ""))
	}
	if domain.ExampleStatus(cur) != from {
		return fmt.Errorf("store: set example status: %w", &domain.Error{Kind: domain.ErrConflict, Field: "status",
			Message: "the example is " + cur + " now; reload the page"})
	}
	if _, err := tx.exec(ctx, "UPDATE criterion_examples SET status = ?, decided_at = ? WHERE org_id = ? AND id = ?",
		string(to), tx.d.timeArg(at), orgID, id); err != nil {
		return fmt.Errorf("store: set example status: %w", translate(err, "example", "status", ""))
	}
	return tx.commit()
}

// DeleteExample removes an example of the organisation.
func (db *DB) DeleteExample(ctx context.Context, orgID, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	err = tx.execOne(ctx, domain.NotFound("example"), "DELETE FROM criterion_examples WHERE org_id = ? AND id = ?", orgID, id)
	if err != nil {
		return fmt.Errorf("store: delete example %d: %w", id, err)
	}
	return tx.commit()
}

// CriterionScores lists the calls whose submitted reviews (observations
// in) scored the criterion with the key, in any version of the rubric, at
// least min on average; skipped criteria do not count, nor do reviews not
// yet released to their recipient under the given rule. Best first.
func (db *DB) CriterionScores(ctx context.Context, orgID, rubricID int64, key string, min float64, release domain.AnonymousRelease) ([]domain.CriterionScore, error) {
	rows, err := db.reader().query(ctx, `SELECT q.call_id, CAST(AVG(s.score) AS DOUBLE PRECISION), COUNT(DISTINCT rv.id)
		FROM review_scores s
		JOIN rubric_criteria c ON c.org_id = s.org_id AND c.id = s.criterion_id
		JOIN rubric_versions v ON v.org_id = c.org_id AND v.id = c.version_id
		JOIN feedback_reviews rv ON rv.org_id = s.org_id AND rv.id = s.review_id
		JOIN feedback_requests q ON q.org_id = rv.org_id AND q.id = rv.request_id
		WHERE s.org_id = ? AND v.rubric_id = ? AND c.key = ? AND s.score > 0 AND rv.observed_at IS NOT NULL
			AND q.call_id IS NOT NULL`+releasedRequest+`
		GROUP BY q.call_id HAVING AVG(s.score) >= ? ORDER BY 2 DESC, 1`, orgID, rubricID, key,
		db.d.timeArg(release.Now), release.MinReviews, min)
	if err != nil {
		return nil, fmt.Errorf("store: criterion scores: %w", err)
	}
	defer rows.Close()
	out := []domain.CriterionScore{}
	for rows.Next() {
		var cs domain.CriterionScore
		if err := rows.Scan(&cs.CallID, &cs.Average, &cs.Reviews); err != nil {
			return nil, fmt.Errorf("store: criterion scores: %w", err)
		}
		out = append(out, cs)
	}
	return out, rows.Err()
}

func queryExamples(ctx context.Context, c conn, query string, args ...any) ([]domain.CriterionExample, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []domain.CriterionExample{}
	for rows.Next() {
		var e domain.CriterionExample
		var status string
		if err := rows.Scan(&e.ID, &e.OrgID, &e.RubricID, &e.CriterionKey, &e.CallID, &e.OwnerID, &e.ProposerID,
			&e.Start, &e.End, &e.Note, &status, timeScanner{&e.CreatedAt}, timeScanner{&e.DecidedAt}); err != nil {
			return nil, err
		}
		e.Status = domain.ExampleStatus(status)
		out = append(out, e)
	}
	return out, rows.Err()
}
