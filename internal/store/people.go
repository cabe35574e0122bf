package store

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

const personColumns = "id, org_id, name, email, roles, team_id, manager_id, region, time_zone, " +
	"work_start_min, work_end_min, start_date, active, created_at, updated_at"

const emailConflict = "a person with this e-mail already exists"

// Page sizes for People.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// CreatePerson validates p, stores it in the organisation and sets its ID,
// OrgID, CreatedAt and UpdatedAt. Team and manager, when set, must belong
// to the same organisation.
func (db *DB) CreatePerson(ctx context.Context, orgID int64, p *domain.Person) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("store: create person: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create person: %w", err)
	}
	created := *p
	created.ID, created.OrgID = 0, orgID
	if err := checkPersonRefs(ctx, tx.conn, orgID, created); err != nil {
		return fmt.Errorf("store: create person: %w", err)
	}
	created.CreatedAt = db.clock()
	created.UpdatedAt = created.CreatedAt
	if created.ID, err = insertPerson(ctx, tx.conn, created); err != nil {
		return fmt.Errorf("store: create person: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*p = created
	return nil
}

// Person returns one person of the organisation.
func (db *DB) Person(ctx context.Context, orgID, personID int64) (domain.Person, error) {
	p, err := selectPerson(ctx, db.reader(), "id = ?", orgID, personID)
	if err != nil {
		return domain.Person{}, fmt.Errorf("store: person %d: %w", personID, err)
	}
	return p, nil
}

// PersonByEmail returns the person of the organisation with the e-mail
// address, compared case-insensitively.
func (db *DB) PersonByEmail(ctx context.Context, orgID int64, email string) (domain.Person, error) {
	p, err := selectPerson(ctx, db.reader(), "email = ?", orgID, normEmail(email))
	if err != nil {
		return domain.Person{}, fmt.Errorf("store: person by e-mail: %w", err)
	}
	return p, nil
}

// People returns one page of the organisation's people matching f, ordered
// by name then id, and how many match in all. The limit defaults to 50 and
// is capped at 500.
func (db *DB) People(ctx context.Context, orgID int64, f domain.PersonFilter) ([]domain.Person, int, error) {
	where, args := personWhere(orgID, f)
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = DefaultPageSize
	case limit > MaxPageSize:
		limit = MaxPageSize
	}
	offset := max(f.Offset, 0)

	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.rollback()
	var total int
	if err := tx.queryRow(ctx, "SELECT COUNT(*) FROM people WHERE "+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: people: count: %w", err)
	}
	people, err := queryPeople(ctx, tx.conn,
		"SELECT "+personColumns+" FROM people WHERE "+where+" ORDER BY name, id LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: people: %w", err)
	}
	return people, total, tx.commit()
}

// personWhere builds the WHERE clause for a filter; it always filters by org.
func personWhere(orgID int64, f domain.PersonFilter) (string, []any) {
	conds, args := []string{"org_id = ?"}, []any{orgID}
	if q := strings.TrimSpace(f.Query); q != "" {
		conds = append(conds, `(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(email) LIKE ? ESCAPE '\')`)
		args = append(args, likeContains(q), likeContains(q))
	}
	if f.TeamID != 0 {
		conds = append(conds, "team_id = ?")
		args = append(args, f.TeamID)
	}
	if f.Role != "" {
		conds = append(conds, "(',' || roles || ',') LIKE ?")
		args = append(args, "%,"+string(f.Role)+",%")
	}
	if r := strings.TrimSpace(f.Region); r != "" {
		conds = append(conds, "LOWER(region) = LOWER(?)")
		args = append(args, r)
	}
	return strings.Join(conds, " AND "), args
}

// UpdatePerson applies patch to one person of the organisation and returns
// the person as stored. Fields left nil keep their values; TeamID and
// ManagerID set to 0 clear the reference.
func (db *DB) UpdatePerson(ctx context.Context, orgID, personID int64, patch domain.PersonPatch) (domain.Person, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return domain.Person{}, err
	}
	defer tx.rollback()
	p, err := selectPerson(ctx, tx.conn, "id = ?", orgID, personID)
	if err != nil {
		return domain.Person{}, fmt.Errorf("store: update person %d: %w", personID, err)
	}
	p.Apply(patch)
	if err := p.Validate(); err != nil {
		return domain.Person{}, fmt.Errorf("store: update person %d: %w", personID, err)
	}
	if err := checkPersonRefs(ctx, tx.conn, orgID, p); err != nil {
		return domain.Person{}, fmt.Errorf("store: update person %d: %w", personID, err)
	}
	p.UpdatedAt = db.clock()
	if err := updatePerson(ctx, tx.conn, p); err != nil {
		return domain.Person{}, fmt.Errorf("store: update person %d: %w", personID, err)
	}
	return p, tx.commit()
}

// checkPersonRefs checks that p's team and manager are in the organisation
// and that p does not manage themself.
func checkPersonRefs(ctx context.Context, c conn, orgID int64, p domain.Person) error {
	if p.ManagerID != 0 && p.ManagerID == p.ID {
		return domain.Invalid("manager_id", "a person cannot be their own manager")
	}
	if err := requireTeamRef(ctx, c, orgID, p.TeamID, "team_id"); err != nil {
		return err
	}
	return requirePersonRef(ctx, c, orgID, p.ManagerID, "manager_id")
}

func insertPerson(ctx context.Context, c conn, p domain.Person) (int64, error) {
	id, err := c.insert(ctx, `INSERT INTO people (org_id, name, email, roles, team_id, manager_id, region,
		time_zone, work_start_min, work_end_min, start_date, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		p.OrgID, p.Name, p.Email, p.Roles.String(), nullID(p.TeamID), nullID(p.ManagerID), p.Region,
		p.TimeZone, p.WorkingHours.Start, p.WorkingHours.End, c.d.dateArg(p.StartDate), p.Active,
		c.d.timeArg(p.CreatedAt), c.d.timeArg(p.UpdatedAt))
	return id, translate(err, "person", "email", emailConflict)
}

// updatePerson writes every field of p except its id, organisation and
// creation time.
func updatePerson(ctx context.Context, c conn, p domain.Person) error {
	err := c.execOne(ctx, domain.NotFound("person"), `UPDATE people SET name = ?, email = ?, roles = ?,
		team_id = ?, manager_id = ?, region = ?, time_zone = ?, work_start_min = ?, work_end_min = ?,
		start_date = ?, active = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		p.Name, p.Email, p.Roles.String(), nullID(p.TeamID), nullID(p.ManagerID), p.Region, p.TimeZone,
		p.WorkingHours.Start, p.WorkingHours.End, c.d.dateArg(p.StartDate), p.Active,
		c.d.timeArg(p.UpdatedAt), p.OrgID, p.ID)
	return translate(err, "person", "email", emailConflict)
}

// selectPerson returns the one person of the organisation matching cond.
func selectPerson(ctx context.Context, c conn, cond string, orgID int64, arg any) (domain.Person, error) {
	p, err := scanPerson(c.queryRow(ctx, "SELECT "+personColumns+" FROM people WHERE org_id = ? AND "+cond, orgID, arg))
	return p, translate(err, "person", "", "")
}

func queryPeople(ctx context.Context, c conn, query string, args ...any) ([]domain.Person, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	people := []domain.Person{}
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		people = append(people, p)
	}
	return people, rows.Err()
}

func scanPerson(row rowScanner) (domain.Person, error) {
	var (
		p     domain.Person
		roles string
	)
	err := row.Scan(&p.ID, &p.OrgID, &p.Name, &p.Email, &roles, idScanner{&p.TeamID}, idScanner{&p.ManagerID},
		&p.Region, &p.TimeZone, &p.WorkingHours.Start, &p.WorkingHours.End, timeScanner{&p.StartDate},
		&p.Active, timeScanner{&p.CreatedAt}, timeScanner{&p.UpdatedAt})
	if err != nil {
		return domain.Person{}, err
	}
	if p.Roles, err = domain.ParseRoles(roles); err != nil {
		return domain.Person{}, fmt.Errorf("person %d: stored roles: %w", p.ID, err)
	}
	return p, nil
}

// normEmail lower-cases and trims an address for look-ups.
func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
