package demo

import (
	"context"
	"fmt"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// sessionContent adds what a past session's ritual produces: deals with
// their action items, challenges, objections and stories with notes, a
// skill swap's cheat sheet and survey, a shadowing pair's week and logs.
type sessionContent struct {
	svc     *service.Service
	group   domain.Group
	session domain.GroupSession
	index   int  // the session's place among the group's past sessions
	last    bool // the latest past session
	ids     []int64
	actors  map[int64]service.Actor
}

var (
	demoDeals = []struct{ Name, Stage, Blocker, Action string }{
		{"Northwind renewal", "Negotiation", "Procurement wants a 15% discount", "Send the value recap with the three outcomes they measured"},
		{"Globex expansion", "Proposal", "No executive sponsor above the buyer", "Ask the buyer to introduce the CFO before Friday"},
		{"Initech pilot", "Discovery", "The pain is not quantified", "Run the cost-of-delay questions on the next call"},
		{"Umbrella platform deal", "Evaluation", "A competitor's free pilot", "Share the migration plan and a customer reference"},
	}
	demoChallenges = []string{
		"Prospects go quiet after the demo", "I talk too much in discovery", "Getting past the gatekeeper at enterprise accounts",
	}
	demoObjections = []struct{ Text, Note string }{
		{"\"Your price is 30% above the incumbent.\"", "Best response so far: reframe on the cost of delay, then ask what the incumbent does not solve."},
		{"\"We have no budget until next quarter.\"", "Ask what changes next quarter; offer a paid pilot sized to this quarter's discretionary spend."},
	}
	demoCheatSheet = "## Discovery questions that open up\n\n" +
		"1. **Why now?** What changed that makes this a priority this quarter?\n" +
		"2. **Cost of delay:** what does another six months of the status quo cost?\n" +
		"3. **Who else:** who else loses sleep over this?\n\n" +
		"### Multi-threading\n\n- Map the buying committee by the second call\n- Ask for the introduction; do not go around the buyer\n\n" +
		"> Observations before advice: ask, then listen for twice as long."
)

func (c sessionContent) actor(i int) service.Actor { return c.actors[c.ids[i%len(c.ids)]] }

// before adds what members bring before the session, and the "before"
// confidence survey.
func (c sessionContent) before(ctx context.Context) error {
	switch c.group.TemplateKey {
	case "deal_clinic":
		return c.deals(ctx)
	case "micro_coaching":
		for i := range c.ids {
			it := domain.SessionItem{Kind: domain.ItemChallenge, Text: demoChallenges[(c.index+i)%len(demoChallenges)]}
			if _, err := c.svc.BringItem(ctx, c.actor(i), c.session.ID, it); err != nil {
				return fmt.Errorf("challenge: %w", err)
			}
		}
	case "objection_forum":
		o := demoObjections[c.index%len(demoObjections)]
		return c.topic(ctx, domain.ItemObjection, o.Text, o.Note)
	case "success_showcase":
		return c.topic(ctx, domain.ItemStory, "Won Globex by mapping the buying committee in the second call — context, approach, result and what we learned",
			"Competency: multi-threading. Reuse the committee map template.")
	case "skill_swap_workshop":
		return c.skillSwapBefore(ctx)
	case "peer_shadowing":
		if c.index == 0 {
			return c.shadowingWeek(ctx)
		}
	}
	return nil
}

// after adds the "after" survey and the shadowing debriefs.
func (c sessionContent) after(ctx context.Context) error {
	switch c.group.TemplateKey {
	case "skill_swap_workshop":
		for i := range c.ids {
			if err := c.svc.AnswerSurvey(ctx, c.actor(i), c.session.ID, domain.SurveyAfter,
				map[string]int{"Discovery questions": 4 + i%2, "Multi-threading": 3 + i%2}); err != nil {
				return fmt.Errorf("survey after: %w", err)
			}
		}
	case "peer_shadowing":
		return c.debrief(ctx)
	}
	return nil
}

func (c sessionContent) deals(ctx context.Context) error {
	for i := range c.ids {
		d := demoDeals[(c.index+i)%len(demoDeals)]
		amount := float64(24000 + 12000*((c.index+i)%4))
		it, err := c.svc.BringItem(ctx, c.actor(i), c.session.ID, domain.SessionItem{Kind: domain.ItemDeal, DealName: d.Name,
			Stage: d.Stage, Amount: &amount, Blocker: d.Blocker})
		if err != nil {
			return fmt.Errorf("deal: %w", err)
		}
		if _, err := c.svc.AddAction(ctx, c.actor(i+1), c.session.ID, service.ActionInput{ItemID: it.ID, Text: d.Action}); err != nil {
			return fmt.Errorf("deal action: %w", err)
		}
	}
	return nil
}

func (c sessionContent) topic(ctx context.Context, kind, text, note string) error {
	it, err := c.svc.BringItem(ctx, c.actor(c.index), c.session.ID, domain.SessionItem{Kind: kind, Text: text})
	if err != nil {
		return fmt.Errorf("%s: %w", kind, err)
	}
	return c.svc.SetItemNote(ctx, c.actor(c.index+1), c.session.ID, it.ID, note)
}

// skillSwapBefore names a rep as teacher, writes the cheat sheet and
// takes the members' confidence before the session.
func (c sessionContent) skillSwapBefore(ctx context.Context) error {
	teacher := c.actor(1)
	if _, err := c.svc.SetSkillSwap(ctx, teacher, c.session.ID, service.SkillSwapInput{Skills: []string{"Discovery questions", "Multi-threading"}}); err != nil {
		return fmt.Errorf("skill swap: %w", err)
	}
	if _, err := c.svc.WriteCheatSheet(ctx, teacher, c.session.ID, demoCheatSheet); err != nil {
		return fmt.Errorf("cheat sheet: %w", err)
	}
	for i := range c.ids {
		if err := c.svc.AnswerSurvey(ctx, c.actor(i), c.session.ID, domain.SurveyBefore,
			map[string]int{"Discovery questions": 2 + i%2, "Multi-threading": 2}); err != nil {
			return fmt.Errorf("survey before: %w", err)
		}
	}
	return nil
}

// localDay is the session's date in the group's zone, as a calendar date.
func (c sessionContent) localDay() time.Time {
	loc, err := time.LoadLocation(c.group.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	y, m, d := c.session.StartsAt.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// shadowingWeek plans the pair's week from the first session, with goals.
func (c sessionContent) shadowingWeek(ctx context.Context) error {
	w, err := c.svc.StartShadowingWeek(ctx, c.actor(0), c.group.ID, c.localDay())
	if err != nil {
		return fmt.Errorf("shadowing week: %w", err)
	}
	goals := []string{"Open every call with an agenda and a time check", "Ask one more follow-up question before pitching"}
	for i := range c.ids {
		if err := c.svc.SetLearningGoal(ctx, c.actor(i), w.ID, goals[i%len(goals)]); err != nil {
			return fmt.Errorf("learning goal: %w", err)
		}
	}
	return nil
}

var demoDebriefs = []struct{ Observed, Try string }{
	{"Let the buyer finish the story about their last vendor before answering.", "Count to three before I respond."},
	{"Named the next step and a date before hanging up on every call.", "End each call with a calendar invite, not an email."},
	{"Asked 'what would have to be true?' when the buyer hesitated.", "Use the same question on my renewal call."},
	{"Shared the agenda in the first minute; the buyer added an item.", "Send the agenda the day before."},
	{"Recapped the pain in the buyer's own words before the demo.", "Write down the buyer's exact words during discovery."},
}

// debrief logs the day's debrief; after the last day, feedback both ways.
func (c sessionContent) debrief(ctx context.Context) error {
	weeks, err := c.svc.Shadowing(ctx, c.actor(0), c.group.ID)
	if err != nil || len(weeks.Weeks) == 0 {
		return fmt.Errorf("shadowing: %v", err)
	}
	w := weeks.Weeks[0]
	d := demoDebriefs[c.index%len(demoDebriefs)]
	if _, err := c.svc.AddDebrief(ctx, c.actor(c.index), w.ID, c.localDay(), d.Observed, d.Try); err != nil {
		return fmt.Errorf("debrief: %w", err)
	}
	if !c.last || len(c.ids) < 2 {
		return nil
	}
	feedback := []string{"Your discovery questions made the buyer do the talking; try summarising sooner.",
		"You kept every call to time; next, push for the second meeting on the call."}
	for i := range 2 {
		if _, err := c.svc.AddShadowFeedback(ctx, c.actor(i), w.ID, c.ids[(i+1)%2], feedback[i]); err != nil {
			return fmt.Errorf("feedback: %w", err)
		}
	}
	return nil
}
