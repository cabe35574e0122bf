package api

import (
	"net/http"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type criterionJSON struct {
	ID        int64     `json:"id,omitempty"`
	Key       string    `json:"key"`
	Name      string    `json:"name"`
	Behaviour string    `json:"behaviour"`
	Anchors   [5]string `json:"anchors"`
	Weight    int       `json:"weight"`
}

type rubricVersionJSON struct {
	Version   int       `json:"version"`
	VersionID int64     `json:"version_id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

type rubricJSON struct {
	ID          int64               `json:"id"`
	Builtin     string              `json:"builtin,omitempty"`
	Motion      string              `json:"motion"`
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Version     int                 `json:"version"`
	VersionID   int64               `json:"version_id"`
	Latest      int                 `json:"latest_version"`
	Retired     bool                `json:"retired"`
	CreatedAt   time.Time           `json:"created_at"`
	Criteria    []criterionJSON     `json:"criteria"`
	Versions    []rubricVersionJSON `json:"versions,omitempty"`
}

type rubricInput struct {
	Name        string          `json:"name"`
	Motion      string          `json:"motion"`
	Description string          `json:"description"`
	Criteria    []criterionJSON `json:"criteria"`
}

func toRubric(r domain.Rubric) rubricJSON {
	out := rubricJSON{ID: r.ID, Builtin: r.Builtin, Motion: string(r.Motion), Name: r.Name, Description: r.Description,
		Version: r.Version, VersionID: r.VersionID, Latest: r.Latest, Retired: r.Retired, CreatedAt: r.CreatedAt.UTC(),
		Criteria: make([]criterionJSON, len(r.Criteria))}
	for i, c := range r.Criteria {
		out.Criteria[i] = criterionJSON{ID: c.ID, Key: c.Key, Name: c.Name, Behaviour: c.Behaviour, Anchors: c.Anchors, Weight: c.Weight}
	}
	return out
}

func (in rubricInput) rubric() domain.Rubric {
	r := domain.Rubric{Name: in.Name, Motion: domain.Motion(in.Motion), Description: in.Description}
	for _, c := range in.Criteria {
		r.Criteria = append(r.Criteria, domain.RubricCriterion{Key: c.Key, Name: c.Name, Behaviour: c.Behaviour, Anchors: c.Anchors, Weight: c.Weight})
	}
	return r
}

func (api *API) listRubrics(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	list, err := api.svc.Rubrics(r.Context(), a)
	if err != nil {
		return err
	}
	out := struct {
		Items []rubricJSON `json:"items"`
	}{Items: make([]rubricJSON, len(list))}
	for i, rb := range list {
		out.Items[i] = toRubric(rb)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) getRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rb, err := api.svc.Rubric(r.Context(), a, id)
	if err != nil {
		return err
	}
	versions, err := api.svc.RubricVersions(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := toRubric(rb)
	for _, v := range versions {
		out.Versions = append(out.Versions, rubricVersionJSON{Version: v.Version, VersionID: v.VersionID, Name: v.Name, CreatedAt: v.CreatedAt.UTC()})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) createRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in rubricInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rb, err := api.svc.CreateRubric(r.Context(), a, in.rubric())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toRubric(rb))
	return nil
}

// addRubricVersion saves an edit as the rubric's next version.
func (api *API) addRubricVersion(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in rubricInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rb, err := api.svc.EditRubric(r.Context(), a, id, in.rubric())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toRubric(rb))
	return nil
}

func (api *API) retireRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Retired *bool `json:"retired"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Retired == nil {
		return domain.Invalid("retired", "send {\"retired\": true} to retire or false to bring back")
	}
	rb, err := api.svc.RetireRubric(r.Context(), a, id, *in.Retired)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRubric(rb))
	return nil
}
