package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// ritualGroup has the coach start a group of a ritual with the given
// members (who accept the ground rules), scheduled weekly from Tuesday 3
// March 2026 at 14:00 Berlin time, and returns it with its first session.
func ritualGroup(t *testing.T, w *world, coach service.Actor, template string, members ...string) (domain.Group, int64) {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for _, key := range members {
		ids = append(ids, w.people[key].ID)
	}
	g := must(w.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "The " + template, TemplateKey: template, MemberIDs: ids,
		JoinAsMember: true, TimeZone: "Europe/Berlin"}))(t)
	for _, key := range members {
		must(0, w.svc.AcceptGroundRules(ctx, w.actor(t, key), g.ID))(t)
	}
	g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-03-03", Time: "14:00", RRule: "FREQ=WEEKLY"}))(t)
	v := must(w.svc.Group(ctx, coach, g.ID))(t)
	if len(v.Upcoming) == 0 {
		t.Fatalf("%s has no sessions", template)
	}
	return g, v.Upcoming[0].ID
}

func TestSkillSwapCheatSheetAndSurvey(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, _ := ritualWorld(t, w)
		g, sid := ritualGroup(t, w, coach, "skill_swap_workshop", "rep1A", "rep2A")
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")

		// Naming the teacher and the skills.
		_, clinicSession := ritualGroup(t, w, coach, "deal_clinic", "rep1A", "rep2A")
		_, err := w.svc.SetSkillSwap(ctx, coach, clinicSession, service.SkillSwapInput{Skills: []string{"x"}})
		wantField(t, err, "session")
		_, err = w.svc.SetSkillSwap(ctx, rita, sid, service.SkillSwapInput{TeacherID: w.people["managerA"].ID, Skills: []string{"x"}})
		wantField(t, err, "teacher_id")
		_, err = w.svc.SetSkillSwap(ctx, rita, sid, service.SkillSwapInput{TeacherID: coach.Person.ID, Skills: []string{"  "}})
		wantField(t, err, "skills")
		_, err = w.svc.WriteCheatSheet(ctx, coach, sid, "# too early")
		wantErr(t, err, domain.ErrConflict)
		swap := must(w.svc.SetSkillSwap(ctx, rita, sid, service.SkillSwapInput{TeacherID: coach.Person.ID,
			Skills: []string{"Discovery  questions", "Pricing reframe", "discovery questions"}}))(t)
		if len(swap.Skills) != 2 || swap.Skills[0] != "Discovery questions" {
			t.Fatalf("skills = %q", swap.Skills)
		}
		// Once Cole teaches, another member cannot take the lesson over.
		_, err = w.svc.SetSkillSwap(ctx, remy, sid, service.SkillSwapInput{Skills: []string{"Remy's topic"}})
		wantErr(t, err, domain.ErrForbidden)

		// The cheat sheet is the teacher's; it is rendered safely.
		_, err = w.svc.WriteCheatSheet(ctx, rita, sid, "# mine")
		wantErr(t, err, domain.ErrForbidden)
		must(w.svc.WriteCheatSheet(ctx, coach, sid, "## Discovery\n\n- Ask why now\n- Quantify the pain\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"))(t)
		v := must(w.svc.Session(ctx, remy, sid))(t)
		if v.Swap == nil || !v.Swap.Set || v.Swap.Teacher.Name != "Cole" || v.Swap.CanWrite {
			t.Fatalf("swap view for Remy: %+v", v.Swap)
		}
		html := v.Swap.CheatSheetHTML
		if !strings.Contains(html, "<h2>Discovery</h2>") || !strings.Contains(html, "<li>Ask why now</li>") ||
			strings.Contains(html, "<script") || strings.Contains(html, "javascript:") {
			t.Errorf("cheat sheet HTML:\n%s", html)
		}

		// Before: 1–5 per skill of the session, answers can change.
		wantField(t, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Discovery questions": 6}), "score")
		wantField(t, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Juggling": 3}), "skill")
		wantField(t, w.svc.AnswerSurvey(ctx, rita, sid, "during", map[string]int{"Pricing reframe": 3}), "phase")
		wantErr(t, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyAfter, map[string]int{"Pricing reframe": 3}), domain.ErrConflict)
		must(0, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Discovery questions": 2, "Pricing reframe": 3}))(t)
		must(0, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Discovery questions": 3}))(t)
		must(0, w.svc.AnswerSurvey(ctx, remy, sid, domain.SurveyBefore, map[string]int{"Discovery questions": 4}))(t)
		// After: once the session has started.
		must(w.svc.StartSession(ctx, coach, sid))(t)
		wantErr(t, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Discovery questions": 1}), domain.ErrConflict)
		must(0, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyAfter, map[string]int{"Discovery questions": 5}))(t)
		must(0, w.svc.AnswerSurvey(ctx, remy, sid, domain.SurveyAfter, map[string]int{"Discovery questions": 4}))(t)

		// Two answers give no average: with one's own answer it would be
		// the other's. The counts show.
		tv := must(w.svc.Session(ctx, coach, sid))(t)
		d, p := tv.Swap.Skills[0], tv.Swap.Skills[1]
		if d.Skill != "Discovery questions" || d.Before != nil || d.BeforeCount != 2 || d.After != nil || d.AfterCount != 2 || d.MyBefore != 0 {
			t.Errorf("discovery as the teacher sees it: %+v", d)
		}
		if p.Before != nil || p.BeforeCount != 1 || p.After != nil || p.AfterCount != 0 || !tv.Swap.CanWrite {
			t.Errorf("pricing as the teacher sees it: %+v", p)
		}
		// A third answer: the group's average shows, not who said what.
		must(0, w.svc.AnswerSurvey(ctx, coach, sid, domain.SurveyAfter, map[string]int{"Discovery questions": 3}))(t)
		if d := must(w.svc.Session(ctx, remy, sid))(t).Swap.Skills[0]; d.After == nil || *d.After != 4 || d.AfterCount != 3 || d.Before != nil {
			t.Errorf("discovery after three answers: %+v", d)
		}
		if mine := must(w.svc.Session(ctx, rita, sid))(t).Swap.Skills[0]; mine.MyBefore != 3 || mine.MyAfter != 5 {
			t.Errorf("Rita's own answers: %+v", mine)
		}

		// Nobody else reaches any of it.
		for _, who := range []string{"managerA", "adminA", "repB"} {
			a := w.actor(t, who)
			_, err := w.svc.Session(ctx, a, sid)
			wantErr(t, err, domain.ErrNotFound)
			_, err = w.svc.SetSkillSwap(ctx, a, sid, service.SkillSwapInput{Skills: []string{"x"}})
			wantErr(t, err, domain.ErrNotFound)
			wantErr(t, w.svc.AnswerSurvey(ctx, a, sid, domain.SurveyAfter, map[string]int{"Pricing reframe": 1}), domain.ErrNotFound)
			_, err = w.svc.WriteCheatSheet(ctx, a, sid, "taken over")
			wantErr(t, err, domain.ErrNotFound)
		}
		// A member who has not accepted the ground rules is told so.
		must(0, w.svc.AddMember(ctx, coach, g.ID, w.people["rep3A"].ID))(t)
		wantErr(t, w.svc.AnswerSurvey(ctx, w.actor(t, "rep3A"), sid, domain.SurveyAfter, map[string]int{"Pricing reframe": 1}), domain.ErrForbidden)
		// Leaving ends access, answers included.
		must(0, w.svc.LeaveGroup(ctx, remy, g.ID, remy.Person.ID))(t)
		_, err = w.svc.Session(ctx, remy, sid)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, w.svc.AnswerSurvey(ctx, remy, sid, domain.SurveyAfter, map[string]int{"Pricing reframe": 1}), domain.ErrNotFound)
	})
}

func TestPeerShadowingWeek(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, circle := ritualWorld(t, w)
		g, _ := ritualGroup(t, w, coach, "peer_shadowing", "rep1A")
		rita := w.actor(t, "rep1A")
		day := func(s string) time.Time { return must(time.Parse(domain.DateLayout, s))(t) }

		_, err := w.svc.StartShadowingWeek(ctx, rita, g.ID, day("2026-03-07"))
		wantField(t, err, "starts_on")
		_, err = w.svc.StartShadowingWeek(ctx, coach, circle.ID, day("2026-03-04"))
		wantErr(t, err, domain.ErrNotFound)
		week := must(w.svc.StartShadowingWeek(ctx, rita, g.ID, day("2026-03-04")))(t) // Wed → Tue
		_, err = w.svc.StartShadowingWeek(ctx, coach, g.ID, day("2026-03-04"))
		wantErr(t, err, domain.ErrConflict)

		must(0, w.svc.SetLearningGoal(ctx, rita, week.ID, "Open with a sharper agenda"))(t)
		must(0, w.svc.SetLearningGoal(ctx, coach, week.ID, "Let silences run"))(t)
		must(0, w.svc.SetLearningGoal(ctx, rita, week.ID, "Open with a sharper agenda and a time check"))(t)
		wantField(t, w.svc.SetLearningGoal(ctx, rita, week.ID, " "), "goal")

		must(w.svc.AddDebrief(ctx, rita, week.ID, day("2026-03-09"), "Cole let the buyer talk for two minutes", "Count to three before answering"))(t)
		_, err = w.svc.AddDebrief(ctx, rita, week.ID, day("2026-03-07"), "a Saturday", "")
		wantField(t, err, "day")
		_, err = w.svc.AddDebrief(ctx, rita, week.ID, day("2026-03-11"), "after the week", "")
		wantField(t, err, "day")
		_, err = w.svc.AddDebrief(ctx, rita, week.ID, day("2026-03-05"), "  ", "")
		wantField(t, err, "observed")

		must(w.svc.AddShadowFeedback(ctx, coach, week.ID, rita.Person.ID, "Your recap emails are crisp"))(t)
		_, err = w.svc.AddShadowFeedback(ctx, rita, week.ID, rita.Person.ID, "to myself")
		wantField(t, err, "to_id")
		_, err = w.svc.AddShadowFeedback(ctx, rita, week.ID, w.people["managerA"].ID, "to my manager")
		wantField(t, err, "to_id")

		v := must(w.svc.Shadowing(ctx, rita, g.ID))(t)
		if len(v.Weeks) != 1 || len(v.Partners) != 1 || v.Partners[0].Name != "Cole" {
			t.Fatalf("view: %+v", v)
		}
		wk := v.Weeks[0]
		if len(wk.Days) != 5 || wk.Days[0].Weekday() != time.Wednesday || wk.Days[4].Format(domain.DateLayout) != "2026-03-10" ||
			len(wk.Goals) != 2 || wk.MyGoal != "Open with a sharper agenda and a time check" ||
			len(wk.Debriefs) != 1 || wk.Debriefs[0].Author.Name != "Rita" || wk.Debriefs[0].WillTry != "Count to three before answering" ||
			len(wk.Feedback) != 1 || wk.Feedback[0].From.Name != "Cole" || wk.Feedback[0].To.Name != "Rita" {
			t.Errorf("week: %+v", wk)
		}

		// Managers, administrators and other organisations reach nothing.
		for _, who := range []string{"managerA", "adminA", "repB", "rep2A"} {
			a := w.actor(t, who)
			_, err := w.svc.Shadowing(ctx, a, g.ID)
			wantErr(t, err, domain.ErrNotFound)
			_, err = w.svc.AddDebrief(ctx, a, week.ID, day("2026-03-05"), "x", "")
			wantErr(t, err, domain.ErrNotFound)
			wantErr(t, w.svc.SetLearningGoal(ctx, a, week.ID, "x"), domain.ErrNotFound)
			_, err = w.svc.AddShadowFeedback(ctx, a, week.ID, rita.Person.ID, "x")
			wantErr(t, err, domain.ErrNotFound)
		}
		// Leaving ends access to the logs.
		must(0, w.svc.LeaveGroup(ctx, rita, g.ID, rita.Person.ID))(t)
		_, err = w.svc.Shadowing(ctx, rita, g.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.AddDebrief(ctx, rita, week.ID, day("2026-03-05"), "x", "")
		wantErr(t, err, domain.ErrNotFound)
	})
}

func TestDealActionsChallengesAndTopics(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, _ := ritualWorld(t, w)
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		_, sid := ritualGroup(t, w, coach, "deal_clinic", "rep1A", "rep2A")

		// Each member leaves with action items tied to their deal.
		deal := must(w.svc.BringItem(ctx, rita, sid, domain.SessionItem{Kind: domain.ItemDeal, DealName: "Acme renewal", Stage: "Proposal", Blocker: "No champion"}))(t)
		if v := must(w.svc.Session(ctx, coach, sid))(t); len(v.DealsWithoutActions) != 1 || v.DealsWithoutActions[0] != "Acme renewal" {
			t.Errorf("deals without action items: %q", v.DealsWithoutActions)
		}
		act := must(w.svc.AddAction(ctx, remy, sid, service.ActionInput{ItemID: deal.ID, Text: "Ask the CFO for a sponsor"}))(t)
		if act.OwnerID != rita.Person.ID {
			t.Errorf("an action item on Rita's deal belongs to %d", act.OwnerID)
		}
		v := must(w.svc.Session(ctx, coach, sid))(t)
		if len(v.Items) != 1 || len(v.Items[0].Actions) != 1 || v.Items[0].Actions[0].Text != "Ask the CFO for a sponsor" || len(v.DealsWithoutActions) != 0 {
			t.Errorf("deal with actions: %+v; without: %q", v.Items, v.DealsWithoutActions)
		}
		_, err := w.svc.AddAction(ctx, remy, sid, service.ActionInput{ItemID: 999999, Text: "x"})
		wantField(t, err, "item_id")
		_, err = w.svc.AddAction(ctx, w.actor(t, "managerA"), sid, service.ActionInput{ItemID: deal.ID, Text: "x"})
		wantErr(t, err, domain.ErrNotFound)
		// Taking the deal back keeps the action item, without the link.
		must(0, w.svc.RemoveItem(ctx, rita, sid, deal.ID))(t)
		if v := must(w.svc.Session(ctx, coach, sid))(t); len(v.Actions) != 1 || v.Actions[0].ItemID != 0 {
			t.Errorf("actions after the deal was taken back: %+v", v.Actions)
		}

		// The micro-coaching breakout: 15–20 minutes, one challenge each.
		pod := must(w.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Pod", TemplateKey: "micro_coaching",
			MemberIDs: []int64{rita.Person.ID}, JoinAsMember: true}))(t)
		_, err = w.svc.SetSchedule(ctx, coach, pod.ID, service.ScheduleInput{Date: "2026-03-03", Time: "09:00", Minutes: 45})
		wantField(t, err, "minutes")
		_, psid := ritualGroup(t, w, coach, "micro_coaching", "rep1A")
		pv := must(w.svc.Session(ctx, rita, psid))(t)
		if !pv.OneChallengeEach || len(pv.WithoutChallenge) != 2 || pv.Session.Minutes != 20 {
			t.Errorf("breakout: one each %v, without %+v, %d min", pv.OneChallengeEach, pv.WithoutChallenge, pv.Session.Minutes)
		}
		_, err = w.svc.BringItem(ctx, rita, psid, domain.SessionItem{Kind: domain.ItemChallenge})
		wantField(t, err, "text")
		must(w.svc.BringItem(ctx, rita, psid, domain.SessionItem{Kind: domain.ItemChallenge, Text: "Prospects ghost me after the demo"}))(t)
		_, err = w.svc.BringItem(ctx, rita, psid, domain.SessionItem{Kind: domain.ItemChallenge, Text: "A second one"})
		wantErr(t, err, domain.ErrConflict)
		if pv := must(w.svc.Session(ctx, rita, psid))(t); len(pv.WithoutChallenge) != 1 || pv.WithoutChallenge[0].Name != "Cole" {
			t.Errorf("without a challenge: %+v", pv.WithoutChallenge)
		}

		// Objections and stories are items with notes.
		_, fsid := ritualGroup(t, w, coach, "objection_forum", "rep1A", "rep2A")
		obj := must(w.svc.BringItem(ctx, rita, fsid, domain.SessionItem{Kind: domain.ItemObjection, Text: "Your price is 30% above the incumbent"}))(t)
		must(0, w.svc.SetItemNote(ctx, remy, fsid, obj.ID, "Reframe on cost of delay; ask what the incumbent misses"))(t)
		wantErr(t, w.svc.SetItemNote(ctx, w.actor(t, "managerA"), fsid, obj.ID, "x"), domain.ErrNotFound)
		wantErr(t, w.svc.SetItemNote(ctx, remy, fsid, 999999, "x"), domain.ErrNotFound)
		story := must(w.svc.BringItem(ctx, remy, fsid, domain.SessionItem{Kind: domain.ItemStory, Text: "Won Globex by mapping the buying committee"}))(t)
		fv := must(w.svc.Session(ctx, rita, fsid))(t)
		if len(fv.Items) != 2 || fv.Items[0].Note != "Reframe on cost of delay; ask what the incumbent misses" || fv.Items[1].ID != story.ID || fv.Items[1].Text == "" {
			t.Errorf("forum items: %+v", fv.Items)
		}
	})
}

func TestParticipationCountsOnly(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, g := ritualWorld(t, w)
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		g = must(w.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: "2026-02-10", Time: "14:00", RRule: "FREQ=WEEKLY"}))(t)
		past := must(w.svc.SessionsBetween(ctx, coach, g.ID, time.Date(2026, 2, 9, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 20, 0, 0, 0, 0, time.UTC)))(t)
		if len(past) != 2 {
			t.Fatalf("%d past sessions", len(past))
		}
		must(w.svc.RecordHeld(ctx, coach, past[0].ID, []int64{coach.Person.ID, rita.Person.ID}))(t)
		must(w.svc.RecordHeld(ctx, coach, past[1].ID, []int64{coach.Person.ID, rita.Person.ID, remy.Person.ID}))(t)

		// Content with markers, none of which may reach the figures.
		markers := plantMarkers(t, w, coach, g, past[0].ID)
		due := w.clock.Now()
		done := must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "group:" + itoa(g.ID), Text: "MARK-commit-1", Due: due}))(t)
		must(w.svc.SetCommitmentStatus(ctx, rita, done.ID, domain.CommitmentDone))(t)
		missed := must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "peer:" + itoa(remy.Person.ID), Text: "MARK-commit-2", Due: due}))(t)
		must(w.svc.SetCommitmentStatus(ctx, rita, missed.ID, domain.CommitmentMissed))(t)
		must(w.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: "group:" + itoa(g.ID), Text: "MARK-commit-3", Due: due}))(t)

		mv := must(w.svc.Participation(ctx, w.actor(t, "managerA"), 0))(t)
		if mv.Whole || len(mv.Teams) != 1 || mv.Teams[0].Name != "Alpha Sales" {
			t.Fatalf("manager's teams: %+v", mv.Teams)
		}
		r := row(t, mv.People, "Rita")
		if r.Held != 2 || r.Attended != 2 || r.Expected != 2 || r.Groups != 3 || r.Commitments.Total != 3 || r.Commitments.Done != 1 ||
			r.Commitments.Missed != 1 || r.Commitments.Open != 1 || r.Commitments.Percent() != "50%" {
			t.Errorf("Rita's row: %+v", r)
		}
		if m := row(t, mv.People, "Remy"); m.Attended != 1 || m.Expected != 2 || m.Attendance() != "50%" {
			t.Errorf("Remy's row: %+v", m)
		}
		// Eight seats: the coach, Rita, Remy and Kenji at two sessions.
		if gr := row(t, mv.Groups, "Tuesday circle"); gr.Held != 2 || gr.Expected != 8 || gr.Attended != 5 || gr.Commitments.Total != 2 {
			t.Errorf("group row: %+v", gr)
		}
		if tr := mv.Teams[0]; tr.Held != 2 || tr.Attended != 5 || tr.Expected != 8 || tr.Commitments.Total != 3 {
			t.Errorf("team row: %+v", tr)
		}
		for _, m := range markers {
			if dump := fmt.Sprintf("%+v", mv); strings.Contains(dump, m) {
				t.Errorf("the manager's figures contain %q", m)
			}
		}
		// The administrator sees the whole organisation, and only it.
		av := must(w.svc.Participation(ctx, w.actor(t, "adminA"), 0))(t)
		if !av.Whole || len(av.People) != 6 || strings.Contains(fmt.Sprintf("%+v", av), "Bob") {
			t.Errorf("admin's view: %d people: %+v", len(av.People), av.People)
		}
		if bv := must(w.svc.Participation(ctx, w.actor(t, "adminB"), 0))(t); strings.Contains(fmt.Sprintf("%+v", bv), "Rita") || len(bv.Groups) != 0 {
			t.Errorf("org B sees org A: %+v", bv)
		}
		// A period counts the sessions that started in it and the
		// commitments due in it: here the second session, not the first.
		days := int(w.clock.Now().Sub(past[1].StartsAt)/(24*time.Hour)) + 1
		pv := must(w.svc.Participation(ctx, w.actor(t, "managerA"), days))(t)
		if r := row(t, pv.People, "Rita"); pv.Days != days || r.Held != 1 || r.Attended != 1 || r.Commitments.Total != 3 {
			t.Errorf("the last %d days: Rita's row %+v", days, r)
		}
		_, err := w.svc.Participation(ctx, w.actor(t, "managerA"), -1)
		wantField(t, err, "days")
		// A rep, even a member, gets no figures.
		_, err = w.svc.Participation(ctx, rita, 0)
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.Participation(ctx, coach, 0)
		wantErr(t, err, domain.ErrForbidden)
	})
}

// plantMarkers writes distinct markers into every kind of content of a
// session and a shadowing pair and returns them.
func plantMarkers(t *testing.T, w *world, coach service.Actor, g domain.Group, sid int64) []string {
	t.Helper()
	ctx := context.Background()
	rita := w.actor(t, "rep1A")
	notes := "MARK-notes"
	must(w.svc.UpdateSessionNotes(ctx, rita, sid, service.SessionNotesInput{Notes: &notes}))(t)
	deal := must(w.svc.BringItem(ctx, rita, sid, domain.SessionItem{Kind: domain.ItemDeal, DealName: "MARK-deal", Blocker: "MARK-blocker"}))(t)
	must(w.svc.AddAction(ctx, rita, sid, service.ActionInput{ItemID: deal.ID, Text: "MARK-action"}))(t)
	obj := must(w.svc.BringItem(ctx, rita, sid, domain.SessionItem{Kind: domain.ItemObjection, Text: "MARK-objection"}))(t)
	must(0, w.svc.SetItemNote(ctx, rita, sid, obj.ID, "MARK-item-note"))(t)
	pair, _ := ritualGroup(t, w, coach, "peer_shadowing", "rep1A")
	week := must(w.svc.StartShadowingWeek(ctx, rita, pair.ID, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)))(t)
	must(0, w.svc.SetLearningGoal(ctx, rita, week.ID, "MARK-goal"))(t)
	must(w.svc.AddDebrief(ctx, rita, week.ID, week.StartsOn, "MARK-observed", "MARK-try"))(t)
	must(w.svc.AddShadowFeedback(ctx, coach, week.ID, rita.Person.ID, "MARK-feedback"))(t)
	_, swapSID := ritualGroup(t, w, coach, "skill_swap_workshop", "rep1A")
	must(w.svc.SetSkillSwap(ctx, rita, swapSID, service.SkillSwapInput{Skills: []string{"MARK-skill"}}))(t)
	must(w.svc.WriteCheatSheet(ctx, rita, swapSID, "MARK-cheat"))(t)
	must(0, w.svc.AnswerSurvey(ctx, rita, swapSID, domain.SurveyBefore, map[string]int{"MARK-skill": 4}))(t)
	return []string{"MARK-notes", "MARK-deal", "MARK-blocker", "MARK-action", "MARK-objection", "MARK-item-note", "MARK-goal",
		"MARK-observed", "MARK-try", "MARK-feedback", "MARK-skill", "MARK-cheat", "MARK-commit"}
}

func row(t *testing.T, rows []service.ParticipationRow, name string) service.ParticipationRow {
	t.Helper()
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no row %q in %+v", name, rows)
	return service.ParticipationRow{}
}
