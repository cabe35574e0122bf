package web

import (
	"errors"
	"net/http"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type rubricsData struct {
	Rubrics []domain.Rubric
	Motions []domain.Motion
	Blank   []domain.RubricCriterion // empty criteria for the create form
	Levels  []int
	Error   string
	Waiting int // examples awaiting the viewer's consent
}

type rubricData struct {
	Rubric   domain.Rubric
	Versions []domain.Rubric
	Edit     []domain.RubricCriterion // the criteria plus a blank one to add
	Levels   []int
	Error    string
	Examples map[string][]service.ExampleView // approved examples by criterion key
	Waiting  int                              // examples awaiting the viewer's consent
}

func (h *Handler) rubrics(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderRubrics(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderRubrics(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	list, err := h.svc.Rubrics(r.Context(), a)
	if err != nil {
		return err
	}
	d := rubricsData{Rubrics: list, Motions: domain.Motions, Blank: make([]domain.RubricCriterion, 3),
		Levels: []int{1, 2, 3, 4, 5}, Error: problem}
	if d.Waiting, err = h.svc.AwaitingConsent(r.Context(), a); err != nil {
		return err
	}
	w.WriteHeader(status)
	h.render(w, r, "rubrics", page{Title: "Rubrics", Actor: &a, Nav: "feedback", Data: d})
	return nil
}

func (h *Handler) rubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderRubric(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderRubric(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rb, err := h.svc.Rubric(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := rubricData{Rubric: rb, Edit: append(append([]domain.RubricCriterion(nil), rb.Criteria...), domain.RubricCriterion{}),
		Levels: []int{1, 2, 3, 4, 5}, Error: problem}
	if d.Versions, err = h.svc.RubricVersions(r.Context(), a, id); err != nil {
		return err
	}
	if d.Examples, d.Waiting, err = h.rubricExamples(r, a, id); err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "Saved as version " + strconv.Itoa(rb.Version) + ". Reviews already written keep the version they used."
	}
	w.WriteHeader(status)
	h.render(w, r, "rubric", page{Title: rb.Name, Actor: &a, Nav: "feedback", Notice: notice, Data: d})
	return nil
}

// rubricForm reads a rubric from the form: name, description, motion and
// repeated criterion fields (crit_name, crit_behaviour, crit_weight,
// crit_a1 … crit_a5); a criterion left without a name is dropped.
func rubricForm(w http.ResponseWriter, r *http.Request) (domain.Rubric, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Rubric{}, domain.Invalid("form", "the rubric is too long")
	}
	f := r.PostForm
	rb := domain.Rubric{Name: f.Get("name"), Description: f.Get("description"), Motion: domain.Motion(f.Get("motion"))}
	names := f["crit_name"]
	field := func(key string, i int) string {
		if vals := f[key]; i < len(vals) {
			return vals[i]
		}
		return ""
	}
	for i, name := range names {
		if name == "" {
			continue
		}
		c := domain.RubricCriterion{Name: name, Key: field("crit_key", i), Behaviour: field("crit_behaviour", i)}
		if wv := field("crit_weight", i); wv != "" {
			var err error
			if c.Weight, err = strconv.Atoi(wv); err != nil {
				return rb, domain.Invalid("criteria", "%s: a weight is a whole percentage", name)
			}
		}
		for j := range c.Anchors {
			c.Anchors[j] = field("crit_a"+strconv.Itoa(j+1), i)
		}
		rb.Criteria = append(rb.Criteria, c)
	}
	return rb, nil
}

func (h *Handler) createRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "create rubrics"); err != nil {
		return err
	}
	rb, err := rubricForm(w, r)
	if err == nil {
		rb, err = h.svc.CreateRubric(r.Context(), a, rb)
	}
	if err != nil {
		if !errors.Is(err, domain.ErrInvalid) {
			return err
		}
		status, _ := httpx.Status(err)
		return h.renderRubrics(w, r, a, httpx.Message(r.Context(), err), status)
	}
	http.Redirect(w, r, "/feedback/rubrics/"+strconv.FormatInt(rb.ID, 10), http.StatusSeeOther)
	return nil
}

// editRubric saves the form as the rubric's next version.
func (h *Handler) editRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.CheckAdmin(a, "edit rubrics"); err != nil {
		return err
	}
	rb, err := rubricForm(w, r)
	if err == nil {
		rb.Motion = ""
		_, err = h.svc.EditRubric(r.Context(), a, id, rb)
	}
	if err != nil {
		if !errors.Is(err, domain.ErrInvalid) {
			return err
		}
		status, _ := httpx.Status(err)
		return h.renderRubric(w, r, a, httpx.Message(r.Context(), err), status)
	}
	http.Redirect(w, r, "/feedback/rubrics/"+strconv.FormatInt(id, 10)+"?saved=1", http.StatusSeeOther)
	return nil
}

func (h *Handler) retireRubric(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := h.svc.RetireRubric(r.Context(), a, id, r.PostFormValue("retired") != "false"); err != nil {
		return err
	}
	http.Redirect(w, r, "/feedback/rubrics/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
