package domain

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Item kinds with a text: what members bring to a micro-coaching breakout
// (one challenge each), an objection forum and a success showcase.
const (
	ItemChallenge = "challenge"
	ItemObjection = "objection"
	ItemStory     = "story"
)

// IsTextItem reports whether kind is one of the items that are a text
// with notes (a challenge, an objection, a story).
func IsTextItem(kind string) bool {
	return kind == ItemChallenge || kind == ItemObjection || kind == ItemStory
}

// validateText normalises a challenge, objection or story.
func (i *SessionItem) validateText() error {
	if i.Text == "" || len(i.Text) > 2000 {
		return Invalid("text", "say what the %s is (up to 2,000 characters)", i.Kind)
	}
	i.DealName, i.Stage, i.Amount, i.Blocker, i.CallID = "", "", nil, "", 0
	return nil
}

// Confidence survey phases of a skill swap.
const (
	SurveyBefore = "before"
	SurveyAfter  = "after"
)

// SkillSwap is what a skill swap workshop session adds: who teaches, the
// skills taught and the cheat sheet, in Markdown.
type SkillSwap struct {
	OrgID      int64
	SessionID  int64
	TeacherID  int64
	Skills     []string
	CheatSheet string // Markdown; rendered safely on display
	UpdatedAt  time.Time
}

// Limits of a skill swap.
const (
	MaxSwapSkills     = 10
	MaxSkillNameRunes = 60
	MaxCheatSheet     = 20000
)

// Validate normalises s and reports the first problem: a teacher, one to
// ten distinct short skill names, a cheat sheet under 20,000 characters.
func (s *SkillSwap) Validate() error {
	if s.TeacherID <= 0 {
		return Invalid("teacher_id", "choose who teaches")
	}
	var skills []string
	seen := map[string]bool{}
	for _, k := range s.Skills {
		k = strings.Join(strings.Fields(k), " ")
		if k == "" {
			continue
		}
		if utf8.RuneCountInString(k) > MaxSkillNameRunes {
			return Invalid("skills", "keep each skill to a short name (up to %d characters)", MaxSkillNameRunes)
		}
		if seen[strings.ToLower(k)] {
			continue
		}
		seen[strings.ToLower(k)] = true
		skills = append(skills, k)
	}
	if len(skills) == 0 || len(skills) > MaxSwapSkills {
		return Invalid("skills", "name 1 to %d skills taught, e.g. \"Discovery questions\"", MaxSwapSkills)
	}
	s.Skills = skills
	s.CheatSheet = strings.TrimSpace(strings.ReplaceAll(s.CheatSheet, "\r\n", "\n"))
	if len(s.CheatSheet) > MaxCheatSheet {
		return Invalid("cheat_sheet", "keep the cheat sheet under 20,000 characters")
	}
	return nil
}

// HasSkill reports whether the swap teaches skill (exact name).
func (s SkillSwap) HasSkill(skill string) bool {
	for _, k := range s.Skills {
		if k == skill {
			return true
		}
	}
	return false
}

// SurveyAnswer is one member's confidence in one skill, 1 to 5, before or
// after a skill swap session.
type SurveyAnswer struct {
	SessionID  int64
	PersonID   int64
	Skill      string
	Phase      string // SurveyBefore or SurveyAfter
	Score      int
	AnsweredAt time.Time
}

// Validate reports the first problem of an answer.
func (a SurveyAnswer) Validate() error {
	switch {
	case a.Phase != SurveyBefore && a.Phase != SurveyAfter:
		return Invalid("phase", "answer before or after the session")
	case a.Score < 1 || a.Score > 5:
		return Invalid("score", "rate your confidence from 1 (not at all) to 5 (very)")
	case a.Skill == "":
		return Invalid("skill", "choose a skill of the session")
	}
	return nil
}

// ShadowingDays is the length of a peer shadowing week in working days.
const ShadowingDays = 5

// ShadowingWeek is one week in which a pair shadow each other: five
// working days from its start, with a learning goal per person, a daily
// debrief log and a mutual feedback log.
type ShadowingWeek struct {
	ID        int64
	OrgID     int64
	GroupID   int64
	StartsOn  time.Time // a calendar date (UTC midnight), a working day
	CreatedBy int64
	CreatedAt time.Time
	Goals     []LearningGoal
	Debriefs  []Debrief
	Feedback  []ShadowFeedback
}

// Days returns the week's five working days, from the start.
func (w ShadowingWeek) Days() []time.Time {
	var out []time.Time
	for d := w.StartsOn; len(out) < ShadowingDays; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			out = append(out, d)
		}
	}
	return out
}

// Contains reports whether a calendar date is one of the week's days.
func (w ShadowingWeek) Contains(day time.Time) bool {
	y, m, d := day.Date()
	day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for _, x := range w.Days() {
		if x.Equal(day) {
			return true
		}
	}
	return false
}

// Ends is the last working day of the week.
func (w ShadowingWeek) Ends() time.Time { days := w.Days(); return days[len(days)-1] }

// ValidShadowingStart normalises a start date and refuses a weekend.
func ValidShadowingStart(day time.Time) (time.Time, error) {
	if day.IsZero() {
		return day, Invalid("starts_on", "give the first day of the shadowing week (YYYY-MM-DD)")
	}
	y, m, d := day.Date()
	day = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		return day, Invalid("starts_on", "start the shadowing week on a working day (Monday to Friday)")
	}
	return day, nil
}

// LearningGoal is what one person wants to learn in a shadowing week.
type LearningGoal struct {
	PersonID  int64
	Text      string
	UpdatedAt time.Time
}

// Debrief is one entry of the daily debrief log.
type Debrief struct {
	ID        int64
	WeekID    int64
	Day       time.Time // a calendar date inside the week
	AuthorID  int64
	Observed  string // what I observed
	WillTry   string // what I'll try
	CreatedAt time.Time
}

// Validate normalises d and reports the first problem.
func (d *Debrief) Validate() error {
	d.Observed, d.WillTry = strings.TrimSpace(d.Observed), strings.TrimSpace(d.WillTry)
	switch {
	case d.Day.IsZero():
		return Invalid("day", "give the day of the debrief (YYYY-MM-DD)")
	case d.Observed == "" || len(d.Observed) > 4000:
		return Invalid("observed", "say what you observed (up to 4,000 characters)")
	case len(d.WillTry) > 2000:
		return Invalid("will_try", "keep what you will try under 2,000 characters")
	}
	y, m, day := d.Day.Date()
	d.Day = time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	return nil
}

// ShadowFeedback is one entry of the mutual feedback log.
type ShadowFeedback struct {
	ID        int64
	WeekID    int64
	FromID    int64
	ToID      int64
	Text      string
	CreatedAt time.Time
}

// Validate normalises f and reports the first problem.
func (f *ShadowFeedback) Validate() error {
	f.Text = strings.TrimSpace(f.Text)
	switch {
	case f.ToID <= 0 || f.ToID == f.FromID:
		return Invalid("to_id", "give feedback to your shadowing partner")
	case f.Text == "" || len(f.Text) > 4000:
		return Invalid("text", "write the feedback (up to 4,000 characters)")
	}
	return nil
}

// ValidGoal normalises a learning goal's text.
func ValidGoal(text string) (string, error) {
	text = strings.TrimSpace(text)
	if text == "" || len(text) > 1000 {
		return text, Invalid("goal", "say what you want to learn this week (up to 1,000 characters)")
	}
	return text, nil
}

// RitualSpecificsStore persists what particular rituals add to sessions
// and groups: skill swaps with their confidence survey, shadowing weeks
// with their logs, and the notes of items. Every method is scoped to one
// organisation.
type RitualSpecificsStore interface {
	// SkillSwap returns a session's skill swap, or "not found".
	SkillSwap(ctx context.Context, orgID, sessionID int64) (SkillSwap, error)
	SaveSkillSwap(ctx context.Context, orgID int64, s *SkillSwap) error
	// SaveSurveyAnswers stores (or replaces) one person's answers for one
	// phase of a session, all or none.
	SaveSurveyAnswers(ctx context.Context, orgID int64, answers []SurveyAnswer) error
	SurveyAnswers(ctx context.Context, orgID, sessionID int64) ([]SurveyAnswer, error)

	CreateShadowingWeek(ctx context.Context, orgID int64, w *ShadowingWeek) error
	// ShadowingWeek returns a week with its goals and logs.
	ShadowingWeek(ctx context.Context, orgID, weekID int64) (ShadowingWeek, error)
	// ShadowingWeeks lists a group's weeks, latest first, with goals and logs.
	ShadowingWeeks(ctx context.Context, orgID, groupID int64) ([]ShadowingWeek, error)
	SetLearningGoal(ctx context.Context, orgID, weekID, personID int64, text string) error
	AddDebrief(ctx context.Context, orgID int64, d *Debrief) error
	AddShadowFeedback(ctx context.Context, orgID int64, f *ShadowFeedback) error

	// SetItemNote changes the notes of an item of a session.
	SetItemNote(ctx context.Context, orgID, sessionID, itemID int64, note string) error
}
