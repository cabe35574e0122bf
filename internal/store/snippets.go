package store

import (
	"context"
	"fmt"
	"math"
	"strings"

	"huddle/internal/domain"
)

const snippetColumns = "id, org_id, call_id, owner_id, title, start_s, end_s, created_at"

// CreateSnippet stores a snippet of a call of the organisation with the
// people it is shared with, and sets its ID, OrgID and CreatedAt. The range
// must start at or after 0 and end after it starts; the owner and everyone
// in SharedWith must be people of the organisation. SharedWith is stored
// sorted and without duplicates, and s is updated to match.
func (db *DB) CreateSnippet(ctx context.Context, orgID int64, s *domain.Snippet) error {
	created := *s
	created.Title = strings.TrimSpace(created.Title)
	created.SharedWith = normIDs(created.SharedWith)
	switch {
	case !(created.Start >= 0) || math.IsInf(created.Start, 0):
		return fmt.Errorf("store: create snippet: %w", domain.Invalid("start", "a snippet starts at 0 seconds or later"))
	case !(created.End > created.Start) || math.IsInf(created.End, 0):
		return fmt.Errorf("store: create snippet: %w", domain.Invalid("end", "a snippet ends after it starts"))
	case created.OwnerID == 0:
		return fmt.Errorf("store: create snippet: %w", domain.Invalid("owner_id", "a snippet needs an owner"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireCall(ctx, tx.conn, orgID, created.CallID); err != nil {
		return fmt.Errorf("store: create snippet: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.OwnerID, "owner_id"); err != nil {
		return fmt.Errorf("store: create snippet: %w", err)
	}
	if err := requireShares(ctx, tx.conn, orgID, created.SharedWith); err != nil {
		return fmt.Errorf("store: create snippet: %w", err)
	}
	created.OrgID = orgID
	created.CreatedAt = db.clock()
	if created.ID, err = insertSnippet(ctx, tx.conn, created); err != nil {
		return fmt.Errorf("store: create snippet: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*s = created
	return nil
}

func insertSnippet(ctx context.Context, c conn, s domain.Snippet) (int64, error) {
	id, err := c.insert(ctx, `INSERT INTO snippets (org_id, call_id, owner_id, title, start_s, end_s, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.OrgID, s.CallID, s.OwnerID, s.Title, s.Start, s.End, c.d.timeArg(s.CreatedAt))
	if err != nil {
		return 0, translate(err, "snippet", "", "")
	}
	for _, person := range s.SharedWith {
		if _, err := c.exec(ctx, "INSERT INTO snippet_shares (org_id, snippet_id, person_id) VALUES (?, ?, ?)",
			s.OrgID, id, person); err != nil {
			return 0, translate(err, "snippet", "", "")
		}
	}
	return id, nil
}

// Snippet returns one snippet of the organisation with the people it is
// shared with.
func (db *DB) Snippet(ctx context.Context, orgID, snippetID int64) (domain.Snippet, error) {
	snippets, err := db.snippets(ctx, orgID, 0, "id = ?", "id", snippetID)
	switch {
	case err != nil:
		return domain.Snippet{}, fmt.Errorf("store: snippet %d: %w", snippetID, err)
	case len(snippets) == 0:
		return domain.Snippet{}, fmt.Errorf("store: snippet %d: %w", snippetID, domain.NotFound("snippet"))
	}
	return snippets[0], nil
}

// Snippets returns the snippets of a call of the organisation in the order
// they start; a call elsewhere is NotFound.
func (db *DB) Snippets(ctx context.Context, orgID, callID int64) ([]domain.Snippet, error) {
	snippets, err := db.snippets(ctx, orgID, callID, "call_id = ?", "start_s, id", callID)
	if err != nil {
		return nil, fmt.Errorf("store: snippets of call %d: %w", callID, err)
	}
	return snippets, nil
}

// SnippetsSharedWith returns the snippets of the organisation shared with
// a person, newest first.
func (db *DB) SnippetsSharedWith(ctx context.Context, orgID, personID int64) ([]domain.Snippet, error) {
	snippets, err := db.snippets(ctx, orgID, 0,
		"id IN (SELECT ss.snippet_id FROM snippet_shares ss WHERE ss.org_id = ? AND ss.person_id = ?)",
		"created_at DESC, id DESC", orgID, personID)
	if err != nil {
		return nil, fmt.Errorf("store: snippets shared with person %d: %w", personID, err)
	}
	return snippets, nil
}

// snippets returns the organisation's snippets matching cond (with args)
// in the given order, with their shares. When callID is set, that call must
// be in the organisation.
func (db *DB) snippets(ctx context.Context, orgID, callID int64, cond, order string, args ...any) ([]domain.Snippet, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	if callID != 0 {
		if err := requireCall(ctx, tx.conn, orgID, callID); err != nil {
			return nil, err
		}
	}
	scope := "SELECT id FROM snippets WHERE org_id = ? AND " + cond
	all := append([]any{orgID}, args...)
	snippets, err := querySnippets(ctx, tx.conn, "SELECT "+snippetColumns+" FROM snippets WHERE org_id = ? AND "+
		cond+" ORDER BY "+order, all...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*domain.Snippet, len(snippets))
	for i := range snippets {
		byID[snippets[i].ID] = &snippets[i]
	}
	if err := childRows(ctx, tx.conn, "SELECT snippet_id, person_id FROM snippet_shares WHERE org_id = ? AND snippet_id IN ("+
		scope+") ORDER BY snippet_id, person_id", append([]any{orgID}, all...), func(id, person int64) {
		if s := byID[id]; s != nil {
			s.SharedWith = append(s.SharedWith, person)
		}
	}); err != nil {
		return nil, err
	}
	return snippets, tx.commit()
}

func querySnippets(ctx context.Context, c conn, query string, args ...any) ([]domain.Snippet, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	snippets := []domain.Snippet{}
	for rows.Next() {
		var s domain.Snippet
		if err := rows.Scan(&s.ID, &s.OrgID, &s.CallID, &s.OwnerID, &s.Title, &s.Start, &s.End,
			timeScanner{&s.CreatedAt}); err != nil {
			return nil, err
		}
		snippets = append(snippets, s)
	}
	return snippets, rows.Err()
}
