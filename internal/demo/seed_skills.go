package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// anaSkills are Ana's own ratings, the same whatever the seed, so that the
// demo guide can say what pairing will find: strong discovery, weak
// objection handling.
var anaSkills = map[string]int{"discovery": 5, "listening": 4, "objection_handling": 2, "demo": 4,
	"negotiation": 3, "next_steps": 3, "prospecting": 2}

// SkillScores returns the self-assessment a demo person gives for seed:
// every rep and coach rates each criterion 1–5 around a level that grows
// with tenure, with one clear strength and one clear gap, and leaves about
// one criterion in eight blank. Managers and administrators who are not
// reps rate nothing. The same seed always gives the same scores.
func SkillScores(seed int64, m Member) map[string]int {
	if !(m.Roles.Has(domain.RoleRep) || m.Roles.Has(domain.RoleCoach)) {
		return nil
	}
	if m.Email == SignInEmail {
		return anaSkills
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(m.Email))
	rng := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	years := ReferenceDate.Sub(m.StartDate).Hours() / (24 * 365.25)
	level := 2
	switch {
	case years >= 3:
		level = 4
	case years >= 1:
		level = 3
	}
	strong, weak := rng.IntN(len(domain.SkillCriteria)), rng.IntN(len(domain.SkillCriteria))
	out := map[string]int{}
	for i, c := range domain.SkillCriteria {
		if rng.IntN(8) == 0 && i != strong && i != weak {
			continue // left blank
		}
		v := level + rng.IntN(3) - 1
		switch i {
		case strong:
			v = level + 1 + rng.IntN(2)
		case weak:
			v = level - 1 - rng.IntN(2)
		}
		out[c.Key] = min(max(v, domain.MinSkillScore), domain.MaxSkillScore)
	}
	return out
}

// seedSkills saves every demo person's self-assessment through the
// service, as they would on their skills page.
func seedSkills(ctx context.Context, svc *service.Service, org domain.Org, seed int64) error {
	people, _, err := svc.People(ctx, service.SystemActor(org), domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	byEmail := map[string]domain.Person{}
	for _, p := range people {
		byEmail[p.Email] = p
	}
	for _, m := range People(seed) {
		scores := SkillScores(seed, m)
		if scores == nil {
			continue
		}
		p, ok := byEmail[m.Email]
		if !ok {
			return fmt.Errorf("demo skills: %s is not stored", m.Email)
		}
		if _, err := svc.SetMySkills(ctx, service.Actor{Org: org, Person: p}, scores, false); err != nil {
			return fmt.Errorf("demo skills of %s: %w", m.Email, err)
		}
	}
	return nil
}
