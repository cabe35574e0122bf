package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// SkillSwap returns a session's skill swap.
func (db *DB) SkillSwap(ctx context.Context, orgID, sessionID int64) (domain.SkillSwap, error) {
	s := domain.SkillSwap{OrgID: orgID, SessionID: sessionID}
	var skills string
	err := db.reader().queryRow(ctx, `SELECT teacher_id, skills, cheat_sheet, updated_at FROM skill_swaps
		WHERE org_id = ? AND session_id = ?`, orgID, sessionID).Scan(&s.TeacherID, &skills, &s.CheatSheet, timeScanner{&s.UpdatedAt})
	if err != nil {
		return domain.SkillSwap{}, fmt.Errorf("store: skill swap of session %d: %w", sessionID, translate(err, "skill swap", "", ""))
	}
	if err := json.Unmarshal([]byte(skills), &s.Skills); err != nil {
		return domain.SkillSwap{}, fmt.Errorf("store: skill swap of session %d: skills: %w", sessionID, err)
	}
	return s, nil
}

// SaveSkillSwap validates s and stores it as the session's skill swap.
func (db *DB) SaveSkillSwap(ctx context.Context, orgID int64, s *domain.SkillSwap) error {
	saved := *s
	if err := saved.Validate(); err != nil {
		return fmt.Errorf("store: save skill swap: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := requireSession(ctx, tx.conn, orgID, saved.SessionID); err != nil {
		return fmt.Errorf("store: save skill swap: %w", err)
	}
	if err := requirePersonRef(ctx, tx.conn, orgID, saved.TeacherID, "teacher_id"); err != nil {
		return fmt.Errorf("store: save skill swap: %w", err)
	}
	saved.OrgID, saved.UpdatedAt = orgID, db.clock()
	skills, _ := json.Marshal(saved.Skills)
	if _, err := tx.exec(ctx, `INSERT INTO skill_swaps (org_id, session_id, teacher_id, skills, cheat_sheet, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET teacher_id = excluded.teacher_id,
		skills = excluded.skills, cheat_sheet = excluded.cheat_sheet, updated_at = excluded.updated_at`,
		orgID, saved.SessionID, saved.TeacherID, string(skills), saved.CheatSheet, db.d.timeArg(saved.UpdatedAt)); err != nil {
		return fmt.Errorf("store: save skill swap: %w", translate(err, "skill swap", "", ""))
	}
	if err := tx.commit(); err != nil {
		return err
	}
	*s = saved
	return nil
}

// SaveSurveyAnswers stores answers (one person, one session), replacing
// earlier answers for the same skill and phase; all or none.
func (db *DB) SaveSurveyAnswers(ctx context.Context, orgID int64, answers []domain.SurveyAnswer) error {
	for _, a := range answers {
		if err := a.Validate(); err != nil {
			return fmt.Errorf("store: survey answers: %w", err)
		}
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	at := db.clock()
	for _, a := range answers {
		if err := requireSession(ctx, tx.conn, orgID, a.SessionID); err != nil {
			return fmt.Errorf("store: survey answers: %w", err)
		}
		if err := requireSomeone(ctx, tx.conn, orgID, a.PersonID, "person_id"); err != nil {
			return fmt.Errorf("store: survey answers: %w", err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO skill_survey_answers (org_id, session_id, person_id, skill, phase, score, answered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, person_id, skill, phase) DO UPDATE SET score = excluded.score,
			answered_at = excluded.answered_at`, orgID, a.SessionID, a.PersonID, a.Skill, a.Phase, a.Score, db.d.timeArg(at)); err != nil {
			return fmt.Errorf("store: survey answers: %w", translate(err, "session", "", ""))
		}
	}
	return tx.commit()
}

// SurveyAnswers lists a session's answers by person, skill and phase.
func (db *DB) SurveyAnswers(ctx context.Context, orgID, sessionID int64) ([]domain.SurveyAnswer, error) {
	rows, err := db.reader().query(ctx, `SELECT session_id, person_id, skill, phase, score, answered_at FROM skill_survey_answers
		WHERE org_id = ? AND session_id = ? ORDER BY person_id, skill, phase`, orgID, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: survey answers: %w", err)
	}
	defer rows.Close()
	var out []domain.SurveyAnswer
	for rows.Next() {
		var a domain.SurveyAnswer
		if err := rows.Scan(&a.SessionID, &a.PersonID, &a.Skill, &a.Phase, &a.Score, timeScanner{&a.AnsweredAt}); err != nil {
			return nil, fmt.Errorf("store: survey answers: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetItemNote changes the notes of an item of a session.
func (db *DB) SetItemNote(ctx context.Context, orgID, sessionID, itemID int64, note string) error {
	note = strings.TrimSpace(note)
	if len(note) > 2000 {
		return fmt.Errorf("store: item note: %w", domain.Invalid("note", "keep the note under 2,000 characters"))
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.rollback()
	if err := tx.execOne(ctx, domain.NotFound("item"), "UPDATE ritual_items SET note = ? WHERE org_id = ? AND session_id = ? AND id = ?",
		note, orgID, sessionID, itemID); err != nil {
		return fmt.Errorf("store: item %d note: %w", itemID, err)
	}
	return tx.commit()
}

// requireSomeone checks that id names a person of the organisation; unlike
// requirePersonRef, 0 is refused too.
func requireSomeone(ctx context.Context, c conn, orgID, id int64, field string) error {
	if id <= 0 {
		return domain.Invalid(field, "choose a person of this organisation")
	}
	return requirePersonRef(ctx, c, orgID, id, field)
}
