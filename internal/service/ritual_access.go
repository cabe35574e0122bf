package service

import (
	"context"
	"slices"

	"huddle/internal/domain"
)

// The privacy rules for rituals live here and only here:
//
//   - a group's content — session notes, action items, the deals, calls,
//     challenges, objections and stories members bring and their notes, a
//     skill swap's cheat sheet and confidence survey, a shadowing pair's
//     learning goals, debrief and feedback logs, commitment text — is for
//     its current members who have accepted the ground rules, and nobody
//     else; survey answers reach other members only as averages, and an
//     average only once at least three members have answered (skill_swap.go
//     minSurveyAnswers), so that it never is, or with one's own answer
//     gives away, another member's answer;
//   - a member who has not yet accepted the ground rules sees the group,
//     its schedule and its ground rules, not its content;
//   - leaving a group ends access to its content from then on: an
//     ex-member is treated like anyone else (their own commitments stay
//     theirs);
//   - managers see, for groups with people of their team, whether sessions
//     happened, attendance, counts and completion rates — never notes,
//     items or commitment text; administrators see the same for every
//     group of the organisation; the participation page (participation.go)
//     gives them the same counts per team, group and person, names and
//     numbers only;
//   - a commitment's text reaches the person who made it, the peer it was
//     made to, and the current members of the group it was made to;
//   - organising (members, schedule, exceptions) is for administrators and
//     for coaches who are members, and the group's creator while a member;
//   - anything the actor may not see at all is "not found", as is
//     everything of another organisation.

// groupAccess is how much of a group the actor may see.
type groupAccess int

const (
	accessNone    groupAccess = iota
	accessStats               // managers of members, administrators: counts only
	accessPending             // a member who has not accepted the ground rules
	accessMember              // a member who has: everything
)

// groupAccessOf decides the actor's access to g.
func (s *Service) groupAccessOf(ctx context.Context, a Actor, g domain.Group) (groupAccess, error) {
	if m, ok := g.Member(a.Person.ID); ok && a.Person.ID != 0 {
		if m.AcceptedAt.IsZero() {
			return accessPending, nil
		}
		return accessMember, nil
	}
	if a.IsAdmin() {
		return accessStats, nil
	}
	if a.Has(domain.RoleManager) {
		for _, m := range g.ActiveMembers() {
			p, err := s.store.Person(ctx, a.Org.ID, m.PersonID)
			if err != nil {
				return accessNone, err
			}
			if managedBy(a, p) {
				return accessStats, nil
			}
		}
	}
	return accessNone, nil
}

// managedBy reports whether p reports to the actor or is in a team the
// actor manages (and belongs to).
func managedBy(a Actor, p domain.Person) bool {
	if !a.Has(domain.RoleManager) || p.ID == a.Person.ID {
		return false
	}
	return p.ManagerID == a.Person.ID || (a.Person.TeamID != 0 && p.TeamID == a.Person.TeamID)
}

// canOrganise reports whether the actor may change a group's members,
// schedule and exceptions.
func canOrganise(a Actor, g domain.Group) bool {
	if a.IsAdmin() {
		return true
	}
	_, member := g.Member(a.Person.ID)
	return member && (a.Has(domain.RoleCoach) || g.CreatedBy == a.Person.ID)
}

// requireOrganiser is the one place the organising rule is spelled out.
func requireOrganiser(a Actor, g domain.Group, what string) error {
	if !canOrganise(a, g) {
		return domain.Forbidden("only the group's coaches and administrators can %s", what)
	}
	return nil
}

// visibleGroup loads a group the actor may see at all, with their access.
func (s *Service) visibleGroup(ctx context.Context, a Actor, id int64) (domain.Group, groupAccess, error) {
	g, err := s.store.Group(ctx, a.Org.ID, id)
	if err != nil {
		return domain.Group{}, accessNone, err
	}
	acc, err := s.groupAccessOf(ctx, a, g)
	if err != nil {
		return domain.Group{}, accessNone, err
	}
	if acc == accessNone {
		return domain.Group{}, accessNone, domain.NotFound("group")
	}
	return g, acc, nil
}

// memberGroup loads a group whose content the actor may see; a member
// who has not accepted the ground rules is told so, everyone else gets
// "not found".
func (s *Service) memberGroup(ctx context.Context, a Actor, id int64) (domain.Group, error) {
	g, acc, err := s.visibleGroup(ctx, a, id)
	if err != nil {
		return domain.Group{}, err
	}
	switch acc {
	case accessPending:
		return domain.Group{}, domain.Forbidden("accept the group's ground rules first")
	case accessStats:
		return domain.Group{}, domain.NotFound("group") // counts only: the content does not exist for them
	}
	return g, nil
}

// canSeeCommitment reports whether the actor may read a commitment's text.
func (s *Service) canSeeCommitment(ctx context.Context, a Actor, c domain.Commitment) (bool, error) {
	if a.Person.ID == 0 {
		return false, nil
	}
	if c.PersonID == a.Person.ID || (c.PeerID != 0 && c.PeerID == a.Person.ID) {
		return true, nil
	}
	if c.GroupID == 0 {
		return false, nil
	}
	g, err := s.store.Group(ctx, a.Org.ID, c.GroupID)
	if err != nil {
		return false, err
	}
	acc, err := s.groupAccessOf(ctx, a, g)
	return acc == accessMember, err
}

// statsGroups are the groups whose counts the actor may see without being
// a member: every group for an administrator, groups with people of their
// team for a manager.
func (s *Service) statsGroups(ctx context.Context, a Actor) ([]domain.Group, error) {
	if !a.IsAdmin() && !a.Has(domain.RoleManager) {
		return nil, nil
	}
	all, err := s.store.Groups(ctx, a.Org.ID, 0)
	if err != nil {
		return nil, err
	}
	var out []domain.Group
	for _, g := range all {
		acc, err := s.groupAccessOf(ctx, a, g)
		if err != nil {
			return nil, err
		}
		if acc == accessStats {
			out = append(out, g)
		}
	}
	return out, nil
}

// activeIDs lists the current members' IDs in join order.
func activeIDs(g domain.Group) []int64 {
	var ids []int64
	for _, m := range g.ActiveMembers() {
		ids = append(ids, m.PersonID)
	}
	return ids
}

// isActiveMember reports whether id is a current member of g.
func isActiveMember(g domain.Group, id int64) bool { return slices.Contains(activeIDs(g), id) }
