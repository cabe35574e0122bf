package web

import (
	"net/http"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type profileData struct {
	Person       domain.Person
	Zones        []string
	WorkingHours string
	Error        string
	LocalNow     string
}

func (h *Handler) profile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	h.renderProfile(w, r, a, a.Person, "", "")
	return nil
}

func (h *Handler) renderProfile(w http.ResponseWriter, r *http.Request, a service.Actor, p domain.Person, notice, problem string) {
	d := profileData{Person: p, Zones: commonZones(p.TimeZone), WorkingHours: p.WorkingHours.String(), Error: problem}
	if loc, err := time.LoadLocation(p.TimeZone); err == nil {
		d.LocalNow = h.svc.Now().In(loc).Format("Mon 15:04 MST")
	}
	h.render(w, r, "profile", page{Title: "Your profile", Actor: &a, Nav: "profile", Notice: notice, Data: d})
}

func (h *Handler) saveProfile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	name := r.PostFormValue("name")
	zone := strings.TrimSpace(r.PostFormValue("timezone"))
	p, err := h.updateProfile(r, a, name, zone, r.PostFormValue("working_hours"))
	if msg, ok := domain.UserMessage(err); ok {
		shown := a.Person
		shown.Name, shown.TimeZone = name, zone
		w.WriteHeader(http.StatusBadRequest)
		h.renderProfile(w, r, a, shown, "", msg)
		return nil
	}
	if err != nil {
		return err
	}
	a.Person = p
	h.renderProfile(w, r, a, p, "Profile saved.", "")
	return nil
}

func (h *Handler) updateProfile(r *http.Request, a service.Actor, name, zone, hours string) (domain.Person, error) {
	wh, err := domain.ParseWorkingHours(hours)
	if err != nil {
		return domain.Person{}, domain.Invalid("working_hours", "%s", err.Error())
	}
	return h.svc.UpdatePerson(r.Context(), a, a.Person.ID, domain.PersonPatch{Name: &name, TimeZone: &zone, WorkingHours: &wh})
}

// commonZones offers the usual zones in the picker, plus the current one.
func commonZones(current string) []string {
	zones := []string{"America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/St_Johns",
		"America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
		"Africa/Johannesburg", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC"}
	for _, z := range zones {
		if z == current {
			return zones
		}
	}
	return append([]string{current}, zones...)
}
