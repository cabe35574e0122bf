package service_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// Attacks on what landed with skill profiles, feedback subjects, examples
// of great and ritual specifics, tried at the service on both engines.
// The HTTP side is in internal/server/privacy_today_test.go.

// TestSuggestionsWaitForAnonymousRelease: "rated highly by peer reviewers"
// is review content. A lone anonymous review that its own recipient may
// not read yet must not reach a coach as a suggestion either.
func TestSuggestionsWaitForAnonymousRelease(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rubric, team, _ := exampleWorld(t, w)
		rita, coach := w.actor(t, "rep1A"), w.actor(t, "coachA")
		key := rubric.Criteria[0].Key
		must(0, w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}))(t)
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{CallID: team.ID, RubricID: rubric.ID, Anonymous: true,
			DueAt: w.clock.Now().Add(72 * time.Hour), Invitees: []int64{w.people["rep2A"].ID, w.people["rep3A"].ID}}))(t)
		observe(t, w, "rep2A", r, rubric, 5, "early and alone")

		if v := must(w.svc.FeedbackRequest(ctx, rita, r.ID))(t); len(v.Reviews) != 0 {
			t.Fatalf("the lone anonymous review is released to Rita: %+v", v.Reviews)
		}
		for _, s := range must(w.svc.ExampleSuggestions(ctx, coach, rubric.ID, key))(t) {
			if s.RatedHigh || strings.Contains(s.Reason, "Rated highly") {
				t.Errorf("the coach learns of an unreleased anonymous review: %+v", s)
			}
		}

		// Once released to Rita, the rating may guide the coach.
		observe(t, w, "rep3A", r, rubric, 4, "second")
		rated := false
		for _, s := range must(w.svc.ExampleSuggestions(ctx, coach, rubric.ID, key))(t) {
			rated = rated || (s.CallID == team.ID && s.RatedHigh)
		}
		if !rated {
			t.Errorf("released reviews rating the call highly are not suggested")
		}
	})
}

// TestSurveyAveragesNeverGiveAwayAnAnswer: in a skill swap, an average of
// one answer is that answer, and of two it is the other member's to
// anyone who knows their own. Neither the page nor a late joiner learns
// an answer that way.
func TestSurveyAveragesNeverGiveAwayAnAnswer(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		coach, _ := ritualWorld(t, w)
		_, sid := ritualGroup(t, w, coach, "skill_swap_workshop", "rep1A", "rep2A")
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		must(w.svc.SetSkillSwap(ctx, rita, sid, service.SkillSwapInput{TeacherID: coach.Person.ID, Skills: []string{"Pricing"}}))(t)

		must(0, w.svc.AnswerSurvey(ctx, rita, sid, domain.SurveyBefore, map[string]int{"Pricing": 1}))(t)
		for _, who := range []service.Actor{remy, coach} {
			c := must(w.svc.Session(ctx, who, sid))(t).Swap.Skills[0]
			if c.Before != nil || c.BeforeCount != 1 || c.MyBefore != 0 {
				t.Errorf("%s reads Rita's lone answer: %+v", who.Person.Name, c)
			}
		}
		must(0, w.svc.AnswerSurvey(ctx, remy, sid, domain.SurveyBefore, map[string]int{"Pricing": 5}))(t)
		if c := must(w.svc.Session(ctx, remy, sid))(t).Swap.Skills[0]; c.Before != nil || c.MyBefore != 5 {
			t.Errorf("Remy works out Rita's answer from a two-answer average: %+v", c)
		}
		must(0, w.svc.AnswerSurvey(ctx, coach, sid, domain.SurveyBefore, map[string]int{"Pricing": 3}))(t)
		if c := must(w.svc.Session(ctx, remy, sid))(t).Swap.Skills[0]; c.Before == nil || *c.Before != 3 || c.BeforeCount != 3 {
			t.Errorf("three answers: %+v", c)
		}
	})
}
