package service

import (
	"context"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// Calls lists the calls the actor may see, newest first.
func (s *Service) Calls(ctx context.Context, a Actor, f domain.CallFilter) ([]domain.Call, int, error) {
	if a.Person.ID == 0 {
		return nil, 0, nil
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	f.Offset = max(f.Offset, 0)
	f.Query = strings.TrimSpace(f.Query)
	return s.store.VisibleCalls(ctx, a.Org.ID, viewer(a), f)
}

// CallView is everything the call page shows, already filtered for the actor.
type CallView struct {
	Call       domain.Call
	Owner      domain.Person
	IsOwner    bool
	Transcript CallTranscript
	Comments   []domain.CallComment // on the whole call (and, for the owner, on its snippets)
	Snippets   []domain.Snippet     // the owner's snippets of this call
	SharedWith []domain.Person
}

// Call returns a call the actor may see, with its transcript and comments.
func (s *Service) Call(ctx context.Context, a Actor, id int64) (CallView, error) {
	c, err := s.visibleCall(ctx, a, id)
	if err != nil {
		return CallView{}, err
	}
	v := CallView{Call: c, IsOwner: c.OwnerID == a.Person.ID}
	if v.Owner, err = s.store.Person(ctx, a.Org.ID, c.OwnerID); err != nil {
		return CallView{}, err
	}
	if v.Transcript, err = DecodeTranscript(c); err != nil {
		return CallView{}, fmt.Errorf("call %d: transcript: %w", id, err)
	}
	comments, err := s.store.Comments(ctx, a.Org.ID, id)
	if err != nil {
		return CallView{}, err
	}
	for _, cm := range comments {
		if cm.SnippetID == 0 || v.IsOwner {
			v.Comments = append(v.Comments, cm)
		}
	}
	if v.IsOwner {
		if v.Snippets, err = s.store.Snippets(ctx, a.Org.ID, id); err != nil {
			return CallView{}, err
		}
		for _, pid := range c.SharedWith {
			if p, err := s.store.Person(ctx, a.Org.ID, pid); err == nil {
				v.SharedWith = append(v.SharedWith, p)
			}
		}
	}
	return v, nil
}

// CallSharing is what an owner may change about who sees a call.
type CallSharing struct {
	Title      *string
	Visibility *domain.Visibility
	SharedWith *[]int64
}

// UpdateCallSharing changes a call's title, visibility or named peers.
// Only the owner may.
func (s *Service) UpdateCallSharing(ctx context.Context, a Actor, id int64, ch CallSharing) (domain.Call, error) {
	c, err := s.ownCall(ctx, a, id, "change who sees it")
	if err != nil {
		return domain.Call{}, err
	}
	if ch.Title != nil {
		c.Title = *ch.Title
	}
	if ch.Visibility != nil {
		c.Visibility = *ch.Visibility
	}
	if ch.SharedWith != nil {
		c.SharedWith = dedupe(*ch.SharedWith, a.Person.ID)
	}
	if err := c.Validate(); err != nil {
		return domain.Call{}, err
	}
	if err := s.checkShares(ctx, a, c.SharedWith); err != nil {
		return domain.Call{}, err
	}
	if err := s.store.UpdateCall(ctx, a.Org.ID, c); err != nil {
		return domain.Call{}, fmt.Errorf("update call: %w", err)
	}
	return c, nil
}

// dedupe drops repeats and the owner from a list of people.
func dedupe(ids []int64, owner int64) []int64 {
	seen := map[int64]bool{owner: true}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// DeleteCall removes a call with its comments and snippets; owner only.
func (s *Service) DeleteCall(ctx context.Context, a Actor, id int64) error {
	c, err := s.ownCall(ctx, a, id, "delete it")
	if err != nil {
		return err
	}
	if err := s.store.DeleteCall(ctx, a.Org.ID, id); err != nil {
		return err
	}
	if c.Recording != "" && s.blobs != nil {
		if err := s.blobs.Delete(ctx, c.Recording); err != nil {
			s.log.Warn("delete recording of a deleted call", "call", id, "err", err)
		}
	}
	return nil
}

// MaxCommentLength bounds a comment.
const MaxCommentLength = 4000

// AddComment leaves a timestamped comment on a call the actor may see, or
// on a snippet shared with them (snippetID ≠ 0).
func (s *Service) AddComment(ctx context.Context, a Actor, callID, snippetID int64, at float64, body string) (domain.CallComment, error) {
	body = strings.TrimSpace(body)
	if body == "" || len(body) > MaxCommentLength {
		return domain.CallComment{}, domain.Invalid("body", "write a comment of 1 to %d characters", MaxCommentLength)
	}
	if at < 0 {
		return domain.CallComment{}, domain.Invalid("at_seconds", "the time must be 0 or later")
	}
	if snippetID != 0 {
		sn, err := s.visibleSnippet(ctx, a, snippetID)
		if err != nil {
			return domain.CallComment{}, err
		}
		if at < sn.Start || at > sn.End {
			return domain.CallComment{}, domain.Invalid("at_seconds", "the time must lie inside the snippet (%s–%s)", Clock(sn.Start), Clock(sn.End))
		}
		callID = sn.CallID
	} else if _, err := s.visibleCall(ctx, a, callID); err != nil {
		return domain.CallComment{}, err
	}
	cm := domain.CallComment{CallID: callID, SnippetID: snippetID, AuthorID: a.Person.ID, AtSeconds: at, Body: body, CreatedAt: s.now()}
	if err := s.store.AddComment(ctx, a.Org.ID, &cm); err != nil {
		return domain.CallComment{}, fmt.Errorf("add comment: %w", err)
	}
	return cm, nil
}

// Clock renders seconds as m:ss or h:mm:ss.
func Clock(sec float64) string {
	t := int(sec)
	if t >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", t/3600, t/60%60, t%60)
	}
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
