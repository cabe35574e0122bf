package store

import (
	"context"
	"encoding/json"
	"fmt"

	"huddle/internal/domain"
)

// encodeDeal writes a request's deal as the JSON of its deal column; ""
// when the request is not about a deal (see migration 0008).
func encodeDeal(d *domain.Deal) (string, error) {
	if d == nil {
		return "", nil
	}
	checked := *d
	if err := checked.Validate(); err != nil {
		return "", err
	}
	b, err := json.Marshal(checked)
	return string(b), err
}

// decodeDeal reads the deal column back.
func decodeDeal(s string) (*domain.Deal, error) {
	if s == "" {
		return nil, nil
	}
	var d domain.Deal
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		return nil, fmt.Errorf("deal: %w", err)
	}
	return &d, nil
}

// requireSubjectRefs checks what a new request points to that has no
// foreign key of its own: the snippet, which must be of the request's call
// in the organisation. The circle's foreign key is composite, but a clear
// error beats a constraint failure.
func requireSubjectRefs(ctx context.Context, c conn, orgID int64, r domain.FeedbackRequest) error {
	if r.SnippetID != 0 {
		ok, err := exists(ctx, c, "SELECT 1 FROM snippets WHERE org_id = ? AND id = ? AND call_id = ?", orgID, r.SnippetID, r.CallID)
		if err == nil && !ok {
			err = domain.Invalid("snippet_id", "there is no such snippet of that call in this organisation")
		}
		if err != nil {
			return err
		}
	}
	if r.GroupID != 0 {
		ok, err := exists(ctx, c, "SELECT 1 FROM ritual_groups WHERE org_id = ? AND id = ?", orgID, r.GroupID)
		if err == nil && !ok {
			err = domain.Invalid("group_id", "there is no such circle in this organisation")
		}
		if err != nil {
			return err
		}
	}
	return nil
}
