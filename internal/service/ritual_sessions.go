package service

import (
	"context"
	"errors"
	"slices"
	"time"

	"huddle/internal/domain"
	"huddle/internal/schedule"
)

// MaterialiseWeeks is how far ahead sessions are created when a series is
// set and when a group is opened.
const MaterialiseWeeks = 6

// materialise makes sure every occurrence of the group's series that
// overlaps [from, to) has a session, and returns those sessions by start.
// The facilitator rotates round-robin over the current members by the
// occurrence's position in the series.
func (s *Service) materialise(ctx context.Context, a Actor, g domain.Group, from, to time.Time) ([]domain.GroupSession, error) {
	if !g.Scheduled() {
		return nil, nil
	}
	series, err := s.series(ctx, a.Org.ID, g)
	if err != nil {
		return nil, err
	}
	if series.Validate() != nil {
		return nil, nil // a schedule the engine rejects has no occurrences
	}
	tpl, err := s.Template(ctx, a, g.TemplateKey)
	if err != nil {
		return nil, err
	}
	plain := series
	plain.Exceptions = schedule.Exceptions{}
	members := activeIDs(g)
	var out []domain.GroupSession
	for _, o := range series.Between(from, to) {
		original := series.At(o.Date).UTC()
		sess := domain.GroupSession{GroupID: g.ID, Occurrence: original, StartsAt: o.Start, Minutes: int(o.End.Sub(o.Start) / time.Minute),
			Agenda: sessionAgenda(tpl, g.Minutes), VideoLink: g.VideoLink}
		if len(members) > 0 {
			index := len(plain.Between(plain.Start, original))
			sess.FacilitatorID = members[index%len(members)]
		}
		if err := s.store.EnsureSession(ctx, a.Org.ID, &sess); err != nil {
			return nil, err
		}
		if !sess.StartsAt.Equal(o.Start) && sess.StartedAt.IsZero() {
			start := o.Start
			if sess, err = s.store.UpdateSession(ctx, a.Org.ID, sess.ID, domain.SessionPatch{StartsAt: &start}); err != nil {
				return nil, err
			}
		}
		if !sess.Skipped {
			out = append(out, sess)
		}
	}
	return out, nil
}

// sessionAgenda is a session's run sheet: the open commitments of its
// members first, then the template's agenda, fitted to the length.
func sessionAgenda(tpl domain.RitualTemplate, minutes int) []domain.AgendaItem {
	review := 5
	if minutes < 30 {
		review = 2
	}
	items := []domain.AgendaItem{{Kind: domain.AgendaCommitmentsReview, Title: "Open commitments since last time", Minutes: review}}
	planned := 0
	for _, it := range tpl.Agenda {
		planned += it.Minutes
	}
	budget := max(minutes-review, 1)
	used := 0
	for i, it := range tpl.Agenda {
		if planned > 0 {
			it.Minutes = it.Minutes * budget / planned
		}
		if i == len(tpl.Agenda)-1 && planned > 0 {
			it.Minutes = budget - used
		}
		used += it.Minutes
		items = append(items, it)
	}
	return items
}

// retireStaleSessions marks skipped the future sessions that have not
// started and are no longer occurrences of the (changed) series.
func (s *Service) retireStaleSessions(ctx context.Context, a Actor, g domain.Group, series schedule.Series) error {
	now := s.now()
	existing, err := s.store.GroupSessions(ctx, a.Org.ID, []int64{g.ID}, now, now.AddDate(3, 0, 0))
	if err != nil {
		return err
	}
	keep := map[int64]bool{}
	for _, o := range series.Between(now, now.AddDate(3, 0, 0)) {
		keep[series.At(o.Date).UTC().UnixMicro()] = true
	}
	skip := true
	for _, sess := range existing {
		if sess.StartedAt.IsZero() && !sess.Skipped && !keep[sess.Occurrence.UnixMicro()] {
			if _, err := s.store.UpdateSession(ctx, a.Org.ID, sess.ID, domain.SessionPatch{Skipped: &skip}); err != nil {
				return err
			}
		}
	}
	return nil
}

// SkipOccurrence cancels one session of the series (organisers only).
func (s *Service) SkipOccurrence(ctx context.Context, a Actor, sessionID int64) error {
	sess, g, err := s.organiserSession(ctx, a, sessionID, "skip a session")
	if err != nil {
		return err
	}
	if err := s.store.SetSeriesException(ctx, a.Org.ID, g.ID, domain.SeriesException{Occurrence: sess.Occurrence, Kind: domain.ExceptionSkip}); err != nil {
		return err
	}
	skip := true
	_, err = s.store.UpdateSession(ctx, a.Org.ID, sessionID, domain.SessionPatch{Skipped: &skip})
	return err
}

// MoveOccurrence moves one session of the series to a new local date and
// time in the group's zone (organisers only).
func (s *Service) MoveOccurrence(ctx context.Context, a Actor, sessionID int64, date, clock string) (domain.GroupSession, error) {
	sess, g, err := s.organiserSession(ctx, a, sessionID, "move a session")
	if err != nil {
		return domain.GroupSession{}, err
	}
	loc, err := domain.ParseTimeZone(g.TimeZone)
	if err != nil {
		return domain.GroupSession{}, err
	}
	to, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, loc)
	if err != nil {
		return domain.GroupSession{}, domain.Invalid("start", "give the new date (YYYY-MM-DD) and time (HH:MM)")
	}
	e := domain.SeriesException{Occurrence: sess.Occurrence, Kind: domain.ExceptionMove, MovedTo: to.UTC()}
	if err := s.store.SetSeriesException(ctx, a.Org.ID, g.ID, e); err != nil {
		return domain.GroupSession{}, err
	}
	start, notSkipped := to.UTC(), false
	return s.store.UpdateSession(ctx, a.Org.ID, sessionID, domain.SessionPatch{StartsAt: &start, Skipped: &notSkipped})
}

func (s *Service) organiserSession(ctx context.Context, a Actor, sessionID int64, what string) (domain.GroupSession, domain.Group, error) {
	sess, err := s.store.GroupSession(ctx, a.Org.ID, sessionID)
	if err != nil {
		return sess, domain.Group{}, err
	}
	g, _, err := s.visibleGroup(ctx, a, sess.GroupID)
	if err != nil {
		return sess, g, notFoundAs(err, "session")
	}
	if err := requireOrganiser(a, g, what); err != nil {
		return sess, g, err
	}
	if !sess.StartedAt.IsZero() {
		return sess, g, &domain.Error{Kind: domain.ErrConflict, Message: "this session has started already"}
	}
	return sess, g, nil
}

// notFoundAs renames a "not found" error, so that a hidden group reads as
// a missing session.
func notFoundAs(err error, what string) error {
	if errors.Is(err, domain.ErrNotFound) {
		return domain.NotFound(what)
	}
	return err
}

// memberSession loads a session whose content the actor may see and act on.
func (s *Service) memberSession(ctx context.Context, a Actor, sessionID int64) (domain.GroupSession, domain.Group, error) {
	sess, err := s.store.GroupSession(ctx, a.Org.ID, sessionID)
	if err != nil {
		return sess, domain.Group{}, err
	}
	g, err := s.memberGroup(ctx, a, sess.GroupID)
	if err != nil {
		return sess, g, notFoundAs(err, "session")
	}
	return sess, g, nil
}

// StartSession marks a session started now (members, one click).
func (s *Service) StartSession(ctx context.Context, a Actor, sessionID int64) (domain.GroupSession, error) {
	sess, _, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return sess, err
	}
	if sess.Skipped {
		return sess, &domain.Error{Kind: domain.ErrConflict, Message: "this session was skipped"}
	}
	if !sess.StartedAt.IsZero() {
		return sess, nil
	}
	now := s.now()
	p := domain.SessionPatch{StartedAt: &now}
	if len(sess.Attendance) == 0 {
		p.Attendance = &[]int64{a.Person.ID}
	}
	return s.store.UpdateSession(ctx, a.Org.ID, sessionID, p)
}

// EndSession marks a started session ended now.
func (s *Service) EndSession(ctx context.Context, a Actor, sessionID int64) (domain.GroupSession, error) {
	sess, _, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return sess, err
	}
	if sess.StartedAt.IsZero() {
		return sess, &domain.Error{Kind: domain.ErrConflict, Message: "start the session before ending it"}
	}
	if !sess.EndedAt.IsZero() {
		return sess, nil
	}
	now := s.now()
	return s.store.UpdateSession(ctx, a.Org.ID, sessionID, domain.SessionPatch{EndedAt: &now})
}

// SessionNotesInput changes what members write during a session.
type SessionNotesInput struct {
	Notes      *string
	VideoLink  *string
	Attendance *[]int64 // current members only
}

// UpdateSessionNotes saves notes, the video link and attendance (members).
func (s *Service) UpdateSessionNotes(ctx context.Context, a Actor, sessionID int64, in SessionNotesInput) (domain.GroupSession, error) {
	_, g, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return domain.GroupSession{}, err
	}
	if in.Attendance != nil {
		for _, id := range *in.Attendance {
			if !isActiveMember(g, id) {
				return domain.GroupSession{}, domain.Invalid("attendance", "only members attend")
			}
		}
	}
	return s.store.UpdateSession(ctx, a.Org.ID, sessionID, domain.SessionPatch{Notes: in.Notes, VideoLink: in.VideoLink, Attendance: in.Attendance})
}

// BringItem adds a deal or one of the actor's own calls to a session
// (members; the owner chooses what to bring).
func (s *Service) BringItem(ctx context.Context, a Actor, sessionID int64, it domain.SessionItem) (domain.SessionItem, error) {
	if _, _, err := s.memberSession(ctx, a, sessionID); err != nil {
		return it, err
	}
	it.SessionID, it.PersonID = sessionID, a.Person.ID
	if it.Kind == domain.ItemChallenge {
		if err := s.oneChallengeEach(ctx, a, sessionID); err != nil {
			return it, err
		}
	}
	if it.Kind == domain.ItemCall {
		c, err := s.store.Call(ctx, a.Org.ID, it.CallID)
		if err != nil || c.OwnerID != a.Person.ID {
			return it, domain.Invalid("call_id", "spotlight one of your own calls")
		}
	}
	if err := s.store.AddSessionItem(ctx, a.Org.ID, &it); err != nil {
		return it, err
	}
	return it, nil
}

// RemoveItem takes back an item: its owner, or an organiser.
func (s *Service) RemoveItem(ctx context.Context, a Actor, sessionID, itemID int64) error {
	_, g, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return err
	}
	items, err := s.store.SessionItems(ctx, a.Org.ID, sessionID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(items, func(it domain.SessionItem) bool { return it.ID == itemID })
	if i < 0 {
		return domain.NotFound("item")
	}
	if items[i].PersonID != a.Person.ID && !canOrganise(a, g) {
		return domain.Forbidden("only the member who brought it can take it back")
	}
	return s.store.DeleteSessionItem(ctx, a.Org.ID, sessionID, itemID)
}

// AddActionItem records a follow-up for a member (members); see AddAction
// for one tied to a deal.
func (s *Service) AddActionItem(ctx context.Context, a Actor, sessionID, ownerID int64, text string) (domain.ActionItem, error) {
	return s.AddAction(ctx, a, sessionID, ActionInput{OwnerID: ownerID, Text: text})
}

// SetActionItemDone ticks an action item (members).
func (s *Service) SetActionItemDone(ctx context.Context, a Actor, sessionID, itemID int64, done bool) error {
	if _, _, err := s.memberSession(ctx, a, sessionID); err != nil {
		return err
	}
	return s.store.SetActionItemDone(ctx, a.Org.ID, sessionID, itemID, done)
}

// SessionsBetween returns the group's sessions that overlap [from, to),
// materialising them (members and organisers) — e.g. to record a past
// session after the fact.
func (s *Service) SessionsBetween(ctx context.Context, a Actor, groupID int64, from, to time.Time) ([]domain.GroupSession, error) {
	g, acc, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return nil, err
	}
	if acc != accessMember && !canOrganise(a, g) {
		return nil, domain.NotFound("group")
	}
	return s.materialise(ctx, a, g, from, to)
}

// RecordHeld records a session that is over as held at its planned time,
// with who attended (members): for sessions nobody started in Huddle.
func (s *Service) RecordHeld(ctx context.Context, a Actor, sessionID int64, attended []int64) (domain.GroupSession, error) {
	sess, g, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return sess, err
	}
	if sess.Ends().After(s.now()) || sess.Skipped {
		return sess, &domain.Error{Kind: domain.ErrConflict, Message: "only a past session that was not skipped can be recorded as held"}
	}
	for _, id := range attended {
		if !isActiveMember(g, id) {
			return sess, domain.Invalid("attendance", "only members attend")
		}
	}
	start, end := sess.StartsAt, sess.Ends()
	return s.store.UpdateSession(ctx, a.Org.ID, sessionID, domain.SessionPatch{StartedAt: &start, EndedAt: &end, Attendance: &attended})
}
