package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"huddle/internal/domain"
)

const teamColumns = "id, org_id, name, region, manager_id"

const teamConflict = "a team with this name already exists"

// CreateTeam validates t, stores it in the organisation and sets its ID and
// OrgID. A manager, when set, must be a person in the same organisation.
func (db *DB) CreateTeam(ctx context.Context, orgID int64, t *domain.Team) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("store: create team: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: create team: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, t.ManagerID, "manager_id"); err != nil {
		return fmt.Errorf("store: create team: %w", err)
	}
	id, err := insertTeam(ctx, tx.conn, orgID, *t)
	if err != nil {
		return fmt.Errorf("store: create team: %w", err)
	}
	if err := tx.commit(); err != nil {
		return err
	}
	t.ID, t.OrgID = id, orgID
	return nil
}

// Team returns one team of the organisation.
func (db *DB) Team(ctx context.Context, orgID, teamID int64) (domain.Team, error) {
	t, err := scanTeam(db.reader().queryRow(ctx,
		"SELECT "+teamColumns+" FROM teams WHERE org_id = ? AND id = ?", orgID, teamID))
	if err != nil {
		return domain.Team{}, fmt.Errorf("store: team %d: %w", teamID, translate(err, "team", "", ""))
	}
	return t, nil
}

// Teams returns the organisation's teams ordered by name.
func (db *DB) Teams(ctx context.Context, orgID int64) ([]domain.Team, error) {
	teams, err := selectTeams(ctx, db.reader(), orgID)
	if err != nil {
		return nil, fmt.Errorf("store: teams: %w", err)
	}
	return teams, nil
}

func insertTeam(ctx context.Context, c conn, orgID int64, t domain.Team) (int64, error) {
	id, err := c.insert(ctx, "INSERT INTO teams (org_id, name, region, manager_id) VALUES (?, ?, ?, ?)",
		orgID, t.Name, t.Region, nullID(t.ManagerID))
	return id, translate(err, "team", "name", teamConflict)
}

func selectTeams(ctx context.Context, c conn, orgID int64) ([]domain.Team, error) {
	rows, err := c.query(ctx, "SELECT "+teamColumns+" FROM teams WHERE org_id = ? ORDER BY LOWER(name), id", orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	teams := []domain.Team{}
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		teams = append(teams, t)
	}
	return teams, rows.Err()
}

func scanTeam(row rowScanner) (domain.Team, error) {
	var t domain.Team
	err := row.Scan(&t.ID, &t.OrgID, &t.Name, &t.Region, idScanner{&t.ManagerID})
	return t, err
}

// requireOrg returns NotFound unless the organisation exists.
func requireOrg(ctx context.Context, c conn, orgID int64) error {
	ok, err := exists(ctx, c, "SELECT 1 FROM orgs WHERE id = ?", orgID)
	if err == nil && !ok {
		err = domain.NotFound("organisation")
	}
	return err
}

// requireTeamRef checks an optional reference to a team of the organisation
// (0 means none); a team elsewhere is reported as invalid input.
func requireTeamRef(ctx context.Context, c conn, orgID, teamID int64, field string) error {
	if teamID == 0 {
		return nil
	}
	ok, err := exists(ctx, c, "SELECT 1 FROM teams WHERE org_id = ? AND id = ?", orgID, teamID)
	if err == nil && !ok {
		err = domain.Invalid(field, "there is no team %d in this organisation", teamID)
	}
	return err
}

// requirePersonRef checks an optional reference to a person of the
// organisation (0 means none).
func requirePersonRef(ctx context.Context, c conn, orgID, personID int64, field string) error {
	if personID == 0 {
		return nil
	}
	ok, err := exists(ctx, c, "SELECT 1 FROM people WHERE org_id = ? AND id = ?", orgID, personID)
	if err == nil && !ok {
		err = domain.Invalid(field, "there is no person %d in this organisation", personID)
	}
	return err
}

// exists reports whether query returns a row.
func exists(ctx context.Context, c conn, query string, args ...any) (bool, error) {
	var one int
	err := c.queryRow(ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
