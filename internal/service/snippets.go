package service

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// CreateSnippet shares a time range of the actor's own call with named
// peers, for asynchronous feedback.
func (s *Service) CreateSnippet(ctx context.Context, a Actor, callID int64, title string, start, end float64, shareWith []int64) (domain.Snippet, error) {
	c, err := s.ownCall(ctx, a, callID, "share a snippet of it")
	if err != nil {
		return domain.Snippet{}, err
	}
	title = strings.TrimSpace(title)
	if title == "" || len(title) > 200 {
		return domain.Snippet{}, domain.Invalid("title", "give the snippet a title of up to 200 characters, e.g. \"Pricing pushback\"")
	}
	duration := 0.0
	if c.Metrics.DurationSeconds != nil {
		duration = *c.Metrics.DurationSeconds
	}
	if start < 0 || end <= start {
		return domain.Snippet{}, domain.Invalid("end", "the snippet must end after it starts")
	}
	if duration > 0 && start >= duration+1 {
		return domain.Snippet{}, domain.Invalid("start", "the call is only %s long", Clock(duration))
	}
	shareWith = dedupe(shareWith, a.Person.ID)
	if len(shareWith) == 0 {
		return domain.Snippet{}, domain.Invalid("shared_with", "choose at least one peer to share the snippet with")
	}
	if err := s.checkShares(ctx, a, shareWith); err != nil {
		return domain.Snippet{}, err
	}
	sn := domain.Snippet{CallID: c.ID, OwnerID: a.Person.ID, Title: title, Start: start, End: end, SharedWith: shareWith, CreatedAt: s.now()}
	if err := s.store.CreateSnippet(ctx, a.Org.ID, &sn); err != nil {
		return domain.Snippet{}, fmt.Errorf("create snippet: %w", err)
	}
	return sn, nil
}

// SnippetView is what a snippet's viewer sees: its range of the call, and
// the comments made on it.
type SnippetView struct {
	Snippet   domain.Snippet
	CallTitle string
	Owner     domain.Person
	Cues      []TranscriptCue
	Comments  []domain.CallComment
	IsOwner   bool
}

// Snippet returns a snippet the actor may see, cut to its range.
func (s *Service) Snippet(ctx context.Context, a Actor, id int64) (SnippetView, error) {
	sn, err := s.visibleSnippet(ctx, a, id)
	if err != nil {
		return SnippetView{}, err
	}
	c, err := s.store.Call(ctx, a.Org.ID, sn.CallID)
	if err != nil {
		return SnippetView{}, err
	}
	doc, err := DecodeTranscript(c)
	if err != nil {
		return SnippetView{}, fmt.Errorf("snippet %d: %w", id, err)
	}
	v := SnippetView{Snippet: sn, CallTitle: c.Title, IsOwner: sn.OwnerID == a.Person.ID}
	for _, cue := range doc.Cues {
		if cue.End > sn.Start && cue.Start < sn.End {
			v.Cues = append(v.Cues, cue)
		}
	}
	if v.Owner, err = s.store.Person(ctx, a.Org.ID, sn.OwnerID); err != nil {
		return SnippetView{}, err
	}
	comments, err := s.store.Comments(ctx, a.Org.ID, sn.CallID)
	if err != nil {
		return SnippetView{}, err
	}
	for _, cm := range comments {
		if cm.SnippetID == sn.ID {
			v.Comments = append(v.Comments, cm)
		}
	}
	return v, nil
}

// SharedSnippets lists the snippets shared with the actor.
func (s *Service) SharedSnippets(ctx context.Context, a Actor) ([]domain.Snippet, error) {
	return s.store.SnippetsSharedWith(ctx, a.Org.ID, a.Person.ID)
}

func (s *Service) visibleSnippet(ctx context.Context, a Actor, id int64) (domain.Snippet, error) {
	sn, err := s.store.Snippet(ctx, a.Org.ID, id)
	if err != nil {
		return domain.Snippet{}, err
	}
	ok, err := s.canSeeSnippet(ctx, a, sn)
	if err != nil {
		return domain.Snippet{}, err
	}
	if !ok {
		return domain.Snippet{}, domain.NotFound("snippet")
	}
	return sn, nil
}
