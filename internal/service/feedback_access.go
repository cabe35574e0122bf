package service

import (
	"context"
	"errors"
	"fmt"
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
//   - a snippet works the same way, cut to its range: the requester must be
//     able to see the snippet; invitees see the snippet's part of the
//     transcript on the request page and never the rest of the call (not
//     its ID in the API, not its other cues). When the snippet or its call
//     is deleted, or the requester can no longer see the snippet, the page
//     says it is gone;
//   - a deal, an e-mail or a deal plan is shown to the recipient and to
//     invitees who have not declined;
//   - a circle request goes to a ritual group the requester belongs to
//     (ground rules accepted); its invitees are the other members who had
//     accepted the ground rules at that time — the request remembers the
//     group. The circle is those invitees for as long as they stay
//     members: someone who leaves (or is removed) loses the request
//     altogether ("not found") and keeps only their own review, as its
//     author (by ref, or as "my review"); rejoining restores it. People who
//     join later were not part of it and do not see it. Circle requests
//     are never anonymous (the circle reads the reviews, names included);
//   - a review is visible to its author (drafts included) and to the
//     recipient (submitted observations only); for a circle request also
//     to the circle, without anchoring: a member sees the other members'
//     submitted observations (and the calibration) only once their own
//     observations are in, and the others' recommendations only once
//     their own recommendations are in and the recipient has opened the
//     recommendations — the rep hears the advice first. Helpfulness
//     ratings stay between the recipient and each author. Named invitees
//     of other requests never see each other's reviews;
//   - the recipient reads every released review's observations before any
//     recommendation: recommendations show only once they have said they
//     have read the observations, and again only after they read any that
//     arrived since;
//   - calibration (the spread of scores per criterion and of weighted
//     totals) covers released reviews only and needs at least two: scores
//     are listed by value, never by author or time, so it says nothing the
//     released reviews do not;
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
//     never who wrote what. An anonymous request's reviews count only once
//     they are released to the requester, so the figures cannot time, or
//     score, a lone early review (teamFeedbackStats);
//   - a review's timestamped remarks are part of its observations: they
//     follow the review's rules above exactly (author; recipient once
//     released; circle members without anchoring), change only while the
//     review is a draft, and lie within the call — for a snippet within its
//     range, naming only moments wholly inside it. Viewers other than the
//     author get no remark refs and no time of writing, and remarks are
//     listed by call time, so their order says nothing about who wrote
//     what, or when;
//   - reviewers see the average and count of their own helpfulness
//     ratings, overall and per month (by when the rating was given) —
//     nobody else's; the recipient learns nothing new from it.

// minAnonymousRelease is how many reviews an anonymous request needs
// before any is shown to its recipient (unless the due time has passed).
const minAnonymousRelease = 2

// requestRole is how the actor stands to a request.
type requestRole int

const (
	roleNone requestRole = iota
	roleRequester
	roleInvitee
	roleLeftCircle // invited with a circle they have since left: their own review only
)

// roleIn decides how the actor stands to a request.
func (s *Service) roleIn(ctx context.Context, a Actor, r domain.FeedbackRequest) (requestRole, error) {
	if a.Person.ID == 0 {
		return roleNone, nil
	}
	if r.RequesterID == a.Person.ID {
		return roleRequester, nil
	}
	if _, invited := r.Invite(a.Person.ID); !invited {
		return roleNone, nil
	}
	if r.GroupID == 0 {
		return roleInvitee, nil
	}
	g, err := s.store.Group(ctx, a.Org.ID, r.GroupID)
	if errors.Is(err, domain.ErrNotFound) {
		return roleLeftCircle, nil
	}
	if err != nil {
		return roleNone, err
	}
	if inCircle(g, a.Person.ID) {
		return roleInvitee, nil
	}
	return roleLeftCircle, nil
}

// inCircle reports whether a person is a current member of the group who
// has accepted its ground rules: the people its content is for.
func inCircle(g domain.Group, personID int64) bool {
	m, ok := g.Member(personID)
	return ok && !m.AcceptedAt.IsZero()
}

// visibleRequest loads a request the actor made or was invited to (and,
// for a circle, is still in), or reports it not found.
func (s *Service) visibleRequest(ctx context.Context, a Actor, id int64) (domain.FeedbackRequest, requestRole, error) {
	r, err := s.store.FeedbackRequest(ctx, a.Org.ID, id)
	if err != nil {
		return r, roleNone, err
	}
	role, err := s.roleIn(ctx, a, r)
	if err != nil {
		return domain.FeedbackRequest{}, roleNone, err
	}
	if role != roleRequester && role != roleInvitee {
		return domain.FeedbackRequest{}, roleNone, domain.NotFound("feedback request")
	}
	return r, role, nil
}

// subjectCall returns the request's call when the actor may see it
// through the request (see the rules above); ok is false otherwise, and
// gone reports a call since deleted or hidden from the requester. A
// snippet's call is never returned: see subjectSnippet.
func (s *Service) subjectCall(ctx context.Context, a Actor, r domain.FeedbackRequest, role requestRole) (c domain.Call, ok, gone bool, err error) {
	if r.CallID == 0 || r.SnippetID != 0 {
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
	if (domain.AnonymousRelease{MinReviews: minAnonymousRelease, Now: now}).Holds(r.Anonymous, len(out), r.DueAt) {
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
	v.Remarks = remarkViews(rv.Remarks, v.Mine)
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
	if !v.Mine && a.Person.ID != r.RequesterID { // a circle member: the rating is not theirs to read
		v.Helpfulness, v.HelpfulnessNote = 0, ""
	}
	return v
}

// subjectSnippet returns the request's snippet, cut to its range, when
// the actor may see it through the request; gone reports a snippet (or
// call) since deleted, or one the requester can no longer see.
func (s *Service) subjectSnippet(ctx context.Context, a Actor, r domain.FeedbackRequest, role requestRole) (*SnippetSubject, bool, error) {
	if r.SnippetID == 0 {
		return nil, false, nil
	}
	if in, _ := r.Invite(a.Person.ID); role == roleInvitee && in.Status == domain.InviteDeclined {
		return nil, false, nil
	}
	requester := a.Person
	if role != roleRequester {
		var err error
		if requester, err = s.store.Person(ctx, a.Org.ID, r.RequesterID); err != nil {
			return nil, false, err
		}
	}
	sn, err := s.store.Snippet(ctx, a.Org.ID, r.SnippetID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	if seen, err := s.canSeeSnippet(ctx, Actor{Org: a.Org, Person: requester}, sn); err != nil || !seen {
		return nil, err == nil, err
	}
	c, err := s.store.Call(ctx, a.Org.ID, sn.CallID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	doc, err := DecodeTranscript(c)
	if err != nil {
		return nil, false, fmt.Errorf("request %d: snippet transcript: %w", r.ID, err)
	}
	out := &SnippetSubject{Snippet: sn, CallTitle: c.Title, Moments: subjectMoments(c, sn.Start, sn.End)}
	out.Snippet.SharedWith = nil // who else it was shared with is the owner's business
	for _, cue := range doc.Cues {
		if cue.End > sn.Start && cue.Start < sn.End {
			out.Cues = append(out.Cues, cue)
		}
	}
	return out, false, nil
}

// circleSight is what a circle member may see of the other members'
// reviews: nothing until their own observations are in; then the released
// ones' observations; their recommendations once the member's own are in
// and the recipient has opened the recommendations.
func circleSight(r domain.FeedbackRequest, mine domain.Review, released []domain.Review) (others []domain.Review, recsOpen bool) {
	if r.GroupID == 0 || mine.Phase() == domain.PhaseDraft {
		return nil, false
	}
	for _, rv := range released {
		if rv.ID != mine.ID {
			others = append(others, rv)
		}
	}
	return others, mine.Phase() == domain.PhaseDone && recommendationsOpen(r, released)
}

// ownReviewIn finds the actor's review among a request's reviews; a
// zero Review (a draft) when they have none.
func ownReviewIn(all []domain.Review, personID int64) (domain.Review, bool) {
	for _, rv := range all {
		if rv.ReviewerID == personID {
			return rv, true
		}
	}
	return domain.Review{}, false
}

// calibrationFor returns the calibration a viewer may see: the
// recipient's over the released reviews, a circle member's once their own
// observations are in; nil otherwise, and below two released reviews.
func calibrationFor(rubric domain.Rubric, r domain.FeedbackRequest, role requestRole, mine domain.Review, released []domain.Review) *Calibration {
	switch {
	case role == roleRequester:
	case role == roleInvitee && r.GroupID != 0 && mine.Phase() != domain.PhaseDraft:
	default:
		return nil
	}
	return calibrate(rubric, released)
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

// anonymousRelease is the rule of releasedReviews, for the store to apply
// where it counts reviews.
func (s *Service) anonymousRelease() domain.AnonymousRelease {
	return domain.AnonymousRelease{MinReviews: minAnonymousRelease, Now: s.now()}
}
