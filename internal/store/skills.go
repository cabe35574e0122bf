package store

import (
	"context"
	"fmt"

	"huddle/internal/domain"
)

// PersonSkills returns a person's self-assessment and pairing opt-out; a
// person who never saved one has no scores and is not opted out. A person
// outside the organisation is NotFound.
func (db *DB) PersonSkills(ctx context.Context, orgID, personID int64) (domain.PersonSkills, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return domain.PersonSkills{}, err
	}
	defer tx.rollback()
	ok, err := exists(ctx, tx.conn, "SELECT 1 FROM people WHERE org_id = ? AND id = ?", orgID, personID)
	if err != nil {
		return domain.PersonSkills{}, fmt.Errorf("store: skills of %d: %w", personID, err)
	}
	if !ok {
		return domain.PersonSkills{}, fmt.Errorf("store: skills of %d: %w", personID, domain.NotFound("person"))
	}
	all, err := loadSkills(ctx, tx.conn, orgID, "AND person_id = ?", personID)
	if err != nil {
		return domain.PersonSkills{}, fmt.Errorf("store: skills of %d: %w", personID, err)
	}
	s, ok := all[personID]
	if !ok {
		s = domain.PersonSkills{PersonID: personID, Scores: map[string]int{}}
	}
	return s, tx.commit()
}

// OrgSkills returns the self-assessment of everyone in the organisation
// who saved one (scores or an opt-out), by person.
func (db *DB) OrgSkills(ctx context.Context, orgID int64) (map[int64]domain.PersonSkills, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.rollback()
	all, err := loadSkills(ctx, tx.conn, orgID, "")
	if err != nil {
		return nil, fmt.Errorf("store: org skills: %w", err)
	}
	return all, tx.commit()
}

// SetPersonSkills replaces a person's scores and opt-out after validating
// them; the person must be in the organisation.
func (db *DB) SetPersonSkills(ctx context.Context, orgID int64, s domain.PersonSkills) error {
	if err := s.Validate(); err != nil {
		return fmt.Errorf("store: set skills: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	ok, err := exists(ctx, tx.conn, "SELECT 1 FROM people WHERE org_id = ? AND id = ?", orgID, s.PersonID)
	if err != nil {
		return fmt.Errorf("store: set skills: %w", err)
	}
	if !ok {
		return fmt.Errorf("store: set skills: %w", domain.NotFound("person"))
	}
	now := db.d.timeArg(db.clock())
	if _, err := tx.exec(ctx, "DELETE FROM person_skills WHERE org_id = ? AND person_id = ?", orgID, s.PersonID); err != nil {
		return fmt.Errorf("store: set skills: %w", err)
	}
	for _, c := range domain.SkillCriteria {
		v, ok := s.Scores[c.Key]
		if !ok {
			continue
		}
		if _, err := tx.exec(ctx, `INSERT INTO person_skills (org_id, person_id, criterion, score, updated_at)
			VALUES (?, ?, ?, ?, ?)`, orgID, s.PersonID, c.Key, v, now); err != nil {
			return fmt.Errorf("store: set skills: %w", err)
		}
	}
	if _, err := tx.exec(ctx, `INSERT INTO person_prefs (org_id, person_id, pairing_opt_out, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (org_id, person_id) DO UPDATE SET pairing_opt_out = excluded.pairing_opt_out, updated_at = excluded.updated_at`,
		orgID, s.PersonID, s.OptOut, now); err != nil {
		return fmt.Errorf("store: set skills: %w", err)
	}
	return tx.commit()
}

// loadSkills reads scores and preferences of the organisation, narrowed by
// an extra condition on person_id.
func loadSkills(ctx context.Context, c conn, orgID int64, cond string, args ...any) (map[int64]domain.PersonSkills, error) {
	out := map[int64]domain.PersonSkills{}
	get := func(id int64) domain.PersonSkills {
		s, ok := out[id]
		if !ok {
			s = domain.PersonSkills{PersonID: id, Scores: map[string]int{}}
		}
		return s
	}
	rows, err := c.query(ctx, "SELECT person_id, criterion, score, updated_at FROM person_skills WHERE org_id = ? "+cond,
		append([]any{orgID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id    int64
			crit  string
			score int
		)
		s := domain.PersonSkills{}
		if err := rows.Scan(&id, &crit, &score, timeScanner{&s.UpdatedAt}); err != nil {
			return nil, err
		}
		got := get(id)
		got.Scores[crit] = score
		if s.UpdatedAt.After(got.UpdatedAt) {
			got.UpdatedAt = s.UpdatedAt
		}
		out[id] = got
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	prefs, err := c.query(ctx, "SELECT person_id, pairing_opt_out, updated_at FROM person_prefs WHERE org_id = ? "+cond,
		append([]any{orgID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer prefs.Close()
	for prefs.Next() {
		var (
			id  int64
			opt bool
			at  = domain.PersonSkills{}
		)
		if err := prefs.Scan(&id, &opt, timeScanner{&at.UpdatedAt}); err != nil {
			return nil, err
		}
		got := get(id)
		got.OptOut = opt
		if at.UpdatedAt.After(got.UpdatedAt) {
			got.UpdatedAt = at.UpdatedAt
		}
		out[id] = got
	}
	return out, prefs.Err()
}
