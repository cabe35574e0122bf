package web

import (
	"net/http"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type skillsData struct {
	Criteria []domain.Criterion
	Scores   map[string]int
	OptOut   bool
	Range    []int
	Error    string
}

func (h *Handler) skills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	sk, err := h.svc.MySkills(r.Context(), a)
	if err != nil {
		return err
	}
	h.renderSkills(w, r, a, sk, "", "", http.StatusOK)
	return nil
}

func (h *Handler) renderSkills(w http.ResponseWriter, r *http.Request, a service.Actor, sk domain.PersonSkills, notice, problem string, status int) {
	d := skillsData{Criteria: domain.SkillCriteria, Scores: sk.Scores, OptOut: sk.OptOut, Error: problem,
		Range: []int{domain.MinSkillScore, 2, 3, 4, domain.MaxSkillScore}}
	w.WriteHeader(status)
	h.render(w, r, "skills", page{Title: "Your skills", Actor: &a, Nav: "profile", Notice: notice, Data: d})
}

// saveSkills reads one field per criterion ("" is blank, else 1–5) and
// the opt-out checkbox.
func (h *Handler) saveSkills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Invalid("form", "could not read the form")
	}
	scores := map[string]int{}
	var problem error
	for _, c := range domain.SkillCriteria {
		v := strings.TrimSpace(r.PostForm.Get(c.Key))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil && problem == nil {
			problem = domain.Invalid("skills", "%s: rate from 1 to 5, or leave it blank", c.Label)
		}
		scores[c.Key] = n
	}
	optOut := r.PostForm.Get("opt_out") == "on"
	sk := domain.PersonSkills{Scores: scores, OptOut: optOut}
	if problem == nil {
		sk, problem = h.svc.SetMySkills(r.Context(), a, scores, optOut)
	}
	if msg, ok := domain.UserMessage(problem); ok {
		h.renderSkills(w, r, a, domain.PersonSkills{Scores: scores, OptOut: optOut}, "", msg, http.StatusBadRequest)
		return nil
	}
	if problem != nil {
		return problem
	}
	h.renderSkills(w, r, a, sk, "Skills saved.", "", http.StatusOK)
	return nil
}
