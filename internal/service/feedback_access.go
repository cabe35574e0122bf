package service

import (
	"context"
	"errors"
	"time"

	"huddle/internal/domain"
)

// The privacy rules for feedback live here and only here:
//
//   - rubrics are the organisation's shared standard: everyone in it reads
//     them; only administrators create, version and retire them;
//   - a feedback request is visible to the rep who made it (the recipient)
//     and to the peers they invited — nobody else: not their manager, not
//     an administrator. Anyone else gets "not found";
//   - the requester must be able to see a call to ask about it. An invitee
//     whose invite is pending or accepted sees that call's transcript on
//     the request's page for as long as the requester may see the call —
//     but the call never joins the invitee's call library, and
//     /calls/{id} stays "not found" for them. A declined invitee sees the
//     request's title and due time only;
//   - a review is visible to its author (drafts included) and to the
//     recipient (submitted observations only); never to other invitees;
//   - the recipient reads every released review's observations before any
//     recommendation: recommendations show only once they have said they
//     have read the observations, and again only after they read any that
//     arrived since;
//   - anonymous requests (only where the organisation turned them on, and
//     with at least two invitees): the recipient never learns who wrote
//     what. The page and the API carry no author, reviews are named by a
//     random ref and listed by it, times are shown as dates only, who
//     accepted or declined is never shown to the recipient, and reviews
//     are held back until at least two reviewers have written observations
//     or the due time has passed — so a lone early review cannot be pinned
//     on the first person to accept. Progress reads "N invited" and adds
//     "reviews so far: K" only once reviews are released;
//   - managers see, for the teams they manage, counts and averages
//     (requests, reviews, average score, average helpfulness): never text,
//     never who wrote what;
//   - reviewers see the average and count of their own helpfulness ratings.

// minAnonymousRelease is how many reviews an anonymous request needs
// before any is shown to its recipient (unless the due time has passed).
const minAnonymousRelease = 2

// requestRole is how the actor stands to a request.
type requestRole int

const (
	roleNone requestRole = iota
	roleRequester
	roleInvitee
)

// visibleRequest loads a request the actor made or was invited to, or
// reports it not found.
func (s *Service) visibleRequest(ctx context.Context, a Actor, id int64) (domain.FeedbackRequest, requestRole, error) {
	r, err := s.store.FeedbackRequest(ctx, a.Org.ID, id)
	if err != nil {
		return r, roleNone, err
	}
	switch _, invited := r.Invite(a.Person.ID); {
	case a.Person.ID != 0 && r.RequesterID == a.Person.ID:
		return r, roleRequester, nil
	case a.Person.ID != 0 && invited:
		return r, roleInvitee, nil
	}
	return domain.FeedbackRequest{}, roleNone, domain.NotFound("feedback request")
}

// subjectCall returns the request's call when the actor may see it
// through the request (see the rules above); ok is false otherwise, and
// gone reports a call since deleted or hidden from the requester.
func (s *Service) subjectCall(ctx context.Context, a Actor, r domain.FeedbackRequest, role requestRole) (c domain.Call, ok, gone bool, err error) {
	if r.CallID == 0 {
		return c, false, false, nil
	}
	if role == roleInvitee {
		if in, _ := r.Invite(a.Person.ID); in.Status == domain.InviteDeclined {
			return c, false, false, nil
		}
	}
	requester := a.Person
	if role != roleRequester {
		if requester, err = s.store.Person(ctx, a.Org.ID, r.RequesterID); err != nil {
			return c, false, false, err
		}
	}
	c, err = s.store.Call(ctx, a.Org.ID, r.CallID)
	if errors.Is(err, domain.ErrNotFound) {
		return c, false, true, nil
	}
	if err != nil {
		return c, false, false, err
	}
	seen, err := s.canSee(ctx, Actor{Org: a.Org, Person: requester}, c)
	if err != nil || !seen {
		return domain.Call{}, false, err == nil, err
	}
	return c, true, false, nil
}

// releasedReviews are the reviews whose observations the recipient may
// read now: submitted ones, and for an anonymous request none until
// minAnonymousRelease are in or the due time has passed.
func releasedReviews(r domain.FeedbackRequest, all []domain.Review, now time.Time) []domain.Review {
	var out []domain.Review
	for _, rv := range all {
		if rv.Phase() != domain.PhaseDraft {
			out = append(out, rv)
		}
	}
	if r.Anonymous && len(out) < minAnonymousRelease && now.Before(r.DueAt) {
		return nil
	}
	return out
}

// recommendationsOpen reports whether the recipient has read every
// released review's observations.
func recommendationsOpen(r domain.FeedbackRequest, released []domain.Review) bool {
	return len(released) > 0 && r.ObservationsRead >= len(released)
}

// reviewView renders a review for a viewer: the author sees all of it;
// the recipient sees observations, recommendations only when open, and
// for an anonymous request no author and dates only.
func (s *Service) reviewView(ctx context.Context, a Actor, r domain.FeedbackRequest, rv domain.Review, recsOpen bool) ReviewView {
	v := ReviewView{Ref: rv.Ref, Phase: rv.Phase(), Anonymous: r.Anonymous, Scores: rv.Scores, Highlights: rv.Highlights,
		Improvements: rv.Improvements, ObservedAt: rv.ObservedAt, RecommendedAt: rv.RecommendedAt, Helpfulness: rv.Helpfulness,
		HelpfulnessNote: rv.HelpfulnessNote, Mine: rv.ReviewerID == a.Person.ID, RequestID: r.ID}
	if v.Mine || recsOpen {
		v.Recommendations = rv.Recommendations
	} else {
		v.RecommendationsHidden = true
		v.RecommendedAt = time.Time{}
	}
	if v.Mine || !r.Anonymous {
		if p, err := s.store.Person(ctx, a.Org.ID, rv.ReviewerID); err == nil {
			v.Reviewer = &p
		}
	}
	if r.Anonymous && !v.Mine {
		v.DateOnly = true
		v.ObservedAt, v.RecommendedAt = dateOf(v.ObservedAt), dateOf(v.RecommendedAt)
	}
	return v
}

// dateOf keeps the UTC calendar date of t.
func dateOf(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(24 * time.Hour)
}

// managedTeams are the teams whose feedback figures the actor may see:
// those they manage.
func (s *Service) managedTeams(ctx context.Context, a Actor) ([]domain.Team, error) {
	if a.Person.ID == 0 || !a.Person.Roles.Has(domain.RoleManager) {
		return nil, nil
	}
	teams, err := s.store.Teams(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Team
	for _, t := range teams {
		if t.ManagerID == a.Person.ID || t.ID == a.Person.TeamID {
			out = append(out, t)
		}
	}
	return out, nil
}
