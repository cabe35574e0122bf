package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
)

// CommitmentInput is a commitment as its maker states it. To is
// "group:ID" or "peer:ID".
type CommitmentInput struct {
	To        string
	Text      string
	Due       time.Time
	Target    *float64
	SessionID int64
}

// MakeCommitment records the actor's promise to a peer or to a group they
// are a member of, optionally in one of the group's sessions.
func (s *Service) MakeCommitment(ctx context.Context, a Actor, in CommitmentInput) (domain.Commitment, error) {
	if a.Person.ID == 0 {
		return domain.Commitment{}, domain.Forbidden("commitments are made by a person; sign in first")
	}
	c := domain.Commitment{PersonID: a.Person.ID, Text: in.Text, Due: in.Due, Target: in.Target, SessionID: in.SessionID}
	kind, raw, _ := strings.Cut(in.To, ":")
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return domain.Commitment{}, domain.Invalid("to", "make the commitment to a peer or to one of your groups")
	}
	switch kind {
	case "group":
		if _, err := s.memberGroup(ctx, a, id); err != nil {
			return domain.Commitment{}, domain.Invalid("to", "make the commitment to a group you are a member of")
		}
		c.GroupID = id
	case "peer":
		if id == a.Person.ID {
			return domain.Commitment{}, domain.Invalid("to", "make the commitment to a peer, not to yourself")
		}
		if err := s.checkShares(ctx, a, []int64{id}); err != nil {
			return domain.Commitment{}, domain.Invalid("to", "choose a peer of this organisation")
		}
		c.PeerID = id
	default:
		return domain.Commitment{}, domain.Invalid("to", "make the commitment to a peer or to one of your groups")
	}
	if c.SessionID != 0 {
		sess, g, err := s.memberSession(ctx, a, c.SessionID)
		if err != nil {
			return domain.Commitment{}, err
		}
		if c.GroupID == 0 {
			c.GroupID, c.PeerID = g.ID, 0
		}
		if sess.GroupID != c.GroupID {
			return domain.Commitment{}, domain.Invalid("session_id", "the session is not one of that group's")
		}
	}
	if err := s.store.CreateCommitment(ctx, a.Org.ID, &c); err != nil {
		return domain.Commitment{}, err
	}
	return c, nil
}

// Commitment returns a commitment the actor may read.
func (s *Service) Commitment(ctx context.Context, a Actor, id int64) (domain.Commitment, error) {
	c, err := s.store.Commitment(ctx, a.Org.ID, id)
	if err != nil {
		return c, err
	}
	ok, err := s.canSeeCommitment(ctx, a, c)
	if err != nil {
		return domain.Commitment{}, err
	}
	if !ok {
		return domain.Commitment{}, domain.NotFound("commitment")
	}
	return c, nil
}

// ownCommitment loads a commitment the actor made; others who may read it
// are told they cannot change it.
func (s *Service) ownCommitment(ctx context.Context, a Actor, id int64) (domain.Commitment, error) {
	c, err := s.Commitment(ctx, a, id)
	if err != nil {
		return c, err
	}
	if c.PersonID != a.Person.ID {
		return c, domain.Forbidden("only the person who made a commitment can change it")
	}
	return c, nil
}

// CheckIn records progress on one of the actor's commitments.
func (s *Service) CheckIn(ctx context.Context, a Actor, id int64, progress float64, note string) (domain.Commitment, error) {
	c, err := s.ownCommitment(ctx, a, id)
	if err != nil {
		return c, err
	}
	if c.Status != domain.CommitmentOpen {
		return c, &domain.Error{Kind: domain.ErrConflict, Message: "this commitment is closed; reopen it to check in"}
	}
	ci := domain.CheckIn{At: s.now(), Progress: progress, Note: note}
	if err := s.store.AddCheckIn(ctx, a.Org.ID, id, &ci); err != nil {
		return c, err
	}
	return s.store.Commitment(ctx, a.Org.ID, id)
}

// SetCommitmentStatus marks one of the actor's commitments done, missed
// or dropped, or opens it again.
func (s *Service) SetCommitmentStatus(ctx context.Context, a Actor, id int64, status string) (domain.Commitment, error) {
	if !domain.ValidCommitmentStatus(status) {
		return domain.Commitment{}, domain.Invalid("status", "use open, done, missed or dropped")
	}
	if _, err := s.ownCommitment(ctx, a, id); err != nil {
		return domain.Commitment{}, err
	}
	if err := s.store.CloseCommitment(ctx, a.Org.ID, id, status, s.now()); err != nil {
		return domain.Commitment{}, err
	}
	return s.store.Commitment(ctx, a.Org.ID, id)
}

// MyCommitments lists the commitments the actor made and those made to
// them by a peer.
func (s *Service) MyCommitments(ctx context.Context, a Actor) (made, toMe []domain.Commitment, err error) {
	if made, err = s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{PersonID: a.Person.ID}); err != nil {
		return nil, nil, err
	}
	toMe, err = s.store.Commitments(ctx, a.Org.ID, domain.CommitmentFilter{PeerID: a.Person.ID})
	return made, toMe, err
}

// CompletionRate summarises commitments: how many were kept. Rate is done
// ÷ (done + missed); dropped and open ones do not count against it, and
// it is nil when nothing was done or missed yet.
type CompletionRate struct {
	Total, Open, Done, Missed, Dropped int
	Rate                               *float64
}

// Completion counts commitments by status.
func Completion(list []domain.Commitment) CompletionRate {
	var r CompletionRate
	for _, c := range list {
		r.Total++
		switch c.Status {
		case domain.CommitmentOpen:
			r.Open++
		case domain.CommitmentDone:
			r.Done++
		case domain.CommitmentMissed:
			r.Missed++
		case domain.CommitmentDropped:
			r.Dropped++
		}
	}
	if r.Done+r.Missed > 0 {
		rate := float64(r.Done) / float64(r.Done+r.Missed)
		r.Rate = &rate
	}
	return r
}

// Percent renders the rate for people: "75%", or "—".
func (r CompletionRate) Percent() string {
	if r.Rate == nil {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", *r.Rate*100)
}
