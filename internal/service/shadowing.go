package service

import (
	"context"
	"slices"
	"time"

	"huddle/internal/domain"
)

// Peer shadowing: a pair shadow each other for a week of five working
// days, each with a learning goal, keeping a daily debrief log (what I
// observed, what I'll try) and a mutual feedback log. All of it is for the
// pair's current members who accepted the ground rules; entries are
// always written as the actor, on a day inside the week.

// isShadowing reports whether a group's ritual is peer shadowing: the
// built-in one, or one whose agenda has a debrief.
func isShadowing(tpl domain.RitualTemplate) bool {
	return tpl.Key == "peer_shadowing" || slices.ContainsFunc(tpl.Agenda, func(it domain.AgendaItem) bool {
		return it.Kind == domain.AgendaDebrief
	})
}

// shadowingGroup loads a shadowing group whose content the actor may see.
func (s *Service) shadowingGroup(ctx context.Context, a Actor, groupID int64) (domain.Group, error) {
	g, err := s.memberGroup(ctx, a, groupID)
	if err != nil {
		return g, err
	}
	tpl, err := s.Template(ctx, a, g.TemplateKey)
	if err != nil {
		return g, err
	}
	if !isShadowing(tpl) {
		return g, domain.NotFound("shadowing week")
	}
	return g, nil
}

// memberWeek loads a week of a group whose content the actor may see;
// for anyone else it does not exist.
func (s *Service) memberWeek(ctx context.Context, a Actor, weekID int64) (domain.ShadowingWeek, domain.Group, error) {
	w, err := s.store.ShadowingWeek(ctx, a.Org.ID, weekID)
	if err != nil {
		return w, domain.Group{}, err
	}
	g, err := s.shadowingGroup(ctx, a, w.GroupID)
	if err != nil {
		return domain.ShadowingWeek{}, g, notFoundAs(err, "shadowing week")
	}
	return w, g, nil
}

// StartShadowingWeek plans a shadowing week of the pair from a working
// day (members).
func (s *Service) StartShadowingWeek(ctx context.Context, a Actor, groupID int64, startsOn time.Time) (domain.ShadowingWeek, error) {
	if _, err := s.shadowingGroup(ctx, a, groupID); err != nil {
		return domain.ShadowingWeek{}, err
	}
	w := domain.ShadowingWeek{GroupID: groupID, StartsOn: startsOn, CreatedBy: a.Person.ID}
	err := s.store.CreateShadowingWeek(ctx, a.Org.ID, &w)
	return w, err
}

// SetLearningGoal states or changes the actor's goal for a week.
func (s *Service) SetLearningGoal(ctx context.Context, a Actor, weekID int64, text string) error {
	if _, _, err := s.memberWeek(ctx, a, weekID); err != nil {
		return err
	}
	return s.store.SetLearningGoal(ctx, a.Org.ID, weekID, a.Person.ID, text)
}

// AddDebrief adds the actor's entry to the week's daily debrief log.
func (s *Service) AddDebrief(ctx context.Context, a Actor, weekID int64, day time.Time, observed, willTry string) (domain.Debrief, error) {
	w, _, err := s.memberWeek(ctx, a, weekID)
	if err != nil {
		return domain.Debrief{}, err
	}
	d := domain.Debrief{WeekID: w.ID, Day: day, AuthorID: a.Person.ID, Observed: observed, WillTry: willTry}
	if err := d.Validate(); err != nil {
		return d, err
	}
	if !w.Contains(d.Day) {
		return d, domain.Invalid("day", "choose one of the week's working days, %s to %s",
			w.StartsOn.Format("Mon 2 Jan"), w.Ends().Format("Mon 2 Jan"))
	}
	err = s.store.AddDebrief(ctx, a.Org.ID, &d)
	return d, err
}

// AddShadowFeedback adds the actor's feedback to their partner (a current
// member of the pair) to the week's mutual feedback log.
func (s *Service) AddShadowFeedback(ctx context.Context, a Actor, weekID, toID int64, text string) (domain.ShadowFeedback, error) {
	w, g, err := s.memberWeek(ctx, a, weekID)
	if err != nil {
		return domain.ShadowFeedback{}, err
	}
	f := domain.ShadowFeedback{WeekID: w.ID, FromID: a.Person.ID, ToID: toID, Text: text}
	if toID == a.Person.ID || !isActiveMember(g, toID) {
		return f, domain.Invalid("to_id", "give feedback to your shadowing partner")
	}
	err = s.store.AddShadowFeedback(ctx, a.Org.ID, &f)
	return f, err
}

// ShadowingView is a pair's shadowing weeks as a member sees them.
type ShadowingView struct {
	Group    domain.Group
	Members  []PersonRef
	Partners []PersonRef // the members other than the actor
	Weeks    []WeekView
	Today    time.Time
}

// WeekView is one shadowing week with names.
type WeekView struct {
	domain.ShadowingWeek
	Days     []time.Time
	Goals    []GoalView
	MyGoal   string
	Debriefs []DebriefView
	Feedback []FeedbackView
}

// GoalView is a learning goal with its person's name.
type GoalView struct {
	Person PersonRef
	Text   string
}

// DebriefView is a debrief with its author's name.
type DebriefView struct {
	domain.Debrief
	Author PersonRef
}

// FeedbackView is a feedback entry with names.
type FeedbackView struct {
	domain.ShadowFeedback
	From, To PersonRef
}

// Shadowing returns the pair's shadowing weeks, latest first (members).
func (s *Service) Shadowing(ctx context.Context, a Actor, groupID int64) (ShadowingView, error) {
	g, err := s.shadowingGroup(ctx, a, groupID)
	if err != nil {
		return ShadowingView{}, err
	}
	names := s.namer(ctx, a)
	now := s.now().UTC()
	v := ShadowingView{Group: g, Today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)}
	for _, id := range activeIDs(g) {
		v.Members = append(v.Members, names(id))
		if id != a.Person.ID {
			v.Partners = append(v.Partners, names(id))
		}
	}
	weeks, err := s.store.ShadowingWeeks(ctx, a.Org.ID, groupID)
	if err != nil {
		return v, err
	}
	for _, w := range weeks {
		v.Weeks = append(v.Weeks, weekView(w, a.Person.ID, names))
	}
	return v, nil
}

func weekView(w domain.ShadowingWeek, me int64, names func(int64) PersonRef) WeekView {
	wv := WeekView{ShadowingWeek: w, Days: w.Days()}
	for _, goal := range w.Goals {
		wv.Goals = append(wv.Goals, GoalView{Person: names(goal.PersonID), Text: goal.Text})
		if goal.PersonID == me {
			wv.MyGoal = goal.Text
		}
	}
	for _, d := range w.Debriefs {
		wv.Debriefs = append(wv.Debriefs, DebriefView{Debrief: d, Author: names(d.AuthorID)})
	}
	for _, f := range w.Feedback {
		wv.Feedback = append(wv.Feedback, FeedbackView{ShadowFeedback: f, From: names(f.FromID), To: names(f.ToID)})
	}
	return wv
}

// ShadowingWeekGroup returns the group of a week the actor may see.
func (s *Service) ShadowingWeekGroup(ctx context.Context, a Actor, weekID int64) (int64, error) {
	w, _, err := s.memberWeek(ctx, a, weekID)
	return w.GroupID, err
}
