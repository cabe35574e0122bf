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
// drafting and a peer declined, a finished, acknowledged and rated review
// of Ana's private call, a snippet of her call with one review in, and a
// deal a teammate asks Ana about. The default rubrics come with it.
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
		"The budget came up before the pain was quantified.", "Ask what a quarter of delay costs them before you mention pricing.",
		seedRemark{moment: "long_customer_story", at: 95, kind: domain.RemarkHighlight, note: "You stayed quiet and let the whole story come out — this is where the cost of the manual close appeared."},
		seedRemark{moment: "objection", at: 240, kind: domain.RemarkImprovement, note: "Here the price came up; I would have asked what the delay costs them first."},
		seedRemark{at: 30, kind: domain.RemarkHighlight, note: "A clear agenda, and you asked them to add to it."})
	s.review(mates[1], r1, disc, []int{3, 0, 4}, "Clear agenda up front, and every question built on the last answer.",
		"Value stayed generic: no link to what makes us different.", "",
		seedRemark{moment: "discovery_question", at: 60, kind: domain.RemarkHighlight, note: "Great open question: they talked for minutes after it."},
		seedRemark{at: 420, kind: domain.RemarkImprovement, note: "The value summary here could have named what makes us different."})
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
		"The answer did not check whether it landed.", "After answering, ask: \"Does that address what procurement needs?\"",
		seedRemark{moment: "objection", at: 60, kind: domain.RemarkHighlight, note: "You restated Ruud's concern in his words before answering."},
		seedRemark{at: 200, kind: domain.RemarkImprovement, note: "After the answer, a quick check — does that address it? — would have closed the loop."})
	s.fail(svc.AcknowledgeObservations(ctx, as(ana), r5.ID, 1))
	_, err = svc.RateReview(ctx, as(ana), rv.Ref, 5, "Exactly the nudge I needed.")
	s.fail(err)
	// 6. A snippet of Ana's first call: one review in, one peer pending.
	sn, err := svc.CreateSnippet(ctx, as(ana), calls[0].ID, "Pricing question, too early?", 0, 90, []int64{mates[0].ID})
	s.fail(err)
	if s.err == nil {
		r6 := ask(ana, service.FeedbackRequestInput{SnippetID: sn.ID, Ask: "Was it too early to talk price here?"}, "discovery", 4, mates[1], mates[2])
		s.review(mates[2], r6, disc, []int{2, 0, 3}, "You asked about budget before the pain had a number on it.", "", "",
			seedRemark{at: 45, kind: domain.RemarkImprovement, note: "Budget, before the pain has a number on it."})
	}
	// 7. A deal a teammate asks Ana about, accepted and being drafted.
	r7 := ask(mates[2], service.FeedbackRequestInput{Deal: &domain.Deal{Name: "Nordlicht Logistics — fleet rollout", Stage: "Negotiation",
		Amount: 86000, Currency: "EUR", CloseDate: now.AddDate(0, 1, 0).Format(domain.DateLayout),
		Blocker: "Procurement asks for 15% off before the CFO has seen the business case.", Notes: "Champion: head of fleet operations."}},
		"meddpicc", 5, ana, mates[0])
	s.fail(svc.RespondToRequest(ctx, as(ana), r7.ID, true))
	return s.err
}

// seedCircleFeedback has Ana ask her call review circle about a deal:
// three members have written observations that disagree on some
// criteria (so the calibration shows), one of them has added
// recommendations, and Ana has not read the observations yet. It runs
// after the rituals, which start the circle.
func seedCircleFeedback(ctx context.Context, svc *service.Service, org domain.Org) error {
	people, _, err := svc.People(ctx, service.SystemActor(org), domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	byID := map[int64]domain.Person{}
	var ana domain.Person
	for _, p := range people {
		byID[p.ID] = p
		if p.Email == SignInEmail {
			ana = p
		}
	}
	as := func(p domain.Person) service.Actor { return service.Actor{Org: org, Person: p} }
	circles, err := svc.FeedbackCircles(ctx, as(ana))
	if err != nil || len(circles) == 0 {
		return fmt.Errorf("circle feedback: Ana has no circle (%v)", err)
	}
	circle := circles[0]
	for _, g := range circles {
		if g.TemplateKey == "call_review_circle" {
			circle = g
			break
		}
	}
	rubrics, err := svc.Rubrics(ctx, as(ana))
	if err != nil {
		return err
	}
	var meddpicc domain.Rubric
	for _, r := range rubrics {
		if r.Builtin == "meddpicc" {
			meddpicc = r
		}
	}
	r, err := svc.RequestFeedback(ctx, as(ana), service.FeedbackRequestInput{GroupID: circle.ID, RubricID: meddpicc.ID,
		Ask: "Is this qualified enough to commit for the quarter?", DueAt: svc.Now().Add(4 * 24 * time.Hour),
		Deal: &domain.Deal{Name: "Halden Group — finance automation", Stage: "Proposal", Amount: 124000, Currency: "EUR",
			CloseDate: svc.Now().AddDate(0, 2, 0).Format(domain.DateLayout),
			Blocker:   "The economic buyer (CFO) has not been met; the champion is keen but junior.",
			Notes:     "Pilot ran well; procurement process unknown."}})
	if err != nil {
		return fmt.Errorf("circle feedback: %w", err)
	}
	var members []domain.Person
	for _, in := range r.Invites {
		members = append(members, byID[in.PersonID])
	}
	slices.SortFunc(members, func(a, b domain.Person) int { return strings.Compare(a.Name, b.Name) })
	if len(members) < 3 {
		return fmt.Errorf("circle feedback: %s has %d other members, want 3", circle.Name, len(members))
	}
	s := feedbackSeeder{ctx: ctx, svc: svc, as: as}
	// Scores for the eight MEDDPICC elements; 0 skips one.
	s.review(members[0], r, meddpicc.Criteria, []int{4, 2, 3, 1, 0, 2, 4, 3}, "The pain is quantified: reconciliation takes nine days a month.",
		"Nobody has met the CFO; the decision process is a guess.", "Ask your champion to set up 20 minutes with the CFO this month.")
	s.review(members[1], r, meddpicc.Criteria, []int{5, 4, 3, 3, 2, 2, 5, 4}, "Strong champion, and the pilot results are written down.",
		"Paper process unknown.", "")
	s.review(members[2], r, meddpicc.Criteria, []int{3, 1, 2, 1, 1, 0, 3, 2}, "Clear metrics from the pilot.",
		"I would not commit this: no economic buyer, no decision criteria from them.", "")
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

// seedRemark is a remark a demo reviewer adds at a moment of the call:
// on its first teachable moment of a kind when it has one, else at a time.
type seedRemark struct {
	moment string  // a moment kind; "" for none
	at     float64 // seconds from the start, when there is no such moment
	kind   domain.RemarkKind
	note   string
}

// remark adds a seeded remark to p's draft review of r.
func (s *feedbackSeeder) remark(a service.Actor, r domain.FeedbackRequest, moments []service.SubjectMoment, m seedRemark) {
	in := service.RemarkInput{Kind: m.kind, Note: m.note, AtSeconds: &m.at}
	for _, sm := range moments {
		if m.moment != "" && sm.Kind == m.moment {
			in.Moment, in.AtSeconds = sm.Index, nil
			break
		}
	}
	_, err := s.svc.AddRemark(s.ctx, a, r.ID, in)
	s.fail(err)
}

// review accepts a request and submits observations (a score per
// criterion, 0 to skip, and remarks at moments of the call), then
// recommendations when rec is not empty.
func (s *feedbackSeeder) review(p domain.Person, r domain.FeedbackRequest, crit []domain.RubricCriterion, scores []int,
	high, imp, rec string, remarks ...seedRemark) service.ReviewView {
	if s.err != nil {
		return service.ReviewView{}
	}
	a := s.as(p)
	s.fail(s.svc.RespondToRequest(s.ctx, a, r.ID, true))
	if len(remarks) > 0 && s.err == nil {
		v, err := s.svc.FeedbackRequest(s.ctx, a, r.ID)
		s.fail(err)
		for _, m := range remarks {
			s.remark(a, r, v.Moments, m)
		}
	}
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

// helpfulnessRatings are the ratings Ana's historic reviews get, oldest
// first: she grows more helpful over the months.
var helpfulnessRatings = []int{3, 2, 3, 4, 3, 4, 4, 5, 4, 5}

// seedReviewerHelpfulness has the reps whose historic discovery notes Ana
// reviewed (see seedSkillProfiles) read her observations and rate them a
// couple of days later, so that her helpfulness as a reviewer has a
// history over past months. It runs after the skill profiles.
func seedReviewerHelpfulness(ctx context.Context, svc *service.Service, org domain.Org) error {
	people, _, err := svc.People(ctx, service.SystemActor(org), domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	var ana domain.Person
	for _, p := range people {
		if p.Email == SignInEmail {
			ana = p
		}
	}
	as := func(p domain.Person) service.Actor { return service.Actor{Org: org, Person: p} }
	o, err := svc.FeedbackOverview(ctx, as(ana))
	if err != nil {
		return err
	}
	type done struct {
		requester domain.Person
		review    service.ReviewView
	}
	var history []done
	for _, sum := range o.Invited {
		if !strings.HasPrefix(sum.Request.Title, "Discovery notes: ") || sum.MyPhase != domain.PhaseObserved {
			continue
		}
		rv, err := svc.MyReview(ctx, as(ana), sum.Request.ID)
		if err != nil {
			return fmt.Errorf("helpfulness: %w", err)
		}
		history = append(history, done{requester: sum.Requester, review: rv})
	}
	slices.SortFunc(history, func(a, b done) int { return a.review.ObservedAt.Compare(b.review.ObservedAt) })
	for i, h := range history {
		past := svc.AsOf(h.review.ObservedAt.Add(50 * time.Hour))
		v, err := past.FeedbackRequest(ctx, as(h.requester), h.review.RequestID)
		if err != nil {
			return fmt.Errorf("helpfulness: %w", err)
		}
		if err := past.AcknowledgeObservations(ctx, as(h.requester), v.Request.ID, v.ReviewsSoFar); err != nil {
			return fmt.Errorf("helpfulness: %w", err)
		}
		if _, err := past.RateReview(ctx, as(h.requester), h.review.Ref, helpfulnessRatings[i%len(helpfulnessRatings)], ""); err != nil {
			return fmt.Errorf("helpfulness: %w", err)
		}
	}
	if len(history) < 3 {
		return fmt.Errorf("helpfulness: Ana has %d historic reviews, want at least 3", len(history))
	}
	return nil
}
