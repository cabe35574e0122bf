package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestRitualTemplates(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		clinic := domain.BuiltInTemplates()[0]
		clinic.Minutes, clinic.MinMinutes, clinic.MaxMinutes = 50, 50, 50
		must(t, db.SaveTemplate(ctx, acme.ID, &clinic))
		custom := domain.RitualTemplate{Key: "custom_pipeline", Name: " Pipeline pod ", RRule: "freq=weekly", Minutes: 30,
			Agenda: []domain.AgendaItem{{Title: "Pipeline walk", Minutes: 30}}}
		must(t, db.SaveTemplate(ctx, acme.ID, &custom))
		clinic.Purpose = "Changed again"
		must(t, db.SaveTemplate(ctx, acme.ID, &clinic))

		got, err := db.OrgTemplates(ctx, acme.ID)
		must(t, err)
		if len(got) != 2 || got[0].Key != "custom_pipeline" || got[0].Name != "Pipeline pod" || got[0].RRule != "FREQ=WEEKLY" ||
			got[1].Key != "deal_clinic" || got[1].Minutes != 50 || got[1].Purpose != "Changed again" || got[1].OrgID != acme.ID ||
			!reflect.DeepEqual(got[1].Agenda, clinic.Agenda) {
			t.Errorf("templates = %+v", got)
		}
		if none, err := db.OrgTemplates(ctx, other.ID); err != nil || len(none) != 0 {
			t.Errorf("other org's templates = %v, %v", none, err)
		}
		bad := domain.RitualTemplate{Key: "Bad Key", Name: "x", RRule: "FREQ=DAILY", Minutes: 10, Agenda: custom.Agenda}
		wantErr(t, db.SaveTemplate(ctx, acme.ID, &bad), domain.ErrInvalid)
	})
}

func TestGroupsMembersAndSessions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		cat := newPerson(t, db, acme.ID, "Cat", "cat@acme.com")
		olga := newPerson(t, db, other.ID, "Olga", "olga@other.com")

		g := domain.Group{Name: " Tuesday clinic ", TemplateKey: "deal_clinic", CreatedBy: ana.ID, GroundRules: []string{" Confidential ", ""},
			RRule: "FREQ=WEEKLY;BYDAY=TU", Start: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC), TimeZone: "Europe/Berlin", Minutes: 60,
			Members: []domain.GroupMember{{PersonID: ana.ID, AcceptedAt: t0}, {PersonID: ben.ID}}}
		must(t, db.CreateGroup(ctx, acme.ID, &g))
		if g.ID == 0 || g.Name != "Tuesday clinic" || !reflect.DeepEqual(g.GroundRules, []string{"Confidential"}) {
			t.Fatalf("created %+v", g)
		}
		// Someone of another organisation cannot be a member, nor can a
		// group be read across organisations.
		bad := domain.Group{Name: "x", TemplateKey: "deal_clinic", CreatedBy: ana.ID, Members: []domain.GroupMember{{PersonID: olga.ID}}}
		wantErr(t, db.CreateGroup(ctx, acme.ID, &bad), domain.ErrInvalid)
		_, err := db.Group(ctx, other.ID, g.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.SetMember(ctx, other.ID, g.ID, domain.GroupMember{PersonID: olga.ID}), domain.ErrNotFound)

		*now = now.Add(time.Hour)
		must(t, db.SetMember(ctx, acme.ID, g.ID, domain.GroupMember{PersonID: cat.ID}))
		must(t, db.RemoveMember(ctx, acme.ID, g.ID, ben.ID, *now))
		wantErr(t, db.RemoveMember(ctx, acme.ID, g.ID, ben.ID, *now), domain.ErrNotFound)
		got, err := db.Group(ctx, acme.ID, g.ID)
		must(t, err)
		if !got.Start.Equal(g.Start) || got.TimeZone != "Europe/Berlin" || got.RRule != "FREQ=WEEKLY;BYDAY=TU" || len(got.Members) != 3 {
			t.Fatalf("group = %+v", got)
		}
		if act := got.ActiveMembers(); len(act) != 2 || act[0].PersonID != ana.ID || act[1].PersonID != cat.ID || act[0].AcceptedAt.IsZero() {
			t.Errorf("active members = %+v", act)
		}
		if mine, err := db.Groups(ctx, acme.ID, ben.ID); err != nil || len(mine) != 1 {
			t.Errorf("ben's groups (past member) = %v, %v", mine, err)
		}
		if all, err := db.Groups(ctx, other.ID, 0); err != nil || len(all) != 0 {
			t.Errorf("other org's groups = %v, %v", all, err)
		}
		got.Name, got.VideoLink, got.Minutes = "Renamed", "https://meet.example/abc", 45
		must(t, db.UpdateGroup(ctx, acme.ID, got))
		got.ID = 999999
		wantErr(t, db.UpdateGroup(ctx, acme.ID, got), domain.ErrNotFound)

		// Exceptions.
		occ := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
		must(t, db.SetSeriesException(ctx, acme.ID, g.ID, domain.SeriesException{Occurrence: occ, Kind: domain.ExceptionSkip}))
		must(t, db.SetSeriesException(ctx, acme.ID, g.ID, domain.SeriesException{Occurrence: occ, Kind: domain.ExceptionMove, MovedTo: occ.Add(time.Hour)}))
		ex, err := db.SeriesExceptions(ctx, acme.ID, g.ID)
		must(t, err)
		if len(ex) != 1 || ex[0].Kind != domain.ExceptionMove || !ex[0].MovedTo.Equal(occ.Add(time.Hour)) {
			t.Errorf("exceptions = %+v", ex)
		}

		// Sessions: materialising twice returns the same row.
		s := domain.GroupSession{GroupID: g.ID, Occurrence: occ, StartsAt: occ, Minutes: 60, FacilitatorID: ana.ID,
			Agenda: []domain.AgendaItem{{Kind: domain.AgendaWins, Title: "Wins", Minutes: 5}}}
		must(t, db.EnsureSession(ctx, acme.ID, &s))
		again := domain.GroupSession{GroupID: g.ID, Occurrence: occ, StartsAt: occ.Add(time.Hour), Minutes: 10}
		must(t, db.EnsureSession(ctx, acme.ID, &again))
		if again.ID != s.ID || again.Minutes != 60 || again.FacilitatorID != ana.ID || len(again.Agenda) != 1 {
			t.Errorf("ensured twice: %+v vs %+v", again, s)
		}
		wantErr(t, db.EnsureSession(ctx, other.ID, &domain.GroupSession{GroupID: g.ID, Occurrence: occ, StartsAt: occ, Minutes: 5}), domain.ErrNotFound)
		started := occ.Add(2 * time.Minute)
		upd, err := db.UpdateSession(ctx, acme.ID, s.ID, domain.SessionPatch{Notes: ptr(" private notes "), StartedAt: &started,
			Attendance: &[]int64{cat.ID, ana.ID, cat.ID}})
		must(t, err)
		if upd.Notes != "private notes" || !upd.StartedAt.Equal(started) || !reflect.DeepEqual(upd.Attendance, []int64{ana.ID, cat.ID}) ||
			upd.Status() != domain.SessionRunning {
			t.Errorf("updated session = %+v", upd)
		}
		_, err = db.UpdateSession(ctx, acme.ID, s.ID, domain.SessionPatch{Attendance: &[]int64{olga.ID}})
		wantErr(t, err, domain.ErrInvalid)
		_, err = db.UpdateSession(ctx, other.ID, s.ID, domain.SessionPatch{Notes: ptr("x")})
		wantErr(t, err, domain.ErrNotFound)
		list, err := db.GroupSessions(ctx, acme.ID, []int64{g.ID}, occ.Add(-time.Hour), occ.Add(time.Hour))
		must(t, err)
		if len(list) != 1 || list[0].Notes != "private notes" || len(list[0].Attendance) != 2 {
			t.Errorf("sessions = %+v", list)
		}
		if none, err := db.GroupSessions(ctx, other.ID, nil, occ.Add(-time.Hour), occ.Add(time.Hour)); err != nil || len(none) != 0 {
			t.Errorf("other org's sessions = %v, %v", none, err)
		}

		// Items and action items.
		deal := domain.SessionItem{SessionID: s.ID, PersonID: ana.ID, Kind: domain.ItemDeal, DealName: "Acme renewal", Stage: "Proposal",
			Amount: ptr(48000.0), Blocker: "No champion"}
		must(t, db.AddSessionItem(ctx, acme.ID, &deal))
		call := newCall(t, db, acme.ID, ben.ID, "Ben's call")
		spot := domain.SessionItem{SessionID: s.ID, PersonID: ben.ID, Kind: domain.ItemCall, CallID: call.ID}
		must(t, db.AddSessionItem(ctx, acme.ID, &spot))
		items, err := db.SessionItems(ctx, acme.ID, s.ID)
		must(t, err)
		if len(items) != 2 || items[0].DealName != "Acme renewal" || *items[0].Amount != 48000 || items[1].CallID != call.ID || items[1].Amount != nil {
			t.Errorf("items = %+v", items)
		}
		must(t, db.DeleteSessionItem(ctx, acme.ID, s.ID, spot.ID))
		wantErr(t, db.DeleteSessionItem(ctx, acme.ID, s.ID, spot.ID), domain.ErrNotFound)
		act := domain.ActionItem{SessionID: s.ID, OwnerID: ana.ID, Text: " Find a champion "}
		must(t, db.AddActionItem(ctx, acme.ID, &act))
		must(t, db.SetActionItemDone(ctx, acme.ID, s.ID, act.ID, true))
		acts, err := db.ActionItems(ctx, acme.ID, s.ID)
		must(t, err)
		if len(acts) != 1 || !acts[0].Done || acts[0].Text != "Find a champion" {
			t.Errorf("action items = %+v", acts)
		}
		wantErr(t, db.SetActionItemDone(ctx, other.ID, s.ID, act.ID, false), domain.ErrNotFound)
	})
}

func TestCommitmentsAndCalendarTokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme, other := newOrg(t, db, "acme"), newOrg(t, db, "other")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		olga := newPerson(t, db, other.ID, "Olga", "olga@other.com")
		g := domain.Group{Name: "Pod", TemplateKey: "micro_coaching", CreatedBy: ana.ID, Members: []domain.GroupMember{{PersonID: ana.ID}, {PersonID: ben.ID}}}
		must(t, db.CreateGroup(ctx, acme.ID, &g))

		c := domain.Commitment{PersonID: ana.ID, GroupID: g.ID, Text: " 20 prospecting calls ", Due: time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC), Target: ptr(20.0)}
		must(t, db.CreateCommitment(ctx, acme.ID, &c))
		p := domain.Commitment{PersonID: ben.ID, PeerID: ana.ID, Text: "Send Ana my demo script", Due: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)}
		must(t, db.CreateCommitment(ctx, acme.ID, &p))
		wantErr(t, db.CreateCommitment(ctx, acme.ID, &domain.Commitment{PersonID: ana.ID, PeerID: olga.ID, Text: "x", Due: t0}), domain.ErrInvalid)
		wantErr(t, db.CreateCommitment(ctx, acme.ID, &domain.Commitment{PersonID: ana.ID, GroupID: g.ID, PeerID: ben.ID, Text: "x", Due: t0}), domain.ErrInvalid)
		wantErr(t, db.CreateCommitment(ctx, other.ID, &domain.Commitment{PersonID: olga.ID, GroupID: g.ID, Text: "x", Due: t0}), domain.ErrNotFound)

		*now = now.Add(24 * time.Hour)
		ci := domain.CheckIn{Progress: 12, Note: "halfway"}
		must(t, db.AddCheckIn(ctx, acme.ID, c.ID, &ci))
		wantErr(t, db.AddCheckIn(ctx, other.ID, c.ID, &domain.CheckIn{Progress: 1}), domain.ErrNotFound)
		must(t, db.CloseCommitment(ctx, acme.ID, c.ID, domain.CommitmentDone, *now))
		got, err := db.Commitment(ctx, acme.ID, c.ID)
		must(t, err)
		if got.Text != "20 prospecting calls" || got.Progress != 12 || got.Status != domain.CommitmentDone || !got.ClosedAt.Equal(*now) ||
			len(got.CheckIns) != 1 || got.CheckIns[0].Note != "halfway" || !got.Due.Equal(time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC)) ||
			got.Target == nil || *got.Target != 20 || got.GroupID != g.ID || got.PeerID != 0 {
			t.Errorf("commitment = %+v", got)
		}
		_, err = db.Commitment(ctx, other.ID, c.ID)
		wantErr(t, err, domain.ErrNotFound)

		open, err := db.Commitments(ctx, acme.ID, domain.CommitmentFilter{PersonIDs: []int64{ana.ID, ben.ID}, Status: domain.CommitmentOpen})
		must(t, err)
		if len(open) != 1 || open[0].ID != p.ID {
			t.Errorf("open = %+v", open)
		}
		toAna, err := db.Commitments(ctx, acme.ID, domain.CommitmentFilter{PeerID: ana.ID})
		must(t, err)
		ofGroup, err := db.Commitments(ctx, acme.ID, domain.CommitmentFilter{GroupID: g.ID})
		must(t, err)
		if len(toAna) != 1 || len(ofGroup) != 1 || ofGroup[0].ID != c.ID {
			t.Errorf("to Ana %+v, of group %+v", toAna, ofGroup)
		}

		// Calendar tokens: one per person; found by hash across orgs.
		must(t, db.SetCalendarToken(ctx, acme.ID, domain.CalendarToken{PersonID: ana.ID, Hash: "h1"}))
		must(t, db.SetCalendarToken(ctx, acme.ID, domain.CalendarToken{PersonID: ana.ID, Hash: "h2"}))
		_, err = db.CalendarTokenByHash(ctx, "h1")
		wantErr(t, err, domain.ErrNotFound)
		tok, err := db.CalendarTokenByHash(ctx, "h2")
		must(t, err)
		if tok.OrgID != acme.ID || tok.PersonID != ana.ID {
			t.Errorf("token = %+v", tok)
		}
		wantErr(t, db.SetCalendarToken(ctx, other.ID, domain.CalendarToken{PersonID: ana.ID, Hash: "h3"}), domain.ErrNotFound)
		wantErr(t, db.SetCalendarToken(ctx, acme.ID, domain.CalendarToken{PersonID: ben.ID, Hash: "h2"}), domain.ErrConflict)
		must(t, db.DeleteCalendarToken(ctx, acme.ID, ana.ID))
		_, err = db.CalendarTokenOf(ctx, acme.ID, ana.ID)
		wantErr(t, err, domain.ErrNotFound)
	})
}
