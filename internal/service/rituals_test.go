package service_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// ritualWorld adds a coach in Berlin and a rep in Tokyo to the world (both
// in team A, reporting to managerA) and has the coach start a call review
// circle of coach, rep1A, rep2A and the Tokyo rep.
func ritualWorld(t *testing.T, w *world) (service.Actor, domain.Group) {
	t.Helper()
	ctx := context.Background()
	sys := service.SystemActor(w.orgA)
	mgr := w.people["managerA"].ID
	w.people["coachA"] = must(w.svc.CreatePerson(ctx, sys, domain.Person{Name: "Cole", Email: "cole@alpha.example",
		Roles: domain.Roles{domain.RoleRep, domain.RoleCoach}, TeamID: w.teamA.ID, ManagerID: mgr, TimeZone: "Europe/Berlin"}))(t)
	w.people["rep3A"] = must(w.svc.CreatePerson(ctx, sys, domain.Person{Name: "Kenji", Email: "kenji@alpha.example",
		TeamID: w.teamA.ID, ManagerID: mgr, TimeZone: "Asia/Tokyo"}))(t)
	coach := w.actor(t, "coachA")
	g := must(w.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Tuesday circle", TemplateKey: "call_review_circle",
		MemberIDs: []int64{w.people["rep1A"].ID, w.people["rep2A"].ID, w.people["rep3A"].ID}, JoinAsMember: true}))(t)
	for _, key := range []string{"rep1A", "rep2A", "rep3A"} {
		if err := w.svc.AcceptGroundRules(ctx, w.actor(t, key), g.ID); err != nil {
			t.Fatalf("%s accepts: %v", key, err)
		}
	}
	return coach, g
}

func TestTemplatesBuiltInAndOverridden(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	ctx := context.Background()
	rep, admin := w.actor(t, "rep1A"), w.actor(t, "adminA")
	list := must(w.svc.Templates(ctx, rep))(t)
	if len(list) != 7 {
		t.Fatalf("%d templates, want the seven rituals", len(list))
	}
	for _, tpl := range list {
		if !tpl.BuiltIn || len(tpl.Agenda) == 0 || tpl.RRule == "" || tpl.Purpose == "" || len(tpl.Produces) == 0 {
			t.Errorf("template %+v is incomplete", tpl)
		}
	}
	clinic := list[0]
	clinic.Minutes = 50
	_, err := w.svc.SaveTemplate(ctx, rep, clinic)
	wantErr(t, err, domain.ErrForbidden)
	must(w.svc.SaveTemplate(ctx, admin, clinic))(t)
	custom := domain.RitualTemplate{Name: "Pipeline pod", RRule: "FREQ=WEEKLY", Minutes: 30, Agenda: []domain.AgendaItem{{Title: "Walk the pipeline", Minutes: 30}}}
	custom = must(w.svc.SaveTemplate(ctx, admin, custom))(t)
	if custom.Key != "custom_pipeline_pod" || custom.BuiltIn {
		t.Errorf("custom = %+v", custom)
	}
	_, err = w.svc.SaveTemplate(ctx, admin, domain.RitualTemplate{Name: "Bad", RRule: "FREQ=HOURLY", Minutes: 30, Agenda: custom.Agenda})
	wantField(t, err, "rrule")
	list = must(w.svc.Templates(ctx, rep))(t)
	if len(list) != 8 || list[0].Minutes != 50 || !list[0].BuiltIn || list[7].Key != "custom_pipeline_pod" {
		t.Errorf("templates after edits: %d, first %+v", len(list), list[0])
	}
	// Another organisation keeps the defaults.
	if other := must(w.svc.Templates(ctx, w.actor(t, "repB")))(t); len(other) != 7 || other[0].Minutes != 60 {
		t.Errorf("org B templates changed: %+v", other[0])
	}
}

func TestGroupScheduleSessionsAndRotation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, g := ritualWorld(t, w)
		rep := w.actor(t, "rep1A")

		_, err := w.svc.CreateGroup(ctx, rep, service.GroupInput{Name: "x", TemplateKey: "deal_clinic", JoinAsMember: true})
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Too big", TemplateKey: "peer_shadowing",
			MemberIDs: []int64{w.people["rep1A"].ID, w.people["rep2A"].ID}, JoinAsMember: true})
		wantField(t, err, "members")
		_, err = w.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Cross", TemplateKey: "deal_clinic", MemberIDs: []int64{w.people["repB"].ID}})
		wantField(t, err, "members")

		// Slots: Berlin, New York, London and Tokyo have no common hours.
		prop := must(w.svc.ProposeSlots(ctx, coach, g.ID))(t)
		if prop.FitsEveryone || len(prop.Slots) == 0 || len(prop.Slots[0].Outside) == 0 || !strings.Contains(prop.Summary, "No slot") {
			t.Errorf("proposal for four zones: %+v", prop)
		}
		_, err = w.svc.ProposeSlots(ctx, rep, g.ID)
		wantErr(t, err, domain.ErrForbidden)
		// Without Tokyo, a slot fits everyone.
		must(0, w.svc.LeaveGroup(ctx, coach, g.ID, w.people["rep3A"].ID))(t)
		prop = must(w.svc.ProposeSlots(ctx, coach, g.ID))(t)
		if !prop.FitsEveryone || len(prop.Slots[0].Outside) != 0 {
			t.Fatalf("proposal for three zones: %+v", prop)
		}
		best := prop.Slots[0].Start // in Berlin time, the group's zone

		_, err = w.svc.SetSchedule(ctx, rep, g.ID, service.ScheduleInput{Date: best.Format("2006-01-02"), Time: best.Format("15:04")})
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-13-01", Time: "10:00"})
		wantField(t, err, "start")
		g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: best.Format("2006-01-02"), Time: best.Format("15:04")}))(t)
		if g.TimeZone != "Europe/Berlin" || !strings.HasPrefix(g.RRule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=") || g.Minutes != 60 {
			t.Fatalf("scheduled group = %+v", g)
		}
		view := must(w.svc.Group(ctx, coach, g.ID))(t)
		if len(view.Upcoming) != 3 || !view.Full || !view.Organiser {
			t.Fatalf("upcoming over six weeks of a bi-weekly series: %d; view %+v", len(view.Upcoming), view)
		}
		// The facilitator rotates over coach, rep1A, rep2A by occurrence.
		want := []string{"Cole", "Rita", "Remy"}
		for i, s := range view.Upcoming {
			if s.Facilitator.Name != want[i] || s.StartsAt.Location().String() != "Europe/Berlin" || s.StartsAt.Format("15:04") != best.Format("15:04") {
				t.Errorf("session %d: facilitator %s at %v", i, s.Facilitator.Name, s.StartsAt)
			}
		}
		// Skip the second, move the third by a day.
		first, second, third := view.Upcoming[0], view.Upcoming[1], view.Upcoming[2]
		wantErr(t, w.svc.SkipOccurrence(ctx, rep, second.ID), domain.ErrForbidden)
		must(0, w.svc.SkipOccurrence(ctx, coach, second.ID))(t)
		moved := third.StartsAt.AddDate(0, 0, 1)
		must(w.svc.MoveOccurrence(ctx, coach, third.ID, moved.Format("2006-01-02"), "16:00"))(t)
		view = must(w.svc.Group(ctx, coach, g.ID))(t)
		if len(view.Upcoming) != 2 || view.Upcoming[0].ID != first.ID || view.Upcoming[1].ID != third.ID ||
			view.Upcoming[1].StartsAt.Format("2006-01-02 15:04") != moved.Format("2006-01-02")+" 16:00" {
			t.Errorf("after skip and move: %+v", view.Upcoming)
		}

		// The run sheet: agenda, start and end with one click.
		sv := must(w.svc.Session(ctx, rep, first.ID))(t)
		if len(sv.Agenda) != 5 || sv.Agenda[0].Kind != domain.AgendaCommitmentsReview || sv.Agenda[1].Offset != sv.Agenda[0].Minutes {
			t.Errorf("agenda = %+v", sv.Agenda)
		}
		total := 0
		for _, l := range sv.Agenda {
			total += l.Minutes
		}
		if total != 60 {
			t.Errorf("agenda adds up to %d minutes, want 60", total)
		}
		_, err = w.svc.EndSession(ctx, rep, first.ID)
		wantErr(t, err, domain.ErrConflict)
		s := must(w.svc.StartSession(ctx, rep, first.ID))(t)
		if s.Status() != domain.SessionRunning || len(s.Attendance) != 1 {
			t.Errorf("started: %+v", s)
		}
		w.clock.Advance(time.Hour)
		s = must(w.svc.EndSession(ctx, rep, first.ID))(t)
		if s.Status() != domain.SessionHeld {
			t.Errorf("ended: %+v", s)
		}
		wantErr(t, w.svc.SkipOccurrence(ctx, coach, first.ID), domain.ErrConflict)
	})
}

func TestCommitmentsReachTheNextAgenda(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	ctx := context.Background()
	coach, g := ritualWorld(t, w)
	g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-03-03", Time: "14:00", RRule: "FREQ=WEEKLY"}))(t)
	view := must(w.svc.Group(ctx, coach, g.ID))(t)
	first, second := view.Upcoming[0], view.Upcoming[1]
	rita := w.actor(t, "rep1A")
	due := time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)
	c := must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "group:" + itoa(g.ID), Text: "20 prospecting calls by Friday",
		Due: due, Target: ptr(20.0), SessionID: first.ID}))(t)
	peer := must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "peer:" + itoa(w.people["rep2A"].ID), Text: "Send Remy my opener", Due: due}))(t)
	_, err := w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "peer:" + itoa(rita.Person.ID), Text: "x", Due: due})
	wantField(t, err, "to")
	_, err = w.svc.MakeCommitment(ctx, w.actor(t, "managerA"), service.CommitmentInput{To: "group:" + itoa(g.ID), Text: "x", Due: due})
	wantField(t, err, "to")

	// The next session opens with it; the session it was made in lists it as made there.
	next := must(w.svc.Session(ctx, w.actor(t, "rep2A"), second.ID))(t)
	if len(next.Agenda[0].Commitments) != 1 || next.Agenda[0].Commitments[0].Text != "20 prospecting calls by Friday" {
		t.Errorf("next agenda opens with %+v", next.Agenda[0].Commitments)
	}
	if here := must(w.svc.Session(ctx, rita, first.ID))(t); len(here.Made) != 1 || len(here.Agenda[0].Commitments) != 0 || here.Next != second.ID {
		t.Errorf("first session: made %+v, review %+v, next %d", here.Made, here.Agenda[0].Commitments, here.Next)
	}

	// Check-ins and closing are the maker's.
	_, err = w.svc.CheckIn(ctx, w.actor(t, "rep2A"), c.ID, 5, "")
	wantErr(t, err, domain.ErrForbidden)
	c = must(w.svc.CheckIn(ctx, rita, c.ID, 12, "halfway"))(t)
	if c.Progress != 12 || len(c.CheckIns) != 1 {
		t.Errorf("checked in: %+v", c)
	}
	must(w.svc.SetCommitmentStatus(ctx, rita, c.ID, domain.CommitmentDone))(t)
	must(w.svc.SetCommitmentStatus(ctx, rita, peer.ID, domain.CommitmentMissed))(t)
	_, err = w.svc.CheckIn(ctx, rita, c.ID, 13, "")
	wantErr(t, err, domain.ErrConflict)
	if next := must(w.svc.Session(ctx, rita, second.ID))(t); len(next.Agenda[0].Commitments) != 0 {
		t.Errorf("a done commitment stays on the agenda: %+v", next.Agenda[0].Commitments)
	}

	// Peer commitments are visible to the peer, not to other members.
	must(w.svc.Commitment(ctx, w.actor(t, "rep2A"), peer.ID))(t)
	_, err = w.svc.Commitment(ctx, coach, peer.ID)
	wantErr(t, err, domain.ErrNotFound)
	home := must(w.svc.MySessions(ctx, rita))(t)
	if home.MyRate.Percent() != "50%" || len(home.Made) != 2 || len(home.Groups) != 1 {
		t.Errorf("Rita's home: rate %s, made %d, groups %d", home.MyRate.Percent(), len(home.Made), len(home.Groups))
	}
	if toRemy := must(w.svc.MySessions(ctx, w.actor(t, "rep2A")))(t); len(toRemy.ToMe) != 1 {
		t.Errorf("commitments to Remy: %+v", toRemy.ToMe)
	}
}

func TestRitualPrivacy(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, g := ritualWorld(t, w)
		g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-03-03", Time: "14:00", RRule: "FREQ=WEEKLY"}))(t)
		view := must(w.svc.Group(ctx, coach, g.ID))(t)
		sid := view.Upcoming[0].ID
		rita := w.actor(t, "rep1A")
		must(w.svc.UpdateSessionNotes(ctx, rita, sid, service.SessionNotesInput{Notes: ptr("Acme is about to churn")}))(t)
		must(w.svc.BringItem(ctx, rita, sid, domain.SessionItem{Kind: domain.ItemDeal, DealName: "Acme renewal", Amount: ptr(48000.0)}))(t)
		must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "group:" + itoa(g.ID), Text: "secret promise", Due: w.clock.Now()}))(t)

		// The manager sees the group's counts, never its content.
		mgr := w.actor(t, "managerA")
		mv := must(w.svc.Group(ctx, mgr, g.ID))(t)
		if mv.Full || len(mv.Open) != 0 || mv.Stats.Commitments.Total != 1 || len(mv.Upcoming) == 0 {
			t.Errorf("manager's view: full %v, open %v, stats %+v", mv.Full, mv.Open, mv.Stats)
		}
		_, err := w.svc.Session(ctx, mgr, sid)
		wantErr(t, err, domain.ErrNotFound)
		home := must(w.svc.MySessions(ctx, mgr))(t)
		if len(home.Overseen) != 1 || home.Overseen[0].Stats.Commitments.Total != 1 {
			t.Errorf("manager oversees %+v", home.Overseen)
		}
		// The admin likewise; another organisation sees nothing.
		_, err = w.svc.Session(ctx, w.actor(t, "adminA"), sid)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Group(ctx, w.actor(t, "adminB"), g.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Session(ctx, w.actor(t, "repB"), sid)
		wantErr(t, err, domain.ErrNotFound)
		// A member who has not accepted the ground rules sees no content.
		must(0, w.svc.AddMember(ctx, coach, g.ID, w.people["adminA"].ID))(t)
		_, err = w.svc.Session(ctx, w.actor(t, "adminA"), sid)
		wantErr(t, err, domain.ErrForbidden)
		if pv := must(w.svc.Group(ctx, w.actor(t, "adminA"), g.ID))(t); !pv.Pending || pv.Full {
			t.Errorf("pending view: %+v", pv)
		}
		// Leaving ends access.
		remy := w.actor(t, "rep2A")
		must(w.svc.Session(ctx, remy, sid))(t)
		must(0, w.svc.LeaveGroup(ctx, remy, g.ID, remy.Person.ID))(t)
		_, err = w.svc.Session(ctx, remy, sid)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Group(ctx, remy, g.ID)
		wantErr(t, err, domain.ErrNotFound)
		if h := must(w.svc.MySessions(ctx, remy))(t); len(h.Groups) != 0 || len(h.Upcoming) != 0 {
			t.Errorf("ex-member's home still has %+v", h.Groups)
		}
		// A rep outside the group sees nothing either.
		wantErr(t, w.svc.LeaveGroup(ctx, remy, g.ID, rita.Person.ID), domain.ErrNotFound)
	})
}

func TestCalendarFeed(t *testing.T) {
	w := newWorld(t, storetest.SQLite(t))
	ctx := context.Background()
	coach, g := ritualWorld(t, w)
	g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-03-03", Time: "14:00", RRule: "FREQ=WEEKLY", TimeZone: "Europe/Berlin"}))(t)
	view := must(w.svc.Group(ctx, coach, g.ID))(t)
	must(0, w.svc.SkipOccurrence(ctx, coach, view.Upcoming[1].ID))(t)
	must(w.svc.MoveOccurrence(ctx, coach, view.Upcoming[2].ID, "2026-03-18", "09:00"))(t)

	rita := w.actor(t, "rep1A")
	secret := must(w.svc.ResetCalendarFeed(ctx, rita))(t)
	cal := must(w.svc.CalendarFeed(ctx, secret))(t)
	var buf bytes.Buffer
	must(cal.WriteTo(&buf))(t)
	parsed, err := ics.ParseCalendar(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatalf("parse the feed: %v\n%s", err, buf.String())
	}
	events := parsed.Events()
	if len(events) != 2 || len(parsed.Components) < 3 {
		t.Fatalf("%d events in\n%s", len(events), buf.String())
	}
	series := events[0]
	if p := series.GetProperty(ics.ComponentPropertyRrule); p == nil || p.Value != "FREQ=WEEKLY;BYDAY=TU" {
		t.Errorf("RRULE %+v", p)
	}
	if p := series.GetProperty(ics.ComponentPropertyDtStart); p == nil || p.Value != "20260303T140000" || p.ICalParameters["TZID"][0] != "Europe/Berlin" {
		t.Errorf("DTSTART %+v", p)
	}
	if p := series.GetProperty(ics.ComponentPropertyExdate); p == nil || !strings.Contains(p.Value, "20260310T140000") {
		t.Errorf("EXDATE %+v", p)
	}
	if p := events[1].GetProperty(ics.ComponentPropertyRecurrenceId); p == nil || !strings.Contains(p.Value, "20260317T140000") {
		t.Errorf("moved occurrence %+v", p)
	}
	if strings.Contains(buf.String(), "VTIMEZONE") == false {
		t.Error("no VTIMEZONE")
	}
	// A new address revokes the old; revoking ends the feed; no cross-org leak.
	second := must(w.svc.ResetCalendarFeed(ctx, rita))(t)
	_, err = w.svc.CalendarFeed(ctx, secret)
	wantErr(t, err, domain.ErrNotFound)
	must(w.svc.CalendarFeed(ctx, second))(t)
	must(0, w.svc.RevokeCalendarFeed(ctx, rita))(t)
	_, err = w.svc.CalendarFeed(ctx, second)
	wantErr(t, err, domain.ErrNotFound)
	_, err = w.svc.CalendarFeed(ctx, "hud_not_a_calendar")
	wantErr(t, err, domain.ErrNotFound)
	// The single-event download is for members.
	must(w.svc.SessionEvent(ctx, rita, view.Upcoming[0].ID))(t)
	_, err = w.svc.SessionEvent(ctx, w.actor(t, "managerA"), view.Upcoming[0].ID)
	wantErr(t, err, domain.ErrNotFound)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
