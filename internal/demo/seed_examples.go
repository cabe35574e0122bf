package demo

import (
	"context"
	"fmt"
	"math"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// demoExample is an example of great the demo proposes: the n-th moment
// of a kind in one demo call, for a criterion of a default rubric.
type demoExample struct {
	File      string // the demo call
	Rubric    string // the default rubric's Builtin key
	Criterion string
	Kind      string // the analysis moment kind
	Nth       int    // 0: the first moment of that kind
	Note      string
}

// shownExamples are proposed by the calls' owners themselves, so they are
// approved at once and shown on the rubric pages.
var shownExamples = []demoExample{
	{"02-discovery-brightline-dental.vtt", "discovery", "tailored_questions", "discovery_question", 0,
		"Builds the question on what the buyer just said about their weekly meeting — and the buyer talks for over a minute."},
	{"03-discovery-tidewater-analytics.txt", "discovery", "pain_consequence", "discovery_question", 0,
		"\"What changed there?\" gets the buyer to describe what the missed forecast cost them, in their own words."},
	{"08-pricing-summit-harbor.vtt", "objection_handling", "clarify", "objection", 0,
		"Hears \"too expensive\" out, then asks what it is being compared with before answering."},
	{"10-pricing-meridian-agritech.srt", "objection_handling", "acknowledge", "objection", 0,
		"Restates the \"nice to have\" concern so the buyer feels heard, without defending."},
	{"06-demo-aurelia-insurance.json", "objection_handling", "respond_confirm", "objection", 0,
		"Answers the security review concern with evidence and checks it landed with IT."},
}

// awaitingAna is a teammate's proposal of a moment of Ana's discovery
// call, waiting for her consent.
var awaitingAna = demoExample{"01-discovery-halden-logistics.vtt", "discovery", "pain_consequence", "discovery_question", 1,
	"\"What happened that quarter?\" — and Marco walks through what the missed forecast cost Halden. A model for the team."}

// proposerOfAnasExample is the demo call whose owner (an EMEA teammate who
// sees Ana's team-shared call) proposes awaitingAna.
const proposerOfAnasExample = "04-discovery-grunfeld-medical.srt"

// seedExamples adds the examples of great: a few shown on the discovery
// and objection-handling rubrics, and one awaiting Ana's consent.
func seedExamples(ctx context.Context, svc *service.Service, org domain.Org, seed int64) error {
	s := exampleSeeder{ctx: ctx, svc: svc, org: org, members: People(seed), people: map[string]domain.Person{}, rubrics: map[string]int64{}}
	if err := s.load(); err != nil {
		return err
	}
	for _, ex := range shownExamples {
		owner, err := s.ownerOf(ex.File)
		if err != nil {
			return err
		}
		if err := s.propose(owner, ex); err != nil {
			return err
		}
	}
	teammate, err := s.ownerOf(proposerOfAnasExample)
	if err != nil {
		return err
	}
	return s.propose(teammate, awaitingAna)
}

type exampleSeeder struct {
	ctx     context.Context
	svc     *service.Service
	org     domain.Org
	members []Member
	people  map[string]domain.Person // by e-mail
	rubrics map[string]int64         // by Builtin key
}

func (s *exampleSeeder) load() error {
	sys := service.SystemActor(s.org)
	people, _, err := s.svc.People(s.ctx, sys, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	for _, p := range people {
		s.people[p.Email] = p
	}
	rubrics, err := s.svc.Rubrics(s.ctx, s.as(s.people[SignInEmail]))
	for _, r := range rubrics {
		s.rubrics[r.Builtin] = r.ID
	}
	return err
}

func (s *exampleSeeder) as(p domain.Person) service.Actor {
	return service.Actor{Org: s.org, Person: p}
}

// ownerOf is the stored owner of a demo call.
func (s *exampleSeeder) ownerOf(file string) (domain.Person, error) {
	for _, dc := range DemoCalls() {
		if dc.File != file {
			continue
		}
		m, err := dc.Owner(s.members)
		if err != nil {
			return domain.Person{}, err
		}
		if p, ok := s.people[m.Email]; ok {
			return p, nil
		}
		return domain.Person{}, fmt.Errorf("examples: %s is not stored", m.Email)
	}
	return domain.Person{}, fmt.Errorf("examples: no demo call %s", file)
}

// propose has who propose the example's moment of its call.
func (s *exampleSeeder) propose(who domain.Person, ex demoExample) error {
	owner, err := s.ownerOf(ex.File)
	if err != nil {
		return err
	}
	c, err := s.call(owner, ex.File)
	if err != nil {
		return err
	}
	start, end, err := momentOf(c, ex.Kind, ex.Nth)
	if err != nil {
		return fmt.Errorf("examples: %s: %w", ex.File, err)
	}
	_, err = s.svc.ProposeExample(s.ctx, s.as(who), service.ExampleInput{RubricID: s.rubrics[ex.Rubric], CriterionKey: ex.Criterion,
		CallID: c.ID, Start: start, End: end, Note: ex.Note})
	if err != nil {
		return fmt.Errorf("examples: %s: %w", ex.File, err)
	}
	return nil
}

// call finds the owner's demo call by its title.
func (s *exampleSeeder) call(owner domain.Person, file string) (domain.Call, error) {
	var title string
	for _, dc := range DemoCalls() {
		if dc.File == file {
			title = dc.Title
		}
	}
	calls, _, err := s.svc.Calls(s.ctx, s.as(owner), domain.CallFilter{OwnerID: owner.ID, Page: domain.Page{Limit: 50}})
	if err != nil {
		return domain.Call{}, err
	}
	for _, c := range calls {
		if c.Title == title {
			v, err := s.svc.Call(s.ctx, s.as(owner), c.ID) // the list leaves the analysis out
			return v.Call, err
		}
	}
	return domain.Call{}, fmt.Errorf("examples: %s has no call %q", owner.Email, title)
}

// momentOf is the range of the n-th moment of a kind, cut to the longest
// an example may be.
func momentOf(c domain.Call, kind string, n int) (float64, float64, error) {
	r, err := service.DecodeReport(c)
	if err != nil || r == nil {
		return 0, 0, fmt.Errorf("no analysis: %v", err)
	}
	for _, m := range r.Moments {
		if m.Kind != kind || m.AtSeconds == nil || m.EndSeconds == nil {
			continue
		}
		if n--; n < 0 {
			return *m.AtSeconds, math.Min(*m.EndSeconds, *m.AtSeconds+domain.MaxExampleSeconds), nil
		}
	}
	return 0, 0, fmt.Errorf("no %s moment", kind)
}
