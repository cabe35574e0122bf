package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"huddle/internal/domain"
)

// Limits on what a feedback request carries.
const (
	maxInvitees      = 10
	maxArtefactChars = 20000
	maxFeedbackText  = 5000
)

// feedbackSetting is the org setting that holds FeedbackSettings.
const feedbackSetting = "feedback"

// FeedbackSettings are the organisation's feedback options.
type FeedbackSettings struct {
	// Anonymous lets requesters ask for anonymous reviews. Turning it off
	// later keeps existing anonymous requests anonymous: the promise was
	// made when the reviewers wrote.
	Anonymous bool `json:"anonymous"`
}

// FeedbackSettings returns the organisation's feedback options; everyone
// may read them (the request form needs to know).
func (s *Service) FeedbackSettings(ctx context.Context, a Actor) (FeedbackSettings, error) {
	var fs FeedbackSettings
	raw, err := s.store.Setting(ctx, a.Org.ID, feedbackSetting)
	if errors.Is(err, domain.ErrNotFound) {
		return fs, nil
	}
	if err != nil {
		return fs, err
	}
	if err := json.Unmarshal(raw, &fs); err != nil {
		return fs, fmt.Errorf("feedback setting: %w", err)
	}
	return fs, nil
}

// SetFeedbackSettings saves the organisation's feedback options;
// administrators only.
func (s *Service) SetFeedbackSettings(ctx context.Context, a Actor, fs FeedbackSettings) error {
	if err := a.requireAdmin("change feedback settings"); err != nil {
		return err
	}
	raw, _ := json.Marshal(fs)
	return s.store.SetSetting(ctx, a.Org.ID, feedbackSetting, raw)
}

// FeedbackRequestInput is what a rep fills in to ask for feedback: one
// subject — a call (CallID), a snippet (SnippetID), a written artefact
// (ArtefactKind and ArtefactText) or a deal (Deal) — and named peers
// (Invitees) or one of their circles (GroupID).
type FeedbackRequestInput struct {
	Title, Ask   string
	CallID       int64
	SnippetID    int64
	ArtefactKind string
	ArtefactText string
	Deal         *domain.Deal
	RubricID     int64
	Invitees     []int64
	GroupID      int64
	DueAt        time.Time
	Anonymous    bool
}

// RequestFeedback asks named peers, or a circle, for feedback. The
// requester must be able to see the call or snippet; invitees are active
// people of the organisation other than the requester, or the other
// members of one of the requester's circles; the rubric must not be
// retired; the due time must be in the future; anonymous requests need
// the organisation's consent, at least two invitees and no circle.
func (s *Service) RequestFeedback(ctx context.Context, a Actor, in FeedbackRequestInput) (domain.FeedbackRequest, error) {
	if a.Person.ID == 0 {
		return domain.FeedbackRequest{}, domain.Forbidden("feedback requests belong to a person; sign in to ask for feedback")
	}
	if err := s.ensureRubrics(ctx, a.Org.ID); err != nil {
		return domain.FeedbackRequest{}, err
	}
	r := domain.FeedbackRequest{RequesterID: a.Person.ID, Title: strings.TrimSpace(in.Title), Ask: strings.TrimSpace(in.Ask),
		Anonymous: in.Anonymous, DueAt: in.DueAt}
	if len(r.Ask) > maxFeedbackText {
		return r, domain.Invalid("ask", "keep the ask under %d characters", maxFeedbackText)
	}
	if err := s.requestSubject(ctx, a, in, &r); err != nil {
		return domain.FeedbackRequest{}, err
	}
	if len(r.Title) > 200 {
		return domain.FeedbackRequest{}, domain.Invalid("title", "keep titles under 200 characters")
	}
	rubric, err := s.store.Rubric(ctx, a.Org.ID, in.RubricID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.FeedbackRequest{}, domain.Invalid("rubric", "choose one of the organisation's rubrics")
	}
	if err != nil {
		return domain.FeedbackRequest{}, err
	}
	if rubric.Retired {
		return domain.FeedbackRequest{}, domain.Invalid("rubric", "%s is retired; choose another rubric", rubric.Name)
	}
	r.RubricID, r.VersionID = rubric.ID, rubric.VersionID
	if err := s.requestAudience(ctx, a, in, &r); err != nil {
		return domain.FeedbackRequest{}, err
	}
	now := s.now()
	switch {
	case in.DueAt.IsZero():
		return domain.FeedbackRequest{}, domain.Invalid("due_at", "say when you need the feedback by")
	case !in.DueAt.After(now):
		return domain.FeedbackRequest{}, domain.Invalid("due_at", "the due time has passed; choose one in the future")
	case in.DueAt.After(now.AddDate(1, 0, 0)):
		return domain.FeedbackRequest{}, domain.Invalid("due_at", "choose a due time within a year")
	}
	if in.Anonymous {
		fs, err := s.FeedbackSettings(ctx, a)
		if err != nil {
			return domain.FeedbackRequest{}, err
		}
		if !fs.Anonymous {
			return domain.FeedbackRequest{}, domain.Invalid("anonymous", "anonymous reviews are turned off in %s", a.Org.Name)
		}
		if len(r.Invites) < minAnonymousRelease {
			return domain.FeedbackRequest{}, domain.Invalid("anonymous", "invite at least %d peers for anonymous reviews", minAnonymousRelease)
		}
	}
	if err := s.store.CreateFeedbackRequest(ctx, a.Org.ID, &r); err != nil {
		return domain.FeedbackRequest{}, fmt.Errorf("create feedback request: %w", err)
	}
	return r, nil
}

// checkInvitees makes sure every invitee is an active colleague.
func (s *Service) checkInvitees(ctx context.Context, a Actor, ids []int64, r *domain.FeedbackRequest) error {
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if id == a.Person.ID {
			return domain.Invalid("invitees", "ask your peers; you cannot review your own work here")
		}
		p, err := s.store.Person(ctx, a.Org.ID, id)
		if err != nil || !p.Active {
			return domain.Invalid("invitees", "person %d is not in this organisation", id)
		}
		r.Invites = append(r.Invites, domain.FeedbackInvite{PersonID: id, Status: domain.InvitePending})
	}
	switch {
	case len(r.Invites) == 0:
		return domain.Invalid("invitees", "invite at least one peer")
	case len(r.Invites) > maxInvitees:
		return domain.Invalid("invitees", "invite at most %d peers", maxInvitees)
	}
	return nil
}

// RespondToRequest accepts or declines an invitation. An invitee who has
// submitted observations can no longer decline.
func (s *Service) RespondToRequest(ctx context.Context, a Actor, id int64, accept bool) error {
	r, role, err := s.visibleRequest(ctx, a, id)
	if err != nil {
		return err
	}
	if role != roleInvitee {
		return domain.Forbidden("only the peers invited can accept or decline a request")
	}
	status := domain.InviteAccepted
	if !accept {
		status = domain.InviteDeclined
		rv, err := s.store.ReviewOf(ctx, a.Org.ID, r.ID, a.Person.ID)
		if err == nil && rv.Phase() != domain.PhaseDraft {
			return &domain.Error{Kind: domain.ErrConflict, Message: "you have submitted observations; the request can no longer be declined"}
		}
		if err != nil && !errors.Is(err, domain.ErrNotFound) {
			return err
		}
	}
	return s.store.RespondToInvite(ctx, a.Org.ID, r.ID, a.Person.ID, status)
}

// AcknowledgeObservations records that the recipient has read the
// observations of the seen reviews, which opens their recommendations. If
// more have been released since the page was drawn, nothing is recorded
// and the answer is a conflict: read those first.
func (s *Service) AcknowledgeObservations(ctx context.Context, a Actor, id int64, seen int) error {
	r, role, err := s.visibleRequest(ctx, a, id)
	if err != nil {
		return err
	}
	if role != roleRequester {
		return domain.Forbidden("only the rep who asked for feedback acknowledges its observations")
	}
	all, err := s.store.Reviews(ctx, a.Org.ID, r.ID)
	if err != nil {
		return err
	}
	released := releasedReviews(r, all, s.now())
	switch {
	case len(released) == 0:
		return &domain.Error{Kind: domain.ErrConflict, Message: "there are no observations to read yet"}
	case seen != len(released):
		return &domain.Error{Kind: domain.ErrConflict, Message: "new observations have arrived; read them before the recommendations"}
	}
	return s.store.SetObservationsRead(ctx, a.Org.ID, r.ID, len(released))
}

// InviteeView is an invited peer as the viewer may see them: the status
// only for a requester of a request that is not anonymous.
type InviteeView struct {
	Person domain.Person
	Status string // "" when hidden
}

// RequestView is everything a request's page shows, filtered for the actor.
type RequestView struct {
	Request     domain.FeedbackRequest
	Rubric      domain.Rubric // the version the request uses
	Requester   domain.Person
	IsRequester bool
	MyInvite    domain.FeedbackInvite // the actor's own, when invited
	Invitees    []InviteeView         // for the requester
	Invited     int
	// ReviewsSoFar is the number of released reviews; -1 when it is not
	// shown (anonymous requests before release).
	ReviewsSoFar int
	Call         *domain.Call // the call, when the actor may see it through the request
	Transcript   CallTranscript
	// Moments are the teachable moments of the call, or of the snippet's
	// range, that remarks may name.
	Moments     []SubjectMoment
	CallGone    bool
	Snippet     *SnippetSubject // the snippet, when the actor may see it through the request
	SnippetGone bool
	Artefact    bool   // ArtefactText or Deal is for the actor
	Circle      string // the circle's name, for a circle request
	// Reviews are the released reviews for the recipient; for a circle
	// member, the other members' (see circleSight).
	Reviews []ReviewView
	// RecommendationsOpen: the recipient has read every observation (for
	// a circle member: the others' recommendations show).
	RecommendationsOpen bool
	MyReview            *ReviewView  // the actor's own review, as its author
	Calibration         *Calibration // nil when the actor may not see one, or below two reviews
	Overdue             bool
}

// ReviewView is a review as one viewer may see it.
type ReviewView struct {
	Ref                   string
	RequestID             int64
	Phase                 domain.ReviewPhase
	Reviewer              *domain.Person // nil when anonymous to the viewer
	Anonymous             bool
	Mine                  bool
	Scores                []domain.ReviewScore
	Highlights            string
	Improvements          string
	Remarks               []RemarkView // by call time
	Recommendations       string
	RecommendationsHidden bool
	ObservedAt            time.Time // a date only when DateOnly
	RecommendedAt         time.Time
	DateOnly              bool
	Helpfulness           int
	HelpfulnessNote       string
}

// FeedbackRequest returns a request the actor made or was invited to,
// filtered by the rules in feedback_access.go.
func (s *Service) FeedbackRequest(ctx context.Context, a Actor, id int64) (RequestView, error) {
	r, role, err := s.visibleRequest(ctx, a, id)
	if err != nil {
		return RequestView{}, err
	}
	v := RequestView{Request: r, IsRequester: role == roleRequester, Invited: len(r.Invites), ReviewsSoFar: -1,
		Overdue: s.now().After(r.DueAt)}
	if v.Rubric, err = s.store.RubricVersion(ctx, a.Org.ID, r.VersionID); err != nil {
		return RequestView{}, err
	}
	if v.Requester, err = s.store.Person(ctx, a.Org.ID, r.RequesterID); err != nil {
		return RequestView{}, err
	}
	v.MyInvite, _ = r.Invite(a.Person.ID)
	declined := role == roleInvitee && v.MyInvite.Status == domain.InviteDeclined
	if err := s.fillSubject(ctx, a, role, &v); err != nil {
		return RequestView{}, err
	}
	v.Artefact = r.ArtefactKind != "" && !declined
	if !v.Artefact {
		v.Request.ArtefactText, v.Request.Deal = "", nil
	}
	if r.GroupID != 0 {
		if g, err := s.store.Group(ctx, a.Org.ID, r.GroupID); err == nil {
			v.Circle = g.Name
		}
	}
	all, err := s.store.Reviews(ctx, a.Org.ID, r.ID)
	if err != nil {
		return RequestView{}, err
	}
	released := releasedReviews(r, all, s.now())
	if role == roleInvitee {
		s.inviteeReviews(ctx, a, all, released, &v)
		return v, nil
	}
	for _, in := range r.Invites {
		iv := InviteeView{Status: in.Status}
		if r.Anonymous {
			iv.Status = ""
		}
		if iv.Person, err = s.store.Person(ctx, a.Org.ID, in.PersonID); err != nil {
			return RequestView{}, err
		}
		v.Invitees = append(v.Invitees, iv)
	}
	if r.Anonymous {
		v.Request.Invites = nil
	}
	if !r.Anonymous || len(released) > 0 {
		v.ReviewsSoFar = len(released)
	}
	v.RecommendationsOpen = recommendationsOpen(r, released)
	for _, rv := range released {
		v.Reviews = append(v.Reviews, s.reviewView(ctx, a, r, rv, v.RecommendationsOpen))
	}
	v.Calibration = calibrationFor(v.Rubric, r, role, domain.Review{}, released)
	return v, nil
}

// fillSubject adds the call or snippet the actor may see through the
// request, or says it is gone.
func (s *Service) fillSubject(ctx context.Context, a Actor, role requestRole, v *RequestView) error {
	c, ok, gone, err := s.subjectCall(ctx, a, v.Request, role)
	if err != nil {
		return err
	}
	if ok {
		v.Call = &c
		if v.Transcript, err = DecodeTranscript(c); err != nil {
			return fmt.Errorf("request %d: transcript: %w", v.Request.ID, err)
		}
		v.Moments = subjectMoments(c, 0, math.Inf(1))
	}
	v.CallGone = gone
	if v.Snippet, v.SnippetGone, err = s.subjectSnippet(ctx, a, v.Request, role); v.Snippet != nil {
		v.Moments = v.Snippet.Moments
	}
	return err
}

// inviteeReviews fills in what an invitee sees of the reviews: their own
// and, for a circle request, what circleSight allows.
func (s *Service) inviteeReviews(ctx context.Context, a Actor, all, released []domain.Review, v *RequestView) {
	r := v.Request
	v.Request.ObservationsRead, v.Request.Invites = 0, nil
	mine, ok := ownReviewIn(all, a.Person.ID)
	if ok {
		own := s.reviewView(ctx, a, r, mine, false)
		v.MyReview = &own
	}
	if r.GroupID == 0 || mine.Phase() == domain.PhaseDraft {
		return // named invitees never see each other's reviews; circle members only after their own
	}
	others, recsOpen := circleSight(r, mine, released)
	v.ReviewsSoFar, v.RecommendationsOpen = len(released), recsOpen
	for _, rv := range others {
		v.Reviews = append(v.Reviews, s.reviewView(ctx, a, r, rv, recsOpen))
	}
	v.Calibration = calibrationFor(v.Rubric, r, roleInvitee, mine, released)
}

// RequestSummary is one line of a person's feedback lists.
type RequestSummary struct {
	Request   domain.FeedbackRequest
	Requester domain.Person
	MyInvite  domain.FeedbackInvite
	MyPhase   domain.ReviewPhase // of the actor's own review; "" when none
	Circle    string             // the circle's name, for a circle request
	Invited   int
	// Reviews is the number of released reviews; -1 when hidden.
	Reviews int
}

// FeedbackOverview is the actor's feedback page: what they asked for, what
// they were asked for, their helpfulness as a reviewer and, for managers,
// their teams' figures.
type FeedbackOverview struct {
	Asked       []RequestSummary
	Invited     []RequestSummary
	Helpfulness domain.Helpfulness
	// HelpfulnessByMonth is the actor's helpfulness over the last twelve
	// months, oldest first.
	HelpfulnessByMonth []HelpfulnessMonth
	Teams              []TeamFeedback
}

// TeamFeedback is one managed team's feedback figures.
type TeamFeedback struct {
	Team  domain.Team
	Stats domain.FeedbackStats
}

// FeedbackOverview gathers the actor's feedback page.
func (s *Service) FeedbackOverview(ctx context.Context, a Actor) (FeedbackOverview, error) {
	var o FeedbackOverview
	if a.Person.ID == 0 {
		return o, nil
	}
	asked, err := s.store.FeedbackRequests(ctx, a.Org.ID, domain.FeedbackRequestFilter{RequesterID: a.Person.ID})
	if err != nil {
		return o, err
	}
	now := s.now()
	circles := circleNames{}
	for _, r := range asked {
		all, err := s.store.Reviews(ctx, a.Org.ID, r.ID)
		if err != nil {
			return o, err
		}
		sum := RequestSummary{Request: r, Requester: a.Person, Invited: len(r.Invites), Reviews: -1}
		if released := releasedReviews(r, all, now); !r.Anonymous || len(released) > 0 {
			sum.Reviews = len(released)
		}
		if r.Anonymous {
			sum.Request.Invites = nil
		}
		sum.Circle = circles.name(ctx, s, a, r.GroupID)
		o.Asked = append(o.Asked, sum)
	}
	invited, err := s.store.FeedbackRequests(ctx, a.Org.ID, domain.FeedbackRequestFilter{InviteeID: a.Person.ID})
	if err != nil {
		return o, err
	}
	for _, r := range invited {
		if role, err := s.roleIn(ctx, a, r); err != nil || role != roleInvitee {
			if err != nil {
				return o, err
			}
			continue // a circle they have left: the request is no longer theirs to see
		}
		sum := RequestSummary{Request: r, Invited: len(r.Invites), Reviews: -1, Circle: circles.name(ctx, s, a, r.GroupID)}
		sum.MyInvite, _ = r.Invite(a.Person.ID)
		sum.Request.Invites, sum.Request.ArtefactText, sum.Request.Deal = nil, "", nil
		if sum.Requester, err = s.store.Person(ctx, a.Org.ID, r.RequesterID); err != nil {
			return o, err
		}
		if rv, err := s.store.ReviewOf(ctx, a.Org.ID, r.ID, a.Person.ID); err == nil {
			sum.MyPhase = rv.Phase()
		} else if !errors.Is(err, domain.ErrNotFound) {
			return o, err
		}
		o.Invited = append(o.Invited, sum)
	}
	h, err := s.MyHelpfulness(ctx, a)
	if err != nil {
		return o, err
	}
	o.Helpfulness, o.HelpfulnessByMonth = h.Overall, h.Months
	teams, err := s.managedTeams(ctx, a)
	if err != nil {
		return o, err
	}
	for _, t := range teams {
		st, err := s.store.TeamFeedbackStats(ctx, a.Org.ID, t.ID, s.anonymousRelease())
		if err != nil {
			return o, err
		}
		o.Teams = append(o.Teams, TeamFeedback{Team: t, Stats: st})
	}
	slices.SortFunc(o.Invited, func(x, y RequestSummary) int { return x.Request.DueAt.Compare(y.Request.DueAt) })
	return o, nil
}

// circleNames caches circle names for a list of requests.
type circleNames map[int64]string

func (c circleNames) name(ctx context.Context, s *Service, a Actor, groupID int64) string {
	if groupID == 0 {
		return ""
	}
	if n, ok := c[groupID]; ok {
		return n
	}
	if g, err := s.store.Group(ctx, a.Org.ID, groupID); err == nil {
		c[groupID] = g.Name
	}
	return c[groupID]
}
