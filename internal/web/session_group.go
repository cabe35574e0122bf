package web

import (
	"fmt"
	"net/http"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type groupData struct {
	View   service.RitualGroupView
	Slots  *service.SlotProposal
	People []domain.Person
	Rule   string
	Zones  []string
	Error  string
	Today  string
}

func (h *Handler) sessionGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderGroup(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderGroup(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Group(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := groupData{View: v, Error: problem, Zones: commonZones(v.Group.TimeZone), Today: h.svc.Now().UTC().Format(domain.DateLayout)}
	if v.Group.Scheduled() {
		d.Rule = service.DescribeRule(v.Group.RRule)
	}
	if v.Organiser {
		if p, err := h.svc.ProposeSlots(r.Context(), a, id); err == nil {
			d.Slots = &p
		}
		if d.People, _, err = h.svc.People(r.Context(), a, domain.PersonFilter{Page: domain.Page{Limit: 500}}); err != nil {
			return err
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "session_group", page{Title: v.Group.Name, Actor: &a, Nav: "sessions", Notice: sessionNotices[r.URL.Query().Get("done")], Data: d})
	return nil
}

// afterGroup redirects to the group page after a change, or shows the
// problem there when the person can fix it.
func (h *Handler) afterGroup(w http.ResponseWriter, r *http.Request, a service.Actor, err error, done string) error {
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/sessions/groups/%s?done=%s", r.PathValue("id"), done), http.StatusSeeOther)
		return nil
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) && !isNotFound(err) {
		status, _ := httpx.Status(err)
		return h.renderGroup(w, r, a, msg, status)
	}
	return err
}

// scheduleGroup sets the series: from a proposed slot or the form.
func (h *Handler) scheduleGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	minutes, _ := strconv.Atoi(r.PostFormValue("minutes"))
	_, err = h.svc.SetSchedule(r.Context(), a, id, service.ScheduleInput{Date: r.PostFormValue("date"), Time: r.PostFormValue("time"),
		TimeZone: r.PostFormValue("timezone"), RRule: r.PostFormValue("rrule"), Minutes: minutes})
	return h.afterGroup(w, r, a, err, "scheduled")
}

func (h *Handler) addGroupMember(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	person, perr := strconv.ParseInt(r.PostFormValue("person"), 10, 64)
	if perr != nil {
		err = domain.Invalid("person", "choose a person")
	} else {
		err = h.svc.AddMember(r.Context(), a, id, person)
	}
	return h.afterGroup(w, r, a, err, "added")
}

func (h *Handler) acceptRules(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return h.afterGroup(w, r, a, h.svc.AcceptGroundRules(r.Context(), a, id), "accepted")
}

// leaveGroup ends the actor's membership, or — for an organiser naming
// someone — another member's.
func (h *Handler) leaveGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	person := a.Person.ID
	if p, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64); err == nil && p > 0 {
		person = p
	}
	if err := h.svc.LeaveGroup(r.Context(), a, id, person); err != nil {
		return h.afterGroup(w, r, a, err, "")
	}
	if person == a.Person.ID {
		http.Redirect(w, r, "/sessions?done=left", http.StatusSeeOther)
		return nil
	}
	return h.afterGroup(w, r, a, nil, "left")
}
