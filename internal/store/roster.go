package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"huddle/internal/domain"
)

// ApplyRoster applies a roster plan to the organisation in one transaction:
// it creates the new teams, creates or updates the people (matched by
// e-mail; team names resolved case-insensitively among existing and new
// teams), then sets every entry's manager by e-mail and the teams'
// managers. Any error — an unknown team or manager e-mail, a conflict —
// rolls all of it back.
//
// Applying the same plan twice gives the same result: a new team that
// already exists is reused, and a person to create who already exists is
// updated instead (and the other way round).
func (db *DB) ApplyRoster(ctx context.Context, orgID int64, plan domain.RosterPlan) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireOrg(ctx, tx.conn, orgID); err != nil {
		return fmt.Errorf("store: apply roster: %w", err)
	}
	r := rosterRun{c: tx.conn, orgID: orgID, now: db.clock()}
	for _, t := range plan.NewTeams {
		if err := r.ensureTeam(ctx, t); err != nil {
			return fmt.Errorf("store: apply roster: team %q: %w", t.Name, err)
		}
	}
	entries := append(append([]domain.RosterEntry(nil), plan.Create...), plan.Update...)
	ids := make([]int64, len(entries))
	for i, e := range entries {
		if ids[i], err = r.savePerson(ctx, e); err != nil {
			return fmt.Errorf("store: apply roster: %w", err)
		}
	}
	for i, e := range entries {
		if err := r.setManager(ctx, e, ids[i]); err != nil {
			return fmt.Errorf("store: apply roster: %w", err)
		}
	}
	for _, tm := range plan.TeamManagers {
		if err := r.setTeamManager(ctx, tm); err != nil {
			return fmt.Errorf("store: apply roster: %w", err)
		}
	}
	return tx.commit()
}

// rosterRun is one ApplyRoster inside its transaction.
type rosterRun struct {
	c     conn
	orgID int64
	now   time.Time
}

// ensureTeam creates the team unless one with the same name exists.
func (r rosterRun) ensureTeam(ctx context.Context, t domain.Team) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if _, found, err := r.teamID(ctx, t.Name); err != nil || found {
		return err
	}
	t.ManagerID = 0 // managers are set by TeamManagers, once people exist
	_, err := insertTeam(ctx, r.c, r.orgID, t)
	return err
}

// savePerson creates or updates the entry's person, without the manager,
// and returns the person's id.
func (r rosterRun) savePerson(ctx context.Context, e domain.RosterEntry) (int64, error) {
	p := e.Person
	if err := p.Validate(); err != nil {
		return 0, lineError(e.Line, err)
	}
	p.OrgID, p.ManagerID, p.UpdatedAt = r.orgID, 0, r.now
	p.TeamID = 0
	if e.TeamName != "" {
		id, found, err := r.teamID(ctx, e.TeamName)
		if err != nil {
			return 0, err
		}
		if !found {
			return 0, lineError(e.Line, domain.Invalid("team", "there is no team %q", e.TeamName))
		}
		p.TeamID = id
	}
	id, found, err := r.personID(ctx, p.Email)
	if err != nil {
		return 0, err
	}
	if !found {
		p.CreatedAt = r.now
		id, err = insertPerson(ctx, r.c, p)
		return id, lineError(e.Line, err)
	}
	err = r.c.execOne(ctx, domain.NotFound("person"), `UPDATE people SET name = ?, roles = ?, team_id = ?,
		region = ?, time_zone = ?, work_start_min = ?, work_end_min = ?, start_date = ?, active = ?,
		updated_at = ? WHERE org_id = ? AND id = ?`,
		p.Name, p.Roles.String(), nullID(p.TeamID), p.Region, p.TimeZone, p.WorkingHours.Start,
		p.WorkingHours.End, r.c.d.dateArg(p.StartDate), p.Active, r.c.d.timeArg(r.now), r.orgID, id)
	return id, lineError(e.Line, err)
}

// setManager points the person at the manager named by e-mail, or at no
// one when the entry names none.
func (r rosterRun) setManager(ctx context.Context, e domain.RosterEntry, personID int64) error {
	var managerID int64
	if e.ManagerEmail != "" {
		id, found, err := r.personID(ctx, e.ManagerEmail)
		switch {
		case err != nil:
			return err
		case !found:
			return lineError(e.Line, domain.Invalid("manager", "there is no person with the e-mail %s", e.ManagerEmail))
		case id == personID:
			return lineError(e.Line, domain.Invalid("manager", "a person cannot be their own manager"))
		}
		managerID = id
	}
	_, err := r.c.exec(ctx, "UPDATE people SET manager_id = ? WHERE org_id = ? AND id = ?",
		nullID(managerID), r.orgID, personID)
	return lineError(e.Line, err)
}

func (r rosterRun) setTeamManager(ctx context.Context, tm domain.TeamManager) error {
	teamID, found, err := r.teamID(ctx, tm.TeamName)
	switch {
	case err != nil:
		return err
	case !found:
		return domain.Invalid("team", "there is no team %q", tm.TeamName)
	}
	var managerID int64
	if tm.ManagerEmail != "" {
		if managerID, found, err = r.personID(ctx, tm.ManagerEmail); err != nil {
			return err
		} else if !found {
			return domain.Invalid("manager", "team %q: there is no person with the e-mail %s", tm.TeamName, tm.ManagerEmail)
		}
	}
	_, err = r.c.exec(ctx, "UPDATE teams SET manager_id = ? WHERE org_id = ? AND id = ?", nullID(managerID), r.orgID, teamID)
	return err
}

func (r rosterRun) teamID(ctx context.Context, name string) (int64, bool, error) {
	return r.lookupID(ctx, "SELECT id FROM teams WHERE org_id = ? AND LOWER(name) = LOWER(?)", name)
}

func (r rosterRun) personID(ctx context.Context, email string) (int64, bool, error) {
	return r.lookupID(ctx, "SELECT id FROM people WHERE org_id = ? AND email = ?", normEmail(email))
}

func (r rosterRun) lookupID(ctx context.Context, query string, arg any) (int64, bool, error) {
	var id int64
	err := r.c.queryRow(ctx, query, r.orgID, arg).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// lineError translates err and prefixes it with the roster line it came
// from, when known, keeping the user-safe message.
func lineError(line int, err error) error {
	if err == nil {
		return nil
	}
	err = translate(err, "person", "email", emailConflict)
	if line == 0 {
		return err
	}
	var de *domain.Error
	if !errors.As(err, &de) {
		return fmt.Errorf("line %d: %w", line, err)
	}
	msg, _ := domain.UserMessage(err)
	return &domain.Error{Kind: de.Kind, Field: fmt.Sprintf("line %d", line), Message: msg, Cause: de.Cause}
}
