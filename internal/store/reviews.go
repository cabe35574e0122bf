package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"huddle/internal/domain"
)

const reviewColumns = "id, ref, org_id, request_id, reviewer_id, highlights, improvements, recommendations, " +
	"observed_at, recommended_at, helpfulness, helpfulness_note, rated_at, created_at, updated_at"

// phaseCond is the SQL condition that a stored review is in a phase.
var phaseCond = map[domain.ReviewPhase]string{
	domain.PhaseDraft:    "observed_at IS NULL",
	domain.PhaseObserved: "observed_at IS NOT NULL AND recommended_at IS NULL",
	domain.PhaseDone:     "recommended_at IS NOT NULL",
}

// SaveReview inserts a new review (ID 0) as a draft with a random Ref, or
// writes every field of an existing one — scores replaced — if it is
// still in phase from. A review whose phase moved on, or a second review
// by the same reviewer of the same request, is ErrConflict and nothing
// changes. Scores must name criteria of the organisation, with 0–5.
func (db *DB) SaveReview(ctx context.Context, orgID int64, r *domain.Review, from domain.ReviewPhase) error {
	saved := *r
	saved.Scores = append([]domain.ReviewScore(nil), r.Scores...)
	cond, ok := phaseCond[from]
	if !ok {
		return fmt.Errorf("store: save review: %w", domain.Invalid("phase", "unknown phase %q", from))
	}
	for _, s := range saved.Scores {
		if s.Score < 0 || s.Score > domain.MaxReviewScore {
			return fmt.Errorf("store: save review: %w", domain.Invalid("scores", "score from %d to %d", domain.MinReviewScore, domain.MaxReviewScore))
		}
	}
	if saved.Helpfulness < 0 || saved.Helpfulness > domain.MaxReviewScore {
		return fmt.Errorf("store: save review: %w", domain.Invalid("helpfulness", "rate from 1 to 5"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	saved.OrgID, saved.UpdatedAt = orgID, db.clock()
	if saved.ID == 0 {
		if from != domain.PhaseDraft {
			return fmt.Errorf("store: save review: %w", domain.Invalid("phase", "a new review starts as a draft"))
		}
		if err := requireRequest(ctx, tx.conn, orgID, saved.RequestID); err != nil {
			return fmt.Errorf("store: save review: %w", err)
		}
		if err := requirePersonRef(ctx, tx.conn, orgID, saved.ReviewerID, "reviewer_id"); err != nil {
			return fmt.Errorf("store: save review: %w", err)
		}
		saved.Ref, saved.CreatedAt = newRef(), saved.UpdatedAt
		saved.ID, err = tx.insert(ctx, `INSERT INTO feedback_reviews (ref, org_id, request_id, reviewer_id, created_at,
			updated_at) VALUES (?, ?, ?, ?, ?, ?)`, saved.Ref, orgID, saved.RequestID, saved.ReviewerID,
			db.d.timeArg(saved.CreatedAt), db.d.timeArg(saved.UpdatedAt))
		if err != nil {
			return fmt.Errorf("store: save review: %w", translate(err, "review", "review", "you have already reviewed this request"))
		}
	}
	err = tx.execOne(ctx, &domain.Error{Kind: domain.ErrConflict, Message: "this review has moved on since you opened it; reload the page"},
		`UPDATE feedback_reviews SET highlights = ?, improvements = ?, recommendations = ?, observed_at = ?,
		recommended_at = ?, helpfulness = ?, helpfulness_note = ?, rated_at = ?, updated_at = ?
		WHERE org_id = ? AND id = ? AND `+cond, saved.Highlights, saved.Improvements, saved.Recommendations,
		db.d.timeArg(saved.ObservedAt), db.d.timeArg(saved.RecommendedAt), saved.Helpfulness, saved.HelpfulnessNote,
		db.d.timeArg(saved.RatedAt), db.d.timeArg(saved.UpdatedAt), orgID, saved.ID)
	if err != nil {
		return fmt.Errorf("store: save review %d: %w", saved.ID, translate(err, "review", "", ""))
	}
	if _, err := tx.exec(ctx, "DELETE FROM review_scores WHERE org_id = ? AND review_id = ?", orgID, saved.ID); err != nil {
		return fmt.Errorf("store: save review %d: %w", saved.ID, err)
	}
	for _, s := range saved.Scores {
		if _, err := tx.exec(ctx, "INSERT INTO review_scores (org_id, review_id, criterion_id, score, note) VALUES (?, ?, ?, ?, ?)",
			orgID, saved.ID, s.CriterionID, s.Score, s.Note); err != nil {
			return fmt.Errorf("store: save review %d: %w", saved.ID, translate(err, "score", "scores", "a criterion is scored twice"))
		}
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*r = saved
	return nil
}

// ReviewOf returns a reviewer's review of a request.
func (db *DB) ReviewOf(ctx context.Context, orgID, requestID, reviewerID int64) (domain.Review, error) {
	return db.oneReview(ctx, orgID, "request_id = ? AND reviewer_id = ?", requestID, reviewerID)
}

// ReviewByRef returns the review of the organisation with the reference.
func (db *DB) ReviewByRef(ctx context.Context, orgID int64, ref string) (domain.Review, error) {
	return db.oneReview(ctx, orgID, "ref = ?", ref)
}

func (db *DB) oneReview(ctx context.Context, orgID int64, cond string, args ...any) (domain.Review, error) {
	list, err := db.reviews(ctx, orgID, cond, args...)
	if err == nil && len(list) == 0 {
		err = domain.NotFound("review")
	}
	if err != nil {
		return domain.Review{}, fmt.Errorf("store: review: %w", err)
	}
	return list[0], nil
}

// Reviews lists every review of a request, drafts included, ordered by
// their random Ref: a stable order that says nothing about who wrote
// which or when.
func (db *DB) Reviews(ctx context.Context, orgID, requestID int64) ([]domain.Review, error) {
	list, err := db.reviews(ctx, orgID, "request_id = ?", requestID)
	if err != nil {
		return nil, fmt.Errorf("store: reviews of request %d: %w", requestID, err)
	}
	return list, nil
}

func (db *DB) reviews(ctx context.Context, orgID int64, cond string, args ...any) ([]domain.Review, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	where := append([]any{orgID}, args...)
	rows, err := tx.query(ctx, "SELECT "+reviewColumns+" FROM feedback_reviews WHERE org_id = ? AND "+cond+" ORDER BY ref", where...)
	if err != nil {
		return nil, err
	}
	var out []domain.Review
	byID := map[int64]int{}
	for rows.Next() {
		var r domain.Review
		if err := rows.Scan(&r.ID, &r.Ref, &r.OrgID, &r.RequestID, &r.ReviewerID, &r.Highlights, &r.Improvements,
			&r.Recommendations, timeScanner{&r.ObservedAt}, timeScanner{&r.RecommendedAt}, &r.Helpfulness,
			&r.HelpfulnessNote, timeScanner{&r.RatedAt}, timeScanner{&r.CreatedAt}, timeScanner{&r.UpdatedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	sc, err := tx.query(ctx, `SELECT s.review_id, s.criterion_id, s.score, s.note FROM review_scores s
		JOIN rubric_criteria c ON c.org_id = s.org_id AND c.id = s.criterion_id
		WHERE s.org_id = ? AND s.review_id IN (SELECT id FROM feedback_reviews WHERE org_id = ? AND `+cond+`)
		ORDER BY s.review_id, c.seq`, append([]any{orgID}, where...)...)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	for sc.Next() {
		var id int64
		var s domain.ReviewScore
		if err := sc.Scan(&id, &s.CriterionID, &s.Score, &s.Note); err != nil {
			return nil, err
		}
		if i, ok := byID[id]; ok {
			out[i].Scores = append(out[i].Scores, s)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := loadRemarks(ctx, tx, out, byID, where, cond); err != nil {
		return nil, err
	}
	return out, tx.commit()
}

// RateReview stores the recipient's helpfulness rating (1–5) and note on a
// review whose observations were submitted, replacing an earlier one; at
// is when it was given.
func (db *DB) RateReview(ctx context.Context, orgID, reviewID int64, score int, note string, at time.Time) error {
	if score < domain.MinReviewScore || score > domain.MaxReviewScore {
		return fmt.Errorf("store: rate review: %w", domain.Invalid("helpfulness", "rate from 1 to 5"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("review"), `UPDATE feedback_reviews SET helpfulness = ?,
		helpfulness_note = ?, rated_at = ? WHERE org_id = ? AND id = ? AND observed_at IS NOT NULL`,
		score, note, db.d.timeArg(at.UTC().Truncate(time.Microsecond)), orgID, reviewID); err != nil {
		return fmt.Errorf("store: rate review %d: %w", reviewID, err)
	}
	return tx.commit()
}

// ReviewerHelpfulness averages the helpfulness ratings of a reviewer's
// rated reviews.
func (db *DB) ReviewerHelpfulness(ctx context.Context, orgID, reviewerID int64) (domain.Helpfulness, error) {
	var h domain.Helpfulness
	var avg sql.NullFloat64
	err := db.reader().queryRow(ctx, `SELECT COUNT(*), AVG(helpfulness) FROM feedback_reviews
		WHERE org_id = ? AND reviewer_id = ? AND helpfulness > 0`, orgID, reviewerID).Scan(&h.Count, &avg)
	if err != nil {
		return h, fmt.Errorf("store: helpfulness: %w", err)
	}
	h.Average = avg.Float64
	return h, nil
}

// ReviewerRatings lists the helpfulness ratings of a reviewer's reviews
// given at or after since, oldest first.
func (db *DB) ReviewerRatings(ctx context.Context, orgID, reviewerID int64, since time.Time) ([]domain.HelpfulnessRating, error) {
	rows, err := db.reader().query(ctx, `SELECT helpfulness, rated_at FROM feedback_reviews
		WHERE org_id = ? AND reviewer_id = ? AND helpfulness > 0 AND rated_at >= ? ORDER BY rated_at`,
		orgID, reviewerID, db.d.timeArg(since.UTC()))
	if err != nil {
		return nil, fmt.Errorf("store: ratings: %w", err)
	}
	defer rows.Close()
	var out []domain.HelpfulnessRating
	for rows.Next() {
		var r domain.HelpfulnessRating
		if err := rows.Scan(&r.Score, timeScanner{&r.RatedAt}); err != nil {
			return nil, fmt.Errorf("store: ratings: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// releasedRequest keeps the reviews of request q its recipient may read:
// q is not anonymous, or its due time (the first argument) has passed, or
// at least the second argument of its reviews have observations in. See
// domain.AnonymousRelease.
const releasedRequest = ` AND (NOT q.anonymous OR q.due_at <= ? OR (SELECT COUNT(*) FROM feedback_reviews w
	WHERE w.org_id = q.org_id AND w.request_id = q.id AND w.observed_at IS NOT NULL) >= ?)`

// TeamFeedbackStats counts the feedback requests made by a team's people
// and the reviews they received, with average scores and helpfulness.
// Drafts do not count.
func (db *DB) TeamFeedbackStats(ctx context.Context, orgID, teamID int64, release domain.AnonymousRelease) (domain.FeedbackStats, error) {
	var st domain.FeedbackStats
	tx, err := db.beginRead(ctx)
	if err != nil {
		return st, err
	}
	defer tx.rollback()
	const mine = ` JOIN people p ON p.org_id = q.org_id AND p.id = q.requester_id WHERE q.org_id = ? AND p.team_id = ?`
	const reviewed = ` JOIN feedback_reviews v ON v.org_id = q.org_id AND v.request_id = q.id AND v.observed_at IS NOT NULL`
	reviewArgs := []any{orgID, teamID, tx.d.timeArg(release.Now), release.MinReviews}
	var score, helpful sql.NullFloat64
	for _, q := range []struct {
		query string
		args  []any
		dest  []any
	}{
		{"SELECT COUNT(*) FROM feedback_requests q" + mine, []any{orgID, teamID}, []any{&st.Requests}},
		{"SELECT COUNT(*), COUNT(NULLIF(v.helpfulness, 0)), AVG(NULLIF(v.helpfulness, 0)) FROM feedback_requests q" + reviewed +
			mine + releasedRequest, reviewArgs, []any{&st.Reviews, &st.HelpfulnessRated, &helpful}},
		{"SELECT COUNT(*), AVG(s.score) FROM feedback_requests q" + reviewed +
			" JOIN review_scores s ON s.org_id = v.org_id AND s.review_id = v.id AND s.score > 0" + mine + releasedRequest,
			reviewArgs, []any{&st.Scores, &score}},
	} {
		if err := tx.queryRow(ctx, q.query, q.args...).Scan(q.dest...); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return st, fmt.Errorf("store: team feedback stats: %w", err)
		}
	}
	st.AverageScore, st.AverageHelpful = score.Float64, helpful.Float64
	return st, tx.commit()
}
