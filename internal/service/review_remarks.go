package service

import (
	"context"
	"fmt"
	"math"

	"huddle/internal/domain"
)

// SubjectMoment is a teachable moment of the call under review, as the
// request lists it: for a snippet, only moments wholly inside its range.
type SubjectMoment struct {
	Index     int // from 1, in call order: how a remark names it
	Kind      string
	AtSeconds float64
	Reason    string
}

// RemarkInput is a remark a reviewer adds at a point of the call: a time
// (nil: the moment's), optionally one of the subject's moments (Moment,
// its Index; 0 for none), a kind and a note.
type RemarkInput struct {
	AtSeconds *float64
	Moment    int
	Kind      domain.RemarkKind
	Note      string
}

// RemarkView is a remark as a viewer sees it: its Ref for its author only,
// and never when it was written.
type RemarkView struct {
	Ref        string
	AtSeconds  float64
	Kind       domain.RemarkKind
	MomentKind string
	MomentAt   *float64
	Note       string
}

// remarkViews renders a review's remarks, already in call order; refs go
// to the author only.
func remarkViews(list []domain.ReviewRemark, mine bool) []RemarkView {
	out := make([]RemarkView, 0, len(list))
	for _, m := range list {
		v := RemarkView{AtSeconds: m.AtSeconds, Kind: m.Kind, MomentKind: m.MomentKind, MomentAt: m.MomentAt, Note: m.Note}
		if mine {
			v.Ref = m.Ref
		}
		out = append(out, v)
	}
	return out
}

// subjectMoments lists a call's timed teachable moments that lie wholly
// within [from, to], numbered from 1.
func subjectMoments(c domain.Call, from, to float64) []SubjectMoment {
	report, err := DecodeReport(c)
	if err != nil || report == nil {
		return nil
	}
	var out []SubjectMoment
	for _, m := range report.Moments {
		if m.AtSeconds == nil || *m.AtSeconds < from || *m.AtSeconds > to || (m.EndSeconds != nil && *m.EndSeconds > to) {
			continue
		}
		out = append(out, SubjectMoment{Index: len(out) + 1, Kind: m.Kind, AtSeconds: *m.AtSeconds, Reason: m.Reason})
	}
	return out
}

// remarkSpan is where on the call remarks may go for a request, and the
// moments they may name.
type remarkSpan struct {
	From, To float64
	Snippet  bool
	Moments  []SubjectMoment
}

// spanOf works out the remark span of the request's subject as the
// reviewer sees it.
func (s *Service) spanOf(ctx context.Context, a Actor, r domain.FeedbackRequest) (remarkSpan, error) {
	v := RequestView{Request: r}
	if err := s.fillSubject(ctx, a, roleInvitee, &v); err != nil {
		return remarkSpan{}, err
	}
	switch {
	case v.Snippet != nil:
		return remarkSpan{From: v.Snippet.Snippet.Start, To: v.Snippet.Snippet.End, Snippet: true, Moments: v.Moments}, nil
	case v.Call != nil:
		if !v.Transcript.Timed || len(v.Transcript.Cues) == 0 {
			return remarkSpan{}, domain.Invalid("at_seconds", "this call's transcript has no times, so remarks cannot point at a moment; write highlights and areas to work on instead")
		}
		end := 0.0
		for _, c := range v.Transcript.Cues {
			end = math.Max(end, c.End)
		}
		if d := v.Call.Metrics.DurationSeconds; d != nil {
			end = math.Max(end, *d)
		}
		return remarkSpan{To: end, Moments: v.Moments}, nil
	case v.CallGone || v.SnippetGone:
		return remarkSpan{}, conflict("the call is no longer available, so no remarks can be added to it")
	}
	return remarkSpan{}, domain.Invalid("remark", "remarks at a moment are for calls and snippets; for an e-mail, a deal plan or a deal, write highlights and areas to work on")
}

// remarkFrom checks a remark against the span and fills in its time and
// moment.
func remarkFrom(in RemarkInput, span remarkSpan) (domain.ReviewRemark, error) {
	m := domain.ReviewRemark{Kind: in.Kind, Note: in.Note}
	if in.Moment != 0 {
		if in.Moment < 1 || in.Moment > len(span.Moments) {
			return m, domain.Invalid("moment", "choose one of the %d teachable moments listed, or none", len(span.Moments))
		}
		sm := span.Moments[in.Moment-1]
		m.MomentKind, m.MomentAt, m.AtSeconds = sm.Kind, &sm.AtSeconds, sm.AtSeconds
	}
	switch {
	case in.AtSeconds != nil:
		m.AtSeconds = *in.AtSeconds
	case in.Moment == 0:
		return m, domain.Invalid("at_seconds", "say when in the call, as m:ss, or choose a moment")
	}
	if err := m.Validate(); err != nil {
		return m, err
	}
	if m.AtSeconds < span.From || m.AtSeconds > span.To {
		what := "call"
		if span.Snippet {
			what = "snippet"
		}
		return m, domain.Invalid("at_seconds", "the time must lie within the %s (%s–%s)", what, Clock(span.From), Clock(span.To))
	}
	return m, nil
}

// AddRemark adds a remark at a point of the call to the actor's review of
// a call or snippet request, starting a draft if they have none. Remarks
// are observations: once those are submitted they can no longer change.
func (s *Service) AddRemark(ctx context.Context, a Actor, requestID int64, in RemarkInput) (ReviewView, error) {
	r, _, rv, err := s.reviewable(ctx, a, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	if rv.Phase() != domain.PhaseDraft {
		return ReviewView{}, conflict("your observations are submitted; their remarks can no longer change")
	}
	span, err := s.spanOf(ctx, a, r)
	if err != nil {
		return ReviewView{}, err
	}
	m, err := remarkFrom(in, span)
	if err != nil {
		return ReviewView{}, err
	}
	if len(rv.Remarks) >= domain.MaxReviewRemarks {
		return ReviewView{}, domain.Invalid("remarks", "a review holds at most %d remarks; remove one first", domain.MaxReviewRemarks)
	}
	if rv.ID == 0 {
		if err := s.store.SaveReview(ctx, a.Org.ID, &rv, domain.PhaseDraft); err != nil {
			return ReviewView{}, err
		}
	}
	m.ReviewID = rv.ID
	if err := s.store.AddReviewRemark(ctx, a.Org.ID, &m); err != nil {
		return ReviewView{}, fmt.Errorf("add remark: %w", err)
	}
	return s.reloadOwn(ctx, a, r)
}

// RemoveRemark removes one of the actor's remarks, by ref, while their
// review is a draft.
func (s *Service) RemoveRemark(ctx context.Context, a Actor, requestID int64, ref string) (ReviewView, error) {
	r, _, rv, err := s.reviewable(ctx, a, requestID)
	if err != nil {
		return ReviewView{}, err
	}
	switch {
	case rv.ID == 0:
		return ReviewView{}, domain.NotFound("remark")
	case rv.Phase() != domain.PhaseDraft:
		return ReviewView{}, conflict("your observations are submitted; their remarks can no longer change")
	}
	if err := s.store.RemoveReviewRemark(ctx, a.Org.ID, rv.ID, ref); err != nil {
		return ReviewView{}, err
	}
	return s.reloadOwn(ctx, a, r)
}

// reloadOwn reads the actor's review of r back, as its author.
func (s *Service) reloadOwn(ctx context.Context, a Actor, r domain.FeedbackRequest) (ReviewView, error) {
	rv, err := s.store.ReviewOf(ctx, a.Org.ID, r.ID, a.Person.ID)
	if err != nil {
		return ReviewView{}, err
	}
	return s.reviewView(ctx, a, r, rv, false), nil
}
