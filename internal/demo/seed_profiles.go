package demo

import (
	"context"
	"fmt"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// profileAccounts name the demo's historic discovery reviews.
var profileAccounts = []string{"Halden Logistics", "Brightwater Foods", "Norrsken Energy", "Calder & Webb", "Ostrava Steelworks"}

// profileDaysAgo are when each rep of Ana's team asked for a review of
// their discovery notes: five requests over the last six months.
var profileDaysAgo = []int{165, 120, 80, 45, 12}

// seedSkillProfiles gives skill profiles a history, dated in the past:
// every rep of Ana's team (EMEA Enterprise) asked two teammates to review
// their discovery notes five times over six months, so the team's heat map
// on the Discovery rubric is filled and trends show (most improve, every
// fourth rep slips); and Ana and two teammates rated themselves a few
// times, so Ana's own profile shows her self-assessment moving too.
func seedSkillProfiles(ctx context.Context, svc *service.Service, org domain.Org) error {
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
	reps := []domain.Person{ana}
	for _, p := range people {
		if p.TeamID == ana.TeamID && p.ID != ana.ID && p.Active && !p.Roles.Has(domain.RoleManager) {
			reps = append(reps, p)
		}
	}
	if ana.ID == 0 || len(reps) < 3 {
		return fmt.Errorf("skill profiles: Ana and two teammates are needed, found %d", len(reps)-1)
	}
	as := func(p domain.Person) service.Actor { return service.Actor{Org: org, Person: p} }
	rubric := map[string]domain.Rubric{}
	rubrics, err := svc.Rubrics(ctx, as(ana))
	if err != nil {
		return err
	}
	for _, r := range rubrics {
		rubric[r.Builtin] = r
	}
	now := svc.Now()
	day := func(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }
	disc := rubric["discovery"]
	for i, p := range reps {
		for k, d := range profileDaysAgo {
			reviewers := []domain.Person{reps[(i+1+k)%len(reps)], reps[(i+2+k)%len(reps)]}
			scores := func(j int) []int { return historicScores(i, k, j, len(disc.Criteria)) }
			if err := historicReview(ctx, svc.AsOf(day(d)), as, p, disc, profileAccounts[k], reviewers, scores); err != nil {
				return fmt.Errorf("skill profiles: %w", err)
			}
		}
	}
	return seedSelfRatings(ctx, svc, as, reps[:3], rubric, day)
}

// historicScores are reviewer j's scores of rep i's k-th request, one per
// criterion (0: skipped): a level per rep, rising over the months for
// most reps and falling for every fourth, with reviewers a point apart
// now and then.
func historicScores(i, k, j, criteria int) []int {
	start, slope := 1+(i*7)%4, 1
	if i%4 == 3 {
		start, slope = 4, -1
	}
	out := make([]int, criteria)
	for c := range out {
		s := start + slope*(k*2/4) + (c+j+k)%3 - 1
		out[c] = min(5, max(1, s))
		if (i+k+c)%7 == 0 {
			out[c] = 0
		}
	}
	return out
}

// historicReview makes one request of rep's on the rubric as of the past
// service's clock, and has each reviewer submit observations a day later.
func historicReview(ctx context.Context, past *service.Service, as func(domain.Person) service.Actor, rep domain.Person,
	r domain.Rubric, account string, reviewers []domain.Person, scores func(j int) []int) error {
	at := past.Now()
	in := service.FeedbackRequestInput{Title: "Discovery notes: " + account, ArtefactKind: domain.ArtefactEmail, RubricID: r.ID,
		ArtefactText: "Notes from the discovery call with " + account + ": their pains, what inaction costs them, and the questions I asked.",
		DueAt:        at.Add(72 * time.Hour)}
	for _, p := range reviewers {
		in.Invitees = append(in.Invitees, p.ID)
	}
	req, err := past.RequestFeedback(ctx, as(rep), in)
	if err != nil {
		return err
	}
	later := past.AsOf(at.Add(24 * time.Hour))
	for j, p := range reviewers {
		if err := later.RespondToRequest(ctx, as(p), req.ID, true); err != nil {
			return err
		}
		ri := service.ReviewInput{Highlights: "Clear notes on " + account + "."}
		for c, s := range scores(j) {
			if s > 0 {
				ri.Scores = append(ri.Scores, domain.ReviewScore{CriterionID: r.Criteria[c].ID, Score: s})
			}
		}
		if _, err := later.SubmitObservations(ctx, as(p), req.ID, ri); err != nil {
			return err
		}
	}
	return nil
}

// seedSelfRatings has Ana rate herself on Discovery three times (rising)
// and on Objection handling once, and two teammates rate themselves twice.
func seedSelfRatings(ctx context.Context, svc *service.Service, as func(domain.Person) service.Actor, people []domain.Person,
	rubric map[string]domain.Rubric, day func(int) time.Time) error {
	type rating struct {
		who, daysAgo int
		rubric       string
		scores       []int
	}
	for _, rt := range []rating{
		{0, 150, "discovery", []int{2, 2, 3}}, {0, 90, "discovery", []int{3, 2, 3}}, {0, 20, "discovery", []int{3, 3, 4}},
		{0, 60, "objection_handling", []int{3, 2, 3}},
		{1, 100, "discovery", []int{4, 4, 3}}, {1, 10, "discovery", []int{4, 3, 3}},
		{2, 70, "discovery", []int{2, 3, 2}}, {2, 5, "discovery", []int{3, 3, 3}},
	} {
		r, past := rubric[rt.rubric], svc.AsOf(day(rt.daysAgo))
		for c, s := range rt.scores {
			if _, err := past.RateMySkill(ctx, as(people[rt.who]), r.ID, r.Criteria[c].Key, s); err != nil {
				return fmt.Errorf("skill profiles: self-rating: %w", err)
			}
		}
	}
	return nil
}
