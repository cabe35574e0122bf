package store

import (
	"context"
	"database/sql"
	"fmt"

	"huddle/internal/domain"
)

// errObservationsIn is the answer to a change of remarks once the review's
// observations are submitted.
var errObservationsIn = &domain.Error{Kind: domain.ErrConflict, Field: "remarks",
	Message: "your observations are submitted; their remarks can no longer change"}

// lockDraft locks a review that is still a draft for the rest of the
// transaction (touching updated_at), so that a remark cannot slip in while
// its observations are being submitted, nor past the limit alongside
// another. A submitted review is ErrConflict, a missing one NotFound.
func (db *DB) lockDraft(ctx context.Context, t *tx, orgID, reviewID int64) error {
	err := t.execOne(ctx, errObservationsIn, `UPDATE feedback_reviews SET updated_at = ?
		WHERE org_id = ? AND id = ? AND observed_at IS NULL`, db.d.timeArg(db.clock()), orgID, reviewID)
	if err == errObservationsIn {
		ok, xerr := exists(ctx, t.conn, "SELECT 1 FROM feedback_reviews WHERE org_id = ? AND id = ?", orgID, reviewID)
		if xerr != nil {
			return xerr
		}
		if !ok {
			return domain.NotFound("review")
		}
	}
	return err
}

// AddReviewRemark adds a remark with a random Ref to a draft review that
// has fewer than domain.MaxReviewRemarks remarks.
func (db *DB) AddReviewRemark(ctx context.Context, orgID int64, m *domain.ReviewRemark) error {
	saved := *m
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: add remark: %w", err)
	}
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.rollback()
	if err := db.lockDraft(ctx, t, orgID, saved.ReviewID); err != nil {
		return fmt.Errorf("store: add remark: %w", err)
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM review_remarks WHERE org_id = ? AND review_id = ?", orgID, saved.ReviewID).Scan(&n); err != nil {
		return fmt.Errorf("store: add remark: %w", err)
	}
	if n >= domain.MaxReviewRemarks {
		return fmt.Errorf("store: add remark: %w", domain.Invalid("remarks", "a review holds at most %d remarks; remove one first", domain.MaxReviewRemarks))
	}
	var momentAt any
	if saved.MomentAt != nil {
		momentAt = *saved.MomentAt
	}
	saved.Ref, saved.CreatedAt = newRef(), db.clock()
	saved.ID, err = t.insert(ctx, `INSERT INTO review_remarks (ref, org_id, review_id, at_seconds, kind, moment_kind, moment_at, note,
		created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, saved.Ref, orgID, saved.ReviewID, saved.AtSeconds, string(saved.Kind),
		saved.MomentKind, momentAt, saved.Note, db.d.timeArg(saved.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add remark: %w", translate(err, "review", "", ""))
	}
	if err := t.commit(); err != nil {
		return err
	}
	*m = saved
	return nil
}

// RemoveReviewRemark removes a draft review's remark by its ref.
func (db *DB) RemoveReviewRemark(ctx context.Context, orgID, reviewID int64, ref string) error {
	t, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer t.rollback()
	if err := db.lockDraft(ctx, t, orgID, reviewID); err != nil {
		return fmt.Errorf("store: remove remark: %w", err)
	}
	if err := t.execOne(ctx, domain.NotFound("remark"), "DELETE FROM review_remarks WHERE org_id = ? AND review_id = ? AND ref = ?",
		orgID, reviewID, ref); err != nil {
		return fmt.Errorf("store: remove remark: %w", err)
	}
	return t.commit()
}

// loadRemarks adds their remarks to reviews (indexed by ID in byID), by
// call time: the order says nothing about when, or by whom, they were
// written. cond selects the reviews, as in reviews.
func loadRemarks(ctx context.Context, t *tx, out []domain.Review, byID map[int64]int, where []any, cond string) error {
	rows, err := t.query(ctx, `SELECT review_id, id, ref, at_seconds, kind, moment_kind, moment_at, note, created_at
		FROM review_remarks WHERE org_id = ? AND review_id IN (SELECT id FROM feedback_reviews WHERE org_id = ? AND `+cond+`)
		ORDER BY review_id, at_seconds, kind, note, ref`, append([]any{where[0]}, where...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m domain.ReviewRemark
		var kind string
		var momentAt sql.NullFloat64
		if err := rows.Scan(&m.ReviewID, &m.ID, &m.Ref, &m.AtSeconds, &kind, &m.MomentKind, &momentAt, &m.Note,
			timeScanner{&m.CreatedAt}); err != nil {
			return err
		}
		m.Kind = domain.RemarkKind(kind)
		if momentAt.Valid {
			at := momentAt.Float64
			m.MomentAt = &at
		}
		if i, ok := byID[m.ReviewID]; ok {
			out[i].Remarks = append(out[i].Remarks, m)
		}
	}
	return rows.Err()
}
