package store

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"huddle/internal/domain"
)

// callListColumns are a call's columns in lists: all but the transcript and
// the analysis, which can be large.
const callListColumns = "id, org_id, owner_id, title, occurred_at, source, file_name, format, status, " +
	"status_detail, visibility, recording, duration_seconds, talk_ratio, longest_monologue, patience, " +
	"questions, interactivity, words_per_minute, created_at, updated_at"

// callColumns are all of a call's columns.
const callColumns = callListColumns + ", transcript, analysis, summary"

// CreateCall validates c, stores it in the organisation with the people it
// is shared with and its trackers and objections, and sets its ID, OrgID,
// CreatedAt and UpdatedAt. The owner and everyone in SharedWith must be
// people of the organisation. SharedWith is stored sorted and without
// duplicates, trackers and objections without duplicates, and c is
// updated to match.
func (db *DB) CreateCall(ctx context.Context, orgID int64, c *domain.Call) error {
	created := *c
	if err := prepareCall(&created); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	created.ID, created.OrgID = 0, orgID
	if created.OwnerID == 0 {
		return fmt.Errorf("store: create call: %w", domain.Invalid("owner_id", "a call needs an owner"))
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.OwnerID, "owner_id"); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	if err := requireShares(ctx, tx.conn, orgID, created.SharedWith); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	created.CreatedAt = db.clock()
	created.UpdatedAt = created.CreatedAt
	if created.ID, err = insertCall(ctx, tx.conn, created); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	if err := saveCallLists(ctx, tx.conn, created); err != nil {
		return fmt.Errorf("store: create call: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*c = created
	return nil
}

// Call returns one call of the organisation with everything about it: its
// transcript, analysis, metrics and the people it is shared with.
func (db *DB) Call(ctx context.Context, orgID, callID int64) (domain.Call, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return domain.Call{}, err
	}
	defer tx.rollback()
	c, err := scanCall(tx.queryRow(ctx, "SELECT "+callColumns+" FROM calls WHERE org_id = ? AND id = ?", orgID, callID), true)
	if err != nil {
		return domain.Call{}, fmt.Errorf("store: call %d: %w", callID, translate(err, "call", "", ""))
	}
	calls := []domain.Call{c}
	if err := fillCallLists(ctx, tx.conn, orgID, calls, "call_id = ?", callID); err != nil {
		return domain.Call{}, fmt.Errorf("store: call %d: %w", callID, err)
	}
	return calls[0], tx.commit()
}

// UpdateCall saves every mutable field of a call of the organisation: title,
// time, source, file, status, visibility, the people it is shared with
// (replaced), recording, metrics, trackers and objections. Its owner and
// creation time stay. A nil Transcript or Analysis keeps the stored
// document, so that a call from a list, which has neither, can be saved
// without losing them; an empty one replaces it.
func (db *DB) UpdateCall(ctx context.Context, orgID int64, c domain.Call) error {
	if err := prepareCall(&c); err != nil {
		return fmt.Errorf("store: update call %d: %w", c.ID, err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	c.OrgID = orgID
	if err := requireCall(ctx, tx.conn, orgID, c.ID); err != nil {
		return fmt.Errorf("store: update call %d: %w", c.ID, err)
	}
	if err := requireShares(ctx, tx.conn, orgID, c.SharedWith); err != nil {
		return fmt.Errorf("store: update call %d: %w", c.ID, err)
	}
	c.UpdatedAt = db.clock()
	if err := updateCall(ctx, tx.conn, c); err != nil {
		return fmt.Errorf("store: update call %d: %w", c.ID, err)
	}
	if err := saveCallLists(ctx, tx.conn, c); err != nil {
		return fmt.Errorf("store: update call %d: %w", c.ID, err)
	}
	return tx.commit()
}

// DeleteCall removes a call of the organisation with its shares, comments
// and snippets.
func (db *DB) DeleteCall(ctx context.Context, orgID, callID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("call"),
		"DELETE FROM calls WHERE org_id = ? AND id = ?", orgID, callID); err != nil {
		return fmt.Errorf("store: delete call %d: %w", callID, err)
	}
	return tx.commit()
}

// prepareCall validates and normalises what a caller may set on a call.
func prepareCall(c *domain.Call) error {
	if err := c.Validate(); err != nil {
		return err
	}
	v, err := domain.ParseVisibility(string(c.Visibility))
	if err != nil {
		return err
	}
	c.Visibility = v
	switch c.Status {
	case domain.CallReady, domain.CallTranscribing, domain.CallFailed:
	default:
		return domain.Invalid("status", "use ready, transcribing or failed")
	}
	if c.OccurredAt.IsZero() {
		return domain.Invalid("occurred_at", "say when the call took place")
	}
	c.OccurredAt = c.OccurredAt.UTC().Truncate(time.Microsecond)
	for _, f := range metricValues(c.Metrics) {
		if f != nil && (math.IsNaN(*f) || math.IsInf(*f, 0)) {
			return domain.Invalid("metrics", "a metric is not a finite number")
		}
	}
	c.SharedWith = normIDs(c.SharedWith)
	c.Metrics.Trackers = normNames(c.Metrics.Trackers)
	c.Metrics.Objections = normNames(c.Metrics.Objections)
	return nil
}

// metricValues lists the numeric metrics in column order.
func metricValues(m domain.CallMetrics) []*float64 {
	return []*float64{m.DurationSeconds, m.TalkRatio, m.LongestMonolog, m.Patience,
		m.Questions, m.Interactivity, m.WordsPerMinute}
}

// normIDs sorts ids and drops duplicates; none becomes nil.
func normIDs(ids []int64) []int64 {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// normNames trims names and drops empty ones and repeats, keeping the
// order; none becomes nil.
func normNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// requireCall returns NotFound unless the call is in the organisation.
func requireCall(ctx context.Context, c conn, orgID, callID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM calls WHERE org_id = ? AND id = ?", orgID, callID)
	if err == nil && !ok {
		err = domain.NotFound("call")
	}
	return err
}

// requireShares checks that everyone a call or snippet is shared with is a
// person of the organisation.
func requireShares(ctx context.Context, c conn, orgID int64, ids []int64) error {
	for _, id := range ids {
		if id <= 0 {
			return domain.Invalid("shared_with", "%d is not a person", id)
		}
		if err := requirePersonRef(ctx, c, orgID, id, "shared_with"); err != nil {
			return err
		}
	}
	return nil
}

func insertCall(ctx context.Context, c conn, call domain.Call) (int64, error) {
	args := []any{call.OrgID, call.OwnerID, call.Title, c.d.timeArg(call.OccurredAt), call.Source,
		call.FileName, call.Format, string(call.Status), call.StatusDetail, string(call.Visibility),
		call.Recording, docArg(call.Transcript), docArg(call.Analysis), docArg(call.Summary)}
	args = append(args, metricArgs(call.Metrics)...)
	args = append(args, c.d.timeArg(call.CreatedAt), c.d.timeArg(call.UpdatedAt))
	id, err := c.insert(ctx, `INSERT INTO calls (org_id, owner_id, title, occurred_at, source, file_name,
		format, status, status_detail, visibility, recording, transcript, analysis, summary, duration_seconds,
		talk_ratio, longest_monologue, patience, questions, interactivity, words_per_minute, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	return id, translate(err, "call", "", "")
}

// updateCall writes every mutable field of call; a nil transcript,
// analysis or summary keeps the stored one.
func updateCall(ctx context.Context, c conn, call domain.Call) error {
	args := []any{call.Title, c.d.timeArg(call.OccurredAt), call.Source, call.FileName, call.Format,
		string(call.Status), call.StatusDetail, string(call.Visibility), call.Recording,
		docArg(call.Transcript), docArg(call.Analysis), docArg(call.Summary)}
	args = append(args, metricArgs(call.Metrics)...)
	args = append(args, c.d.timeArg(call.UpdatedAt), call.OrgID, call.ID)
	err := c.execOne(ctx, domain.NotFound("call"), `UPDATE calls SET title = ?, occurred_at = ?,
		source = ?, file_name = ?, format = ?, status = ?, status_detail = ?, visibility = ?,
		recording = ?, transcript = COALESCE(?, transcript), analysis = COALESCE(?, analysis),
		summary = COALESCE(?, summary),
		duration_seconds = ?, talk_ratio = ?, longest_monologue = ?, patience = ?, questions = ?,
		interactivity = ?, words_per_minute = ?, updated_at = ? WHERE org_id = ? AND id = ?`, args...)
	return translate(err, "call", "", "")
}

// saveCallLists replaces a call's shares, trackers and objections.
func saveCallLists(ctx context.Context, c conn, call domain.Call) error {
	for _, table := range []string{"call_shares", "call_trackers", "call_objections"} {
		if _, err := c.exec(ctx, "DELETE FROM "+table+" WHERE org_id = ? AND call_id = ?", call.OrgID, call.ID); err != nil {
			return err
		}
	}
	for _, id := range call.SharedWith {
		if _, err := c.exec(ctx, "INSERT INTO call_shares (org_id, call_id, person_id) VALUES (?, ?, ?)",
			call.OrgID, call.ID, id); err != nil {
			return translate(err, "call", "", "")
		}
	}
	for i, name := range call.Metrics.Trackers {
		if _, err := c.exec(ctx, "INSERT INTO call_trackers (org_id, call_id, name, seq) VALUES (?, ?, ?, ?)",
			call.OrgID, call.ID, name, i); err != nil {
			return err
		}
	}
	for i, cat := range call.Metrics.Objections {
		if _, err := c.exec(ctx, "INSERT INTO call_objections (org_id, call_id, category, seq) VALUES (?, ?, ?, ?)",
			call.OrgID, call.ID, cat, i); err != nil {
			return err
		}
	}
	return nil
}

// metricArgs turns the numeric metrics into query arguments; nil is NULL.
func metricArgs(m domain.CallMetrics) []any {
	vals := metricValues(m)
	args := make([]any, len(vals))
	for i, v := range vals {
		if v != nil {
			args[i] = *v
		}
	}
	return args
}

// docArg turns a JSON document into a query argument; nil is NULL.
func docArg(doc []byte) any {
	if doc == nil {
		return nil
	}
	return string(doc)
}

// scanCall reads the columns of callListColumns, or of callColumns when
// full is set.
func scanCall(row rowScanner, full bool) (domain.Call, error) {
	var (
		c          domain.Call
		status, vv string
		m          = &c.Metrics
	)
	dest := []any{&c.ID, &c.OrgID, &c.OwnerID, &c.Title, timeScanner{&c.OccurredAt}, &c.Source, &c.FileName,
		&c.Format, &status, &c.StatusDetail, &vv, &c.Recording,
		floatScanner{&m.DurationSeconds}, floatScanner{&m.TalkRatio}, floatScanner{&m.LongestMonolog},
		floatScanner{&m.Patience}, floatScanner{&m.Questions}, floatScanner{&m.Interactivity},
		floatScanner{&m.WordsPerMinute}, timeScanner{&c.CreatedAt}, timeScanner{&c.UpdatedAt}}
	if full {
		dest = append(dest, &c.Transcript, &c.Analysis, &c.Summary)
	}
	if err := row.Scan(dest...); err != nil {
		return domain.Call{}, err
	}
	c.Status, c.Visibility = domain.CallStatus(status), domain.Visibility(vv)
	return c, nil
}

// floatScanner reads a nullable number into a *float64 (NULL → nil).
type floatScanner struct{ dst **float64 }

func (s floatScanner) Scan(src any) error {
	var n sql.NullFloat64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.dst = nil
	if n.Valid {
		*s.dst = &n.Float64
	}
	return nil
}
