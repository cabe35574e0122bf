package store

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// VisibleCalls returns one page of the calls of the organisation that the
// viewer may see and that match f, newest first (by occurred_at, then id),
// and how many match in all. A viewer sees the calls they own; the calls
// shared with peers or the team that name them; and, when SeesTeamWork is
// set and they have a team, the calls shared with the team of their
// owner's current team. The limit defaults to 50 and is capped at 500.
// Listed calls carry their metrics and SharedWith but neither Transcript
// nor Analysis (both nil): Call has those.
func (db *DB) VisibleCalls(ctx context.Context, orgID int64, v domain.Viewer, f domain.CallFilter) ([]domain.Call, int, error) {
	where, args := callWhere(db.d, orgID, v, f)
	limit, offset := pageBounds(f.Page)

	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.rollback()
	var total int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM calls WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: visible calls: count: %w", err)
	}
	calls, err := queryCalls(ctx, tx.conn, "SELECT "+callListColumns+" FROM calls WHERE "+where+
		" ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: visible calls: %w", err)
	}
	if len(calls) > 0 {
		ids := make([]int64, len(calls))
		for i, c := range calls {
			ids[i] = c.ID
		}
		list, args := inList(ids)
		if err := fillCallLists(ctx, tx.conn, orgID, calls, "call_id IN "+list, args...); err != nil {
			return nil, 0, fmt.Errorf("store: visible calls: %w", err)
		}
	}
	return calls, total, tx.commit()
}

// callWhere builds the WHERE clause of VisibleCalls: the organisation, what
// the viewer may see, then the filter.
func callWhere(d dialect, orgID int64, v domain.Viewer, f domain.CallFilter) (string, []any) {
	conds, args := []string{"org_id = ?"}, []any{orgID}
	visible := "owner_id = ? OR (visibility IN ('peers', 'team') AND EXISTS " +
		"(SELECT 1 FROM call_shares s WHERE s.call_id = calls.id AND s.person_id = ?))"
	args = append(args, v.PersonID, v.PersonID)
	if v.SeesTeamWork && v.TeamID != 0 {
		visible += " OR (visibility = 'team' AND owner_id IN " +
			"(SELECT p.id FROM people p WHERE p.org_id = calls.org_id AND p.team_id = ?))"
		args = append(args, v.TeamID)
	}
	conds = append(conds, "("+visible+")")

	if f.OwnerID != 0 {
		conds = append(conds, "owner_id = ?")
		args = append(args, f.OwnerID)
	}
	if f.TeamID != 0 {
		conds = append(conds, "owner_id IN (SELECT p.id FROM people p WHERE p.org_id = calls.org_id AND p.team_id = ?)")
		args = append(args, f.TeamID)
	}
	if !f.From.IsZero() {
		conds = append(conds, "occurred_at >= ?")
		args = append(args, d.timeArg(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "occurred_at < ?")
		args = append(args, d.timeArg(f.To))
	}
	if t := strings.TrimSpace(f.Tracker); t != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM call_trackers t WHERE t.call_id = calls.id AND LOWER(t.name) = LOWER(?))")
		args = append(args, t)
	}
	if o := strings.TrimSpace(f.Objection); o != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM call_objections o WHERE o.call_id = calls.id AND LOWER(o.category) = LOWER(?))")
		args = append(args, o)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, `LOWER(title) LIKE ? ESCAPE '\'`)
		args = append(args, likeContains(q))
	}
	return strings.Join(conds, " AND "), args
}

// CallMetrics returns the metrics, trackers and objections of every ready
// call of the organisation, in the order the calls were created.
func (db *DB) CallMetrics(ctx context.Context, orgID int64) ([]domain.CallMetrics, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	calls, err := queryCalls(ctx, tx.conn, "SELECT "+callListColumns+
		" FROM calls WHERE org_id = ? AND status = ? ORDER BY id", orgID, string(domain.CallReady))
	if err != nil {
		return nil, fmt.Errorf("store: call metrics: %w", err)
	}
	if err := fillCallTags(ctx, tx.conn, orgID, calls,
		"call_id IN (SELECT id FROM calls WHERE org_id = ? AND status = ?)", orgID, string(domain.CallReady)); err != nil {
		return nil, fmt.Errorf("store: call metrics: %w", err)
	}
	metrics := make([]domain.CallMetrics, len(calls))
	for i, c := range calls {
		metrics[i] = c.Metrics
	}
	return metrics, tx.commit()
}

// CallIDs returns the IDs of every call of the organisation in the order
// they were created, for background work such as re-analysis.
func (db *DB) CallIDs(ctx context.Context, orgID int64) ([]int64, error) {
	rows, err := db.reader().query(ctx, "SELECT id FROM calls WHERE org_id = ? ORDER BY id", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: call ids: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: call ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: call ids: %w", err)
	}
	return ids, nil
}

// pageBounds turns a requested page into LIMIT and OFFSET: the limit
// defaults to DefaultPageSize and is capped at MaxPageSize.
func pageBounds(p domain.Page) (limit, offset int) {
	limit = p.Limit
	switch {
	case limit <= 0:
		limit = DefaultPageSize
	case limit > MaxPageSize:
		limit = MaxPageSize
	}
	return limit, max(p.Offset, 0)
}

func queryCalls(ctx context.Context, c conn, query string, args ...any) ([]domain.Call, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	calls := []domain.Call{}
	for rows.Next() {
		call, err := scanCall(rows, false)
		if err != nil {
			return nil, err
		}
		calls = append(calls, call)
	}
	return calls, rows.Err()
}

// fillCallLists loads SharedWith, trackers and objections into calls from
// the child rows that scope (a condition on call_id, with args) selects.
func fillCallLists(ctx context.Context, c conn, orgID int64, calls []domain.Call, scope string, args ...any) error {
	byID := callsByID(calls)
	if err := childRows(ctx, c, "SELECT call_id, person_id FROM call_shares WHERE org_id = ? AND "+scope+
		" ORDER BY call_id, person_id", append([]any{orgID}, args...), func(id int64, person int64) {
		if call := byID[id]; call != nil {
			call.SharedWith = append(call.SharedWith, person)
		}
	}); err != nil {
		return err
	}
	return fillCallTags(ctx, c, orgID, calls, scope, args...)
}

// fillCallTags loads trackers and objections into calls like fillCallLists.
func fillCallTags(ctx context.Context, c conn, orgID int64, calls []domain.Call, scope string, args ...any) error {
	byID := callsByID(calls)
	args = append([]any{orgID}, args...)
	if err := childRows(ctx, c, "SELECT call_id, name FROM call_trackers WHERE org_id = ? AND "+scope+
		" ORDER BY call_id, seq", args, func(id int64, name string) {
		if call := byID[id]; call != nil {
			call.Metrics.Trackers = append(call.Metrics.Trackers, name)
		}
	}); err != nil {
		return err
	}
	return childRows(ctx, c, "SELECT call_id, category FROM call_objections WHERE org_id = ? AND "+scope+
		" ORDER BY call_id, seq", args, func(id int64, cat string) {
		if call := byID[id]; call != nil {
			call.Metrics.Objections = append(call.Metrics.Objections, cat)
		}
	})
}

func callsByID(calls []domain.Call) map[int64]*domain.Call {
	byID := make(map[int64]*domain.Call, len(calls))
	for i := range calls {
		byID[calls[i].ID] = &calls[i]
	}
	return byID
}

// childRows runs a query of (parent id, value) rows and calls add for each.
func childRows[T any](ctx context.Context, c conn, query string, args []any, add func(parentID int64, v T)) error {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			v  T
		)
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		add(id, v)
	}
	return rows.Err()
}
