package service

import (
	"context"
	"slices"
	"time"

	"huddle/internal/domain"
)

// The privacy rules for skill profiles live here and only here:
//
//   - a person sees their own profile in full: every source, their own
//     self-assessments and their latest rating per criterion;
//   - the managers of a person's team (people with the manager role who
//     manage that team, as for the team's feedback figures) and
//     administrators see the team view of the person: numbers only — a
//     standing per criterion and how many data points stand behind it —
//     computed WITHOUT the self-assessment, which stays the person's own,
//     and with call analytics only from the calls the viewer could see
//     under the call rules (call_access.go canSee), so a private call
//     never moves a manager's numbers;
//   - anyone else (peers included) gets "not found" for a person's
//     profile; nobody reaches another organisation's people at all;
//   - a team's heat map is for its managers and administrators; others
//     are told it is not theirs (teams are no secret in an organisation);
//   - review text and reviewers never reach a profile: the store hands
//     over scores only. An anonymous request's scores count only once its
//     reviews are released to the requester (see feedback_access.go), so a
//     profile cannot reveal a lone early anonymous reviewer;
//   - call analytics are scored by where a call's metric falls in the
//     organisation's distribution: an aggregate of at least
//     minBenchmarkCalls calls, like the benchmarks.

// profileScope is what a viewer may see of a person's skill profile.
type profileScope int

const (
	scopeOwn  profileScope = iota + 1 // the person themselves: every source
	scopeTeam                         // a manager or admin: numbers, no self-assessment
)

// profileAccess loads the person whose profile the actor asks for, and
// what of it they may see, or reports the person not found.
func (s *Service) profileAccess(ctx context.Context, a Actor, personID int64) (domain.Person, profileScope, error) {
	p, err := s.store.Person(ctx, a.Org.ID, personID)
	if err != nil {
		return domain.Person{}, 0, err
	}
	if a.Person.ID != 0 && a.Person.ID == p.ID {
		return p, scopeOwn, nil
	}
	if a.IsAdmin() {
		return p, scopeTeam, nil
	}
	ok, err := s.managesTeam(ctx, a, p.TeamID)
	if err != nil {
		return domain.Person{}, 0, err
	}
	if ok {
		return p, scopeTeam, nil
	}
	return domain.Person{}, 0, domain.NotFound("person")
}

// heatMapAccess loads a team whose skill heat map the actor may see.
func (s *Service) heatMapAccess(ctx context.Context, a Actor, teamID int64) (domain.Team, error) {
	t, err := s.store.Team(ctx, a.Org.ID, teamID)
	if err != nil {
		return domain.Team{}, err
	}
	if a.IsAdmin() {
		return t, nil
	}
	ok, err := s.managesTeam(ctx, a, t.ID)
	if err != nil {
		return domain.Team{}, err
	}
	if !ok {
		return domain.Team{}, domain.Forbidden("only the team's managers and administrators see its skill heat map")
	}
	return t, nil
}

// managesTeam reports whether the actor is one of a team's managers.
func (s *Service) managesTeam(ctx context.Context, a Actor, teamID int64) (bool, error) {
	if teamID == 0 {
		return false, nil
	}
	teams, err := s.managedTeams(ctx, a)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(teams, func(t domain.Team) bool { return t.ID == teamID }), nil
}

// releasedPeerScores drops the scores of anonymous requests whose reviews
// the requester may not read yet: fewer than minAnonymousRelease reviews
// in and the due time still ahead. Reviews that scored nothing are not in
// the list, so the count errs on the side of holding back.
func releasedPeerScores(scores []domain.PeerSkillScore, now time.Time) []domain.PeerSkillScore {
	reviews := map[int64]map[int64]bool{}
	for _, p := range scores {
		if reviews[p.RequestID] == nil {
			reviews[p.RequestID] = map[int64]bool{}
		}
		reviews[p.RequestID][p.ReviewID] = true
	}
	release := domain.AnonymousRelease{MinReviews: minAnonymousRelease, Now: now}
	var out []domain.PeerSkillScore
	for _, p := range scores {
		if release.Holds(p.Anonymous, len(reviews[p.RequestID]), p.DueAt) {
			continue
		}
		out = append(out, p)
	}
	return out
}
