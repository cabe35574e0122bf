package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// seedPeerFeedback turns anonymous reviews on and adds feedback requests
// between Ana and three EMEA teammates in every state: a call review with
// one finished review and one at the recommendations step (Ana has not yet
// read the observations), an anonymous e-mail review released with two
// reviews, a deal plan waiting for Ana to accept, a request where Ana is
// drafting and a peer declined, and a finished, acknowledged and rated
// review of Ana's private call. The default rubrics come with it.
func seedPeerFeedback(ctx context.Context, svc *service.Service, org domain.Org) error {
	sys := service.SystemActor(org)
	if err := svc.SetFeedbackSettings(ctx, sys, service.FeedbackSettings{Anonymous: true}); err != nil {
		return err
	}
	people, _, err := svc.People(ctx, sys, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	var ana domain.Person
	for _, p := range people {
		if p.Email == SignInEmail {
			ana = p
		}
	}
	var mates []domain.Person
	for _, p := range people {
		if p.TeamID == ana.TeamID && p.ID != ana.ID && !p.Roles.Has(domain.RoleManager) && len(mates) < 3 {
			mates = append(mates, p)
		}
	}
	if ana.ID == 0 || len(mates) < 3 {
		return fmt.Errorf("feedback: Ana and three EMEA teammates are needed, found %d", len(mates))
	}
	as := func(p domain.Person) service.Actor { return service.Actor{Org: org, Person: p} }
	rubrics, err := svc.Rubrics(ctx, as(ana))
	if err != nil {
		return err
	}
	rubric := map[string]domain.Rubric{}
	for _, r := range rubrics {
		rubric[r.Builtin] = r
	}
	calls, _, err := svc.Calls(ctx, as(ana), domain.CallFilter{OwnerID: ana.ID, Page: domain.Page{Limit: 10}})
	if err != nil {
		return err
	}
	slices.SortFunc(calls, func(a, b domain.Call) int { return a.OccurredAt.Compare(b.OccurredAt) })
	if len(calls) < 2 {
		return fmt.Errorf("feedback: Ana needs two calls, has %d", len(calls))
	}
	now := svc.Now()
	s := feedbackSeeder{ctx: ctx, svc: svc, as: as}
	ask := func(who domain.Person, in service.FeedbackRequestInput, rubricKey string, days int, invitees ...domain.Person) domain.FeedbackRequest {
		in.RubricID, in.DueAt = rubric[rubricKey].ID, now.Add(time.Duration(days)*24*time.Hour)
		for _, p := range invitees {
			in.Invitees = append(in.Invitees, p.ID)
		}
		r, err := svc.RequestFeedback(ctx, as(who), in)
		s.fail(err)
		return r
	}
	disc := rubric["discovery"].Criteria

	// 1. Ana's discovery call: one review done, one at the recommendations step.
	r1 := ask(ana, service.FeedbackRequestInput{CallID: calls[0].ID, Ask: "Did I get to the cost of doing nothing before talking price?"},
		"discovery", 3, mates[0], mates[1])
	s.review(mates[0], r1, disc, []int{4, 3, 5}, "You let Jonas finish the story about the failed rollout; the follow-up question on its cost was spot on.",
		"The budget came up before the pain was quantified.", "Ask what a quarter of delay costs them before you mention pricing.")
	s.review(mates[1], r1, disc, []int{3, 0, 4}, "Clear agenda up front, and every question built on the last answer.",
		"Value stayed generic: no link to what makes us different.", "")
	// 2. An anonymous review of an e-mail, released with two reviews.
	r2 := ask(ana, service.FeedbackRequestInput{Title: "Follow-up e-mail to Halden's CFO", ArtefactKind: domain.ArtefactEmail, Anonymous: true,
		ArtefactText: "Hi Petra,\n\nThanks for your time on Tuesday. As promised, here is how teams like yours cut reconciliation time by a third…\n\nBest,\nAna"},
		"outbound", 2, mates[0], mates[1], mates[2])
	outbound := rubric["outbound"].Criteria
	s.review(mates[1], r2, outbound, []int{4, 3, 0}, "The subject line names her problem, not our product.", "The ask at the end is vague.", "End with one question she can answer in a line.")
	s.review(mates[2], r2, outbound, []int{5, 4, 0}, "The reference to her board meeting shows you listened.", "", "")
	// 3. A deal plan waiting for Ana.
	ask(mates[0], service.FeedbackRequestInput{Title: "Meridian Agritech deal plan", ArtefactKind: domain.ArtefactDealPlan,
		ArtefactText: "Champion: head of operations. Economic buyer: CFO (not met). Paper process: unknown. Close: end of quarter."},
		"meddpicc", 4, ana)
	// 4. Ana drafting; one peer declined.
	r4 := ask(mates[1], service.FeedbackRequestInput{Title: "Closing e-mail to Cobalt Ridge", ArtefactKind: domain.ArtefactEmail,
		ArtefactText: "Hi Marc, great demo today. Shall we pencil in a call next week to talk next steps?"}, "next_steps", 5, ana, mates[2])
	s.fail(svc.RespondToRequest(ctx, as(ana), r4.ID, true))
	_, err = svc.SaveReviewDraft(ctx, as(ana), r4.ID, service.ReviewInput{Highlights: "Friendly, and sent the same day."})
	s.fail(err)
	s.fail(svc.RespondToRequest(ctx, as(mates[2]), r4.ID, false))
	// 5. A finished review of Ana's private call, read and rated.
	r5 := ask(ana, service.FeedbackRequestInput{CallID: calls[len(calls)-1].ID, Ask: "How did I handle the procurement pushback?"},
		"objection_handling", 6, mates[2])
	obj := rubric["objection_handling"].Criteria
	rv := s.review(mates[2], r5, obj, []int{5, 4, 3}, "You restated the procurement concern before answering it.",
		"The answer did not check whether it landed.", "After answering, ask: \"Does that address what procurement needs?\"")
	s.fail(svc.AcknowledgeObservations(ctx, as(ana), r5.ID, 1))
	_, err = svc.RateReview(ctx, as(ana), rv.Ref, 5, "Exactly the nudge I needed.")
	s.fail(err)
	return s.err
}

// feedbackSeeder writes demo reviews and keeps the first error.
type feedbackSeeder struct {
	ctx context.Context
	svc *service.Service
	as  func(domain.Person) service.Actor
	err error
}

func (s *feedbackSeeder) fail(err error) {
	if err != nil && s.err == nil {
		s.err = err
	}
}

// review accepts a request and submits observations (a score per
// criterion, 0 to skip), then recommendations when rec is not empty.
func (s *feedbackSeeder) review(p domain.Person, r domain.FeedbackRequest, crit []domain.RubricCriterion, scores []int,
	high, imp, rec string) service.ReviewView {
	if s.err != nil {
		return service.ReviewView{}
	}
	a := s.as(p)
	s.fail(s.svc.RespondToRequest(s.ctx, a, r.ID, true))
	in := service.ReviewInput{Highlights: high, Improvements: imp}
	for i, sc := range scores {
		if i < len(crit) && sc > 0 {
			in.Scores = append(in.Scores, domain.ReviewScore{CriterionID: crit[i].ID, Score: sc})
		}
	}
	v, err := s.svc.SubmitObservations(s.ctx, a, r.ID, in)
	s.fail(err)
	if strings.TrimSpace(rec) != "" && err == nil {
		v, err = s.svc.SubmitRecommendations(s.ctx, a, r.ID, rec)
		s.fail(err)
	}
	return v
}
