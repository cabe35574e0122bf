package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/ical"
)

// calendarPrefix marks calendar feed secrets.
const calendarPrefix = "cal_"

// CalendarFeedStatus says whether the actor has a calendar feed address.
func (s *Service) CalendarFeedStatus(ctx context.Context, a Actor) (bool, time.Time, error) {
	t, err := s.store.CalendarTokenOf(ctx, a.Org.ID, a.Person.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return false, time.Time{}, nil
	}
	return err == nil, t.CreatedAt, err
}

// ResetCalendarFeed gives the actor a new secret feed address and returns
// its secret, shown once; the previous address stops working.
func (s *Service) ResetCalendarFeed(ctx context.Context, a Actor) (string, error) {
	if a.Person.ID == 0 {
		return "", domain.Forbidden("calendar feeds belong to a person; sign in first")
	}
	secret := auth.NewSecret(calendarPrefix)
	err := s.store.SetCalendarToken(ctx, a.Org.ID, domain.CalendarToken{PersonID: a.Person.ID, Hash: auth.HashSecret(secret), CreatedAt: s.now()})
	return secret, err
}

// RevokeCalendarFeed turns the actor's feed address off.
func (s *Service) RevokeCalendarFeed(ctx context.Context, a Actor) error {
	return s.store.DeleteCalendarToken(ctx, a.Org.ID, a.Person.ID)
}

// CalendarFeed returns the calendar behind a feed secret: every scheduled
// group the person is a member of, as a recurring event with its skipped
// and moved occurrences. It carries times, names and links, never session
// content. An unknown or revoked secret is "not found".
func (s *Service) CalendarFeed(ctx context.Context, secret string) (ical.Calendar, error) {
	if !strings.HasPrefix(secret, calendarPrefix) {
		return ical.Calendar{}, domain.NotFound("calendar")
	}
	tok, err := s.store.CalendarTokenByHash(ctx, auth.HashSecret(secret))
	if err != nil {
		return ical.Calendar{}, notFoundAs(err, "calendar")
	}
	a, err := s.actorFor(ctx, tok.OrgID, tok.PersonID)
	if errors.Is(err, domain.ErrUnauthenticated) {
		return ical.Calendar{}, domain.NotFound("calendar")
	}
	if err != nil {
		return ical.Calendar{}, err
	}
	cal := ical.Calendar{Name: "Huddle sessions — " + a.Person.Name, Refresh: 6 * time.Hour}
	groups, err := s.store.Groups(ctx, a.Org.ID, a.Person.ID)
	if err != nil {
		return cal, err
	}
	for _, g := range groups {
		if !isActiveMember(g, a.Person.ID) || !g.Scheduled() {
			continue
		}
		events, err := s.groupEvents(ctx, a, g)
		if err != nil {
			return cal, err
		}
		cal.Events = append(cal.Events, events...)
	}
	return cal, nil
}

// groupEvents is a group's series as iCalendar events: the recurring
// event, then one event per moved occurrence.
func (s *Service) groupEvents(ctx context.Context, a Actor, g domain.Group) ([]ical.Event, error) {
	sr, err := s.series(ctx, a.Org.ID, g)
	if err != nil {
		return nil, err
	}
	if sr.Validate() != nil {
		return nil, nil
	}
	tpl, _ := s.Template(ctx, a, g.TemplateKey)
	uid := fmt.Sprintf("group-%d-%d@huddle", a.Org.ID, g.ID)
	base := ical.Event{UID: uid, Summary: g.Name, Description: eventDescription(tpl, g), Location: g.VideoLink,
		URL: fmt.Sprintf("/sessions/groups/%d", g.ID), Zone: sr.Zone, Duration: sr.Duration, Stamp: g.UpdatedAt.UTC()}
	series := base
	series.Start, series.RRule, series.ExDates = sr.Start, g.RRule, sr.ExDates()
	out := []ical.Event{series}
	for _, m := range sr.Exceptions.Moves {
		orig := sr.At(m.Date)
		moved := base
		moved.Start, moved.RecurrenceID, moved.Sequence = m.Start, &orig, 1
		out = append(out, moved)
	}
	return out, nil
}

func eventDescription(tpl domain.RitualTemplate, g domain.Group) string {
	lines := []string{tpl.Name + " — " + tpl.Purpose}
	if g.VideoLink != "" {
		lines = append(lines, "Video: "+g.VideoLink)
	}
	return strings.Join(lines, "\n")
}

// SessionEvent returns one session as a single calendar event, for the
// "add to calendar" download (members of its group).
func (s *Service) SessionEvent(ctx context.Context, a Actor, sessionID int64) (ical.Event, error) {
	sess, err := s.store.GroupSession(ctx, a.Org.ID, sessionID)
	if err != nil {
		return ical.Event{}, err
	}
	g, acc, err := s.visibleGroup(ctx, a, sess.GroupID)
	if err != nil || (acc != accessMember && acc != accessPending) {
		return ical.Event{}, domain.NotFound("session")
	}
	loc, err := domain.ParseTimeZone(g.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	tpl, _ := s.Template(ctx, a, g.TemplateKey)
	link := sess.VideoLink
	if link == "" {
		link = g.VideoLink
	}
	return ical.Event{UID: fmt.Sprintf("session-%d-%d@huddle", a.Org.ID, sess.ID), Summary: g.Name, Description: eventDescription(tpl, g),
		Location: link, URL: fmt.Sprintf("/sessions/%d", sess.ID), Start: sess.StartsAt.In(loc), Zone: loc,
		Duration: time.Duration(sess.Minutes) * time.Minute, Stamp: sess.UpdatedAt.UTC()}, nil
}
