package service

import (
	"context"
	"errors"

	"huddle/internal/domain"
)

// The privacy rules for examples of great live here and only here:
//
//   - anyone may propose a stretch of a call they can see under the call
//     rules, or the exact range of a snippet shared with them. The call's
//     owner is the only person who consents: until they do, the example is
//     shown to nobody else. An owner's own proposal is approved at once;
//   - an approved example is shown to everyone in the organisation: the
//     criterion, the note, the owner's name and the transcript cues that
//     overlap its range — nothing else of the call. The call's title, a
//     link to it and its recording (played from the example's start) are
//     only for viewers who may already see the whole call: a media
//     fragment does not stop anyone scrubbing through a whole recording,
//     so the audio is never a way into a call one may not see;
//   - the owner may withdraw consent at any time (the example becomes
//     declined and leaves the rubric page) and give it again later;
//   - the owner making the call private keeps an approved example on the
//     rubric page: the owner consented to that excerpt, not to the call's
//     sharing, and withdraws it the same way. Deleting the call deletes its
//     examples with it;
//   - proposed and declined examples are seen by the owner and the
//     proposer only — not by administrators: what the owner has not agreed
//     to show stays between the two. The proposer sees the excerpt only
//     while they can still see the call (or a snippet of it covering the
//     range); otherwise the note and the status alone;
//   - the owner may remove any of their examples; the proposer may take
//     back a proposal not yet approved; administrators may remove an
//     approved example (moderation). Anyone else is told they cannot, when
//     they may see the example, and "not found" when they may not;
//   - a stretch may be proposed for a criterion once per proposer. A second
//     proposal of the same stretch is refused only when its proposer can
//     see an existing one (it is shown, or theirs, or on their own call),
//     so the refusal never reveals someone else's hidden proposal; the
//     owner then meets both proposals and may show only one of them;
//   - suggestions of candidate moments are for coaches and administrators,
//     and only from calls they may already see. A call qualifies when its
//     peer reviews scored the criterion 4 or more on average, counting only
//     reviews released to their recipient (an anonymous request's lone
//     early review stays out, see feedback_access.go);
//     the suggestion says only "rated highly by peer reviewers" — never a
//     score, a reviewer or a count, as review content stays private;
//   - every look-up is scoped to the actor's organisation.

// exampleRole is how the actor stands to an example.
type exampleRole int

const (
	exampleNone exampleRole = iota
	exampleViewer
	exampleProposer
	exampleOwner
)

// roleIn reports how the actor stands to an example: its call's owner, its
// proposer, a viewer of an approved example, or nobody.
func roleIn(a Actor, e domain.CriterionExample) exampleRole {
	switch {
	case a.Person.ID == 0:
		return exampleNone
	case e.OwnerID == a.Person.ID:
		return exampleOwner
	case e.ProposerID == a.Person.ID:
		return exampleProposer
	case e.Status == domain.ExampleApproved:
		return exampleViewer
	}
	return exampleNone
}

// visibleExample loads an example the actor may see, or reports it not
// found.
func (s *Service) visibleExample(ctx context.Context, a Actor, id int64) (domain.CriterionExample, exampleRole, error) {
	e, err := s.store.CriterionExample(ctx, a.Org.ID, id)
	if err != nil {
		return e, exampleNone, err
	}
	role := roleIn(a, e)
	if role == exampleNone {
		return domain.CriterionExample{}, exampleNone, domain.NotFound("example")
	}
	return e, role, nil
}

// mayRemove reports whether the actor may remove the example.
func mayRemove(a Actor, e domain.CriterionExample, role exampleRole) bool {
	switch role {
	case exampleOwner:
		return true
	case exampleProposer:
		return e.Status != domain.ExampleApproved || a.IsAdmin()
	}
	return role == exampleViewer && a.IsAdmin()
}

// excerptAccess is what of an example's call the actor may see: the
// excerpt, and whether the whole call (title, link, recording).
func (s *Service) excerptAccess(ctx context.Context, a Actor, e domain.CriterionExample, c domain.Call) (excerpt, whole bool, err error) {
	if whole, err = s.canSee(ctx, a, c); err != nil {
		return false, false, err
	}
	if whole || e.Status == domain.ExampleApproved {
		return true, whole, nil
	}
	covered, err := s.snippetCovers(ctx, a, e)
	return covered, false, err
}

// snippetCovers reports whether a snippet shared with the actor covers the
// example's whole range.
func (s *Service) snippetCovers(ctx context.Context, a Actor, e domain.CriterionExample) (bool, error) {
	shared, err := s.store.SnippetsSharedWith(ctx, a.Org.ID, a.Person.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	for _, sn := range shared {
		if sn.CallID == e.CallID && sn.Start <= e.Start && sn.End >= e.End {
			return true, nil
		}
	}
	return false, nil
}

// requireSuggester refuses suggestions to everyone but coaches and
// administrators.
func requireSuggester(a Actor) error {
	if !a.Has(domain.RoleCoach) && !a.IsAdmin() {
		return domain.Forbidden("suggested moments are for coaches and administrators")
	}
	return nil
}

// sameStretch lists the examples of e's criterion and call over exactly
// e's range, whoever proposed them.
func (s *Service) sameStretch(ctx context.Context, a Actor, e domain.CriterionExample) ([]domain.CriterionExample, error) {
	all, err := s.store.CriterionExamples(ctx, a.Org.ID, domain.ExampleFilter{RubricID: e.RubricID, CallID: e.CallID})
	if err != nil {
		return nil, err
	}
	var out []domain.CriterionExample
	for _, x := range all {
		if x.ID != e.ID && x.CriterionKey == e.CriterionKey && x.Start == e.Start && x.End == e.End {
			out = append(out, x)
		}
	}
	return out, nil
}

// refuseVisibleDuplicate refuses a proposal of a stretch the actor can
// already see proposed or shown for the criterion; hidden proposals of
// other people do not count (see the rules above).
func (s *Service) refuseVisibleDuplicate(ctx context.Context, a Actor, e domain.CriterionExample) error {
	same, err := s.sameStretch(ctx, a, e)
	if err != nil {
		return err
	}
	for _, x := range same {
		if roleIn(a, x) != exampleNone {
			return &domain.Error{Kind: domain.ErrConflict, Field: "start",
				Message: "this stretch of the call is already proposed for that criterion"}
		}
	}
	return nil
}

// refuseShownTwice keeps one stretch from being shown twice for the same
// criterion when two people proposed it; only the owner approves, and
// they see both.
func (s *Service) refuseShownTwice(ctx context.Context, a Actor, e domain.CriterionExample) error {
	same, err := s.sameStretch(ctx, a, e)
	if err != nil {
		return err
	}
	for _, x := range same {
		if x.Status == domain.ExampleApproved {
			return &domain.Error{Kind: domain.ErrConflict, Field: "status",
				Message: "this stretch is already shown for that criterion; decline this copy or remove the other"}
		}
	}
	return nil
}
