package service

import (
	"context"
	"errors"
	"strings"

	"huddle/internal/domain"
)

// SnippetSubject is a request's snippet as its readers see it: the range
// of the call and its cues, nothing else of the call.
type SnippetSubject struct {
	Snippet   domain.Snippet // SharedWith left out
	CallTitle string
	Cues      []TranscriptCue
	Moments   []SubjectMoment // the call's teachable moments inside the snippet
}

// requestSubject checks the one subject of a request — a call, a
// snippet, a written artefact or a deal — and defaults the title from it.
func (s *Service) requestSubject(ctx context.Context, a Actor, in FeedbackRequestInput, r *domain.FeedbackRequest) error {
	given := 0
	for _, set := range []bool{in.CallID != 0, in.SnippetID != 0, in.ArtefactKind != "", in.Deal != nil} {
		if set {
			given++
		}
	}
	switch {
	case given > 1:
		return domain.Invalid("subject", "ask about one thing: a call, a snippet, a written artefact or a deal")
	case in.CallID != 0:
		return s.callSubject(ctx, a, in.CallID, r)
	case in.SnippetID != 0:
		return s.snippetSubject(ctx, a, in.SnippetID, r)
	case in.Deal != nil:
		d := *in.Deal
		if err := d.Validate(); err != nil {
			return err
		}
		r.ArtefactKind, r.Deal = domain.ArtefactDealPlan, &d
		if r.Title == "" {
			r.Title = "Deal: " + d.Name
		}
	case in.ArtefactKind == domain.ArtefactEmail || in.ArtefactKind == domain.ArtefactDealPlan:
		text := strings.TrimSpace(in.ArtefactText)
		if text == "" {
			return domain.Invalid("artefact_text", "paste the e-mail or deal plan to review")
		}
		if len([]rune(text)) > maxArtefactChars {
			return domain.Invalid("artefact_text", "keep the text under %d characters", maxArtefactChars)
		}
		r.ArtefactKind, r.ArtefactText = in.ArtefactKind, text
		if r.Title == "" {
			r.Title = map[string]string{domain.ArtefactEmail: "E-mail", domain.ArtefactDealPlan: "Deal plan"}[in.ArtefactKind]
		}
	case in.ArtefactKind != "":
		return domain.Invalid("artefact_kind", "use email or deal_plan (or send a deal)")
	default:
		return domain.Invalid("subject", "choose a call or a snippet, paste an e-mail or deal plan, or describe a deal")
	}
	return nil
}

// callSubject checks a call the requester may see and that is ready.
func (s *Service) callSubject(ctx context.Context, a Actor, id int64, r *domain.FeedbackRequest) error {
	c, err := s.visibleCall(ctx, a, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Invalid("call_id", "there is no call %d that you can see", id)
	}
	if err != nil {
		return err
	}
	if c.Status != domain.CallReady {
		return domain.Invalid("call_id", "the call is still being transcribed; ask once it is ready")
	}
	r.CallID = c.ID
	if r.Title == "" {
		r.Title = c.Title
	}
	return nil
}

// snippetSubject checks a snippet the requester may see; the request
// keeps its call too (see migration 0008).
func (s *Service) snippetSubject(ctx context.Context, a Actor, id int64, r *domain.FeedbackRequest) error {
	notVisible := domain.Invalid("snippet_id", "there is no snippet %d that you can see", id)
	sn, err := s.store.Snippet(ctx, a.Org.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return notVisible
	}
	if err != nil {
		return err
	}
	ok, err := s.canSeeSnippet(ctx, a, sn)
	if err != nil {
		return err
	}
	if !ok {
		return notVisible
	}
	r.CallID, r.SnippetID = sn.CallID, sn.ID
	if r.Title == "" {
		r.Title = sn.Title
	}
	return nil
}

// requestAudience sets the invites: the named peers, or the other members
// of one of the requester's circles.
func (s *Service) requestAudience(ctx context.Context, a Actor, in FeedbackRequestInput, r *domain.FeedbackRequest) error {
	if in.GroupID == 0 {
		return s.checkInvitees(ctx, a, in.Invitees, r)
	}
	switch {
	case len(in.Invitees) > 0:
		return domain.Invalid("invitees", "ask a circle or named peers, not both")
	case in.Anonymous:
		return domain.Invalid("anonymous", "the whole circle reads a circle's reviews, names included; ask named peers for anonymous reviews")
	}
	g, err := s.store.Group(ctx, a.Org.ID, in.GroupID)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return err
	}
	if err != nil || !inCircle(g, a.Person.ID) {
		return domain.Invalid("group_id", "choose one of your circles (one whose ground rules you have accepted)")
	}
	for _, m := range g.ActiveMembers() {
		if m.PersonID == a.Person.ID || m.AcceptedAt.IsZero() {
			continue
		}
		if p, err := s.store.Person(ctx, a.Org.ID, m.PersonID); err == nil && p.Active {
			r.Invites = append(r.Invites, domain.FeedbackInvite{PersonID: m.PersonID, Status: domain.InvitePending})
		}
	}
	if len(r.Invites) == 0 {
		return domain.Invalid("group_id", "nobody else in %s has accepted its ground rules yet; ask named peers instead", g.Name)
	}
	r.GroupID = g.ID
	return nil
}

// FeedbackCircles lists the circles the actor may ask for feedback: the
// groups they are in and whose ground rules they have accepted.
func (s *Service) FeedbackCircles(ctx context.Context, a Actor) ([]domain.Group, error) {
	if a.Person.ID == 0 {
		return nil, nil
	}
	all, err := s.store.Groups(ctx, a.Org.ID, a.Person.ID)
	if err != nil {
		return nil, err
	}
	var out []domain.Group
	for _, g := range all {
		if inCircle(g, a.Person.ID) {
			out = append(out, g)
		}
	}
	return out, nil
}

// FeedbackSnippets lists the snippets the actor may ask about: those of
// their recent calls and those shared with them.
func (s *Service) FeedbackSnippets(ctx context.Context, a Actor) ([]domain.Snippet, error) {
	if a.Person.ID == 0 {
		return nil, nil
	}
	calls, _, err := s.Calls(ctx, a, domain.CallFilter{OwnerID: a.Person.ID, Page: domain.Page{Limit: 25}})
	if err != nil {
		return nil, err
	}
	var out []domain.Snippet
	for _, c := range calls {
		list, err := s.store.Snippets(ctx, a.Org.ID, c.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	shared, err := s.store.SnippetsSharedWith(ctx, a.Org.ID, a.Person.ID)
	if err != nil {
		return nil, err
	}
	out = append(out, shared...)
	for i := range out {
		out[i].SharedWith = nil
	}
	return out, nil
}
