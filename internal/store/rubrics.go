package store

import (
	"context"
	"encoding/json"
	"fmt"

	"huddle/internal/domain"
)

// rubricColumns are a rubric version's columns, joined with its rubric.
const rubricColumns = "r.id, r.org_id, r.builtin, r.motion, r.retired, v.id, v.version, v.name, v.description, " +
	"v.created_by, v.created_at, (SELECT MAX(l.version) FROM rubric_versions l WHERE l.org_id = r.org_id AND l.rubric_id = r.id)"

const rubricFrom = " FROM rubrics r JOIN rubric_versions v ON v.org_id = r.org_id AND v.rubric_id = r.id"

// latestVersion keeps only the newest version of each rubric.
const latestVersion = " AND v.version = (SELECT MAX(l.version) FROM rubric_versions l WHERE l.org_id = r.org_id AND l.rubric_id = r.id)"

// EnsureRubrics adds each default whose Builtin key the organisation has
// never had (a default an admin retired stays retired) and reports how
// many it added. Two instances racing to add the same default collide on
// a unique index; the loser gets ErrConflict and may simply retry.
func (db *DB) EnsureRubrics(ctx context.Context, orgID int64, defaults []domain.Rubric) (int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return 0, fmt.Errorf("store: ensure rubrics: %w", err)
	}
	added := 0
	for _, d := range defaults {
		if d.Builtin == "" {
			return 0, fmt.Errorf("store: ensure rubrics: %w", domain.Invalid("builtin", "a default rubric needs a key"))
		}
		ok, err := exists(ctx, tx.conn, "SELECT 1 FROM rubrics WHERE org_id = ? AND builtin = ?", orgID, d.Builtin)
		if err != nil {
			return 0, fmt.Errorf("store: ensure rubrics: %w", err)
		}
		if ok {
			continue
		}
		d.CreatedBy = 0
		if err := db.insertRubric(ctx, tx.conn, orgID, &d); err != nil {
			return 0, fmt.Errorf("store: ensure rubric %s: %w", d.Builtin, err)
		}
		added++
	}
	return added, tx.commit()
}

// CreateRubric validates r and stores it as version 1 of a new rubric,
// setting its IDs, criteria IDs, Version, Latest and CreatedAt.
func (db *DB) CreateRubric(ctx context.Context, orgID int64, r *domain.Rubric) error {
	created := *r
	created.Criteria = append([]domain.RubricCriterion(nil), r.Criteria...)
	if err := created.Validate(); err != nil {
		return fmt.Errorf("store: create rubric: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create rubric: %w", err)
	}
	if err := db.insertRubric(ctx, tx.conn, orgID, &created); err != nil {
		return fmt.Errorf("store: create rubric: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*r = created
	return nil
}

// insertRubric stores a new rubric and its first version.
func (db *DB) insertRubric(ctx context.Context, c conn, orgID int64, r *domain.Rubric) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.OrgID, r.CreatedAt, r.Retired = orgID, db.clock(), false
	id, err := c.insert(ctx, "INSERT INTO rubrics (org_id, builtin, motion, retired, created_at) VALUES (?, ?, ?, ?, ?)",
		orgID, r.Builtin, string(r.Motion), false, c.d.timeArg(r.CreatedAt))
	if err != nil {
		return translate(err, "rubric", "builtin", "that default rubric exists already")
	}
	r.ID, r.Version = id, 1
	return insertVersion(ctx, c, r)
}

// AddRubricVersion validates r and stores it as the next version of rubric
// r.ID (whose motion stays), setting VersionID, Version, the criteria IDs
// and CreatedAt. Older versions are kept as they were.
func (db *DB) AddRubricVersion(ctx context.Context, orgID int64, r *domain.Rubric) error {
	next := *r
	next.Criteria = append([]domain.RubricCriterion(nil), r.Criteria...)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	var motion, builtin string
	var retired bool
	err = tx.queryRow(ctx, "SELECT motion, builtin, retired FROM rubrics WHERE org_id = ? AND id = ?", orgID, r.ID).
		Scan(&motion, &builtin, &retired)
	if err != nil {
		return fmt.Errorf("store: add rubric version: %w", translate(err, "rubric", "", ""))
	}
	next.OrgID, next.Motion, next.Builtin, next.Retired = orgID, domain.Motion(motion), builtin, retired
	if err := next.Validate(); err != nil {
		return fmt.Errorf("store: add rubric version: %w", err)
	}
	if err := tx.queryRow(ctx, "SELECT MAX(version) FROM rubric_versions WHERE org_id = ? AND rubric_id = ?",
		orgID, r.ID).Scan(&next.Version); err != nil {
		return fmt.Errorf("store: add rubric version: %w", err)
	}
	next.Version++
	next.CreatedAt = db.clock()
	if err := insertVersion(ctx, tx.conn, &next); err != nil {
		return fmt.Errorf("store: add rubric version: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*r = next
	return nil
}

// insertVersion stores r.Version of rubric r.ID with its criteria.
func insertVersion(ctx context.Context, c conn, r *domain.Rubric) error {
	if err := requirePersonRef(ctx, c, r.OrgID, r.CreatedBy, "created_by"); err != nil {
		return err
	}
	var err error
	r.VersionID, err = c.insert(ctx, `INSERT INTO rubric_versions (org_id, rubric_id, version, name, description,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, r.OrgID, r.ID, r.Version, r.Name, r.Description,
		nullID(r.CreatedBy), c.d.timeArg(r.CreatedAt))
	if err != nil {
		return translate(err, "rubric version", "version", "someone else saved a version at the same time; try again")
	}
	r.Latest = r.Version
	for i := range r.Criteria {
		cr := &r.Criteria[i]
		anchors, _ := json.Marshal(cr.Anchors)
		cr.ID, err = c.insert(ctx, `INSERT INTO rubric_criteria (org_id, version_id, seq, key, name, behaviour, anchors,
			weight) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.OrgID, r.VersionID, i, cr.Key, cr.Name, cr.Behaviour,
			string(anchors), cr.Weight)
		if err != nil {
			return translate(err, "criterion", "criteria", "two criteria share a key")
		}
	}
	return nil
}

// SetRubricRetired retires a rubric of the organisation (no new requests
// may use it) or brings it back.
func (db *DB) SetRubricRetired(ctx context.Context, orgID, rubricID int64, retired bool) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("rubric"), "UPDATE rubrics SET retired = ? WHERE org_id = ? AND id = ?",
		retired, orgID, rubricID); err != nil {
		return fmt.Errorf("store: retire rubric %d: %w", rubricID, err)
	}
	return tx.commit()
}

// Rubric returns the latest version of a rubric of the organisation.
func (db *DB) Rubric(ctx context.Context, orgID, rubricID int64) (domain.Rubric, error) {
	list, err := db.rubrics(ctx, orgID, " AND r.id = ?"+latestVersion, rubricID)
	if err == nil && len(list) == 0 {
		err = domain.NotFound("rubric")
	}
	if err != nil {
		return domain.Rubric{}, fmt.Errorf("store: rubric %d: %w", rubricID, err)
	}
	return list[0], nil
}

// RubricVersion returns one version of a rubric of the organisation.
func (db *DB) RubricVersion(ctx context.Context, orgID, versionID int64) (domain.Rubric, error) {
	list, err := db.rubrics(ctx, orgID, " AND v.id = ?", versionID)
	if err == nil && len(list) == 0 {
		err = domain.NotFound("rubric version")
	}
	if err != nil {
		return domain.Rubric{}, fmt.Errorf("store: rubric version %d: %w", versionID, err)
	}
	return list[0], nil
}

// RubricVersions lists every version of a rubric, oldest first.
func (db *DB) RubricVersions(ctx context.Context, orgID, rubricID int64) ([]domain.Rubric, error) {
	list, err := db.rubrics(ctx, orgID, " AND r.id = ? ORDER BY v.version", rubricID)
	if err == nil && len(list) == 0 {
		err = domain.NotFound("rubric")
	}
	if err != nil {
		return nil, fmt.Errorf("store: rubric %d versions: %w", rubricID, err)
	}
	return list, nil
}

// Rubrics lists the latest version of every rubric of the organisation,
// retired ones included, by motion, name and ID.
func (db *DB) Rubrics(ctx context.Context, orgID int64) ([]domain.Rubric, error) {
	list, err := db.rubrics(ctx, orgID, latestVersion+" ORDER BY r.motion, v.name, r.id")
	if err != nil {
		return nil, fmt.Errorf("store: rubrics: %w", err)
	}
	return list, nil
}

// rubrics reads rubric versions matching an extra condition, with their
// criteria.
func (db *DB) rubrics(ctx context.Context, orgID int64, cond string, args ...any) ([]domain.Rubric, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	rows, err := tx.query(ctx, "SELECT "+rubricColumns+rubricFrom+" WHERE r.org_id = ?"+cond, append([]any{orgID}, args...)...)
	if err != nil {
		return nil, err
	}
	var out []domain.Rubric
	for rows.Next() {
		var r domain.Rubric
		var motion string
		if err := rows.Scan(&r.ID, &r.OrgID, &r.Builtin, &motion, &r.Retired, &r.VersionID, &r.Version, &r.Name,
			&r.Description, idScanner{&r.CreatedBy}, timeScanner{&r.CreatedAt}, &r.Latest); err != nil {
			rows.Close()
			return nil, err
		}
		r.Motion = domain.Motion(motion)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Criteria, err = criteria(ctx, tx.conn, orgID, out[i].VersionID); err != nil {
			return nil, err
		}
	}
	return out, tx.commit()
}

// criteria reads the criteria of a rubric version in order.
func criteria(ctx context.Context, c conn, orgID, versionID int64) ([]domain.RubricCriterion, error) {
	rows, err := c.query(ctx, `SELECT id, key, name, behaviour, anchors, weight FROM rubric_criteria
		WHERE org_id = ? AND version_id = ? ORDER BY seq`, orgID, versionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []domain.RubricCriterion
	for rows.Next() {
		var cr domain.RubricCriterion
		var anchors string
		if err := rows.Scan(&cr.ID, &cr.Key, &cr.Name, &cr.Behaviour, &anchors, &cr.Weight); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(anchors), &cr.Anchors); err != nil {
			return nil, fmt.Errorf("criterion %d anchors: %w", cr.ID, err)
		}
		out = append(out, cr)
	}
	return out, rows.Err()
}
