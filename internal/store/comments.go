package store

import (
	"context"
	"fmt"
	"math"
	"strings"

	"huddle/internal/domain"
)

const commentColumns = "id, org_id, call_id, snippet_id, author_id, at_seconds, body, created_at"

// AddComment stores a comment on a call of the organisation and sets its ID,
// OrgID and CreatedAt. The snippet, when set, must be one of that call's;
// the author must be a person of the organisation. The body is trimmed and
// must not be empty.
func (db *DB) AddComment(ctx context.Context, orgID int64, cm *domain.CallComment) error {
	created := *cm
	created.Body = strings.TrimSpace(created.Body)
	switch {
	case created.Body == "":
		return fmt.Errorf("store: add comment: %w", domain.Invalid("body", "write a comment"))
	case !(created.AtSeconds >= 0) || math.IsInf(created.AtSeconds, 0):
		return fmt.Errorf("store: add comment: %w", domain.Invalid("at_seconds", "a comment's time must be a number of seconds from the start"))
	case created.AuthorID == 0:
		return fmt.Errorf("store: add comment: %w", domain.Invalid("author_id", "a comment needs an author"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := checkCommentRefs(ctx, tx.conn, orgID, created); err != nil {
		return fmt.Errorf("store: add comment: %w", err)
	}
	created.OrgID = orgID
	created.CreatedAt = db.clock()
	created.ID, err = tx.insert(ctx, `INSERT INTO call_comments (org_id, call_id, snippet_id, author_id,
		at_seconds, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, created.CallID,
		nullID(created.SnippetID), created.AuthorID, created.AtSeconds, created.Body, db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add comment: %w", translate(err, "comment", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*cm = created
	return nil
}

// checkCommentRefs checks that a comment's call is in the organisation, its
// snippet (if any) on that call and its author in the organisation.
func checkCommentRefs(ctx context.Context, c conn, orgID int64, cm domain.CallComment) error {
	if err := requireCall(ctx, c, orgID, cm.CallID); err != nil {
		return err
	}
	if cm.SnippetID != 0 {
		ok, err := exists(ctx, c, "SELECT 1 FROM snippets WHERE org_id = ? AND call_id = ? AND id = ?",
			orgID, cm.CallID, cm.SnippetID)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Invalid("snippet_id", "there is no snippet %d of this call", cm.SnippetID)
		}
	}
	return requirePersonRef(ctx, c, orgID, cm.AuthorID, "author_id")
}

// Comments returns the comments on a call of the organisation, its
// snippets' included, ordered by their time in the call, then as written.
func (db *DB) Comments(ctx context.Context, orgID, callID int64) ([]domain.CallComment, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	if err := requireCall(ctx, tx.conn, orgID, callID); err != nil {
		return nil, fmt.Errorf("store: comments on call %d: %w", callID, err)
	}
	rows, err := tx.query(ctx, "SELECT "+commentColumns+
		" FROM call_comments WHERE org_id = ? AND call_id = ? ORDER BY at_seconds, id", orgID, callID)
	if err != nil {
		return nil, fmt.Errorf("store: comments on call %d: %w", callID, err)
	}
	defer rows.Close()
	comments := []domain.CallComment{}
	for rows.Next() {
		var cm domain.CallComment
		if err := rows.Scan(&cm.ID, &cm.OrgID, &cm.CallID, idScanner{&cm.SnippetID}, &cm.AuthorID,
			&cm.AtSeconds, &cm.Body, timeScanner{&cm.CreatedAt}); err != nil {
			return nil, fmt.Errorf("store: comments on call %d: %w", callID, err)
		}
		comments = append(comments, cm)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: comments on call %d: %w", callID, err)
	}
	return comments, tx.commit()
}
