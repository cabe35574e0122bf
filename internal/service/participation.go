package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"huddle/internal/domain"
)

// Participation is counts and rates only: sessions held, attendance and
// commitments by status, per team, group and person. It never carries
// notes, items, deals, survey answers, logs or commitment text — nothing
// but names and numbers — so that it is safe for managers (their teams)
// and administrators (the whole organisation).

// ParticipationRow is one team, group or person.
type ParticipationRow struct {
	ID          int64
	Name        string
	Held        int // sessions held (for a person or team: those they were expected at)
	Attended    int
	Expected    int
	Commitments CompletionRate
	Groups      int // person rows: the groups they are in now
}

// AttendanceRate is attended ÷ expected; nil when nobody was expected.
func (r ParticipationRow) AttendanceRate() *float64 {
	if r.Expected == 0 {
		return nil
	}
	rate := float64(r.Attended) / float64(r.Expected)
	return &rate
}

// Attendance renders the attendance rate for people: "83%", or "—".
func (r ParticipationRow) Attendance() string {
	if rate := r.AttendanceRate(); rate != nil {
		return fmt.Sprintf("%.0f%%", *rate*100)
	}
	return "—"
}

// ParticipationView is the participation page.
type ParticipationView struct {
	Whole  bool // the whole organisation (administrators); else the actor's teams
	Days   int  // the period counted: the last Days days; 0 for all time
	Teams  []ParticipationRow
	Groups []ParticipationRow
	People []ParticipationRow
}

// MaxParticipationDays bounds the period of the participation figures.
const MaxParticipationDays = 3650

// Participation counts attendance and commitments for the people a
// manager manages (their teams and reports) or, for an administrator,
// the whole organisation, over the last days days (0: all time): sessions
// that started in the period and commitments due in it. Anyone else is
// refused.
func (s *Service) Participation(ctx context.Context, a Actor, days int) (ParticipationView, error) {
	if !a.IsAdmin() && !a.Has(domain.RoleManager) {
		return ParticipationView{}, domain.Forbidden("participation figures are for managers and administrators")
	}
	if days < 0 || days > MaxParticipationDays {
		return ParticipationView{}, domain.Invalid("days", "count the last 1 to %d days, or leave it out for all time", MaxParticipationDays)
	}
	v := ParticipationView{Whole: a.IsAdmin(), Days: days}
	people, err := s.participants(ctx, a)
	if err != nil {
		return v, err
	}
	groups, err := s.store.Groups(ctx, a.Org.ID, 0)
	if err != nil {
		return v, err
	}
	now, from := s.now(), time.Unix(0, 0)
	if days > 0 {
		from = now.AddDate(0, 0, -days)
	}
	sessions, err := s.store.GroupSessions(ctx, a.Org.ID, nil, from, now)
	if err != nil {
		return v, err
	}
	all, err := s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{})
	if err != nil {
		return v, err
	}
	// Commitments count in the period they fall due (Due is a date).
	commitments := slices.DeleteFunc(all, func(c domain.Commitment) bool { return c.Due.Before(dateOf(from)) })
	c := newCounter(groups, sessions, commitments)
	inScope := map[int64]bool{}
	for _, p := range people {
		inScope[p.ID] = true
		v.People = append(v.People, c.person(p))
	}
	for _, g := range groups {
		if v.Whole || slices.ContainsFunc(activeIDs(g), func(id int64) bool { return inScope[id] }) {
			v.Groups = append(v.Groups, c.group(g))
		}
	}
	teams, err := s.store.Teams(ctx, a.Org.ID)
	if err != nil {
		return v, err
	}
	v.Teams = c.teams(teams, people)
	return v, nil
}

// participants are the people whose figures the actor may see.
func (s *Service) participants(ctx context.Context, a Actor) ([]domain.Person, error) {
	all, err := s.allPeople(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	if a.IsAdmin() {
		return all, nil
	}
	var out []domain.Person
	for _, p := range all {
		if managedBy(a, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// counter tallies held sessions and commitments once for every row.
type counter struct {
	groups      []domain.Group
	held        map[int64][]domain.GroupSession // by group
	commitments []domain.Commitment
}

func newCounter(groups []domain.Group, sessions []domain.GroupSession, commitments []domain.Commitment) counter {
	c := counter{groups: groups, held: map[int64][]domain.GroupSession{}, commitments: commitments}
	for _, sess := range sessions {
		if sess.Status() == domain.SessionHeld {
			c.held[sess.GroupID] = append(c.held[sess.GroupID], sess)
		}
	}
	return c
}

// expectedAt reports whether a member was expected at a held session: they
// attended, or they had joined by its start (or by when it was put on the
// calendar, for sessions recorded after the fact; members added with the
// group a moment before count) and had not left by then.
func expectedAt(m domain.GroupMember, sess domain.GroupSession) bool {
	if containsID(sess.Attendance, m.PersonID) {
		return true
	}
	joinedBy := sess.StartsAt
	if sess.CreatedAt.After(joinedBy) {
		joinedBy = sess.CreatedAt
	}
	joinedBy = joinedBy.Add(time.Minute)
	return !m.JoinedAt.After(joinedBy) && (m.LeftAt.IsZero() || m.LeftAt.After(sess.StartsAt))
}

// attendance counts a person's expected and attended seats in a group.
func (c counter) attendance(g domain.Group, personID int64) (held, attended, expected int) {
	for _, m := range g.Members {
		if m.PersonID != personID {
			continue
		}
		for _, sess := range c.held[g.ID] {
			if expectedAt(m, sess) {
				held++
				expected++
				if containsID(sess.Attendance, personID) {
					attended++
				}
			}
		}
	}
	return held, attended, expected
}

func (c counter) person(p domain.Person) ParticipationRow {
	row := ParticipationRow{ID: p.ID, Name: p.Name}
	for _, g := range c.groups {
		h, at, ex := c.attendance(g, p.ID)
		row.Held, row.Attended, row.Expected = row.Held+h, row.Attended+at, row.Expected+ex
		if isActiveMember(g, p.ID) {
			row.Groups++
		}
	}
	var mine []domain.Commitment
	for _, cm := range c.commitments {
		if cm.PersonID == p.ID { // to a group or to a peer
			mine = append(mine, cm)
		}
	}
	row.Commitments = Completion(mine)
	return row
}

func (c counter) group(g domain.Group) ParticipationRow {
	row := ParticipationRow{ID: g.ID, Name: g.Name, Held: len(c.held[g.ID])}
	for _, sess := range c.held[g.ID] {
		for _, m := range g.Members {
			if expectedAt(m, sess) {
				row.Expected++
				if containsID(sess.Attendance, m.PersonID) {
					row.Attended++
				}
			}
		}
	}
	var theirs []domain.Commitment
	for _, cm := range c.commitments {
		if cm.GroupID == g.ID {
			theirs = append(theirs, cm)
		}
	}
	row.Commitments = Completion(theirs)
	return row
}

// teams sums the person rows by team; people without a team form a row of
// their own. Held counts the distinct sessions any of them was expected at.
func (c counter) teams(teams []domain.Team, people []domain.Person) []ParticipationRow {
	names := map[int64]string{0: "No team"}
	for _, t := range teams {
		names[t.ID] = t.Name
	}
	byTeam := map[int64][]domain.Person{}
	for _, p := range people {
		byTeam[p.TeamID] = append(byTeam[p.TeamID], p)
	}
	var out []ParticipationRow
	for id, members := range byTeam {
		row := ParticipationRow{ID: id, Name: names[id]}
		sessions := map[int64]bool{}
		var theirs []domain.Commitment
		for _, p := range members {
			for _, g := range c.groups {
				_, at, ex := c.attendance(g, p.ID)
				row.Attended, row.Expected = row.Attended+at, row.Expected+ex
				c.markHeld(g, p.ID, sessions)
			}
			for _, cm := range c.commitments {
				if cm.PersonID == p.ID {
					theirs = append(theirs, cm)
				}
			}
		}
		row.Held, row.Commitments = len(sessions), Completion(theirs)
		out = append(out, row)
	}
	slices.SortFunc(out, func(x, y ParticipationRow) int { return strings.Compare(x.Name, y.Name) })
	return out
}

// markHeld adds the held sessions of g a person was expected at to seen.
func (c counter) markHeld(g domain.Group, personID int64, seen map[int64]bool) {
	for _, m := range g.Members {
		if m.PersonID != personID {
			continue
		}
		for _, sess := range c.held[g.ID] {
			if expectedAt(m, sess) {
				seen[sess.ID] = true
			}
		}
	}
}
