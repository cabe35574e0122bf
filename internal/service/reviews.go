package service

import (
	"context"
	"errors"
	"strings"

	"huddle/internal/domain"
)

// ReviewInput is what a reviewer writes. Scores of 0 with no note are
// skipped criteria. Recommendations belong to the second phase.
type ReviewInput struct {
	Scores          []domain.ReviewScore
	Highlights      string
	Improvements    string
	Recommendations string
}

// hasObservations reports whether the input carries any observation.
func (in ReviewInput) hasObservations() bool {
	for _, sc := range in.Scores {
		if sc.Score != 0 || strings.TrimSpace(sc.Note) != "" {
			return true
		}
	}
	return strings.TrimSpace(in.Highlights) != "" || strings.TrimSpace(in.Improvements) != ""
}

func conflict(msg string) error { return &domain.Error{Kind: domain.ErrConflict, Message: msg} }

// reviewable loads a request the actor accepted, the rubric version it
// uses and the actor's review of it (ID 0 when none yet).
func (s *Service) reviewable(ctx context.Context, a Actor, requestID int64) (domain.FeedbackRequest, domain.Rubric, domain.Review, error) {
	var none domain.FeedbackRequest
	r, role, err := s.visibleRequest(ctx, a, requestID)
	if err != nil {
		return none, domain.Rubric{}, domain.Review{}, err
	}
	if role != roleInvitee {
		return none, domain.Rubric{}, domain.Review{}, domain.Forbidden("only the peers invited can review this request")
	}
	switch in, _ := r.Invite(a.Person.ID); in.Status {
	case domain.InvitePending:
		return none, domain.Rubric{}, domain.Review{}, conflict("accept the request before you write a review")
	case domain.InviteDeclined:
		return none, domain.Rubric{}, domain.Review{}, domain.Forbidden("you declined this request; accept it to write a review")
	}
	rubric, err := s.store.RubricVersion(ctx, a.Org.ID, r.VersionID)
	if err != nil {
		return none, domain.Rubric{}, domain.Review{}, err
	}
	rv, err := s.store.ReviewOf(ctx, a.Org.ID, r.ID, a.Person.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return r, rubric, domain.Review{RequestID: r.ID, ReviewerID: a.Person.ID}, nil
	}
	return r, rubric, rv, err
}

// cleanObservations checks scores against the rubric version and trims
// the texts.
func cleanObservations(rubric domain.Rubric, in ReviewInput) (ReviewInput, error) {
	out := ReviewInput{Highlights: strings.TrimSpace(in.Highlights), Improvements: strings.TrimSpace(in.Improvements)}
	if len(out.Highlights) > maxFeedbackText || len(out.Improvements) > maxFeedbackText {
		return out, domain.Invalid("observations", "keep highlights and improvement areas under %d characters each", maxFeedbackText)
	}
	seen := map[int64]bool{}
	for _, sc := range in.Scores {
		c, ok := rubric.Criterion(sc.CriterionID)
		if !ok {
			return out, domain.Invalid("scores", "criterion %d is not part of version %d of %s", sc.CriterionID, rubric.Version, rubric.Name)
		}
		if seen[sc.CriterionID] {
			return out, domain.Invalid("scores", "%s is scored twice", c.Name)
		}
		seen[sc.CriterionID] = true
		if sc.Score != 0 && (sc.Score < domain.MinReviewScore || sc.Score > domain.MaxReviewScore) {
			return out, domain.Invalid("scores", "%s: score from %d to %d, or skip it", c.Name, domain.MinReviewScore, domain.MaxReviewScore)
		}
		sc.Note = strings.TrimSpace(sc.Note)
		if len(sc.Note) > maxFeedbackText {
			return out, domain.Invalid("scores", "%s: keep the note under %d characters", c.Name, maxFeedbackText)
		}
		if sc.Score != 0 || sc.Note != "" {
			out.Scores = append(out.Scores, sc)
		}
	}
	return out, nil
}

// SaveReviewDraft saves what a reviewer has written so far, as they type.
// Before the observations are submitted it keeps the observations (and
// refuses recommendations); afterwards it keeps the recommendations draft
// and refuses changes to the submitted observations.
func (s *Service) SaveReviewDraft(ctx context.Context, a Actor, requestID int64, in ReviewInput) (ReviewView, error) {
	_, rubric, rv, err := s.reviewable(ctx, a, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	recs := strings.TrimSpace(in.Recommendations)
	if len(recs) > maxFeedbackText {
		return ReviewView{}, domain.Invalid("recommendations", "keep recommendations under %d characters", maxFeedbackText)
	}
	from := rv.Phase()
	switch from {
	case domain.PhaseDraft:
		if recs != "" {
			return ReviewView{}, domain.Invalid("recommendations", "recommendations open once you submit your observations")
		}
		obs, err := cleanObservations(rubric, in)
		if err != nil {
			return ReviewView{}, err
		}
		rv.Scores, rv.Highlights, rv.Improvements = obs.Scores, obs.Highlights, obs.Improvements
	case domain.PhaseObserved:
		if in.hasObservations() {
			return ReviewView{}, conflict("your observations are submitted and can no longer change")
		}
		rv.Recommendations = recs
	default:
		return ReviewView{}, conflict("your review is complete and can no longer change")
	}
	if err := s.store.SaveReview(ctx, a.Org.ID, &rv, from); err != nil {
		return ReviewView{}, err
	}
	return s.ownReview(ctx, a, rv)
}

// SubmitObservations submits a reviewer's observations: scores, notes,
// highlights and improvement areas. They cannot change afterwards, and
// they open the recommendations phase for this reviewer.
func (s *Service) SubmitObservations(ctx context.Context, a Actor, requestID int64, in ReviewInput) (ReviewView, error) {
	_, rubric, rv, err := s.reviewable(ctx, a, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	if rv.Phase() != domain.PhaseDraft {
		return ReviewView{}, conflict("you have already submitted observations on this request; one review per reviewer")
	}
	if strings.TrimSpace(in.Recommendations) != "" {
		return ReviewView{}, domain.Invalid("recommendations", "submit your observations first; recommendations come second")
	}
	obs, err := cleanObservations(rubric, in)
	if err != nil {
		return ReviewView{}, err
	}
	if !obs.hasObservations() && len(rv.Remarks) == 0 {
		return ReviewView{}, domain.Invalid("observations", "score a criterion, write an observation or add a remark before submitting")
	}
	rv.Scores, rv.Highlights, rv.Improvements, rv.Recommendations = obs.Scores, obs.Highlights, obs.Improvements, ""
	rv.ObservedAt = s.now()
	if err := s.store.SaveReview(ctx, a.Org.ID, &rv, domain.PhaseDraft); err != nil {
		return ReviewView{}, err
	}
	return s.ownReview(ctx, a, rv)
}

// SubmitRecommendations submits a reviewer's recommendations, which are
// only open once their observations are in.
func (s *Service) SubmitRecommendations(ctx context.Context, a Actor, requestID int64, text string) (ReviewView, error) {
	_, _, rv, err := s.reviewable(ctx, a, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	switch rv.Phase() {
	case domain.PhaseDraft:
		return ReviewView{}, conflict("submit your observations first; recommendations open after them")
	case domain.PhaseDone:
		return ReviewView{}, conflict("you have already submitted recommendations on this request")
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return ReviewView{}, domain.Invalid("recommendations", "write at least one recommendation")
	case len(text) > maxFeedbackText:
		return ReviewView{}, domain.Invalid("recommendations", "keep recommendations under %d characters", maxFeedbackText)
	}
	rv.Recommendations, rv.RecommendedAt = text, s.now()
	if err := s.store.SaveReview(ctx, a.Org.ID, &rv, domain.PhaseObserved); err != nil {
		return ReviewView{}, err
	}
	return s.ownReview(ctx, a, rv)
}

// ownReview renders a review for its author.
func (s *Service) ownReview(ctx context.Context, a Actor, rv domain.Review) (ReviewView, error) {
	r, err := s.store.FeedbackRequest(ctx, a.Org.ID, rv.RequestID)
	if err != nil {
		return ReviewView{}, err
	}
	return s.reviewView(ctx, a, r, rv, false), nil
}

// MyReview returns the actor's own review of a request (NotFound when
// they have not started one). Someone who has left the circle a request
// went to keeps their own review.
func (s *Service) MyReview(ctx context.Context, a Actor, requestID int64) (ReviewView, error) {
	r, err := s.store.FeedbackRequest(ctx, a.Org.ID, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	role, err := s.roleIn(ctx, a, r)
	if err != nil {
		return ReviewView{}, err
	}
	switch role {
	case roleInvitee, roleLeftCircle:
	case roleRequester:
		return ReviewView{}, domain.NotFound("review")
	default:
		return ReviewView{}, domain.NotFound("feedback request")
	}
	rv, err := s.store.ReviewOf(ctx, a.Org.ID, r.ID, a.Person.ID)
	if err != nil {
		return ReviewView{}, err
	}
	return s.reviewView(ctx, a, r, rv, false), nil
}

// visibleReview loads a review the actor may see now, with whether its
// recommendations show to them: its author; its recipient once released;
// a circle member under circleSight. Anyone else, and a recipient before
// release, gets "not found" — the same answer, whoever wrote it.
func (s *Service) visibleReview(ctx context.Context, a Actor, ref string) (domain.FeedbackRequest, domain.Review, bool, error) {
	notFound := domain.NotFound("review")
	if a.Person.ID == 0 || len(ref) != 16 {
		return domain.FeedbackRequest{}, domain.Review{}, false, notFound
	}
	rv, err := s.store.ReviewByRef(ctx, a.Org.ID, ref)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.FeedbackRequest{}, domain.Review{}, false, notFound
	}
	if err != nil {
		return domain.FeedbackRequest{}, domain.Review{}, false, err
	}
	r, err := s.store.FeedbackRequest(ctx, a.Org.ID, rv.RequestID)
	if err != nil {
		return domain.FeedbackRequest{}, domain.Review{}, false, err
	}
	if rv.ReviewerID == a.Person.ID {
		return r, rv, true, nil
	}
	role, err := s.roleIn(ctx, a, r)
	if err != nil {
		return domain.FeedbackRequest{}, domain.Review{}, false, err
	}
	if role != roleRequester && role != roleInvitee {
		return domain.FeedbackRequest{}, domain.Review{}, false, notFound
	}
	all, err := s.store.Reviews(ctx, a.Org.ID, r.ID)
	if err != nil {
		return domain.FeedbackRequest{}, domain.Review{}, false, err
	}
	released := releasedReviews(r, all, s.now())
	visible, recsOpen := released, recommendationsOpen(r, released)
	if role == roleInvitee {
		mine, _ := ownReviewIn(all, a.Person.ID)
		visible, recsOpen = circleSight(r, mine, released)
	}
	for _, x := range visible {
		if x.ID == rv.ID {
			return r, rv, recsOpen, nil
		}
	}
	return domain.FeedbackRequest{}, domain.Review{}, false, notFound
}

// Review returns one review, by ref, to those who may see it.
func (s *Service) Review(ctx context.Context, a Actor, ref string) (ReviewView, error) {
	r, rv, recsOpen, err := s.visibleReview(ctx, a, ref)
	if err != nil {
		return ReviewView{}, err
	}
	return s.reviewView(ctx, a, r, rv, recsOpen), nil
}

// RateReview records how helpful the recipient found a review (1–5, with
// an optional note); rating again replaces the rating.
func (s *Service) RateReview(ctx context.Context, a Actor, ref string, score int, note string) (ReviewView, error) {
	r, rv, recsOpen, err := s.visibleReview(ctx, a, ref)
	if err != nil {
		return ReviewView{}, err
	}
	if r.RequesterID != a.Person.ID {
		return ReviewView{}, domain.Forbidden("only the rep who asked for the feedback rates its helpfulness")
	}
	note = strings.TrimSpace(note)
	switch {
	case score < domain.MinReviewScore || score > domain.MaxReviewScore:
		return ReviewView{}, domain.Invalid("helpfulness", "rate from %d (not helpful) to %d (very helpful)", domain.MinReviewScore, domain.MaxReviewScore)
	case len(note) > maxFeedbackText:
		return ReviewView{}, domain.Invalid("note", "keep the note under %d characters", maxFeedbackText)
	}
	if err := s.store.RateReview(ctx, a.Org.ID, rv.ID, score, note, s.now()); err != nil {
		return ReviewView{}, err
	}
	rv.Helpfulness, rv.HelpfulnessNote = score, note
	return s.reviewView(ctx, a, r, rv, recsOpen), nil
}
