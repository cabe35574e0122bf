package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// specificsState is what the ritual-specifics scenarios act on: coachA's
// skill swap (with rep1A and rep2A, coachA teaching), a shadowing pair of
// coachA and rep1A with a week, a deal clinic with a deal and an action
// item on it, an objection forum with an objection, and markers planted in
// every kind of content.
type specificsState struct {
	swap, clinic, forum    int64 // sessions
	pair                   int64 // group
	week                   int64
	deal, objection        int64 // items
	weekStart, weekendDay  string
	markers                []string
	swapGroup, clinicGroup domain.Group
}

func setUpSpecifics(t *testing.T, f *fixture) specificsState {
	t.Helper()
	ctx := context.Background()
	coach, rita, remy := f.actorOf("coachA"), f.actorOf("rep1A"), f.actorOf("rep2A")
	var st specificsState
	st.swapGroup, st.swap = specificsGroup(t, f, "Alpha skill swap", "skill_swap_workshop", "rep1A", "rep2A")
	check := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	_, err := f.svc.SetSkillSwap(ctx, rita, st.swap, service.SkillSwapInput{TeacherID: coach.Person.ID, Skills: []string{"Discovery questions", "Pricing reframe"}})
	check("skill swap", err)
	_, err = f.svc.WriteCheatSheet(ctx, coach, st.swap, "## Discovery cheat sheet\n\n- Ask why now\n- MARK-SPEC-sheet\n\n<script>alert('x')</script>\n\n[bad](javascript:alert(1))")
	check("cheat sheet", err)
	check("survey", f.svc.AnswerSurvey(ctx, remy, st.swap, domain.SurveyBefore, map[string]int{"Discovery questions": 2}))

	st.clinicGroup, st.clinic = specificsGroup(t, f, "Alpha deal clinic", "deal_clinic", "rep1A", "rep2A")
	deal, err := f.svc.BringItem(ctx, rita, st.clinic, domain.SessionItem{Kind: domain.ItemDeal, DealName: "MARK-SPEC-deal", Blocker: "MARK-SPEC-blocker"})
	check("deal", err)
	st.deal = deal.ID
	_, err = f.svc.AddAction(ctx, remy, st.clinic, service.ActionInput{ItemID: deal.ID, Text: "MARK-SPEC-action"})
	check("deal action", err)
	_, err = f.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: fmt.Sprintf("group:%d", st.clinicGroup.ID), Text: "MARK-SPEC-commit",
		Due: f.svc.Now().AddDate(0, 0, 3), SessionID: st.clinic})
	check("commitment", err)
	notes := "MARK-SPEC-notes: Rita's pipeline"
	_, err = f.svc.UpdateSessionNotes(ctx, remy, st.clinic, service.SessionNotesInput{Notes: &notes})
	check("notes", err)

	_, st.forum = specificsGroup(t, f, "Alpha objection forum", "objection_forum", "rep1A", "rep2A")
	obj, err := f.svc.BringItem(ctx, rita, st.forum, domain.SessionItem{Kind: domain.ItemObjection, Text: "MARK-SPEC-objection"})
	check("objection", err)
	st.objection = obj.ID
	check("objection note", f.svc.SetItemNote(ctx, remy, st.forum, obj.ID, "MARK-SPEC-note"))

	pair, _ := specificsGroup(t, f, "Alpha shadowing pair", "peer_shadowing", "rep1A")
	st.pair = pair.ID
	day := f.svc.Now().UTC().AddDate(0, 0, 1)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	week, err := f.svc.StartShadowingWeek(ctx, rita, pair.ID, day)
	check("week", err)
	st.week, st.weekStart = week.ID, week.StartsOn.Format(domain.DateLayout)
	for sat := day; ; sat = sat.AddDate(0, 0, 1) {
		if sat.Weekday() == time.Saturday {
			st.weekendDay = sat.Format(domain.DateLayout)
			break
		}
	}
	check("goal", f.svc.SetLearningGoal(ctx, rita, week.ID, "MARK-SPEC-goal"))
	_, err = f.svc.AddDebrief(ctx, rita, week.ID, week.StartsOn, "MARK-SPEC-observed", "MARK-SPEC-try")
	check("debrief", err)
	_, err = f.svc.AddShadowFeedback(ctx, coach, week.ID, rita.Person.ID, "MARK-SPEC-feedback")
	check("feedback", err)
	st.markers = []string{"MARK-SPEC", "Discovery questions", "Ask why now", "alert("}
	return st
}

// specificsGroup has coachA start a group of the ritual with the members,
// weekly from tomorrow, and returns it with its first session.
func specificsGroup(t *testing.T, f *fixture, name, template string, members ...string) (domain.Group, int64) {
	t.Helper()
	ctx := context.Background()
	coach := f.actorOf("coachA")
	var ids []int64
	for _, m := range members {
		ids = append(ids, f.id(m))
	}
	g, err := f.svc.CreateGroup(ctx, coach, service.GroupInput{Name: name, TemplateKey: template, MemberIDs: ids, JoinAsMember: true, TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	for _, m := range members {
		if err := f.svc.AcceptGroundRules(ctx, f.actorOf(m), g.ID); err != nil {
			t.Fatalf("accept %s: %v", name, err)
		}
	}
	tomorrow := f.svc.Now().In(mustZone(t, "Europe/Berlin")).AddDate(0, 0, 1).Format(domain.DateLayout)
	if _, err := f.svc.SetSchedule(ctx, coach, g.ID, service.ScheduleInput{Date: tomorrow, Time: "16:00", RRule: "FREQ=WEEKLY"}); err != nil {
		t.Fatalf("schedule %s: %v", name, err)
	}
	v, err := f.svc.Group(ctx, coach, g.ID)
	if err != nil || len(v.Upcoming) == 0 {
		t.Fatalf("%s: %d sessions, %v", name, len(v.Upcoming), err)
	}
	return g, v.Upcoming[0].ID
}

// ritualSpecificsScenarios covers the skill swap, shadowing, deal clinic,
// objection forum and participation pages and API: members act, others
// get 403 or 404, and the participation figures never carry content.
func ritualSpecificsScenarios(t *testing.T, f *fixture) []scenario {
	st := setUpSpecifics(t, f)
	sess := func(id int64) string { return fmt.Sprintf("/sessions/%d", id) }
	shadow := fmt.Sprintf("/sessions/groups/%d/shadowing", st.pair)
	weekPath := fmt.Sprintf("%s/%d", shadow, st.week)
	_, ct := form()
	body := func(kv ...string) string { b, _ := form(kv...); return b }
	survey := func(phase, score string) string {
		return body("phase", phase, "skill", "Discovery questions", "score", score, "skill", "Pricing reframe", "score", "")
	}
	return append([]scenario{
		// The skill swap.
		{name: "specifics: a member's skill swap run sheet renders the cheat sheet safely", who: "cookie:rep2A", method: "GET", path: sess(st.swap), status: 200,
			contains: []string{`id="swap"`, "Cole Coach", "<h2>Discovery cheat sheet</h2>", "<li>Ask why now</li>", `id="survey-form"`, "— → —",
				"1 before, 0 after"},
			excludes: []string{"<script>alert", "javascript:alert", `id="sheet-form"`}},
		{name: "specifics: the teacher may write the cheat sheet", who: "cookie:coachA", method: "GET", path: sess(st.swap), status: 200,
			contains: []string{`id="sheet-form"`, "## Discovery cheat sheet"}},
		{name: "specifics: a member answers before the session", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("before", "4"), status: 303, location: sess(st.swap) + "?done=survey"},
		{name: "specifics: two answers give no average, which would be the other's answer", who: "cookie:rep1A", method: "GET", path: sess(st.swap),
			status: 200, contains: []string{"— → —", "2 before, 0 after", "4 → —"}, excludes: []string{"3.0 → —", "2.0 → —"}},
		{name: "specifics: the teacher answers before the session", who: "cookie:coachA", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("before", "3"), status: 303, location: sess(st.swap) + "?done=survey"},
		{name: "specifics: the average shows", who: "cookie:rep1A", method: "GET", path: sess(st.swap), status: 200,
			contains: []string{"3.0 → —", "3 before, 0 after", "4 → —"}},
		{name: "specifics: a score outside 1–5 is refused", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("before", "7"), status: 400, contains: []string{"rate your confidence from 1"}},
		{name: "specifics: the after survey waits for the session", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("after", "5"), status: 409, contains: []string{"opens when the session starts"}},
		{name: "specifics: a member who is not the teacher may not write the cheat sheet", who: "cookie:rep2A", method: "POST", path: sess(st.swap) + "/cheatsheet",
			ctype: ct, body: body("cheat_sheet", "# Mine now"), status: 403},
		{name: "specifics: the teacher writes the cheat sheet", who: "cookie:coachA", method: "POST", path: sess(st.swap) + "/cheatsheet", ctype: ct,
			body: body("cheat_sheet", "## Discovery cheat sheet\n\n- Ask why now\n- Quantify the pain"), status: 303, location: sess(st.swap) + "?done=sheet"},
		{name: "specifics: the teacher must be a member", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/swap", ctype: ct,
			body: body("teacher", fmt.Sprint(f.id("managerA")), "skills", "Discovery questions"), status: 400, contains: []string{"the teacher is one of the group"}},
		{name: "specifics: another member cannot take over the teacher's lesson", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/swap", ctype: ct,
			body: body("skills", "My topic"), status: 403, contains: []string{"Cole"}},
		{name: "specifics: the teacher renames the skills", who: "cookie:coachA", method: "POST", path: sess(st.swap) + "/swap", ctype: ct,
			body: body("teacher", fmt.Sprint(f.id("coachA")), "skills", "Discovery questions\r\nPricing reframe\r\n"), status: 303, location: sess(st.swap) + "?done=swap"},
		{name: "specifics: a manager does not see the skill swap", who: "cookie:managerA", method: "GET", path: sess(st.swap), status: 404, excludes: []string{"MARK-SPEC"}},
		{name: "specifics: a manager cannot answer the survey", who: "cookie:managerA", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("before", "3"), status: 404},
		{name: "specifics: another organisation cannot write the cheat sheet", who: "cookie:adminB", method: "POST", path: sess(st.swap) + "/cheatsheet", ctype: ct,
			body: body("cheat_sheet", "taken"), status: 404},
		{name: "specifics: start the skill swap", who: "cookie:coachA", method: "POST", path: sess(st.swap) + "/start", status: 303, location: sess(st.swap) + "?done=started"},
		{name: "specifics: a member answers after the session", who: "cookie:rep1A", method: "POST", path: sess(st.swap) + "/survey", ctype: ct,
			body: survey("after", "5"), status: 303, location: sess(st.swap) + "?done=survey"},
		{name: "specifics: one after answer gives no average", who: "cookie:coachA", method: "GET", path: sess(st.swap), status: 200,
			contains: []string{"3.0 → —", "3 before, 1 after"}, excludes: []string{"3.0 → 5.0"}},

		// The deal clinic and the objection forum.
		{name: "specifics: action items show under the deal", who: "cookie:rep2A", method: "GET", path: sess(st.clinic), status: 200,
			contains: []string{`class="deal-action"`, "MARK-SPEC-action", `id="deal-action-` + fmt.Sprint(st.deal) + `"`}},
		{name: "specifics: add an action item to a deal", who: "cookie:rep2A", method: "POST", path: sess(st.clinic) + "/actions", ctype: ct,
			body: body("item", fmt.Sprint(st.deal), "text", "Map the buying committee"), status: 303, location: sess(st.clinic) + "?done=action"},
		{name: "specifics: an objection with its notes", who: "cookie:rep1A", method: "GET", path: sess(st.forum), status: 200,
			contains: []string{`id="objection-items"`, "MARK-SPEC-objection", "MARK-SPEC-note", `id="bring-objection"`}},
		{name: "specifics: record notes on an objection", who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("%s/items/%d/note", sess(st.forum), st.objection),
			ctype: ct, body: body("note", "Reframe on the cost of delay"), status: 303, location: sess(st.forum) + "?done=note"},
		{name: "specifics: a manager cannot write notes on an objection", who: "cookie:managerA", method: "POST",
			path: fmt.Sprintf("%s/items/%d/note", sess(st.forum), st.objection), ctype: ct, body: body("note", "x"), status: 404},
		{name: "specifics: bring a story without text is refused", who: "cookie:rep1A", method: "POST", path: sess(st.forum) + "/items", ctype: ct,
			body: body("kind", "story"), status: 400, contains: []string{"say what the story is"}},

		// Peer shadowing.
		{name: "specifics: the pair's shadowing page", who: "cookie:rep1A", method: "GET", path: shadow, status: 200,
			contains: []string{"Learning goals", "MARK-SPEC-goal", "MARK-SPEC-observed", "MARK-SPEC-try", "MARK-SPEC-feedback", "Cole Coach → Rita"}},
		{name: "specifics: the group page links to the shadowing", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/sessions/groups/%d", st.pair), status: 200,
			contains: []string{`id="shadowing-link"`}},
		{name: "specifics: a member of another group does not find the shadowing", who: "cookie:rep2A", method: "GET", path: shadow, status: 404, excludes: []string{"MARK-SPEC"}},
		{name: "specifics: a manager does not find the shadowing", who: "cookie:managerA", method: "GET", path: shadow, status: 404, excludes: []string{"MARK-SPEC"}},
		{name: "specifics: another organisation does not find the shadowing", who: "cookie:adminB", method: "GET", path: shadow, status: 404},
		{name: "specifics: a week starts on a working day", who: "cookie:rep1A", method: "POST", path: shadow, ctype: ct,
			body: body("starts_on", st.weekendDay), status: 400, contains: []string{"start the shadowing week on a working day"}},
		{name: "specifics: the same week twice is refused", who: "cookie:coachA", method: "POST", path: shadow, ctype: ct,
			body: body("starts_on", st.weekStart), status: 409},
		{name: "specifics: set a learning goal", who: "cookie:coachA", method: "POST", path: weekPath + "/goal", ctype: ct,
			body: body("goal", "Let silences run"), status: 303, location: shadow + "?done=goal"},
		{name: "specifics: add a debrief", who: "cookie:coachA", method: "POST", path: weekPath + "/debriefs", ctype: ct,
			body: body("day", st.weekStart, "observed", "Rita asked for the budget early", "will_try", "Ask earlier"), status: 303, location: shadow + "?done=debrief"},
		{name: "specifics: a debrief outside the week is refused", who: "cookie:coachA", method: "POST", path: weekPath + "/debriefs", ctype: ct,
			body: body("day", st.weekendDay, "observed", "x"), status: 400, contains: []string{"working days"}},
		{name: "specifics: feedback to the partner", who: "cookie:rep1A", method: "POST", path: weekPath + "/feedback", ctype: ct,
			body: body("to", fmt.Sprint(f.id("coachA")), "text", "Your pauses work"), status: 303, location: shadow + "?done=feedback"},
		{name: "specifics: feedback to oneself is refused", who: "cookie:rep1A", method: "POST", path: weekPath + "/feedback", ctype: ct,
			body: body("to", fmt.Sprint(f.id("rep1A")), "text", "x"), status: 400},
		{name: "specifics: a manager cannot add to the log", who: "cookie:managerA", method: "POST", path: weekPath + "/debriefs", ctype: ct,
			body: body("day", st.weekStart, "observed", "x"), status: 404},

		// Participation.
		{name: "specifics: the sessions page links a manager to participation", who: "cookie:managerA", method: "GET", path: "/sessions", status: 200,
			contains: []string{`id="participation-link"`}},
		{name: "specifics: a manager's participation page: counts, no content", who: "cookie:managerA", method: "GET", path: "/sessions/participation", status: 200,
			contains: []string{"Your teams", "Alpha Sales", "Rita R", "Alpha skill swap", "Alpha deal clinic", `class="person-row"`},
			excludes: st.markers},
		{name: "specifics: an administrator's participation page", who: "cookie:adminA", method: "GET", path: "/sessions/participation", status: 200,
			contains: []string{"The whole organisation", "Ada Admin", "Alpha shadowing pair"}, excludes: st.markers},
		{name: "specifics: another organisation's participation has none of ours", who: "cookie:adminB", method: "GET", path: "/sessions/participation", status: 200,
			excludes: append([]string{"Rita R", "Alpha skill swap"}, st.markers...)},
		{name: "specifics: a rep gets no participation page", who: "cookie:rep2A", method: "GET", path: "/sessions/participation", status: 403,
			excludes: []string{`class="person-row"`, "Alpha skill swap"}},
		{name: "specifics: participation over the last 90 days", who: "cookie:managerA", method: "GET", path: "/sessions/participation?days=90", status: 200,
			contains: []string{`<option value="90" selected>Last 90 days`, "in the last 90 days", `class="person-row"`}, excludes: st.markers},
		{name: "specifics: a period that is not a number of days", who: "cookie:managerA", method: "GET", path: "/sessions/participation?days=soon", status: 400,
			contains: []string{"days"}, excludes: []string{`class="person-row"`}},
		{name: "specifics: a rep gets no participation for a period either", who: "cookie:rep2A", method: "GET", path: "/sessions/participation?days=30", status: 403,
			excludes: []string{`class="person-row"`}},
	}, specificsAPIScenarios(f, st)...)
}

// specificsAPIScenarios covers the same through the JSON API.
func specificsAPIScenarios(f *fixture, st specificsState) []scenario {
	api := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	return []scenario{
		{name: "specifics API: a skill swap session", who: "token:rep2A", method: "GET", path: api("/sessions/%d", st.swap), status: 200,
			contains: []string{`"skill_swap"`, `"cheat_sheet_html"`, `"average_before"`, "Quantify the pain"}, excludes: []string{"<script"}},
		{name: "specifics API: the teacher names the skills", who: "token:coachA", method: "PUT", path: api("/sessions/%d/skill-swap", st.swap), ctype: jsonType,
			body: fmt.Sprintf(`{"teacher_id":%d,"skills":["Discovery questions","Pricing reframe"]}`, f.id("coachA")), status: 200, contains: []string{`"Pricing reframe"`}},
		{name: "specifics API: a rep may not write the teacher's cheat sheet", who: "token:rep2A", method: "PUT", path: api("/sessions/%d/cheat-sheet", st.swap),
			ctype: jsonType, body: `{"markdown":"# mine"}`, status: 403},
		{name: "specifics API: the teacher writes the cheat sheet", who: "token:coachA", method: "PUT", path: api("/sessions/%d/cheat-sheet", st.swap),
			ctype: jsonType, body: `{"markdown":"# Pricing\n\n<img src=x onerror=alert(1)> **reframe**"}`, status: 200,
			check: cheatSheetHTMLIsSafe},
		{name: "specifics API: answer after the session", who: "token:rep2A", method: "PUT", path: api("/sessions/%d/survey", st.swap), ctype: jsonType,
			body: `{"phase":"after","scores":{"Discovery questions":4}}`, status: 200, contains: []string{`"my_after": 4`}},
		{name: "specifics API: a skill that is not the session's", who: "token:rep2A", method: "PUT", path: api("/sessions/%d/survey", st.swap), ctype: jsonType,
			body: `{"phase":"after","scores":{"Juggling":4}}`, status: 400},
		{name: "specifics API: a manager gets no survey", who: "token:managerA", method: "PUT", path: api("/sessions/%d/survey", st.swap), ctype: jsonType,
			body: `{"phase":"after","scores":{"Discovery questions":1}}`, status: 404},
		{name: "specifics API: bring an objection", who: "token:rep2A", method: "POST", path: api("/sessions/%d/items", st.forum), ctype: jsonType,
			body: `{"kind":"objection","text":"We have no budget this quarter"}`, status: 201, contains: []string{`"kind": "objection"`}},
		{name: "specifics API: notes on an item", who: "token:rep1A", method: "PATCH", path: api("/sessions/%d/items/%d", st.forum, st.objection), ctype: jsonType,
			body: `{"note":"Ask what changes next quarter"}`, status: 200, contains: []string{"Ask what changes next quarter"}},
		{name: "specifics API: an action item from a deal", who: "token:rep2A", method: "POST", path: api("/sessions/%d/action-items", st.clinic), ctype: jsonType,
			body: fmt.Sprintf(`{"item_id":%d,"text":"Send the ROI sheet"}`, st.deal), status: 201, contains: []string{fmt.Sprintf(`"item_id": %d`, st.deal)}},
		{name: "specifics API: another organisation cannot add an action item", who: "token:repB", method: "POST", path: api("/sessions/%d/action-items", st.clinic),
			ctype: jsonType, body: `{"text":"x"}`, status: 404},
		{name: "specifics API: the pair's weeks", who: "token:rep1A", method: "GET", path: api("/groups/%d/shadowing-weeks", st.pair), status: 200,
			contains: []string{`"debriefs"`, "MARK-SPEC-observed", `"days"`}},
		{name: "specifics API: a manager gets no weeks", who: "token:managerA", method: "GET", path: api("/groups/%d/shadowing-weeks", st.pair), status: 404},
		{name: "specifics API: plan a week on a weekend", who: "token:rep1A", method: "POST", path: api("/groups/%d/shadowing-weeks", st.pair), ctype: jsonType,
			body: fmt.Sprintf(`{"starts_on":%q}`, st.weekendDay), status: 400},
		{name: "specifics API: plan another week", who: "token:rep1A", method: "POST", path: api("/groups/%d/shadowing-weeks", st.pair), ctype: jsonType,
			body: `{"starts_on":"2030-01-07"}`, status: 201, contains: []string{`"starts_on": "2030-01-07"`, `"2030-01-11"`}},
		{name: "specifics API: set a goal", who: "token:rep1A", method: "PUT", path: api("/shadowing-weeks/%d/goal", st.week), ctype: jsonType,
			body: `{"text":"Shorter openers"}`, status: 200, contains: []string{"Shorter openers"}},
		{name: "specifics API: add a debrief", who: "token:coachA", method: "POST", path: api("/shadowing-weeks/%d/debriefs", st.week), ctype: jsonType,
			body: fmt.Sprintf(`{"day":%q,"observed":"Clear next steps","will_try":"Same"}`, st.weekStart), status: 200, contains: []string{"Clear next steps"}},
		{name: "specifics API: add feedback", who: "token:coachA", method: "POST", path: api("/shadowing-weeks/%d/feedback", st.week), ctype: jsonType,
			body: fmt.Sprintf(`{"to_id":%d,"text":"Great discovery"}`, f.id("rep1A")), status: 200, contains: []string{"Great discovery"}},
		{name: "specifics API: another organisation cannot add feedback", who: "token:repB", method: "POST", path: api("/shadowing-weeks/%d/feedback", st.week),
			ctype: jsonType, body: `{"to_id":1,"text":"x"}`, status: 404},
		{name: "specifics API: a manager's participation: counts only", who: "token:managerA", method: "GET", path: api("/participation"), status: 200,
			contains: []string{`"scope": "teams"`, `"attendance_rate"`, `"completion_rate"`, "Rita R", "Alpha skill swap"}, excludes: st.markers},
		{name: "specifics API: an administrator's participation", who: "token:adminA", method: "GET", path: api("/participation"), status: 200,
			contains: []string{`"scope": "organisation"`}, excludes: st.markers},
		{name: "specifics API: a rep gets no participation", who: "token:rep1A", method: "GET", path: api("/participation"), status: 403},
		{name: "specifics API: participation over the last 30 days", who: "token:managerA", method: "GET", path: api("/participation?days=30"), status: 200,
			contains: []string{`"days": 30`, `"scope": "teams"`}, excludes: st.markers},
		{name: "specifics API: a period beyond ten years", who: "token:managerA", method: "GET", path: api("/participation?days=4000"), status: 400,
			contains: []string{"days"}},

		// Leaving ends access to the content, survey and cheat sheet included.
		{name: "specifics: a member leaves the skill swap", who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("/sessions/groups/%d/leave", st.swapGroup.ID),
			status: 303, location: "/sessions?done=left"},
		{name: "specifics: the ex-member loses the skill swap", who: "cookie:rep2A", method: "GET", path: fmt.Sprintf("/sessions/%d", st.swap), status: 404,
			excludes: []string{"Quantify the pain", "Pricing"}},
		{name: "specifics API: the ex-member cannot answer the survey", who: "token:rep2A", method: "PUT", path: api("/sessions/%d/survey", st.swap),
			ctype: jsonType, body: `{"phase":"after","scores":{"Discovery questions":1}}`, status: 404},
	}
}

// cheatSheetHTMLIsSafe checks the rendered cheat sheet in a session's
// JSON: the Markdown is rendered, the raw HTML is gone.
func cheatSheetHTMLIsSafe(t *testing.T, res response) {
	t.Helper()
	var out struct {
		SkillSwap struct {
			HTML string `json:"cheat_sheet_html"`
		} `json:"skill_swap"`
	}
	if err := json.Unmarshal([]byte(res.body), &out); err != nil {
		t.Fatalf("session JSON: %v", err)
	}
	h := out.SkillSwap.HTML
	if !strings.Contains(h, "<h1>Pricing</h1>") || !strings.Contains(h, "<strong>reframe</strong>") || strings.Contains(h, "<img") || strings.Contains(h, "onerror") {
		t.Errorf("cheat_sheet_html = %q", h)
	}
}
