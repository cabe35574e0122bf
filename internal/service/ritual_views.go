package service

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/schedule"
)

// MemberView is one member of a group as a page shows them.
type MemberView struct {
	PersonRef
	TimeZone string
	Accepted bool
}

// SessionSummary is one session in a list: what managers may see too.
type SessionSummary struct {
	ID          int64
	GroupID     int64
	GroupName   string
	StartsAt    time.Time // in the group's zone
	Minutes     int
	Status      string
	Facilitator PersonRef
	Attended    int
	Members     int
}

// GroupStats are the counts anyone who may see a group may see.
type GroupStats struct {
	Held, Skipped, NotHeld int     // past sessions
	AttendanceRate         float64 // attended ÷ expected over held sessions (see expectedAt); 0 when none held
	Commitments            CompletionRate
	PerPerson              []PersonRate
}

// Attendance renders the attendance rate for people: "83%", or "—".
func (st GroupStats) Attendance() string {
	if st.Held == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", st.AttendanceRate*100)
}

// PersonRate is one person's commitment completion.
type PersonRate struct {
	PersonRef
	CompletionRate
}

// RitualGroupView is a group page as the actor may see it: members see
// everything, managers and administrators who are not members only the
// schedule, who is in it and the counts.
type RitualGroupView struct {
	Group     domain.Group
	Template  domain.RitualTemplate
	Members   []MemberView
	Full      bool // the actor is a member who accepted the ground rules
	Pending   bool // the actor is a member who has not accepted yet
	Organiser bool
	Schedule  string // "FREQ=WEEKLY;BYDAY=TU from Tue 3 Mar 2026 15:00 Europe/Berlin, 60 min"
	Upcoming  []SessionSummary
	Past      []SessionSummary
	Stats     GroupStats
	Open      []CommitmentView // open commitments to the group; members only
	Shadowing bool             // the pair keeps shadowing weeks (see Shadowing)
}

// CommitmentView is a commitment with the names a page needs.
type CommitmentView struct {
	domain.Commitment
	Person PersonRef
	To     string // the peer's or the group's name
}

// Goal renders progress against the target: "12 of 20", or "12".
func (c CommitmentView) Goal() string {
	if c.Target == nil {
		return strconv.FormatFloat(c.Progress, 'f', -1, 64)
	}
	return strconv.FormatFloat(c.Progress, 'f', -1, 64) + " of " + strconv.FormatFloat(*c.Target, 'f', -1, 64)
}

// Group returns the group page for the actor, materialising the sessions
// of the coming weeks.
func (s *Service) Group(ctx context.Context, a Actor, id int64) (RitualGroupView, error) {
	g, acc, err := s.visibleGroup(ctx, a, id)
	if err != nil {
		return RitualGroupView{}, err
	}
	v := RitualGroupView{Group: g, Full: acc == accessMember, Pending: acc == accessPending, Organiser: canOrganise(a, g)}
	if v.Template, err = s.Template(ctx, a, g.TemplateKey); err != nil {
		return v, err
	}
	v.Shadowing = isShadowing(v.Template)
	names := s.namer(ctx, a)
	for _, m := range g.ActiveMembers() {
		p, err := s.store.Person(ctx, a.Org.ID, m.PersonID)
		if err != nil {
			return v, err
		}
		v.Members = append(v.Members, MemberView{PersonRef: PersonRef{p.ID, p.Name}, TimeZone: p.TimeZone, Accepted: !m.AcceptedAt.IsZero()})
	}
	loc, _ := domain.ParseTimeZone(g.TimeZone)
	if loc == nil {
		loc = time.UTC
	}
	if g.Scheduled() {
		v.Schedule = fmt.Sprintf("%s from %s %s, %d min", g.RRule, g.Start.Format("Mon 2 Jan 2006 15:04"), g.TimeZone, g.Minutes)
	}
	now := s.now()
	upcoming, err := s.materialise(ctx, a, g, now, now.AddDate(0, 0, 7*MaterialiseWeeks))
	if err != nil {
		return v, err
	}
	for _, sess := range upcoming {
		v.Upcoming = append(v.Upcoming, s.summary(sess, g, loc, names))
	}
	past, err := s.store.GroupSessions(ctx, a.Org.ID, []int64{g.ID}, g.CreatedAt.AddDate(-1, 0, 0), now)
	if err != nil {
		return v, err
	}
	for i := len(past) - 1; i >= 0; i-- {
		if !past[i].Ends().After(now) || past[i].Status() == domain.SessionHeld {
			v.Past = append(v.Past, s.summary(past[i], g, loc, names))
		}
	}
	if v.Stats, err = s.groupStats(ctx, a, g, past, now, names); err != nil {
		return v, err
	}
	if v.Full {
		open, err := s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{GroupID: g.ID, Status: domain.CommitmentOpen})
		if err != nil {
			return v, err
		}
		v.Open = s.commitmentViews(open, names, g)
	}
	return v, nil
}

func (s *Service) summary(sess domain.GroupSession, g domain.Group, loc *time.Location, names func(int64) PersonRef) SessionSummary {
	return SessionSummary{ID: sess.ID, GroupID: g.ID, GroupName: g.Name, StartsAt: sess.StartsAt.In(loc), Minutes: sess.Minutes,
		Status: sess.Status(), Facilitator: names(sess.FacilitatorID), Attended: len(sess.Attendance), Members: len(g.ActiveMembers())}
}

// groupStats counts what happened: sessions held, skipped or missed,
// attendance, and commitment completion per person and for the group.
func (s *Service) groupStats(ctx context.Context, a Actor, g domain.Group, past []domain.GroupSession, now time.Time,
	names func(int64) PersonRef) (GroupStats, error) {
	var st GroupStats
	seats, attended := 0, 0
	for _, sess := range past {
		switch {
		case sess.Skipped:
			st.Skipped++
		case sess.Status() == domain.SessionHeld:
			st.Held++
			for _, m := range g.Members { // as the participation page counts
				if expectedAt(m, sess) {
					seats++
					if containsID(sess.Attendance, m.PersonID) {
						attended++
					}
				}
			}
		case sess.Ends().Before(now) && sess.StartedAt.IsZero():
			st.NotHeld++
		}
	}
	if seats > 0 {
		st.AttendanceRate = float64(attended) / float64(seats)
	}
	all, err := s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{GroupID: g.ID})
	if err != nil {
		return st, err
	}
	st.Commitments = Completion(all)
	for _, id := range activeIDs(g) {
		var mine []domain.Commitment
		for _, c := range all {
			if c.PersonID == id {
				mine = append(mine, c)
			}
		}
		st.PerPerson = append(st.PerPerson, PersonRate{PersonRef: names(id), CompletionRate: Completion(mine)})
	}
	return st, nil
}

// namer returns a cached look-up of people's names.
func (s *Service) namer(ctx context.Context, a Actor) func(int64) PersonRef {
	cache := map[int64]PersonRef{}
	return func(id int64) PersonRef {
		if id == 0 {
			return PersonRef{}
		}
		if r, ok := cache[id]; ok {
			return r
		}
		r := PersonRef{ID: id, Name: "someone"}
		if p, err := s.store.Person(ctx, a.Org.ID, id); err == nil {
			r.Name = p.Name
		}
		cache[id] = r
		return r
	}
}

func (s *Service) commitmentViews(list []domain.Commitment, names func(int64) PersonRef, g domain.Group) []CommitmentView {
	out := make([]CommitmentView, len(list))
	for i, c := range list {
		out[i] = CommitmentView{Commitment: c, Person: names(c.PersonID)}
		if c.PeerID != 0 {
			out[i].To = names(c.PeerID).Name
		} else if c.GroupID == g.ID {
			out[i].To = g.Name
		}
	}
	return out
}

// AgendaLine is one item of a run sheet, with when it starts.
type AgendaLine struct {
	domain.AgendaItem
	Offset      int              // minutes after the start
	Commitments []CommitmentView // for the commitments review: the members' open ones
}

// ItemView is something a member brings, with names.
type ItemView struct {
	domain.SessionItem
	Person    PersonRef
	CallTitle string
	Mine      bool
	Actions   []ActionView // action items that came from it (a deal's)
}

// AmountText renders a deal's amount, or "" when none was given.
func (i ItemView) AmountText() string {
	if i.Amount == nil {
		return ""
	}
	return strconv.FormatFloat(*i.Amount, 'f', -1, 64)
}

// ActionView is an action item with its owner's name.
type ActionView struct {
	domain.ActionItem
	Owner PersonRef
}

// Attendee is one member and whether they attended.
type Attendee struct {
	PersonRef
	Present bool
}

// SessionView is a session's run sheet as a member sees it.
type SessionView struct {
	Session     domain.GroupSession
	Group       domain.Group
	Template    domain.RitualTemplate
	Local       time.Time // the start in the group's zone
	Facilitator PersonRef
	Organiser   bool
	Agenda      []AgendaLine
	Items       []ItemView
	Actions     []ActionView
	Attendance  []Attendee
	Made        []CommitmentView // commitments made in this session
	Members     []PersonRef
	MyCalls     []domain.Call // the actor's calls, to spotlight one
	Prev, Next  int64         // neighbouring sessions of the group, 0 when none
	// What the ritual adds (see fillSpecifics).
	DealsWithoutActions []string    // deals brought that no action item came from yet
	OneChallengeEach    bool        // the agenda takes one challenge from each member
	WithoutChallenge    []PersonRef // members who have not brought their challenge yet
	Swap                *SkillSwapView
}

// Session returns a session's run sheet. Only members who accepted the
// ground rules may open it.
func (s *Service) Session(ctx context.Context, a Actor, id int64) (SessionView, error) {
	sess, g, err := s.memberSession(ctx, a, id)
	if err != nil {
		return SessionView{}, err
	}
	names := s.namer(ctx, a)
	loc, _ := domain.ParseTimeZone(g.TimeZone)
	if loc == nil {
		loc = time.UTC
	}
	v := SessionView{Session: sess, Group: g, Local: sess.StartsAt.In(loc), Facilitator: names(sess.FacilitatorID), Organiser: canOrganise(a, g)}
	if v.Template, err = s.Template(ctx, a, g.TemplateKey); err != nil {
		return v, err
	}
	members := activeIDs(g)
	for _, id := range members {
		v.Members = append(v.Members, names(id))
		v.Attendance = append(v.Attendance, Attendee{PersonRef: names(id), Present: containsID(sess.Attendance, id)})
	}
	// The run sheet opens with the open commitments members made to the group.
	open, err := s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{GroupID: g.ID, Status: domain.CommitmentOpen})
	if err != nil {
		return v, err
	}
	var review []domain.Commitment
	for _, c := range open {
		if containsID(members, c.PersonID) && c.SessionID != sess.ID {
			review = append(review, c)
		}
	}
	offset := 0
	for _, it := range sess.Agenda {
		line := AgendaLine{AgendaItem: it, Offset: offset}
		if it.Kind == domain.AgendaCommitmentsReview {
			line.Commitments = s.commitmentViews(review, names, g)
		}
		v.Agenda = append(v.Agenda, line)
		offset += it.Minutes
	}
	items, err := s.store.SessionItems(ctx, a.Org.ID, sess.ID)
	if err != nil {
		return v, err
	}
	for _, it := range items {
		iv := ItemView{SessionItem: it, Person: names(it.PersonID), Mine: it.PersonID == a.Person.ID}
		if it.CallID != 0 {
			if c, err := s.store.Call(ctx, a.Org.ID, it.CallID); err == nil {
				iv.CallTitle = c.Title
			}
		}
		v.Items = append(v.Items, iv)
	}
	actions, err := s.store.ActionItems(ctx, a.Org.ID, sess.ID)
	if err != nil {
		return v, err
	}
	for _, ai := range actions {
		v.Actions = append(v.Actions, ActionView{ActionItem: ai, Owner: names(ai.OwnerID)})
	}
	all, err := s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{GroupID: g.ID})
	if err != nil {
		return v, err
	}
	for _, c := range all {
		if c.SessionID == sess.ID {
			v.Made = append(v.Made, s.commitmentViews([]domain.Commitment{c}, names, g)...)
		}
	}
	if err := s.fillSpecifics(ctx, a, &v, names); err != nil {
		return v, err
	}
	if v.MyCalls, _, err = s.store.VisibleCalls(ctx, a.Org.ID, domain.Viewer{PersonID: a.Person.ID},
		domain.CallFilter{OwnerID: a.Person.ID, Page: domain.Page{Limit: 50}}); err != nil {
		return v, err
	}
	v.Prev, v.Next, err = s.neighbours(ctx, a, g, sess)
	return v, err
}

// neighbours finds the sessions before and after sess, materialising the
// next occurrence if need be.
func (s *Service) neighbours(ctx context.Context, a Actor, g domain.Group, sess domain.GroupSession) (prev, next int64, err error) {
	before, err := s.store.GroupSessions(ctx, a.Org.ID, []int64{g.ID}, sess.StartsAt.AddDate(-1, 0, 0), sess.StartsAt)
	if err != nil {
		return 0, 0, err
	}
	for i := len(before) - 1; i >= 0; i-- {
		if !before[i].Skipped && before[i].ID != sess.ID {
			prev = before[i].ID
			break
		}
	}
	after, err := s.materialise(ctx, a, g, sess.StartsAt.Add(time.Minute), sess.StartsAt.AddDate(0, 4, 0))
	if err != nil {
		return 0, 0, err
	}
	for _, o := range after {
		if o.ID != sess.ID && o.StartsAt.After(sess.StartsAt) {
			return prev, o.ID, nil
		}
	}
	return prev, 0, nil
}

// SessionsHome is the /sessions page: the actor's groups, their upcoming
// sessions, their commitments, and — for managers and administrators —
// the counts of the groups they oversee.
type SessionsHome struct {
	Groups    []domain.Group
	Upcoming  []SessionSummary
	Made      []CommitmentView
	ToMe      []CommitmentView
	MyRate    CompletionRate
	Overseen  []OverseenGroup
	Templates []domain.RitualTemplate
	CanCreate bool
	People    []domain.Person // for the new-group form
	// Participation: the actor may see the participation figures.
	Participation bool
}

// OverseenGroup is a group a manager or administrator sees the counts of.
type OverseenGroup struct {
	Group    domain.Group
	Template string
	Stats    GroupStats
}

// MySessions builds the actor's sessions page.
func (s *Service) MySessions(ctx context.Context, a Actor) (SessionsHome, error) {
	var h SessionsHome
	var err error
	if h.Templates, err = s.Templates(ctx, a); err != nil {
		return h, err
	}
	h.CanCreate = a.Has(domain.RoleCoach) || a.IsAdmin()
	h.Participation = a.Has(domain.RoleManager) || a.IsAdmin()
	names := s.namer(ctx, a)
	all, err := s.store.Groups(ctx, a.Org.ID, a.Person.ID)
	if err != nil {
		return h, err
	}
	now := s.now()
	for _, g := range all {
		if !isActiveMember(g, a.Person.ID) {
			continue // leaving ends access
		}
		h.Groups = append(h.Groups, g)
		loc, _ := domain.ParseTimeZone(g.TimeZone)
		if loc == nil {
			loc = time.UTC
		}
		up, err := s.materialise(ctx, a, g, now, now.AddDate(0, 0, 14))
		if err != nil {
			return h, err
		}
		for _, sess := range up {
			h.Upcoming = append(h.Upcoming, s.summary(sess, g, loc, names))
		}
	}
	sortSummaries(h.Upcoming)
	made, toMe, err := s.MyCommitments(ctx, a)
	if err != nil {
		return h, err
	}
	h.MyRate = Completion(made)
	for _, c := range made {
		h.Made = append(h.Made, s.commitmentView(ctx, a, c, names))
	}
	for _, c := range toMe {
		h.ToMe = append(h.ToMe, s.commitmentView(ctx, a, c, names))
	}
	overseen, err := s.statsGroups(ctx, a)
	if err != nil {
		return h, err
	}
	for _, g := range overseen {
		past, err := s.store.GroupSessions(ctx, a.Org.ID, []int64{g.ID}, g.CreatedAt.AddDate(-1, 0, 0), now)
		if err != nil {
			return h, err
		}
		st, err := s.groupStats(ctx, a, g, past, now, names)
		if err != nil {
			return h, err
		}
		tpl, _ := s.Template(ctx, a, g.TemplateKey)
		h.Overseen = append(h.Overseen, OverseenGroup{Group: g, Template: tpl.Name, Stats: st})
	}
	if h.CanCreate {
		if h.People, _, err = s.store.People(ctx, a.Org.ID, domain.PersonFilter{Page: domain.Page{Limit: 500}}); err != nil {
			return h, err
		}
	}
	return h, nil
}

func (s *Service) commitmentView(ctx context.Context, a Actor, c domain.Commitment, names func(int64) PersonRef) CommitmentView {
	v := CommitmentView{Commitment: c, Person: names(c.PersonID)}
	if c.PeerID != 0 {
		v.To = names(c.PeerID).Name
	} else if g, err := s.store.Group(ctx, a.Org.ID, c.GroupID); err == nil {
		v.To = g.Name
	}
	return v
}

func sortSummaries(list []SessionSummary) {
	slices.SortStableFunc(list, func(x, y SessionSummary) int { return x.StartsAt.Compare(y.StartsAt) })
}

// DescribeRule says a recurrence rule in words, e.g. "every 2 weeks on TU".
func DescribeRule(rrule string) string {
	r, err := schedule.ParseRule(rrule)
	if err != nil {
		return rrule
	}
	unit := map[schedule.Freq]string{schedule.Daily: "day", schedule.Weekly: "week", schedule.Monthly: "month"}[r.Freq]
	out := "every " + unit
	if r.Interval > 1 {
		out = fmt.Sprintf("every %d %ss", r.Interval, unit)
	}
	if len(r.ByDay) > 0 {
		days := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			days[i] = d.String()
		}
		out += " on " + strings.Join(days, ",")
	}
	if r.Count > 0 {
		out += fmt.Sprintf(", %d times", r.Count)
	}
	return out
}
