package server_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// ritualState is what the rituals scenarios act on, made before they run:
// coachA's call review circle with rep1A and rep2A, weekly from tomorrow,
// its first three sessions, a deal rep1A brought, an action item, a
// commitment, and rep1A's calendar feed secret.
type ritualState struct {
	group                 domain.Group
	s1, s2, s3            int64
	item, action, promise int64
	feed                  string
	marker                string // in the first session's notes: members only
}

func setUpRituals(t *testing.T, f *fixture) ritualState {
	t.Helper()
	ctx := context.Background()
	coach, rita, remy := f.actorOf("coachA"), f.actorOf("rep1A"), f.actorOf("rep2A")
	var st ritualState
	var err error
	st.group, err = f.svc.CreateGroup(ctx, coach, service.GroupInput{Name: "Alpha review circle", TemplateKey: "call_review_circle",
		MemberIDs: []int64{rita.Person.ID, remy.Person.ID}, JoinAsMember: true, TimeZone: "Europe/Berlin"})
	if err != nil {
		t.Fatalf("create group: %v", err)
	}
	for _, a := range []service.Actor{rita, remy} {
		if err := f.svc.AcceptGroundRules(ctx, a, st.group.ID); err != nil {
			t.Fatalf("accept: %v", err)
		}
	}
	tomorrow := f.svc.Now().In(mustZone(t, "Europe/Berlin")).AddDate(0, 0, 1).Format(domain.DateLayout)
	if _, err := f.svc.SetSchedule(ctx, coach, st.group.ID, service.ScheduleInput{Date: tomorrow, Time: "15:00", RRule: "FREQ=WEEKLY"}); err != nil {
		t.Fatalf("schedule: %v", err)
	}
	v, err := f.svc.Group(ctx, coach, st.group.ID)
	if err != nil || len(v.Upcoming) < 3 {
		t.Fatalf("group view: %d upcoming, %v", len(v.Upcoming), err)
	}
	st.s1, st.s2, st.s3 = v.Upcoming[0].ID, v.Upcoming[1].ID, v.Upcoming[2].ID
	st.marker = "RITUAL-NOTE-7731"
	notes := "Rita's pipeline is thin " + st.marker
	if _, err := f.svc.UpdateSessionNotes(ctx, rita, st.s1, service.SessionNotesInput{Notes: &notes}); err != nil {
		t.Fatalf("notes: %v", err)
	}
	amount := 48000.0
	it, err := f.svc.BringItem(ctx, rita, st.s1, domain.SessionItem{Kind: domain.ItemDeal, DealName: "Acme renewal", Amount: &amount, Blocker: "no champion"})
	if err != nil {
		t.Fatalf("bring: %v", err)
	}
	st.item = it.ID
	ai, err := f.svc.AddActionItem(ctx, rita, st.s1, 0, "Find a champion at Acme")
	if err != nil {
		t.Fatalf("action: %v", err)
	}
	st.action = ai.ID
	c, err := f.svc.MakeCommitment(ctx, rita, service.CommitmentInput{To: fmt.Sprintf("group:%d", st.group.ID), Text: "Twenty prospecting calls",
		Due: f.svc.Now().AddDate(0, 0, 4), SessionID: st.s1})
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	st.promise = c.ID
	if st.feed, err = f.svc.ResetCalendarFeed(ctx, rita); err != nil {
		t.Fatalf("feed: %v", err)
	}
	return st
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// ritualScenarios covers the sessions pages, the calendar and the
// rituals API: good requests, mistakes, a rep trying to organise (403),
// a manager reading counts only and another organisation getting 404.
func ritualScenarios(t *testing.T, f *fixture) []scenario {
	st := setUpRituals(t, f)
	g := st.group.ID
	group := fmt.Sprintf("/sessions/groups/%d", g)
	sess := func(id int64) string { return fmt.Sprintf("/sessions/%d", id) }
	_, ct := form()
	body := func(kv ...string) string { b, _ := form(kv...); return b }
	redirectTo := func(prefix string) func(t *testing.T, res response) {
		return func(t *testing.T, res response) {
			t.Helper()
			if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, prefix) {
				t.Errorf("Location %q, want %s…", loc, prefix)
			}
		}
	}
	isCalendar := func(t *testing.T, res response) {
		t.Helper()
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") || !strings.Contains(res.body, "BEGIN:VCALENDAR") {
			t.Errorf("not a calendar: %q\n%s", res.Header.Get("Content-Type"), clip(res.body))
		}
	}
	tomorrow := f.svc.Now().AddDate(0, 0, 1).Format(domain.DateLayout)
	later := f.svc.Now().AddDate(0, 0, 9).Format(domain.DateLayout)
	groupInfo := func(t testing.TB) string {
		t.Helper()
		v, err := f.svc.Group(context.Background(), f.actorOf("coachA"), g)
		if err != nil {
			t.Fatalf("group: %v", err)
		}
		return fmt.Sprintf("%q %q %q", v.Group.Name, v.Group.VideoLink, v.Group.GroundRules)
	}
	ritualOf := func(key string) func(t testing.TB) string {
		return func(t testing.TB) string {
			t.Helper()
			tpl, err := f.svc.Template(context.Background(), f.actorOf("adminA"), key)
			if err != nil {
				t.Fatalf("template %s: %v", key, err)
			}
			return fmt.Sprintf("%+v", tpl)
		}
	}
	ritualListOf := func(who string) func(t testing.TB) string {
		return func(t testing.TB) string {
			t.Helper()
			list, err := f.svc.Templates(context.Background(), f.actorOf(who))
			if err != nil {
				t.Fatalf("templates: %v", err)
			}
			return fmt.Sprintf("%+v", list)
		}
	}
	ritualList := ritualListOf("adminA")
	return append([]scenario{
		// The sessions page.
		{name: "rituals: anonymous GET /sessions signs in", method: "GET", path: "/sessions", status: 303, location: "/signin?next=%2Fsessions"},
		{name: "rituals: a member's sessions page", who: "cookie:rep1A", method: "GET", path: "/sessions", status: 200,
			contains: []string{"Upcoming sessions", "Alpha review circle", "Twenty prospecting calls", "Deal clinic", "Success story showcase", `aria-current="page"`},
			excludes: []string{"Coming soon", `id="new-group"`}},
		{name: "rituals: a coach can start a group", who: "cookie:coachA", method: "GET", path: "/sessions", status: 200,
			contains: []string{`id="new-group"`, `name="members"`, "Call review circle — 4–6 people, bi-weekly, 45–60 min"}},
		{name: "rituals: a manager sees counts of the team's groups", who: "cookie:managerA", method: "GET", path: "/sessions", status: 200,
			contains: []string{"Groups of your people", "Alpha review circle"}, excludes: []string{"Twenty prospecting calls", st.marker}},
		{name: "rituals: a coach starts a group", who: "cookie:coachA", method: "POST", path: "/sessions/groups", ctype: ct, status: 303,
			body:  body("name", "Pod", "template", "micro_coaching", "timezone", "Europe/London", "members", fmt.Sprint(f.id("rep2A")), "join", "1"),
			check: redirectTo("/sessions/groups/")},
		{name: "rituals: an unknown ritual is refused", who: "cookie:coachA", method: "POST", path: "/sessions/groups", ctype: ct, status: 400,
			body: body("name", "Pod", "template", "juggling", "join", "1"), contains: []string{"choose one of the rituals", `id="new-group"`}},
		{name: "rituals: a rep may not start a group", who: "cookie:rep1A", method: "POST", path: "/sessions/groups", ctype: ct, status: 403,
			body: body("name", "Pod", "template", "micro_coaching", "join", "1")},

		// The group page.
		{name: "rituals: the organiser's group page proposes slots", who: "cookie:coachA", method: "GET", path: group, status: 200,
			contains: []string{"Proposed weekly slots", "Use this slot", "America/New_York", "FREQ=WEEKLY", "Open commitments to the group", "Twenty prospecting calls"}},
		{name: "rituals: a member's group page", who: "cookie:rep1A", method: "GET", path: group, status: 200,
			contains: []string{"Next sessions", "Cole Coach", "Leave this group"}, excludes: []string{"Proposed weekly slots"}},
		{name: "rituals: a manager's group page shows counts, not content", who: "cookie:managerA", method: "GET", path: group, status: 200,
			contains: []string{"How it is going", "Commitments kept"}, excludes: []string{"Twenty prospecting calls", st.marker, sess(st.s1) + `"`}},
		{name: "rituals: another organisation gets 404 for the group", who: "cookie:adminB", method: "GET", path: group, status: 404,
			excludes: []string{"Alpha review circle"}},
		{name: "rituals: a malformed group id is not found", who: "cookie:coachA", method: "GET", path: "/sessions/groups/x", status: 404},
		{name: "rituals: a rep may not schedule", who: "cookie:rep1A", method: "POST", path: group + "/schedule", ctype: ct, status: 403,
			body: body("date", tomorrow, "time", "15:00")},
		{name: "rituals: a bad date is refused", who: "cookie:coachA", method: "POST", path: group + "/schedule", ctype: ct, status: 400,
			body: body("date", "tomorrow", "time", "15:00"), contains: []string{"give the first date"}},
		{name: "rituals: the coach accepts a slot", who: "cookie:coachA", method: "POST", path: group + "/schedule", ctype: ct, status: 303,
			body: body("date", tomorrow, "time", "15:00", "timezone", "Europe/Berlin", "rrule", "FREQ=WEEKLY"), location: group + "?done=scheduled"},
		{name: "rituals: the coach adds a member", who: "cookie:coachA", method: "POST", path: group + "/members", ctype: ct, status: 303,
			body: body("person", fmt.Sprint(f.id("adminA"))), location: group + "?done=added"},
		{name: "rituals: a pending member is asked to accept the ground rules", who: "cookie:adminA", method: "GET", path: group, status: 200,
			contains: []string{"I accept the ground rules", "Observations before advice"}},
		{name: "rituals: a pending member may not open a session", who: "cookie:adminA", method: "GET", path: sess(st.s1), status: 403,
			excludes: []string{st.marker}},
		{name: "rituals: the new member accepts", who: "cookie:adminA", method: "POST", path: group + "/accept", status: 303, location: group + "?done=accepted"},
		{name: "rituals: a member leaves", who: "cookie:adminA", method: "POST", path: group + "/leave", status: 303, location: "/sessions?done=left"},
		{name: "rituals: the ex-member loses the session", who: "cookie:adminA", method: "GET", path: sess(st.s1), status: 404, excludes: []string{st.marker}},
		{name: "rituals: a rep may not remove others", who: "cookie:rep1A", method: "POST", path: group + "/leave", ctype: ct, status: 403,
			body: body("person", fmt.Sprint(f.id("rep2A")))},
		{name: "rituals: the organiser changes the group's details", who: "cookie:coachA", method: "POST", path: group + "/info", ctype: ct, status: 303,
			body: body("name", "Alpha review circle", "video_link", "https://meet.example/alpha-circle",
				"ground_rules", "Observations before advice.\r\n\r\n  Cameras on when we role-play.  \r\n"),
			location: group + "?done=info"},
		{name: "rituals: members see the new details", who: "cookie:rep1A", method: "GET", path: group, status: 200,
			contains: []string{"https://meet.example/alpha-circle", "Cameras on when we role-play.", "Observations before advice."},
			excludes: []string{`id="group-info"`, "Confidentiality: what is said"}},
		{name: "rituals: the organiser sees the details form", who: "cookie:coachA", method: "GET", path: group + "?done=info", status: 200,
			contains: []string{`id="group-info"`, "Group details saved."}},
		{name: "rituals: a bad video link changes nothing", who: "cookie:coachA", method: "POST", path: group + "/info", ctype: ct, status: 400,
			body: body("name", "Renamed", "video_link", "javascript:alert(1)", "ground_rules", "Only this"), contains: []string{"https://", `id="group-info"`},
			unchanged: groupInfo},
		{name: "rituals: a group needs a name", who: "cookie:coachA", method: "POST", path: group + "/info", ctype: ct, status: 400,
			body: body("name", "  ", "ground_rules", "Only this"), contains: []string{"give the group a name"}, unchanged: groupInfo},
		{name: "rituals: a member who does not organise may not change the details", who: "cookie:rep1A", method: "POST", path: group + "/info", ctype: ct,
			status: 403, body: body("name", "Rita's circle"), unchanged: groupInfo},
		{name: "rituals: a manager seeing counts does not find the details", who: "cookie:managerA", method: "POST", path: group + "/info", ctype: ct,
			status: 404, body: body("name", "Managed circle"), unchanged: groupInfo},
		{name: "rituals: another organisation does not find the details", who: "cookie:adminB", method: "POST", path: group + "/info", ctype: ct,
			status: 404, body: body("name", "Stolen circle"), unchanged: groupInfo, excludes: []string{"Alpha review circle"}},

		// The organisation's rituals (admin).
		{name: "rituals: the admin page links to the rituals", who: "cookie:adminA", method: "GET", path: "/admin", status: 200,
			contains: []string{`href="/admin/rituals"`}},
		{name: "rituals: an admin lists the rituals", who: "cookie:adminA", method: "GET", path: "/admin/rituals", status: 200,
			contains: []string{"Deal clinic", "3–5", "bi-weekly", "FREQ=WEEKLY;INTERVAL=2", "45–60 min", "Win review: one recent win each", `href="/admin/rituals/new"`}},
		{name: "rituals: a rep may not list the rituals", who: "cookie:rep1A", method: "GET", path: "/admin/rituals", status: 403, excludes: []string{"FREQ=WEEKLY"}},
		{name: "rituals: an admin opens a ritual", who: "cookie:adminA", method: "GET", path: "/admin/rituals/micro_coaching", status: 200,
			contains: []string{`id="ritual-form"`, `value="Micro-coaching breakout"`, `name="agenda_title"`, "One specific challenge each"}},
		{name: "rituals: the new ritual form", who: "cookie:adminA", method: "GET", path: "/admin/rituals/new", status: 200,
			contains: []string{`action="/admin/rituals"`, "Add the ritual"}},
		{name: "rituals: a rep may not open a ritual", who: "cookie:rep1A", method: "GET", path: "/admin/rituals/micro_coaching", status: 403},
		{name: "rituals: an unknown ritual is not found", who: "cookie:adminA", method: "GET", path: "/admin/rituals/juggling", status: 404},
		{name: "rituals: bad ritual fields are shown and nothing is saved", who: "cookie:adminA", method: "POST", path: "/admin/rituals/micro_coaching", ctype: ct,
			status: 400, body: body("name", "Micro-coaching", "rrule", "EVERY TUESDAY", "minutes", "2", "min_size", "4", "max_size", "two",
				"agenda_title", "Challenges", "agenda_minutes", "ten"),
			contains:  []string{"Nothing was saved", "the largest size is a whole number", "minutes are a whole number", `value="EVERY TUESDAY"`},
			unchanged: ritualOf("micro_coaching")},
		{name: "rituals: the service's refusal is shown by its field", who: "cookie:adminA", method: "POST", path: "/admin/rituals/micro_coaching", ctype: ct,
			status: 400, body: body("name", "Micro-coaching", "rrule", "FREQ=WEEKLY", "minutes", "2", "agenda_title", "Challenges", "agenda_minutes", "10"),
			contains: []string{`id="r-minutes-err"`, "a session lasts 5 to 480 minutes"}, unchanged: ritualOf("micro_coaching")},
		{name: "rituals: a rep may not edit a ritual", who: "cookie:rep1A", method: "POST", path: "/admin/rituals/micro_coaching", ctype: ct, status: 403,
			body: body("name", "Mine", "rrule", "FREQ=WEEKLY", "minutes", "20", "agenda_title", "All mine", "agenda_minutes", "20"), unchanged: ritualOf("micro_coaching")},
		{name: "rituals: an admin edits a ritual", who: "cookie:adminA", method: "POST", path: "/admin/rituals/micro_coaching", ctype: ct, status: 303,
			body: body("name", "Micro-coaching huddle", "purpose", "Short and sharp.", "min_size", "2", "max_size", "4", "rrule", "FREQ=WEEKLY;INTERVAL=2",
				"cadence_label", "fortnightly", "minutes", "25", "agenda_kind", "wins", "agenda_title", "Wins", "agenda_minutes", "5",
				"agenda_kind", "", "agenda_title", "One challenge each", "agenda_minutes", "20", "agenda_title", "", "agenda_minutes", ""),
			location: "/admin/rituals?done=saved"},
		{name: "rituals: the edited ritual is listed", who: "cookie:adminA", method: "GET", path: "/admin/rituals?done=saved", status: 200,
			contains: []string{"Ritual saved.", "Micro-coaching huddle", "fortnightly", "2–4", "25 min", "One challenge each — 20 min", "built-in, changed"}},
		{name: "rituals: an admin adds a ritual", who: "cookie:adminA", method: "POST", path: "/admin/rituals", ctype: ct, status: 303,
			body: body("name", "Pipeline pod", "purpose", "Walk each other's pipeline.", "max_size", "4", "rrule", "FREQ=MONTHLY", "cadence_label", "monthly",
				"minutes", "40", "agenda_title", "Pipeline walk", "agenda_minutes", "40", "produces", "Next steps\nRisks"),
			location: "/admin/rituals?done=saved"},
		{name: "rituals: the new ritual is listed", who: "cookie:adminA", method: "GET", path: "/admin/rituals", status: 200,
			contains: []string{`href="/admin/rituals/custom_pipeline_pod"`, "Pipeline pod", "your own", "Pipeline walk — 40 min"}},
		{name: "rituals: a new ritual needs a name and an agenda", who: "cookie:adminA", method: "POST", path: "/admin/rituals", ctype: ct, status: 400,
			body: body("name", "", "rrule", "FREQ=WEEKLY", "minutes", "30"), contains: []string{`id="r-name-err"`, "give the ritual a name"},
			unchanged: ritualList},
		{name: "rituals: a new ritual may not take a name in use", who: "cookie:adminA", method: "POST", path: "/admin/rituals", ctype: ct, status: 400,
			body:     body("name", "pipeline POD", "rrule", "FREQ=WEEKLY", "minutes", "30", "agenda_title", "x", "agenda_minutes", "30"),
			contains: []string{"there is already a ritual called Pipeline pod"}, unchanged: ritualList},
		{name: "rituals: a new ritual may not take another's key", who: "cookie:adminA", method: "POST", path: "/admin/rituals", ctype: ct, status: 400,
			body:     body("name", "Pipeline-pod!", "rrule", "FREQ=WEEKLY", "minutes", "30", "agenda_title", "x", "agenda_minutes", "30"),
			contains: []string{"there is already a ritual called Pipeline pod"}, unchanged: ritualList},
		{name: "rituals: a rep may not add a ritual", who: "cookie:rep1A", method: "POST", path: "/admin/rituals", ctype: ct, status: 403,
			body: body("name", "Rep ritual", "rrule", "FREQ=WEEKLY", "minutes", "30", "agenda_title", "x", "agenda_minutes", "30"), unchanged: ritualList},
		{name: "rituals: another organisation does not find a custom ritual", who: "cookie:adminB", method: "GET", path: "/admin/rituals/custom_pipeline_pod", status: 404,
			excludes: []string{"Pipeline pod"}},
		{name: "rituals: another organisation cannot edit a custom ritual", who: "cookie:adminB", method: "POST", path: "/admin/rituals/custom_pipeline_pod", ctype: ct,
			status: 404, body: body("name", "Taken over", "rrule", "FREQ=WEEKLY", "minutes", "30", "agenda_title", "x", "agenda_minutes", "30"),
			unchanged: func(t testing.TB) string { return ritualOf("custom_pipeline_pod")(t) + "|" + ritualListOf("adminB")(t) }},

		// The run sheet.
		{name: "rituals: the run sheet", who: "cookie:rep2A", method: "GET", path: sess(st.s1), status: 200,
			contains: []string{"Run sheet", "Open commitments since last time", "Acme renewal", "48000", "Find a champion", st.marker, "Start the session", `id="next"`}},
		{name: "rituals: the next session opens with the open commitment", who: "cookie:rep2A", method: "GET", path: sess(st.s2), status: 200,
			contains: []string{`class="review-item"`, "Twenty prospecting calls"}},
		{name: "rituals: a manager does not see a session", who: "cookie:managerA", method: "GET", path: sess(st.s1), status: 404, excludes: []string{st.marker}},
		{name: "rituals: another organisation does not see a session", who: "cookie:repB", method: "GET", path: sess(st.s1), status: 404},
		{name: "rituals: start with one click", who: "cookie:rep1A", method: "POST", path: sess(st.s1) + "/start", status: 303, location: sess(st.s1) + "?done=started"},
		{name: "rituals: a running session shows the elapsed time", who: "cookie:rep1A", method: "GET", path: sess(st.s1), status: 200,
			contains: []string{`id="elapsed"`, "data-started=", "End the session"}},
		{name: "rituals: save notes and attendance", who: "cookie:rep1A", method: "POST", path: sess(st.s1) + "/notes", ctype: ct, status: 303,
			body:     body("notes", "Kept private "+st.marker, "video_link", "https://meet.example/alpha", "present", fmt.Sprint(f.id("rep1A")), "present", fmt.Sprint(f.id("rep2A"))),
			location: sess(st.s1) + "?done=saved"},
		{name: "rituals: a bad video link is refused", who: "cookie:rep1A", method: "POST", path: sess(st.s1) + "/notes", ctype: ct, status: 400,
			body: body("notes", "x", "video_link", "javascript:alert(1)"), contains: []string{"https://"}},
		{name: "rituals: bring a deal", who: "cookie:rep2A", method: "POST", path: sess(st.s1) + "/items", ctype: ct, status: 303,
			body:     body("kind", "deal", "deal", "Globex expansion", "stage", "Negotiation", "amount", "120000", "blocker", "Procurement"),
			location: sess(st.s1) + "?done=brought"},
		{name: "rituals: a deal needs a name", who: "cookie:rep2A", method: "POST", path: sess(st.s1) + "/items", ctype: ct, status: 400,
			body: body("kind", "deal"), contains: []string{"name the deal"}},
		{name: "rituals: only the owner takes an item back", who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("%s/items/%d/delete", sess(st.s1), st.item), status: 403},
		{name: "rituals: take an item back", who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("%s/items/%d/delete", sess(st.s1), st.item), status: 303,
			location: sess(st.s1) + "?done=removed"},
		{name: "rituals: add an action item", who: "cookie:rep2A", method: "POST", path: sess(st.s1) + "/actions", ctype: ct, status: 303,
			body: body("owner", fmt.Sprint(f.id("rep2A")), "text", "Loop in procurement"), location: sess(st.s1) + "?done=action"},
		{name: "rituals: tick an action item", who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("%s/actions/%d/done", sess(st.s1), st.action), ctype: ct,
			body: body("done", "true"), status: 303, location: sess(st.s1) + "?done=saved"},
		{name: "rituals: end the session", who: "cookie:rep1A", method: "POST", path: sess(st.s1) + "/end", status: 303, location: sess(st.s1) + "?done=ended"},
		{name: "rituals: a rep may not skip", who: "cookie:rep1A", method: "POST", path: sess(st.s3) + "/skip", status: 403},
		{name: "rituals: the coach skips one occurrence", who: "cookie:coachA", method: "POST", path: sess(st.s3) + "/skip", status: 303, location: sess(st.s3) + "?done=skipped"},
		{name: "rituals: the coach moves one occurrence", who: "cookie:coachA", method: "POST", path: sess(st.s2) + "/move", ctype: ct, status: 303,
			body: body("date", later, "time", "16:30"), location: sess(st.s2) + "?done=moved"},
		{name: "rituals: a held session cannot be skipped", who: "cookie:coachA", method: "POST", path: sess(st.s1) + "/skip", status: 409},

		// Commitments.
		{name: "rituals: commit in a session", who: "cookie:rep2A", method: "POST", path: "/commitments", ctype: ct, status: 303,
			body:     body("to", fmt.Sprintf("group:%d", g), "session_id", fmt.Sprint(st.s1), "text", "Role-play the price objection twice", "due", later, "target", "2"),
			location: sess(st.s1) + "?done=committed"},
		{name: "rituals: a commitment needs a due date", who: "cookie:rep2A", method: "POST", path: "/commitments", ctype: ct, status: 400,
			body: body("to", fmt.Sprintf("group:%d", g), "text", "Something"), contains: []string{"due"}},
		{name: "rituals: a commitment to a peer", who: "cookie:rep2A", method: "POST", path: "/commitments", ctype: ct, status: 303,
			body: body("to", fmt.Sprintf("peer:%d", f.id("rep1A")), "text", "Send Rita my opener", "due", later), location: "/sessions?done=committed"},
		{name: "rituals: check in", who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("/commitments/%d/checkin", st.promise), ctype: ct, status: 303,
			body: body("progress", "12", "note", "halfway"), location: "/sessions?done=checked"},
		{name: "rituals: only the maker checks in", who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("/commitments/%d/checkin", st.promise), ctype: ct,
			status: 403, body: body("progress", "1")},
		{name: "rituals: mark a commitment done", who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("/commitments/%d/status", st.promise), ctype: ct,
			status: 303, body: body("status", "done"), location: "/sessions?done=status"},
		{name: "rituals: another organisation cannot touch a commitment", who: "cookie:repB", method: "POST", path: fmt.Sprintf("/commitments/%d/status", st.promise),
			ctype: ct, status: 404, body: body("status", "dropped")},

		// The calendar.
		{name: "rituals: one session as .ics", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/calendar/sessions/%d", st.s1), status: 200, check: isCalendar},
		{name: "rituals: a manager gets no .ics", who: "cookie:managerA", method: "GET", path: fmt.Sprintf("/calendar/sessions/%d", st.s1), status: 404},
		{name: "rituals: the private feed needs no cookie", method: "GET", path: "/calendar/" + st.feed + ".ics", status: 200,
			check: isCalendar, contains: []string{"RRULE:FREQ=WEEKLY", "BEGIN:VTIMEZONE", "Alpha review circle"}, excludes: []string{st.marker, "Twenty prospecting"}},
		{name: "rituals: an unknown feed is not found", method: "GET", path: "/calendar/cal_nope.ics", status: 404},
		{name: "rituals: the calendar settings", who: "cookie:rep1A", method: "GET", path: "/profile/calendar", status: 200, contains: []string{"Your feed is on"}},
		{name: "rituals: make a feed address", who: "cookie:rep2A", method: "POST", path: "/profile/calendar", status: 200,
			contains: []string{"/calendar/cal_", "shown only once"}},
		{name: "rituals: turn the feed off", who: "cookie:rep2A", method: "POST", path: "/profile/calendar/delete", status: 303, location: "/profile/calendar?done=revoked"},
	}, ritualAPIScenarios(t, f, st)...)
}

// ritualAPIScenarios covers the rituals part of the JSON API.
func ritualAPIScenarios(t *testing.T, f *fixture, st ritualState) []scenario {
	g := st.group.ID
	api := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	tomorrow := f.svc.Now().AddDate(0, 0, 1).Format(domain.DateLayout)
	return []scenario{
		{name: "rituals API: templates", who: "token:rep1A", method: "GET", path: api("/ritual-templates"), status: 200,
			contains: []string{`"key": "deal_clinic"`, `"rrule": "FREQ=WEEKLY;INTERVAL=2"`, `"built_in": true`}},
		{name: "rituals API: a rep may not edit a template", who: "token:rep1A", method: "PUT", path: api("/ritual-templates/deal_clinic"), ctype: jsonType,
			body: `{"name":"Deal clinic","rrule":"FREQ=WEEKLY","minutes":50,"agenda":[{"title":"Deals","minutes":50}]}`, status: 403},
		{name: "rituals API: an admin edits a template", who: "token:adminA", method: "PUT", path: api("/ritual-templates/deal_clinic"), ctype: jsonType,
			body: `{"name":"Deal clinic","rrule":"FREQ=WEEKLY","minutes":50,"agenda":[{"title":"Deals","minutes":50}]}`, status: 200,
			contains: []string{`"minutes": 50`, `"built_in": true`}},
		{name: "rituals API: my groups", who: "token:rep1A", method: "GET", path: api("/groups"), status: 200,
			contains: []string{"Alpha review circle", `"access": "member"`}},
		{name: "rituals API: a coach starts a group", who: "token:coachA", method: "POST", path: api("/groups"), ctype: jsonType, status: 201,
			body: fmt.Sprintf(`{"name":"API pod","template":"micro_coaching","member_ids":[%d]}`, f.id("rep1A")), contains: []string{`"name": "API pod"`}},
		{name: "rituals API: an unknown field is refused", who: "token:coachA", method: "POST", path: api("/groups"), ctype: jsonType, status: 400,
			body: `{"name":"x","template":"micro_coaching","colour":"red"}`},
		{name: "rituals API: a group for a manager is counts only", who: "token:managerA", method: "GET", path: api("/groups/%d", g), status: 200,
			contains: []string{`"access": "counts"`, `"commitments"`}, excludes: []string{st.marker, "Twenty prospecting"}},
		{name: "rituals API: another organisation gets 404", who: "token:adminB", method: "GET", path: api("/groups/%d", g), status: 404},
		{name: "rituals API: slots", who: "token:coachA", method: "GET", path: api("/groups/%d/slots", g), status: 200, contains: []string{`"fits_everyone"`, `"slots"`}},
		{name: "rituals API: a rep gets no slots", who: "token:rep1A", method: "GET", path: api("/groups/%d/slots", g), status: 403},
		{name: "rituals API: schedule", who: "token:coachA", method: "PUT", path: api("/groups/%d/schedule", g), ctype: jsonType, status: 200,
			body: fmt.Sprintf(`{"date":%q,"time":"15:00","time_zone":"Europe/Berlin","rrule":"FREQ=WEEKLY"}`, tomorrow), contains: []string{`"rrule": "FREQ=WEEKLY;BYDAY=`}},
		{name: "rituals API: a bad rule is refused", who: "token:coachA", method: "PUT", path: api("/groups/%d/schedule", g), ctype: jsonType, status: 400,
			body: fmt.Sprintf(`{"date":%q,"time":"15:00","rrule":"FREQ=HOURLY"}`, tomorrow)},
		{name: "rituals API: a session", who: "token:rep2A", method: "GET", path: api("/sessions/%d", st.s1), status: 200,
			contains: []string{`"kind": "commitments_review"`, st.marker, `"action_items"`}},
		{name: "rituals API: a manager gets no session", who: "token:managerA", method: "GET", path: api("/sessions/%d", st.s1), status: 404,
			excludes: []string{st.marker}},
		{name: "rituals API: update a session", who: "token:rep2A", method: "PATCH", path: api("/sessions/%d", st.s1), ctype: jsonType, status: 200,
			body: `{"notes":"API notes"}`, contains: []string{`"notes": "API notes"`}},
		{name: "rituals API: a bad status is refused", who: "token:rep2A", method: "PATCH", path: api("/sessions/%d", st.s1), ctype: jsonType, status: 400,
			body: `{"status":"exploded"}`},
		{name: "rituals API: my commitments", who: "token:rep1A", method: "GET", path: api("/commitments"), status: 200,
			contains: []string{"Twenty prospecting calls", `"completion_rate"`}},
		{name: "rituals API: commit", who: "token:rep1A", method: "POST", path: api("/commitments"), ctype: jsonType, status: 201,
			body: fmt.Sprintf(`{"to":"group:%d","text":"Ten discovery calls","due":%q,"target":10}`, g, tomorrow), contains: []string{`"target": 10`}},
		{name: "rituals API: commit to a group one is not in", who: "token:managerA", method: "POST", path: api("/commitments"), ctype: jsonType, status: 400,
			body: fmt.Sprintf(`{"to":"group:%d","text":"x","due":%q}`, g, tomorrow)},
		{name: "rituals API: reopen and check in", who: "token:rep1A", method: "PATCH", path: api("/commitments/%d", st.promise), ctype: jsonType, status: 200,
			body: `{"status":"open"}`, contains: []string{`"status": "open"`}},
		{name: "rituals API: check in", who: "token:rep1A", method: "POST", path: api("/commitments/%d/checkins", st.promise), ctype: jsonType, status: 200,
			body: `{"progress":15,"note":"nearly"}`, contains: []string{`"progress": 15`}},
		{name: "rituals API: another organisation cannot check in", who: "token:repB", method: "POST", path: api("/commitments/%d/checkins", st.promise),
			ctype: jsonType, status: 404, body: `{"progress":1}`},
	}
}
