package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type ritualsAdminData struct {
	Templates []domain.RitualTemplate
}

// ritualFormData is the edit (Key set) or new (Key empty) form: the
// template as typed, its agenda rows plus blank ones, and a problem per
// field ("name", "size", "rrule", "minutes", "agenda", …).
type ritualFormData struct {
	Key      string
	New      bool
	Template domain.RitualTemplate
	Agenda   []domain.AgendaItem
	Produces string
	Errors   map[string]string
}

func (h *Handler) adminRituals(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdminPages(a); err != nil {
		return err
	}
	list, err := h.svc.Templates(r.Context(), a)
	if err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Get("done") == "saved" {
		notice = "Ritual saved. Groups already meeting keep their schedule."
	}
	h.render(w, r, "admin_rituals", page{Title: "Rituals", Actor: &a, Nav: "admin", Notice: notice, Data: ritualsAdminData{Templates: list}})
	return nil
}

func (h *Handler) adminRitual(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdminPages(a); err != nil {
		return err
	}
	key := r.PathValue("key")
	if key == "new" {
		return h.renderRitualForm(w, r, a, ritualFormData{New: true,
			Template: domain.RitualTemplate{RRule: "FREQ=WEEKLY", CadenceLabel: "weekly", Minutes: 30}}, http.StatusOK)
	}
	t, err := h.svc.Template(r.Context(), a, key)
	if err != nil {
		return err
	}
	return h.renderRitualForm(w, r, a, ritualFormData{Key: t.Key, Template: t}, http.StatusOK)
}

func (h *Handler) renderRitualForm(w http.ResponseWriter, r *http.Request, a service.Actor, d ritualFormData, status int) error {
	d.Agenda = append(append([]domain.AgendaItem(nil), d.Template.Agenda...), domain.AgendaItem{}, domain.AgendaItem{})
	if d.Produces == "" {
		d.Produces = strings.Join(d.Template.Produces, "\n")
	}
	title := "New ritual"
	if !d.New {
		title = d.Template.Name
		if title == "" {
			title = d.Key
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "admin_ritual", page{Title: title, Actor: &a, Nav: "admin", Data: d})
	return nil
}

// ritualForm reads a template from the form; problems with numbers and
// agenda rows are collected per field.
func ritualForm(w http.ResponseWriter, r *http.Request) (domain.RitualTemplate, string, map[string]string) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["form"] = "the form is too long"
		return domain.RitualTemplate{}, "", errs
	}
	f := r.PostForm
	t := domain.RitualTemplate{Name: f.Get("name"), Purpose: f.Get("purpose"), RRule: f.Get("rrule"),
		CadenceLabel: f.Get("cadence_label"), BringsDeals: f.Get("brings_deals") != "", BringsCalls: f.Get("brings_calls") != ""}
	num := func(field, label string, dst *int) {
		v := strings.TrimSpace(f.Get(field))
		if v == "" {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			errs[field] = label + " is a whole number ≥ 0"
			return
		}
		*dst = n
	}
	num("min_size", "the smallest size", &t.MinSize)
	num("max_size", "the largest size", &t.MaxSize)
	num("minutes", "the usual length", &t.Minutes)
	num("min_minutes", "the shortest length", &t.MinMinutes)
	num("max_minutes", "the longest length", &t.MaxMinutes)
	titles, kinds, mins := f["agenda_title"], f["agenda_kind"], f["agenda_minutes"]
	at := func(vals []string, i int) string {
		if i < len(vals) {
			return strings.TrimSpace(vals[i])
		}
		return ""
	}
	for i, title := range titles {
		title = strings.TrimSpace(title)
		m := at(mins, i)
		if title == "" && m == "" {
			continue
		}
		item := domain.AgendaItem{Kind: at(kinds, i), Title: title}
		if m != "" {
			n, err := strconv.Atoi(m)
			if err != nil {
				errs["agenda"] = "agenda item " + strconv.Itoa(len(t.Agenda)+1) + ": minutes are a whole number"
			}
			item.Minutes = n
		}
		t.Agenda = append(t.Agenda, item)
	}
	produces := f.Get("produces")
	for _, p := range strings.Split(produces, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			t.Produces = append(t.Produces, p)
		}
	}
	return t, produces, errs
}

// ritualProblem turns a refusal into a per-field message on the form; other
// errors (forbidden, not found, internal) go to the error page.
func ritualProblem(err error, errs map[string]string) bool {
	var de *domain.Error
	if !errors.Is(err, domain.ErrInvalid) || !errors.As(err, &de) {
		return false
	}
	field := de.Field
	switch field {
	case "key":
		field = "name"
	case "":
		field = "form"
	}
	errs[field] = de.Message
	return true
}

// saveRitual saves the edit form through the service (administrators).
func (h *Handler) saveRitual(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "edit rituals"); err != nil {
		return err
	}
	old, err := h.svc.Template(r.Context(), a, r.PathValue("key"))
	if err != nil {
		return err
	}
	t, produces, errs := ritualForm(w, r)
	t.Key = old.Key
	if len(errs) == 0 {
		if _, err := h.svc.SaveTemplate(r.Context(), a, t); err != nil && !ritualProblem(err, errs) {
			return err
		}
	}
	if len(errs) > 0 {
		return h.renderRitualForm(w, r, a, ritualFormData{Key: old.Key, Template: t, Produces: produces, Errors: errs}, http.StatusBadRequest)
	}
	http.Redirect(w, r, "/admin/rituals?done=saved", http.StatusSeeOther)
	return nil
}

// createRitual adds one of the organisation's own rituals; its key comes
// from its name, which must not be taken (the service checks).
func (h *Handler) createRitual(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "add rituals"); err != nil {
		return err
	}
	t, produces, errs := ritualForm(w, r)
	if len(errs) == 0 {
		if _, err := h.svc.CreateTemplate(r.Context(), a, t); err != nil && !ritualProblem(err, errs) {
			return err
		}
	}
	if len(errs) > 0 {
		return h.renderRitualForm(w, r, a, ritualFormData{New: true, Template: t, Produces: produces, Errors: errs}, http.StatusBadRequest)
	}
	http.Redirect(w, r, "/admin/rituals?done=saved", http.StatusSeeOther)
	return nil
}

// saveGroupInfo changes a group's name, video link and ground rules (one
// per line) from the group page (organisers).
func (h *Handler) saveGroupInfo(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 32<<10)
	var rules []string
	for _, l := range strings.Split(r.PostFormValue("ground_rules"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			rules = append(rules, l)
		}
	}
	_, err = h.svc.UpdateGroupInfo(r.Context(), a, id, r.PostFormValue("name"), r.PostFormValue("video_link"), rules)
	return h.afterGroup(w, r, a, err, "info")
}
