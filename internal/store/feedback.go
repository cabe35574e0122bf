package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"huddle/internal/domain"
)

const requestColumns = "id, org_id, requester_id, title, ask, call_id, snippet_id, artefact_kind, artefact_text, deal, " +
	"rubric_id, version_id, anonymous, due_at, observations_read, created_at, " +
	"(SELECT c.group_id FROM feedback_circles c WHERE c.org_id = feedback_requests.org_id AND c.request_id = feedback_requests.id)"

// CreateFeedbackRequest stores a request with its invites (all pending)
// and sets its ID, OrgID and CreatedAt. The requester and every invitee
// must be people of the organisation, and the version one of the rubric.
func (db *DB) CreateFeedbackRequest(ctx context.Context, orgID int64, r *domain.FeedbackRequest) error {
	created := *r
	created.Invites = nil
	seen := map[int64]bool{}
	for _, in := range r.Invites {
		if !seen[in.PersonID] {
			seen[in.PersonID] = true
			created.Invites = append(created.Invites, domain.FeedbackInvite{PersonID: in.PersonID, Status: domain.InvitePending})
		}
	}
	if err := prepareRequest(&created); err != nil {
		return fmt.Errorf("store: create feedback request: %w", err)
	}
	deal, err := encodeDeal(created.Deal)
	if err != nil {
		return fmt.Errorf("store: create feedback request: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create feedback request: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.RequesterID, "requester_id"); err != nil {
		return fmt.Errorf("store: create feedback request: %w", err)
	}
	ok, err := exists(ctx, tx.conn, "SELECT 1 FROM rubric_versions WHERE org_id = ? AND id = ? AND rubric_id = ?",
		orgID, created.VersionID, created.RubricID)
	if err == nil && !ok {
		err = domain.Invalid("rubric", "there is no such rubric version in this organisation")
	}
	if err == nil {
		err = requireSubjectRefs(ctx, tx.conn, orgID, created)
	}
	if err != nil {
		return fmt.Errorf("store: create feedback request: %w", err)
	}
	created.OrgID, created.CreatedAt, created.ObservationsRead = orgID, db.clock(), 0
	created.ID, err = tx.insert(ctx, `INSERT INTO feedback_requests (org_id, requester_id, title, ask, call_id, snippet_id,
		artefact_kind, artefact_text, deal, rubric_id, version_id, anonymous, due_at, observations_read, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`, orgID, created.RequesterID, created.Title, created.Ask,
		nullID(created.CallID), nullID(created.SnippetID), created.ArtefactKind, created.ArtefactText, deal, created.RubricID,
		created.VersionID, created.Anonymous, db.d.timeArg(created.DueAt), db.d.timeArg(created.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: create feedback request: %w", translate(err, "feedback request", "", ""))
	}
	if created.GroupID != 0 {
		if _, err := tx.exec(ctx, "INSERT INTO feedback_circles (org_id, request_id, group_id) VALUES (?, ?, ?)",
			orgID, created.ID, created.GroupID); err != nil {
			return fmt.Errorf("store: create feedback request: %w", translate(err, "circle", "", ""))
		}
	}
	for _, in := range created.Invites {
		if err := requirePersonRef(ctx, tx.conn, orgID, in.PersonID, "invitees"); err != nil {
			return fmt.Errorf("store: create feedback request: %w", err)
		}
		if _, err := tx.exec(ctx, "INSERT INTO feedback_invites (org_id, request_id, person_id, status) VALUES (?, ?, ?, ?)",
			orgID, created.ID, in.PersonID, in.Status); err != nil {
			return fmt.Errorf("store: create feedback request: %w", translate(err, "invite", "", ""))
		}
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*r = created
	return nil
}

// prepareRequest checks what the store relies on.
func prepareRequest(r *domain.FeedbackRequest) error {
	r.Title = strings.TrimSpace(r.Title)
	switch {
	case r.Title == "":
		return domain.Invalid("title", "give the request a title")
	case (r.CallID == 0) == (r.ArtefactKind == ""):
		return domain.Invalid("subject", "ask about a call or about a written artefact, not both")
	case r.ArtefactKind != "" && r.ArtefactKind != domain.ArtefactEmail && r.ArtefactKind != domain.ArtefactDealPlan:
		return domain.Invalid("artefact_kind", "use email or deal_plan")
	case r.SnippetID != 0 && r.CallID == 0:
		return domain.Invalid("snippet_id", "a snippet request names the snippet's call too")
	case r.Deal != nil && r.ArtefactKind != domain.ArtefactDealPlan:
		return domain.Invalid("deal", "a deal is stored as a deal plan")
	case r.DueAt.IsZero():
		return domain.Invalid("due_at", "say when the feedback is due")
	case len(r.Invites) == 0:
		return domain.Invalid("invitees", "ask at least one peer")
	}
	r.DueAt = r.DueAt.UTC().Truncate(time.Microsecond)
	return nil
}

// FeedbackRequest returns one request of the organisation with its invites.
func (db *DB) FeedbackRequest(ctx context.Context, orgID, requestID int64) (domain.FeedbackRequest, error) {
	list, err := db.requests(ctx, orgID, " AND id = ?", "", requestID)
	if err == nil && len(list) == 0 {
		err = domain.NotFound("feedback request")
	}
	if err != nil {
		return domain.FeedbackRequest{}, fmt.Errorf("store: feedback request %d: %w", requestID, err)
	}
	return list[0], nil
}

// FeedbackRequests lists the requests a person made or was invited to,
// soonest due first.
func (db *DB) FeedbackRequests(ctx context.Context, orgID int64, f domain.FeedbackRequestFilter) ([]domain.FeedbackRequest, error) {
	var cond string
	var args []any
	if f.RequesterID != 0 {
		cond, args = " AND requester_id = ?", append(args, f.RequesterID)
	}
	if f.InviteeID != 0 {
		cond += " AND id IN (SELECT request_id FROM feedback_invites WHERE org_id = ? AND person_id = ?)"
		args = append(args, orgID, f.InviteeID)
	}
	list, err := db.requests(ctx, orgID, cond, " ORDER BY due_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: feedback requests: %w", err)
	}
	return list, nil
}

// requests reads the requests matching an extra condition, in order, with
// their invites.
func (db *DB) requests(ctx context.Context, orgID int64, cond, order string, args ...any) ([]domain.FeedbackRequest, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	where := append([]any{orgID}, args...)
	rows, err := tx.query(ctx, "SELECT "+requestColumns+" FROM feedback_requests WHERE org_id = ?"+cond+order, where...)
	if err != nil {
		return nil, err
	}
	var out []domain.FeedbackRequest
	byID := map[int64]int{}
	for rows.Next() {
		var r domain.FeedbackRequest
		var deal string
		if err := rows.Scan(&r.ID, &r.OrgID, &r.RequesterID, &r.Title, &r.Ask, idScanner{&r.CallID}, idScanner{&r.SnippetID},
			&r.ArtefactKind, &r.ArtefactText, &deal, &r.RubricID, &r.VersionID, &r.Anonymous, timeScanner{&r.DueAt},
			&r.ObservationsRead, timeScanner{&r.CreatedAt}, idScanner{&r.GroupID}); err != nil {
			rows.Close()
			return nil, err
		}
		if r.Deal, err = decodeDeal(deal); err != nil {
			rows.Close()
			return nil, fmt.Errorf("request %d: %w", r.ID, err)
		}
		byID[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, tx.commit()
	}
	inv, err := tx.query(ctx, `SELECT request_id, person_id, status, responded_at FROM feedback_invites
		WHERE org_id = ? AND request_id IN (SELECT id FROM feedback_requests WHERE org_id = ?`+cond+`)
		ORDER BY request_id, person_id`, append([]any{orgID}, where...)...)
	if err != nil {
		return nil, err
	}
	defer inv.Close()
	for inv.Next() {
		var reqID int64
		var in domain.FeedbackInvite
		if err := inv.Scan(&reqID, &in.PersonID, &in.Status, timeScanner{&in.RespondedAt}); err != nil {
			return nil, err
		}
		if i, ok := byID[reqID]; ok {
			out[i].Invites = append(out[i].Invites, in)
		}
	}
	if err := inv.Err(); err != nil {
		return nil, err
	}
	return out, tx.commit()
}

// RespondToInvite sets a person's invite to accepted or declined. A person
// who was not invited is NotFound.
func (db *DB) RespondToInvite(ctx context.Context, orgID, requestID, personID int64, status string) error {
	if status != domain.InviteAccepted && status != domain.InviteDeclined && status != domain.InvitePending {
		return fmt.Errorf("store: respond to invite: %w", domain.Invalid("status", "use pending, accepted or declined"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("invite"), `UPDATE feedback_invites SET status = ?, responded_at = ?
		WHERE org_id = ? AND request_id = ? AND person_id = ?`, status, db.d.timeArg(db.clock()), orgID, requestID, personID); err != nil {
		return fmt.Errorf("store: respond to invite: %w", err)
	}
	return tx.commit()
}

// SetObservationsRead records that the requester has read n reviews'
// observations; a smaller n than stored changes nothing.
func (db *DB) SetObservationsRead(ctx context.Context, orgID, requestID int64, n int) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireRequest(ctx, tx.conn, orgID, requestID); err != nil {
		return fmt.Errorf("store: observations read: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE feedback_requests SET observations_read = ?
		WHERE org_id = ? AND id = ? AND observations_read < ?`, n, orgID, requestID, n); err != nil {
		return fmt.Errorf("store: observations read: %w", err)
	}
	return tx.commit()
}

func requireRequest(ctx context.Context, c conn, orgID, requestID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM feedback_requests WHERE org_id = ? AND id = ?", orgID, requestID)
	if err == nil && !ok {
		err = domain.NotFound("feedback request")
	}
	return err
}

// newRef returns a random review reference: 16 hex digits of crypto/rand,
// so that refs say nothing about order or author.
func newRef() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
