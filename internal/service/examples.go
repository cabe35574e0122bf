package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"huddle/internal/domain"
)

// ExampleInput is a proposal of an example of great: a criterion of a
// rubric, and a stretch of a call (CallID with Start and End) or the range
// of a snippet (SnippetID).
type ExampleInput struct {
	RubricID     int64
	CriterionKey string
	CallID       int64
	SnippetID    int64
	Start, End   float64
	Note         string
}

// ExampleView is an example as one viewer may see it (see the rules in
// examples_access.go).
type ExampleView struct {
	ID            int64
	RubricID      int64
	RubricName    string
	CriterionKey  string
	CriterionName string
	Start, End    float64
	Note          string
	Status        domain.ExampleStatus
	OwnerName     string
	ProposerName  string          // for the owner and the proposer only
	Cues          []TranscriptCue // the excerpt; nil when withheld
	Withheld      bool            // the proposer no longer sees the call
	CallID        int64           // 0 unless the viewer may see the whole call
	CallTitle     string          // likewise
	Audio         bool            // the viewer may play the call's recording
	Mine          bool            // the viewer owns the call: they decide
	Proposed      bool            // the viewer proposed it
	CanRemove     bool
	CreatedAt     time.Time
	DecidedAt     time.Time
}

// ProposeExample links a stretch of a call to a criterion. The criterion
// must be in the rubric's latest version and the rubric in use; the
// stretch must lie inside a timed call the actor may see (or be a snippet
// shared with them), last at most three minutes and not be proposed for
// that criterion already. The owner's own proposal is approved at once.
func (s *Service) ProposeExample(ctx context.Context, a Actor, in ExampleInput) (domain.CriterionExample, error) {
	if a.Person.ID == 0 {
		return domain.CriterionExample{}, domain.Forbidden("examples are proposed by a person; sign in to propose one")
	}
	rb, err := s.Rubric(ctx, a, in.RubricID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.CriterionExample{}, domain.Invalid("rubric_id", "choose a rubric of your organisation")
	}
	if err != nil {
		return domain.CriterionExample{}, err
	}
	if rb.Retired {
		return domain.CriterionExample{}, domain.Invalid("rubric_id", "%s is retired; choose a rubric in use", rb.Name)
	}
	if _, ok := criterionByKey(rb, in.CriterionKey); !ok {
		return domain.CriterionExample{}, domain.Invalid("criterion", "%s has no criterion %q in its latest version", rb.Name, in.CriterionKey)
	}
	c, err := s.exampleSource(ctx, a, &in)
	if err != nil {
		return domain.CriterionExample{}, err
	}
	if err := checkRange(c, in.Start, in.End); err != nil {
		return domain.CriterionExample{}, err
	}
	e := domain.CriterionExample{RubricID: rb.ID, CriterionKey: in.CriterionKey, CallID: c.ID, OwnerID: c.OwnerID,
		ProposerID: a.Person.ID, Start: in.Start, End: in.End, Note: in.Note, Status: domain.ExampleProposed}
	if c.OwnerID == a.Person.ID {
		e.Status = domain.ExampleApproved
	}
	if err := s.refuseVisibleDuplicate(ctx, a, e); err != nil {
		return domain.CriterionExample{}, err
	}
	if err := s.store.CreateExample(ctx, a.Org.ID, &e); err != nil {
		return domain.CriterionExample{}, fmt.Errorf("propose example: %w", err)
	}
	return e, nil
}

// exampleSource loads the call a proposal is about, from a snippet shared
// with the actor (whose range it takes) or a call they may see.
func (s *Service) exampleSource(ctx context.Context, a Actor, in *ExampleInput) (domain.Call, error) {
	if in.SnippetID != 0 {
		sn, err := s.visibleSnippet(ctx, a, in.SnippetID)
		if errors.Is(err, domain.ErrNotFound) {
			return domain.Call{}, domain.Invalid("snippet_id", "choose a snippet that you can see")
		}
		if err != nil {
			return domain.Call{}, err
		}
		in.CallID, in.Start, in.End = sn.CallID, sn.Start, sn.End
		return s.store.Call(ctx, a.Org.ID, sn.CallID) // the snippet is the actor's window on the call
	}
	c, err := s.visibleCall(ctx, a, in.CallID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Call{}, domain.Invalid("call_id", "choose a call that you can see")
	}
	return c, err
}

// checkRange refuses a stretch outside a call's timed transcript.
func checkRange(c domain.Call, start, end float64) error {
	doc, err := DecodeTranscript(c)
	if err != nil || c.Status != domain.CallReady || !doc.Timed {
		return domain.Invalid("call_id", "examples need a call with a timed transcript (WebVTT, SRT or timed JSON)")
	}
	if start < 0 || !(end > start) {
		return domain.Invalid("end", "an example must end after it starts")
	}
	if d := c.Metrics.DurationSeconds; d != nil && end > *d+1 {
		return domain.Invalid("end", "the call is only %s long", Clock(*d))
	}
	if end-start > domain.MaxExampleSeconds {
		return domain.Invalid("end", "keep an example to %d minutes or less: pick the moment that shows the behaviour", domain.MaxExampleSeconds/60)
	}
	return nil
}

// criterionByKey finds a criterion of a rubric version by key.
func criterionByKey(rb domain.Rubric, key string) (domain.RubricCriterion, bool) {
	for _, c := range rb.Criteria {
		if c.Key == key && key != "" {
			return c, true
		}
	}
	return domain.RubricCriterion{}, false
}

// DecideExample records the call owner's consent (approve) or refusal:
// approving a proposed or declined example shows it; declining a proposed
// one refuses it and declining an approved one withdraws consent. Only the
// call's owner may decide.
func (s *Service) DecideExample(ctx context.Context, a Actor, id int64, approve bool) (domain.CriterionExample, error) {
	e, role, err := s.visibleExample(ctx, a, id)
	if err != nil {
		return e, err
	}
	if role != exampleOwner {
		return domain.CriterionExample{}, domain.Forbidden("only the rep whose call it is can consent to showing it")
	}
	to := domain.ExampleDeclined
	if approve {
		to = domain.ExampleApproved
	}
	if e.Status == to {
		return e, nil
	}
	if approve {
		if err := s.refuseShownTwice(ctx, a, e); err != nil {
			return domain.CriterionExample{}, err
		}
	}
	at := s.now()
	if err := s.store.SetExampleStatus(ctx, a.Org.ID, id, e.Status, to, at); err != nil {
		return domain.CriterionExample{}, err
	}
	e.Status, e.DecidedAt = to, at
	return e, nil
}

// RemoveExample deletes an example: the owner any of theirs, the proposer
// a proposal not yet approved, an administrator an approved one.
func (s *Service) RemoveExample(ctx context.Context, a Actor, id int64) error {
	e, role, err := s.visibleExample(ctx, a, id)
	if err != nil {
		return err
	}
	if !mayRemove(a, e, role) {
		return domain.Forbidden("only the call's owner or an administrator can remove a shown example")
	}
	return s.store.DeleteExample(ctx, a.Org.ID, id)
}
