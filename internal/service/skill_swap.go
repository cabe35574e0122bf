package service

import (
	"context"
	"errors"
	"slices"

	"huddle/internal/domain"
	"huddle/internal/markdown"
)

// The skill swap workshop: per session a teacher (a member), the skills
// taught, a cheat sheet in Markdown and a confidence survey. Each member
// rates their confidence in each skill from 1 to 5 before the session and
// again after it. "Before" answers are taken while the session is planned
// (not yet started), so that they are not coloured by the teaching;
// "after" answers once it has started — running or held — so that a
// member can answer at the end of the call or later. A skipped session
// takes no answers. Members see per skill the group's average before and
// after and how many answered, and their own answers; nobody sees another
// member's answers. An average shows only once minSurveyAnswers members
// have answered that skill in that phase: an average of one answer is
// that answer, and an average of two is the other member's answer to
// anyone who knows their own.

// isSkillSwap reports whether a session is a skill swap: its group's
// ritual is the skill swap workshop, or its agenda has a teaching slot.
func isSkillSwap(tpl domain.RitualTemplate, sess domain.GroupSession) bool {
	return tpl.Key == "skill_swap_workshop" || slices.ContainsFunc(sess.Agenda, func(it domain.AgendaItem) bool {
		return it.Kind == domain.AgendaTeach
	})
}

// swapSession loads a skill swap session whose content the actor may see.
func (s *Service) swapSession(ctx context.Context, a Actor, sessionID int64) (domain.GroupSession, domain.Group, error) {
	sess, g, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return sess, g, err
	}
	tpl, err := s.Template(ctx, a, g.TemplateKey)
	if err != nil {
		return sess, g, err
	}
	if !isSkillSwap(tpl, sess) {
		return sess, g, domain.Invalid("session", "this session is not a skill swap workshop")
	}
	return sess, g, nil
}

// SkillSwapInput names the teacher and the skills taught.
type SkillSwapInput struct {
	TeacherID int64 // 0: the actor volunteers
	Skills    []string
}

// SetSkillSwap names who teaches which skills in a session (members; the
// teacher must be a member). Once a teacher is named, only they or an
// organiser change it, so nobody can take over someone's lesson and its
// cheat sheet. The cheat sheet, if any, stays.
func (s *Service) SetSkillSwap(ctx context.Context, a Actor, sessionID int64, in SkillSwapInput) (domain.SkillSwap, error) {
	_, g, err := s.swapSession(ctx, a, sessionID)
	if err != nil {
		return domain.SkillSwap{}, err
	}
	if in.TeacherID == 0 {
		in.TeacherID = a.Person.ID
	}
	if !isActiveMember(g, in.TeacherID) {
		return domain.SkillSwap{}, domain.Invalid("teacher_id", "the teacher is one of the group's members")
	}
	swap, err := s.store.SkillSwap(ctx, a.Org.ID, sessionID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return domain.SkillSwap{}, err
	}
	if swap.TeacherID != 0 && swap.TeacherID != a.Person.ID && !canOrganise(a, g) {
		return domain.SkillSwap{}, domain.Forbidden("%s teaches this session; ask them or the group's organiser to change it",
			s.namer(ctx, a)(swap.TeacherID).Name)
	}
	swap.SessionID, swap.TeacherID, swap.Skills = sessionID, in.TeacherID, in.Skills
	if err := s.store.SaveSkillSwap(ctx, a.Org.ID, &swap); err != nil {
		return domain.SkillSwap{}, err
	}
	return swap, nil
}

// WriteCheatSheet saves the cheat sheet's Markdown: the teacher's, or an
// organiser's.
func (s *Service) WriteCheatSheet(ctx context.Context, a Actor, sessionID int64, text string) (domain.SkillSwap, error) {
	_, g, err := s.swapSession(ctx, a, sessionID)
	if err != nil {
		return domain.SkillSwap{}, err
	}
	swap, err := s.store.SkillSwap(ctx, a.Org.ID, sessionID)
	if errors.Is(err, domain.ErrNotFound) {
		return swap, &domain.Error{Kind: domain.ErrConflict, Message: "name the teacher and the skills before writing the cheat sheet"}
	}
	if err != nil {
		return swap, err
	}
	if swap.TeacherID != a.Person.ID && !canOrganise(a, g) {
		return swap, domain.Forbidden("only the teacher writes the cheat sheet")
	}
	swap.CheatSheet = text
	if err := s.store.SaveSkillSwap(ctx, a.Org.ID, &swap); err != nil {
		return domain.SkillSwap{}, err
	}
	return swap, nil
}

// AnswerSurvey records the actor's confidence, 1 to 5, in skills of the
// session, before or after it; answering again changes the answer. Skills
// left out keep their earlier answer.
func (s *Service) AnswerSurvey(ctx context.Context, a Actor, sessionID int64, phase string, scores map[string]int) error {
	sess, _, err := s.swapSession(ctx, a, sessionID)
	if err != nil {
		return err
	}
	swap, err := s.store.SkillSwap(ctx, a.Org.ID, sessionID)
	if errors.Is(err, domain.ErrNotFound) {
		return &domain.Error{Kind: domain.ErrConflict, Message: "the survey opens once the teacher and the skills are named"}
	}
	if err != nil {
		return err
	}
	if err := surveyOpen(sess, phase); err != nil {
		return err
	}
	if len(scores) == 0 {
		return domain.Invalid("scores", "rate at least one skill")
	}
	var answers []domain.SurveyAnswer
	for skill, score := range scores {
		if !swap.HasSkill(skill) {
			return domain.Invalid("skill", "%q is not a skill of this session", skill)
		}
		ans := domain.SurveyAnswer{SessionID: sessionID, PersonID: a.Person.ID, Skill: skill, Phase: phase, Score: score}
		if err := ans.Validate(); err != nil {
			return err
		}
		answers = append(answers, ans)
	}
	return s.store.SaveSurveyAnswers(ctx, a.Org.ID, answers)
}

// surveyOpen says whether a phase of the survey takes answers now.
func surveyOpen(sess domain.GroupSession, phase string) error {
	status := sess.Status()
	switch {
	case phase != domain.SurveyBefore && phase != domain.SurveyAfter:
		return domain.Invalid("phase", "answer before or after the session")
	case status == domain.SessionSkipped:
		return &domain.Error{Kind: domain.ErrConflict, Message: "this session was skipped"}
	case phase == domain.SurveyBefore && status != domain.SessionPlanned:
		return &domain.Error{Kind: domain.ErrConflict, Message: "the session has started: answer the \"after\" survey instead"}
	case phase == domain.SurveyAfter && status == domain.SessionPlanned:
		return &domain.Error{Kind: domain.ErrConflict, Message: "the \"after\" survey opens when the session starts"}
	}
	return nil
}

// SkillConfidence is the group's confidence in one skill.
type SkillConfidence struct {
	Skill                   string
	Before, After           *float64 // averages; nil when nobody answered
	BeforeCount, AfterCount int
	MyBefore, MyAfter       int // the actor's answers; 0 when none
}

// SkillSwapView is a skill swap session's teacher, skills, rendered cheat
// sheet and survey, as a member sees them.
type SkillSwapView struct {
	Set            bool // a teacher and skills are named
	Swap           domain.SkillSwap
	Teacher        PersonRef
	CheatSheetHTML string // sanitised; safe to embed
	Skills         []SkillConfidence
	CanWrite       bool // the actor may write the cheat sheet
	BeforeOpen     bool
	AfterOpen      bool
}

// skillSwapView builds the view of a session that is a skill swap.
func (s *Service) skillSwapView(ctx context.Context, a Actor, g domain.Group, sess domain.GroupSession,
	names func(int64) PersonRef) (*SkillSwapView, error) {
	v := &SkillSwapView{BeforeOpen: surveyOpen(sess, domain.SurveyBefore) == nil, AfterOpen: surveyOpen(sess, domain.SurveyAfter) == nil}
	swap, err := s.store.SkillSwap(ctx, a.Org.ID, sess.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	v.Set, v.Swap, v.Teacher = true, swap, names(swap.TeacherID)
	v.CanWrite = swap.TeacherID == a.Person.ID || canOrganise(a, g)
	v.CheatSheetHTML = markdown.HTML(swap.CheatSheet)
	answers, err := s.store.SurveyAnswers(ctx, a.Org.ID, sess.ID)
	if err != nil {
		return nil, err
	}
	for _, skill := range swap.Skills {
		v.Skills = append(v.Skills, confidenceIn(skill, answers, a.Person.ID))
	}
	return v, nil
}

// minSurveyAnswers is how many answers a phase's average needs before it
// shows (see the rule at the top of this file and ritual_access.go).
const minSurveyAnswers = 3

// confidenceIn averages the answers about one skill, before and after;
// an average with fewer than minSurveyAnswers answers stays hidden (nil),
// while the counts show.
func confidenceIn(skill string, answers []domain.SurveyAnswer, me int64) SkillConfidence {
	c := SkillConfidence{Skill: skill}
	var before, after int
	for _, ans := range answers {
		if ans.Skill != skill {
			continue
		}
		if ans.Phase == domain.SurveyBefore {
			before += ans.Score
			c.BeforeCount++
			if ans.PersonID == me {
				c.MyBefore = ans.Score
			}
			continue
		}
		after += ans.Score
		c.AfterCount++
		if ans.PersonID == me {
			c.MyAfter = ans.Score
		}
	}
	c.Before, c.After = surveyAverage(before, c.BeforeCount), surveyAverage(after, c.AfterCount)
	return c
}

// surveyAverage is sum ÷ n, or nil when too few answered for it to hide
// who said what.
func surveyAverage(sum, n int) *float64 {
	if n < minSurveyAnswers {
		return nil
	}
	avg := float64(sum) / float64(n)
	return &avg
}
