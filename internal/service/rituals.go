package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/schedule"
)

// Templates returns the organisation's ritual templates: the seven
// built-ins (as the organisation changed them) and its own, built-ins first.
func (s *Service) Templates(ctx context.Context, a Actor) ([]domain.RitualTemplate, error) {
	own, err := s.store.OrgTemplates(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	byKey := map[string]domain.RitualTemplate{}
	for _, t := range own {
		byKey[t.Key] = t
	}
	var out []domain.RitualTemplate
	for _, b := range domain.BuiltInTemplates() {
		if t, ok := byKey[b.Key]; ok {
			t.BuiltIn = true
			out = append(out, t)
			delete(byKey, b.Key)
			continue
		}
		out = append(out, b)
	}
	for _, t := range own {
		if _, ok := byKey[t.Key]; ok {
			t.BuiltIn = false
			out = append(out, t)
		}
	}
	return out, nil
}

// Template returns one template of the organisation by key.
func (s *Service) Template(ctx context.Context, a Actor, key string) (domain.RitualTemplate, error) {
	all, err := s.Templates(ctx, a)
	if err != nil {
		return domain.RitualTemplate{}, err
	}
	for _, t := range all {
		if t.Key == key {
			return t, nil
		}
	}
	return domain.RitualTemplate{}, domain.NotFound("ritual template")
}

// SaveTemplate changes a built-in template for the organisation, or adds
// or changes one of its own (administrators only). A new template without
// a key gets one from its name.
func (s *Service) SaveTemplate(ctx context.Context, a Actor, t domain.RitualTemplate) (domain.RitualTemplate, error) {
	if err := a.requireAdmin("edit ritual templates"); err != nil {
		return domain.RitualTemplate{}, err
	}
	if t.Key == "" {
		t.Key = "custom_" + slugKey(t.Name)
	}
	t.BuiltIn = slices.ContainsFunc(domain.BuiltInTemplates(), func(b domain.RitualTemplate) bool { return b.Key == t.Key })
	if _, err := schedule.ParseRule(t.RRule); err != nil {
		return domain.RitualTemplate{}, domain.Invalid("rrule", "%s", err.Error())
	}
	if err := s.store.SaveTemplate(ctx, a.Org.ID, &t); err != nil {
		return domain.RitualTemplate{}, err
	}
	return t, nil
}

// CreateTemplate adds one of the organisation's own templates
// (administrators only). Its key comes from its name; a name or key
// already in use is refused rather than overwritten.
func (s *Service) CreateTemplate(ctx context.Context, a Actor, t domain.RitualTemplate) (domain.RitualTemplate, error) {
	if err := a.requireAdmin("add ritual templates"); err != nil {
		return domain.RitualTemplate{}, err
	}
	t.Key = ""
	if name := strings.TrimSpace(t.Name); name != "" {
		t.Key = "custom_" + slugKey(name)
		all, err := s.Templates(ctx, a)
		if err != nil {
			return domain.RitualTemplate{}, err
		}
		for _, o := range all {
			if o.Key == t.Key || strings.EqualFold(strings.TrimSpace(o.Name), name) {
				return domain.RitualTemplate{}, domain.Invalid("name", "there is already a ritual called %s; edit it or choose another name", o.Name)
			}
		}
	}
	return s.SaveTemplate(ctx, a, t)
}

// slugKey turns a name into the lower-case, underscore form of a key.
func slugKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	k := strings.Trim(b.String(), "_")
	if len(k) > 50 {
		k = k[:50]
	}
	if k == "" {
		k = "ritual"
	}
	return k
}

// GroupInput is a new group as a coach describes it.
type GroupInput struct {
	Name         string
	TemplateKey  string
	MemberIDs    []int64
	GroundRules  []string // nil: the defaults
	VideoLink    string
	TimeZone     string // the schedule's zone; "": the creator's
	JoinAsMember bool   // the creator is a member (and accepts the ground rules)
}

// CreateGroup starts a circle, clinic, pod or pair (coaches and
// administrators). Members other than the creator accept the ground rules
// themselves.
func (s *Service) CreateGroup(ctx context.Context, a Actor, in GroupInput) (domain.Group, error) {
	if !a.Has(domain.RoleCoach) && !a.IsAdmin() {
		return domain.Group{}, domain.Forbidden("only coaches and administrators can start a group")
	}
	if a.Person.ID == 0 {
		return domain.Group{}, domain.Forbidden("groups are started by a person; sign in first")
	}
	tpl, err := s.Template(ctx, a, in.TemplateKey)
	if err != nil {
		return domain.Group{}, domain.Invalid("template", "choose one of the rituals")
	}
	g := domain.Group{Name: in.Name, TemplateKey: tpl.Key, GroundRules: in.GroundRules, VideoLink: in.VideoLink,
		CreatedBy: a.Person.ID, TimeZone: in.TimeZone}
	if g.GroundRules == nil {
		g.GroundRules = slices.Clone(domain.DefaultGroundRules)
	}
	if g.TimeZone == "" {
		g.TimeZone = a.Person.TimeZone
	}
	now := s.now()
	ids := in.MemberIDs
	if in.JoinAsMember {
		ids = append([]int64{a.Person.ID}, ids...)
	}
	seen := map[int64]bool{}
	for i, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := s.checkShares(ctx, a, []int64{id}); err != nil {
			return domain.Group{}, domain.Invalid("members", "person %d is not in this organisation", id)
		}
		m := domain.GroupMember{PersonID: id, JoinedAt: now.Add(time.Duration(i) * time.Millisecond)}
		if id == a.Person.ID {
			m.AcceptedAt = now
		}
		g.Members = append(g.Members, m)
	}
	if len(g.Members) == 0 {
		return domain.Group{}, domain.Invalid("members", "choose at least one member")
	}
	if tpl.MaxSize > 0 && len(g.Members) > tpl.MaxSize {
		return domain.Group{}, domain.Invalid("members", "a %s has at most %d members", strings.ToLower(tpl.Name), tpl.MaxSize)
	}
	if err := s.store.CreateGroup(ctx, a.Org.ID, &g); err != nil {
		return domain.Group{}, err
	}
	return g, nil
}

// AddMember adds a person to a group (organisers only). They see its
// content once they accept the ground rules.
func (s *Service) AddMember(ctx context.Context, a Actor, groupID, personID int64) error {
	g, _, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return err
	}
	if err := requireOrganiser(a, g, "add members"); err != nil {
		return err
	}
	if isActiveMember(g, personID) {
		return nil
	}
	if err := s.checkShares(ctx, a, []int64{personID}); err != nil {
		return domain.Invalid("person", "choose a person of this organisation")
	}
	if tpl, err := s.Template(ctx, a, g.TemplateKey); err == nil && tpl.MaxSize > 0 && len(g.ActiveMembers()) >= tpl.MaxSize {
		return domain.Invalid("person", "a %s has at most %d members", strings.ToLower(tpl.Name), tpl.MaxSize)
	}
	return s.store.SetMember(ctx, a.Org.ID, groupID, domain.GroupMember{PersonID: personID, JoinedAt: s.now()})
}

// AcceptGroundRules records that the actor, a member, accepts the rules.
func (s *Service) AcceptGroundRules(ctx context.Context, a Actor, groupID int64) error {
	g, _, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return err
	}
	m, ok := g.Member(a.Person.ID)
	if !ok {
		return domain.Forbidden("only members accept a group's ground rules")
	}
	if !m.AcceptedAt.IsZero() {
		return nil
	}
	m.AcceptedAt = s.now()
	return s.store.SetMember(ctx, a.Org.ID, groupID, m)
}

// LeaveGroup removes a member: themselves, or anyone when an organiser
// does it. Access to the group's content ends with it.
func (s *Service) LeaveGroup(ctx context.Context, a Actor, groupID, personID int64) error {
	g, _, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return err
	}
	if personID != a.Person.ID {
		if err := requireOrganiser(a, g, "remove members"); err != nil {
			return err
		}
	}
	if !isActiveMember(g, personID) {
		return domain.NotFound("member")
	}
	return s.store.RemoveMember(ctx, a.Org.ID, groupID, personID, s.now())
}

// UpdateGroupInfo changes a group's name, video link and ground rules
// (organisers only; members who are not are refused, anyone else gets
// "not found").
func (s *Service) UpdateGroupInfo(ctx context.Context, a Actor, groupID int64, name, video string, rules []string) (domain.Group, error) {
	g, acc, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return domain.Group{}, err
	}
	if acc == accessStats && !canOrganise(a, g) {
		return domain.Group{}, domain.NotFound("group") // counts only: not theirs to change, nor to know about
	}
	if err := requireOrganiser(a, g, "change the group"); err != nil {
		return domain.Group{}, err
	}
	g.Name, g.VideoLink, g.GroundRules = name, video, rules
	if err := s.store.UpdateGroup(ctx, a.Org.ID, g); err != nil {
		return domain.Group{}, err
	}
	return s.store.Group(ctx, a.Org.ID, groupID)
}

// ScheduleInput is a group's recurring schedule: the first occurrence as a
// local date and time in an IANA zone, and a recurrence rule ("" for the
// template's cadence). A weekly or monthly rule without BYDAY gets the
// first date's weekday.
type ScheduleInput struct {
	Date     string // YYYY-MM-DD, local
	Time     string // HH:MM, local
	TimeZone string
	RRule    string
	Minutes  int // 0: the template's length
}

// SetSchedule gives a group its recurring series (organisers only) and
// materialises the sessions of the coming weeks.
func (s *Service) SetSchedule(ctx context.Context, a Actor, groupID int64, in ScheduleInput) (domain.Group, error) {
	g, _, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return domain.Group{}, err
	}
	if err := requireOrganiser(a, g, "schedule the group"); err != nil {
		return domain.Group{}, err
	}
	tpl, err := s.Template(ctx, a, g.TemplateKey)
	if err != nil {
		return domain.Group{}, err
	}
	zone := strings.TrimSpace(in.TimeZone)
	if zone == "" {
		zone = g.TimeZone
	}
	if _, err := domain.ParseTimeZone(zone); err != nil {
		return domain.Group{}, domain.Invalid("timezone", "%s", err.Error())
	}
	start, err := time.Parse("2006-01-02 15:04", strings.TrimSpace(in.Date)+" "+strings.TrimSpace(in.Time))
	if err != nil {
		return domain.Group{}, domain.Invalid("start", "give the first date (YYYY-MM-DD) and a time (HH:MM)")
	}
	raw := strings.TrimSpace(in.RRule)
	if raw == "" {
		raw = tpl.RRule
	}
	rule, err := schedule.ParseRule(raw)
	if err != nil {
		return domain.Group{}, domain.Invalid("rrule", "%s", err.Error())
	}
	fitRule(&rule, start)
	minutes := in.Minutes
	if minutes == 0 {
		minutes = tpl.Minutes
	}
	if err := breakoutLength(tpl, minutes); err != nil {
		return domain.Group{}, err
	}
	g.RRule, g.Start, g.TimeZone, g.Minutes = rule.String(), start, zone, minutes
	series, err := s.series(ctx, a.Org.ID, g)
	if err != nil {
		return domain.Group{}, err
	}
	if err := series.Validate(); err != nil {
		return domain.Group{}, domain.Invalid("schedule", "%s", err.Error())
	}
	if err := s.store.UpdateGroup(ctx, a.Org.ID, g); err != nil {
		return domain.Group{}, err
	}
	if err := s.retireStaleSessions(ctx, a, g, series); err != nil {
		return domain.Group{}, err
	}
	if _, err := s.materialise(ctx, a, g, s.now(), s.now().AddDate(0, 0, 7*MaterialiseWeeks)); err != nil {
		return domain.Group{}, err
	}
	return g, nil
}

// breakoutLength keeps a micro-coaching breakout short: its point is a
// few focused minutes, one challenge each (15–20 unless the organisation
// changed the ritual).
func breakoutLength(tpl domain.RitualTemplate, minutes int) error {
	if tpl.Key != "micro_coaching" || tpl.MinMinutes == 0 || tpl.MaxMinutes < tpl.MinMinutes {
		return nil
	}
	if minutes < tpl.MinMinutes || minutes > tpl.MaxMinutes {
		return domain.Invalid("minutes", "a %s lasts %d–%d minutes", strings.ToLower(tpl.Name), tpl.MinMinutes, tpl.MaxMinutes)
	}
	return nil
}

// fitRule gives a weekly or monthly rule without BYDAY the weekday of the
// first date (the n-th, or last, weekday of the month for monthly rules),
// so that the start is one of its dates.
func fitRule(r *schedule.Rule, start time.Time) {
	if len(r.ByDay) > 0 {
		return
	}
	switch r.Freq {
	case schedule.Weekly:
		r.ByDay = []schedule.WeekdayNum{{Weekday: start.Weekday()}}
	case schedule.Monthly:
		n := (start.Day()-1)/7 + 1
		if n == 5 {
			n = -1
		}
		r.ByDay = []schedule.WeekdayNum{{Nth: n, Weekday: start.Weekday()}}
	}
}

// series builds the engine's series of a scheduled group, with its
// exceptions.
func (s *Service) series(ctx context.Context, orgID int64, g domain.Group) (schedule.Series, error) {
	loc, err := domain.ParseTimeZone(g.TimeZone)
	if err != nil {
		return schedule.Series{}, domain.Invalid("timezone", "%s", err.Error())
	}
	rule, err := schedule.ParseRule(g.RRule)
	if err != nil {
		return schedule.Series{}, domain.Invalid("rrule", "%s", err.Error())
	}
	st := g.Start
	sr := schedule.Series{Start: time.Date(st.Year(), st.Month(), st.Day(), st.Hour(), st.Minute(), 0, 0, loc), Zone: loc,
		Duration: time.Duration(g.Minutes) * time.Minute, Rule: rule}
	if g.ID == 0 {
		return sr, nil
	}
	exs, err := s.store.SeriesExceptions(ctx, orgID, g.ID)
	if err != nil {
		return sr, err
	}
	for _, e := range exs {
		d := schedule.DateOf(e.Occurrence.In(loc))
		if e.Kind == domain.ExceptionSkip {
			sr.Exceptions.Skip = append(sr.Exceptions.Skip, d)
			continue
		}
		sr.Exceptions.Moves = append(sr.Exceptions.Moves, schedule.Move{Date: d, Start: e.MovedTo.In(loc)})
	}
	return sr, nil
}

// SlotProposal is what the slot finder says about a group's week.
type SlotProposal struct {
	FitsEveryone bool
	Summary      string
	Slots        []ProposedSlot
	Week         time.Time // Monday of the week searched
	TimeZone     string    // the zone slots are shown in
}

// ProposedSlot is one weekly slot, in the group's zone, with who it does
// not suit.
type ProposedSlot struct {
	Start, End time.Time // in the group's zone
	Fits       int
	Members    int
	Outside    []string // "Kenji: Tue 07:30–08:15, 1 h 30 min before their day starts (09:00)"
	Label      string
}

// ProposeSlots runs the slot finder over the group's current members for
// next week: weekly slots inside every member's working hours, best first,
// or — when none exists — the least bad, saying who is outside their hours.
func (s *Service) ProposeSlots(ctx context.Context, a Actor, groupID int64) (SlotProposal, error) {
	g, _, err := s.visibleGroup(ctx, a, groupID)
	if err != nil {
		return SlotProposal{}, err
	}
	if err := requireOrganiser(a, g, "look for a slot"); err != nil {
		return SlotProposal{}, err
	}
	tpl, err := s.Template(ctx, a, g.TemplateKey)
	if err != nil {
		return SlotProposal{}, err
	}
	var members []schedule.Member
	for _, m := range g.ActiveMembers() {
		p, err := s.store.Person(ctx, a.Org.ID, m.PersonID)
		if err != nil {
			return SlotProposal{}, err
		}
		members = append(members, schedule.Member{ID: fmt.Sprint(p.ID), Name: p.Name, Zone: p.TimeZone, Hours: p.WorkingHours.String()})
	}
	loc, err := domain.ParseTimeZone(g.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	week := s.now().AddDate(0, 0, 7)
	res, err := schedule.FindSlots(schedule.SlotQuery{Members: members, Length: time.Duration(tpl.Minutes) * time.Minute,
		Week: week, Step: 30 * time.Minute, Top: 5})
	if err != nil {
		return SlotProposal{}, domain.Invalid("slots", "%s", err.Error())
	}
	out := SlotProposal{FitsEveryone: res.FitsEveryone, Summary: res.Summary(), TimeZone: g.TimeZone,
		Week: time.Date(res.Monday.Year, res.Monday.Month, res.Monday.Day, 0, 0, 0, 0, time.UTC)}
	for _, sl := range res.Slots {
		ps := ProposedSlot{Start: sl.Start.In(loc), End: sl.End.In(loc), Fits: sl.Fits, Members: len(sl.Members), Label: sl.String()}
		for _, p := range sl.Outside() {
			ps.Outside = append(ps.Outside, p.Explain())
		}
		out.Slots = append(out.Slots, ps)
	}
	return out, nil
}
