package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"huddle/internal/domain"
)

// startLocalLayout is how a group's first occurrence is kept: a wall clock
// without a zone, read in the group's time zone.
const startLocalLayout = "2006-01-02T15:04"

const groupColumns = "id, org_id, name, template_key, ground_rules, video_link, created_by, rrule, start_local, " +
	"time_zone, minutes, created_at, updated_at"

// OrgTemplates returns the organisation's own ritual templates, by key.
func (db *DB) OrgTemplates(ctx context.Context, orgID int64) ([]domain.RitualTemplate, error) {
	rows, err := db.reader().query(ctx, "SELECT doc, updated_at FROM ritual_templates WHERE org_id = ? ORDER BY key", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: templates: %w", err)
	}
	defer rows.Close()
	var out []domain.RitualTemplate
	for rows.Next() {
		var doc string
		var t domain.RitualTemplate
		var at time.Time
		if err := rows.Scan(&doc, timeScanner{&at}); err != nil {
			return nil, fmt.Errorf("store: templates: %w", err)
		}
		if err := json.Unmarshal([]byte(doc), &t); err != nil {
			return nil, fmt.Errorf("store: templates: %w", err)
		}
		t.OrgID, t.UpdatedAt = orgID, at
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveTemplate validates t and stores it as the organisation's template
// under its key, replacing any there; it sets OrgID and UpdatedAt.
func (db *DB) SaveTemplate(ctx context.Context, orgID int64, t *domain.RitualTemplate) error {
	saved := *t
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: save template: %w", err)
	}
	saved.OrgID, saved.UpdatedAt = orgID, db.clock()
	doc, err := json.Marshal(saved)
	if err != nil {
		return fmt.Errorf("store: save template: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: save template: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO ritual_templates (org_id, key, doc, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, key) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
		orgID, saved.Key, string(doc), db.d.timeArg(saved.UpdatedAt)); err != nil {
		return fmt.Errorf("store: save template: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*t = saved
	return nil
}

// CreateGroup validates g and stores it with its members; it sets ID,
// OrgID, CreatedAt and UpdatedAt. The creator and members must be people
// of the organisation.
func (db *DB) CreateGroup(ctx context.Context, orgID int64, g *domain.Group) error {
	created := *g
	created.Members = append([]domain.GroupMember(nil), g.Members...)
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: create group: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create group: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, created.CreatedBy, "created_by"); err != nil {
		return fmt.Errorf("store: create group: %w", err)
	}
	created.OrgID, created.CreatedAt = orgID, db.clock()
	created.UpdatedAt = created.CreatedAt
	rules, _ := json.Marshal(nonNilStrings(created.GroundRules))
	created.ID, err = tx.insert(ctx, `INSERT INTO ritual_groups (org_id, name, template_key, ground_rules, video_link,
		created_by, rrule, start_local, time_zone, minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, created.Name, created.TemplateKey, string(rules), created.VideoLink, created.CreatedBy, created.RRule,
		startLocal(created), created.TimeZone, created.Minutes, db.d.timeArg(created.CreatedAt), db.d.timeArg(created.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: create group: %w", translate(err, "group", "", ""))
	}
	for i := range created.Members {
		m := &created.Members[i]
		if m.JoinedAt.IsZero() {
			m.JoinedAt = created.CreatedAt.Add(time.Duration(i) * time.Microsecond)
		}
		if err := setMember(ctx, tx.conn, orgID, created.ID, *m); err != nil {
			return fmt.Errorf("store: create group: %w", err)
		}
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*g = created
	return nil
}

func startLocal(g domain.Group) string {
	if g.Start.IsZero() {
		return ""
	}
	return g.Start.Format(startLocalLayout)
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Group returns one group of the organisation with all its memberships.
func (db *DB) Group(ctx context.Context, orgID, groupID int64) (domain.Group, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return domain.Group{}, err
	}
	defer tx.rollback()
	g, err := scanGroup(tx.queryRow(ctx, "SELECT "+groupColumns+" FROM ritual_groups WHERE org_id = ? AND id = ?", orgID, groupID))
	if err != nil {
		return domain.Group{}, fmt.Errorf("store: group %d: %w", groupID, translate(err, "group", "", ""))
	}
	groups := []domain.Group{g}
	if err := fillMembers(ctx, tx.conn, orgID, groups); err != nil {
		return domain.Group{}, fmt.Errorf("store: group %d: %w", groupID, err)
	}
	return groups[0], tx.commit()
}

// Groups lists the organisation's groups by name with their memberships;
// with personID > 0 only those the person is or was a member of.
func (db *DB) Groups(ctx context.Context, orgID, personID int64) ([]domain.Group, error) {
	where, args := "org_id = ?", []any{orgID}
	if personID > 0 {
		where += " AND id IN (SELECT group_id FROM ritual_members WHERE org_id = ? AND person_id = ?)"
		args = append(args, orgID, personID)
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+groupColumns+" FROM ritual_groups WHERE "+where+" ORDER BY name, id", args...)
	if err != nil {
		return nil, fmt.Errorf("store: groups: %w", err)
	}
	var out []domain.Group
	for rows.Next() {
		g, err := scanGroup(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: groups: %w", err)
		}
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: groups: %w", err)
	}
	if err := fillMembers(ctx, tx.conn, orgID, out); err != nil {
		return nil, fmt.Errorf("store: groups: %w", err)
	}
	return out, tx.commit()
}

// UpdateGroup saves a group's name, ground rules, video link and schedule.
func (db *DB) UpdateGroup(ctx context.Context, orgID int64, g domain.Group) error {
	if err := g.Validate(); err != nil {
		return fmt.Errorf("store: update group %d: %w", g.ID, err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	rules, _ := json.Marshal(nonNilStrings(g.GroundRules))
	if err := tx.execOne(ctx, domain.NotFound("group"), `UPDATE ritual_groups SET name = ?, ground_rules = ?, video_link = ?,
		rrule = ?, start_local = ?, time_zone = ?, minutes = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		g.Name, string(rules), g.VideoLink, g.RRule, startLocal(g), g.TimeZone, g.Minutes, db.d.timeArg(db.clock()),
		orgID, g.ID); err != nil {
		return fmt.Errorf("store: update group %d: %w", g.ID, err)
	}
	return tx.commit()
}

// SetMember adds a person to a group, re-adds one who left (with a new
// join time), or records their acceptance of the ground rules.
func (db *DB) SetMember(ctx context.Context, orgID, groupID int64, m domain.GroupMember) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireGroup(ctx, tx.conn, orgID, groupID); err != nil {
		return fmt.Errorf("store: set member: %w", err)
	}
	if m.JoinedAt.IsZero() {
		m.JoinedAt = db.clock()
	}
	if err := setMember(ctx, tx.conn, orgID, groupID, m); err != nil {
		return fmt.Errorf("store: set member: %w", err)
	}
	return tx.commit()
}

func setMember(ctx context.Context, c conn, orgID, groupID int64, m domain.GroupMember) error {
	if m.PersonID <= 0 {
		return domain.Invalid("members", "choose people from the list")
	}
	if err := requirePersonRef(ctx, c, orgID, m.PersonID, "members"); err != nil {
		return err
	}
	_, err := c.exec(ctx, `INSERT INTO ritual_members (org_id, group_id, person_id, joined_at, left_at, accepted_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (group_id, person_id) DO UPDATE SET joined_at = excluded.joined_at,
		left_at = excluded.left_at, accepted_at = excluded.accepted_at`,
		orgID, groupID, m.PersonID, c.d.timeArg(m.JoinedAt), c.d.timeArg(m.LeftAt), c.d.timeArg(m.AcceptedAt))
	return translate(err, "member", "", "")
}

// RemoveMember records that a current member left the group.
func (db *DB) RemoveMember(ctx context.Context, orgID, groupID, personID int64, at time.Time) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("member"), `UPDATE ritual_members SET left_at = ?
		WHERE org_id = ? AND group_id = ? AND person_id = ? AND left_at IS NULL`,
		db.d.timeArg(at), orgID, groupID, personID); err != nil {
		return fmt.Errorf("store: remove member: %w", err)
	}
	return tx.commit()
}

// SeriesExceptions lists the skipped and moved occurrences of a group.
func (db *DB) SeriesExceptions(ctx context.Context, orgID, groupID int64) ([]domain.SeriesException, error) {
	rows, err := db.reader().query(ctx, `SELECT occurrence, kind, moved_to FROM ritual_exceptions
		WHERE org_id = ? AND group_id = ? ORDER BY occurrence`, orgID, groupID)
	if err != nil {
		return nil, fmt.Errorf("store: exceptions: %w", err)
	}
	defer rows.Close()
	var out []domain.SeriesException
	for rows.Next() {
		var e domain.SeriesException
		if err := rows.Scan(timeScanner{&e.Occurrence}, &e.Kind, timeScanner{&e.MovedTo}); err != nil {
			return nil, fmt.Errorf("store: exceptions: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetSeriesException skips or moves one occurrence, replacing an earlier
// exception for it.
func (db *DB) SetSeriesException(ctx context.Context, orgID, groupID int64, e domain.SeriesException) error {
	if e.Occurrence.IsZero() || (e.Kind != domain.ExceptionSkip && e.Kind != domain.ExceptionMove) ||
		(e.Kind == domain.ExceptionMove && e.MovedTo.IsZero()) {
		return fmt.Errorf("store: set exception: %w", domain.Invalid("exception", "skip an occurrence, or move it to a new time"))
	}
	if e.Kind == domain.ExceptionSkip {
		e.MovedTo = time.Time{}
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireGroup(ctx, tx.conn, orgID, groupID); err != nil {
		return fmt.Errorf("store: set exception: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO ritual_exceptions (org_id, group_id, occurrence, kind, moved_to) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (group_id, occurrence) DO UPDATE SET kind = excluded.kind, moved_to = excluded.moved_to`,
		orgID, groupID, db.d.timeArg(e.Occurrence), e.Kind, db.d.timeArg(e.MovedTo)); err != nil {
		return fmt.Errorf("store: set exception: %w", err)
	}
	return tx.commit()
}

// requireGroup returns NotFound unless the group is in the organisation.
func requireGroup(ctx context.Context, c conn, orgID, groupID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM ritual_groups WHERE org_id = ? AND id = ?", orgID, groupID)
	if err == nil && !ok {
		err = domain.NotFound("group")
	}
	return err
}

func scanGroup(row rowScanner) (domain.Group, error) {
	var g domain.Group
	var rules, start string
	if err := row.Scan(&g.ID, &g.OrgID, &g.Name, &g.TemplateKey, &rules, &g.VideoLink, &g.CreatedBy, &g.RRule, &start,
		&g.TimeZone, &g.Minutes, timeScanner{&g.CreatedAt}, timeScanner{&g.UpdatedAt}); err != nil {
		return g, err
	}
	if err := json.Unmarshal([]byte(rules), &g.GroundRules); err != nil {
		return g, fmt.Errorf("group %d: ground rules: %w", g.ID, err)
	}
	if start != "" {
		t, err := time.Parse(startLocalLayout, start)
		if err != nil {
			return g, fmt.Errorf("group %d: start: %w", g.ID, err)
		}
		g.Start = t
	}
	return g, nil
}

// fillMembers loads the memberships of the groups, in join order.
func fillMembers(ctx context.Context, c conn, orgID int64, groups []domain.Group) error {
	if len(groups) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(groups))
	for i, g := range groups {
		at[g.ID], ids[i] = i, g.ID
	}
	list, args := inList(ids)
	rows, err := c.query(ctx, `SELECT group_id, person_id, joined_at, left_at, accepted_at FROM ritual_members
		WHERE org_id = ? AND group_id IN `+list+` ORDER BY group_id, joined_at, person_id`, append([]any{orgID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var gid int64
		var m domain.GroupMember
		if err := rows.Scan(&gid, &m.PersonID, timeScanner{&m.JoinedAt}, timeScanner{&m.LeftAt}, timeScanner{&m.AcceptedAt}); err != nil {
			return err
		}
		g := &groups[at[gid]]
		g.Members = append(g.Members, m)
	}
	return rows.Err()
}
