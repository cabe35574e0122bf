package service

import (
	"context"
	"errors"
	"fmt"

	"huddle/internal/domain"
)

// RubricExamples lists the approved examples of a rubric, by criterion
// key, as the actor may see them: everyone in the organisation sees the
// excerpts; the call and its recording only those who may see the call.
func (s *Service) RubricExamples(ctx context.Context, a Actor, rubricID int64) ([]ExampleView, error) {
	if _, err := s.Rubric(ctx, a, rubricID); err != nil {
		return nil, err
	}
	list, err := s.store.CriterionExamples(ctx, a.Org.ID, domain.ExampleFilter{RubricID: rubricID, Status: domain.ExampleApproved})
	if err != nil {
		return nil, err
	}
	return s.exampleViews(ctx, a, list)
}

// MyExamples are the examples that involve the actor.
type MyExamples struct {
	Awaiting []ExampleView // proposed on the actor's calls: they decide
	Shared   []ExampleView // approved on the actor's calls
	Declined []ExampleView // declined (or withdrawn) on the actor's calls
	Proposed []ExampleView // proposed by the actor on others' calls
}

// MyExamples lists the examples on the actor's calls and those they
// proposed.
func (s *Service) MyExamples(ctx context.Context, a Actor) (MyExamples, error) {
	var out MyExamples
	if a.Person.ID == 0 {
		return out, nil
	}
	list, err := s.store.CriterionExamples(ctx, a.Org.ID, domain.ExampleFilter{PersonID: a.Person.ID})
	if err != nil {
		return out, err
	}
	views, err := s.exampleViews(ctx, a, list)
	if err != nil {
		return out, err
	}
	for _, v := range views {
		switch {
		case !v.Mine:
			out.Proposed = append(out.Proposed, v)
		case v.Status == domain.ExampleProposed:
			out.Awaiting = append(out.Awaiting, v)
		case v.Status == domain.ExampleApproved:
			out.Shared = append(out.Shared, v)
		default:
			out.Declined = append(out.Declined, v)
		}
	}
	return out, nil
}

// AwaitingConsent counts the proposals on the actor's calls that wait for
// their decision.
func (s *Service) AwaitingConsent(ctx context.Context, a Actor) (int, error) {
	if a.Person.ID == 0 {
		return 0, nil
	}
	list, err := s.store.CriterionExamples(ctx, a.Org.ID, domain.ExampleFilter{PersonID: a.Person.ID, Status: domain.ExampleProposed})
	n := 0
	for _, e := range list {
		if e.OwnerID == a.Person.ID {
			n++
		}
	}
	return n, err
}

// Example returns one example as the actor may see it.
func (s *Service) Example(ctx context.Context, a Actor, id int64) (ExampleView, error) {
	e, _, err := s.visibleExample(ctx, a, id)
	if err != nil {
		return ExampleView{}, err
	}
	views, err := s.exampleViews(ctx, a, []domain.CriterionExample{e})
	if err != nil || len(views) == 0 {
		return ExampleView{}, errors.Join(err, domain.NotFound("example"))
	}
	return views[0], nil
}

// exampleViews renders the examples the actor may see, loading each call,
// rubric and person once.
func (s *Service) exampleViews(ctx context.Context, a Actor, list []domain.CriterionExample) ([]ExampleView, error) {
	r := viewCache{s: s, a: a, calls: map[int64]*callExcerpt{}, rubrics: map[int64]domain.Rubric{}, names: map[int64]string{}}
	out := []ExampleView{}
	for _, e := range list {
		role := roleIn(a, e)
		if role == exampleNone {
			continue
		}
		v, err := r.view(ctx, e, role)
		if errors.Is(err, domain.ErrNotFound) {
			continue // the call went between the two reads
		}
		if err != nil {
			return nil, fmt.Errorf("example %d: %w", e.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// viewCache keeps what several examples share while they are rendered.
type viewCache struct {
	s       *Service
	a       Actor
	calls   map[int64]*callExcerpt
	rubrics map[int64]domain.Rubric
	names   map[int64]string
}

type callExcerpt struct {
	call domain.Call
	doc  CallTranscript
}

func (r *viewCache) view(ctx context.Context, e domain.CriterionExample, role exampleRole) (ExampleView, error) {
	v := ExampleView{ID: e.ID, RubricID: e.RubricID, CriterionKey: e.CriterionKey, CriterionName: e.CriterionKey,
		Start: e.Start, End: e.End, Note: e.Note, Status: e.Status, Mine: role == exampleOwner,
		Proposed: e.ProposerID == r.a.Person.ID, CanRemove: mayRemove(r.a, e, role), CreatedAt: e.CreatedAt, DecidedAt: e.DecidedAt}
	rb, err := r.rubric(ctx, e.RubricID)
	if err != nil {
		return v, err
	}
	v.RubricName = rb.Name
	if c, ok := criterionByKey(rb, e.CriterionKey); ok {
		v.CriterionName = c.Name
	}
	ce, err := r.call(ctx, e.CallID)
	if err != nil {
		return v, err
	}
	excerpt, whole, err := r.s.excerptAccess(ctx, r.a, e, ce.call)
	if err != nil {
		return v, err
	}
	v.Withheld = !excerpt
	if excerpt {
		v.Cues = cuesIn(ce.doc, e.Start, e.End)
	}
	if whole {
		v.CallID, v.CallTitle, v.Audio = ce.call.ID, ce.call.Title, ce.call.Recording != ""
	}
	v.OwnerName = r.name(ctx, e.OwnerID)
	if role == exampleOwner || role == exampleProposer {
		v.ProposerName = r.name(ctx, e.ProposerID)
	}
	return v, nil
}

// cuesIn returns the cues that overlap [start, end].
func cuesIn(doc CallTranscript, start, end float64) []TranscriptCue {
	out := []TranscriptCue{}
	for _, c := range doc.Cues {
		if c.End > start && c.Start < end {
			out = append(out, c)
		}
	}
	return out
}

func (r *viewCache) rubric(ctx context.Context, id int64) (domain.Rubric, error) {
	if rb, ok := r.rubrics[id]; ok {
		return rb, nil
	}
	rb, err := r.s.store.Rubric(ctx, r.a.Org.ID, id)
	r.rubrics[id] = rb
	return rb, err
}

func (r *viewCache) call(ctx context.Context, id int64) (*callExcerpt, error) {
	if ce, ok := r.calls[id]; ok {
		return ce, nil
	}
	c, err := r.s.store.Call(ctx, r.a.Org.ID, id)
	if err != nil {
		return nil, err
	}
	doc, err := DecodeTranscript(c)
	if err != nil {
		return nil, fmt.Errorf("call %d: transcript: %w", id, err)
	}
	r.calls[id] = &callExcerpt{call: c, doc: doc}
	return r.calls[id], nil
}

func (r *viewCache) name(ctx context.Context, id int64) string {
	if n, ok := r.names[id]; ok {
		return n
	}
	n := "a former colleague"
	if p, err := r.s.store.Person(ctx, r.a.Org.ID, id); err == nil {
		n = p.Name
	}
	r.names[id] = n
	return n
}
