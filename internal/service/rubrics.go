package service

import (
	"context"
	"errors"
	"fmt"

	"huddle/internal/domain"
)

// ensureRubrics adds the default rubrics to an organisation the first time
// anyone there uses feedback: on the first look at the rubrics or the
// first request. Defaults are added once per organisation and key, so a
// retired default never returns. Seeding on first use (rather than at
// organisation creation) also serves organisations created before
// feedback existed. The seeded set is remembered per process.
func (s *Service) ensureRubrics(ctx context.Context, orgID int64) error {
	if _, ok := s.seeded.Load(orgID); ok {
		return nil
	}
	_, err := s.store.EnsureRubrics(ctx, orgID, DefaultRubrics())
	if errors.Is(err, domain.ErrConflict) { // another instance seeded at the same moment
		_, err = s.store.EnsureRubrics(ctx, orgID, DefaultRubrics())
	}
	if err != nil {
		return fmt.Errorf("default rubrics: %w", err)
	}
	s.seeded.Store(orgID, true)
	return nil
}

// Rubrics lists the latest version of every rubric of the organisation,
// retired ones included (they say so).
func (s *Service) Rubrics(ctx context.Context, a Actor) ([]domain.Rubric, error) {
	if err := s.ensureRubrics(ctx, a.Org.ID); err != nil {
		return nil, err
	}
	return s.store.Rubrics(ctx, a.Org.ID)
}

// Rubric returns the latest version of a rubric.
func (s *Service) Rubric(ctx context.Context, a Actor, id int64) (domain.Rubric, error) {
	if err := s.ensureRubrics(ctx, a.Org.ID); err != nil {
		return domain.Rubric{}, err
	}
	return s.store.Rubric(ctx, a.Org.ID, id)
}

// RubricVersions lists every version of a rubric, oldest first.
func (s *Service) RubricVersions(ctx context.Context, a Actor, id int64) ([]domain.Rubric, error) {
	return s.store.RubricVersions(ctx, a.Org.ID, id)
}

// CreateRubric adds an organisation's own rubric; administrators only.
func (s *Service) CreateRubric(ctx context.Context, a Actor, r domain.Rubric) (domain.Rubric, error) {
	if err := a.requireAdmin("create rubrics"); err != nil {
		return domain.Rubric{}, err
	}
	r.Builtin, r.CreatedBy = "", a.Person.ID
	if err := r.Validate(); err != nil {
		return domain.Rubric{}, err
	}
	if err := s.store.CreateRubric(ctx, a.Org.ID, &r); err != nil {
		return domain.Rubric{}, fmt.Errorf("create rubric: %w", err)
	}
	return r, nil
}

// EditRubric saves an edit as the rubric's next version; reviews already
// written keep the version they used. Administrators only. The motion of
// a rubric does not change.
func (s *Service) EditRubric(ctx context.Context, a Actor, id int64, edit domain.Rubric) (domain.Rubric, error) {
	if err := a.requireAdmin("edit rubrics"); err != nil {
		return domain.Rubric{}, err
	}
	cur, err := s.store.Rubric(ctx, a.Org.ID, id)
	if err != nil {
		return domain.Rubric{}, err
	}
	if edit.Motion != "" && edit.Motion != cur.Motion {
		return domain.Rubric{}, domain.Invalid("motion", "a rubric keeps its motion; create a new rubric for %s", edit.Motion.Label())
	}
	edit.ID, edit.Motion, edit.CreatedBy = id, cur.Motion, a.Person.ID
	for i := range edit.Criteria {
		edit.Criteria[i].ID = 0
	}
	if err := edit.Validate(); err != nil {
		return domain.Rubric{}, err
	}
	if err := s.store.AddRubricVersion(ctx, a.Org.ID, &edit); err != nil {
		return domain.Rubric{}, fmt.Errorf("edit rubric: %w", err)
	}
	return edit, nil
}

// RetireRubric stops a rubric being used for new requests (retired true)
// or brings it back. Administrators only.
func (s *Service) RetireRubric(ctx context.Context, a Actor, id int64, retired bool) (domain.Rubric, error) {
	if err := a.requireAdmin("retire rubrics"); err != nil {
		return domain.Rubric{}, err
	}
	if err := s.store.SetRubricRetired(ctx, a.Org.ID, id, retired); err != nil {
		return domain.Rubric{}, err
	}
	return s.store.Rubric(ctx, a.Org.ID, id)
}
