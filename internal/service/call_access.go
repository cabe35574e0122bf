package service

import (
	"context"
	"errors"
	"slices"

	"huddle/internal/domain"
)

// The privacy rules for calls live here and only here:
//
//   - the rep who owns a call decides who sees it: private (the default),
//     named peers, or their team's reps and coaches;
//   - managers and administrators get no special access: a manager sees a
//     call only when its owner named them;
//   - a call nobody may see is "not found", never "forbidden", so its
//     existence does not leak;
//   - only the owner changes visibility, makes snippets or deletes;
//   - a snippet's viewers see that time range of the call and nothing else;
//   - metrics reach others only as organisation-wide aggregates of at least
//     minBenchmarkCalls calls.

// viewer describes the actor for the store's visibility query.
func viewer(a Actor) domain.Viewer {
	return domain.Viewer{PersonID: a.Person.ID, TeamID: a.Person.TeamID, SeesTeamWork: seesTeamWork(a.Person)}
}

// seesTeamWork: calls shared with a team are for peers, not for the people
// who manage them.
func seesTeamWork(p domain.Person) bool { return !p.Roles.Has(domain.RoleManager) }

// canSee reports whether the actor may see the whole call.
func (s *Service) canSee(ctx context.Context, a Actor, c domain.Call) (bool, error) {
	if a.Person.ID == 0 {
		return false, nil
	}
	if c.OwnerID == a.Person.ID {
		return true, nil
	}
	if c.Visibility == domain.VisibilityPrivate {
		return false, nil
	}
	if slices.Contains(c.SharedWith, a.Person.ID) {
		return true, nil
	}
	if c.Visibility != domain.VisibilityTeam || a.Person.TeamID == 0 || !seesTeamWork(a.Person) {
		return false, nil
	}
	owner, err := s.store.Person(ctx, a.Org.ID, c.OwnerID)
	if err != nil {
		return false, err
	}
	return owner.TeamID == a.Person.TeamID, nil
}

// visibleCall loads a call the actor may see, or reports it not found.
func (s *Service) visibleCall(ctx context.Context, a Actor, id int64) (domain.Call, error) {
	c, err := s.store.Call(ctx, a.Org.ID, id)
	if err != nil {
		return domain.Call{}, err
	}
	ok, err := s.canSee(ctx, a, c)
	if err != nil {
		return domain.Call{}, err
	}
	if !ok {
		return domain.Call{}, domain.NotFound("call")
	}
	return c, nil
}

// ownCall loads a call the actor owns. Others who may see it are told they
// cannot change it; others still get "not found".
func (s *Service) ownCall(ctx context.Context, a Actor, id int64, what string) (domain.Call, error) {
	c, err := s.visibleCall(ctx, a, id)
	if err != nil {
		return domain.Call{}, err
	}
	if c.OwnerID != a.Person.ID {
		return domain.Call{}, domain.Forbidden("only the rep who brought this call can %s", what)
	}
	return c, nil
}

// canSeeSnippet reports whether the actor may see a snippet.
func (s *Service) canSeeSnippet(ctx context.Context, a Actor, sn domain.Snippet) (bool, error) {
	if sn.OwnerID == a.Person.ID || slices.Contains(sn.SharedWith, a.Person.ID) {
		return true, nil
	}
	c, err := s.store.Call(ctx, a.Org.ID, sn.CallID)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return s.canSee(ctx, a, c)
}
