package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type sessionsData struct {
	Home   service.SessionsHome
	Zones  []string
	MyZone string
	Error  string
	Today  string
	Form   groupForm
}

type groupForm struct {
	Name, Template, TimeZone string
	Members                  map[int64]bool
}

// sessionNotices are the notices shown after a redirect.
var sessionNotices = map[string]string{
	"committed": "Commitment recorded.", "checked": "Check-in saved.", "status": "Commitment updated.",
	"scheduled": "Schedule saved: the sessions of the coming weeks are on the calendar.", "created": "Group started.",
	"added": "Member added: they see the group's content once they accept the ground rules.", "accepted": "Ground rules accepted.",
	"left": "Membership ended.", "saved": "Saved.", "started": "Session started.", "ended": "Session ended.",
	"skipped": "Session skipped.", "moved": "Session moved.", "brought": "Added to the session.", "removed": "Removed.",
	"action": "Action item added.", "info": "Group details saved.",
	"swap": "Teacher and skills saved.", "sheet": "Cheat sheet saved.", "survey": "Thank you: your answers are saved.",
	"note": "Notes saved.", "week": "Shadowing week planned.", "goal": "Learning goal saved.", "debrief": "Debrief added.",
	"feedback": "Feedback added.",
}

func (h *Handler) sessions(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderSessions(w, r, a, groupForm{TimeZone: a.Person.TimeZone, Members: map[int64]bool{}}, "", http.StatusOK)
}

func (h *Handler) renderSessions(w http.ResponseWriter, r *http.Request, a service.Actor, form groupForm, problem string, status int) error {
	home, err := h.svc.MySessions(r.Context(), a)
	if err != nil {
		return err
	}
	d := sessionsData{Home: home, Zones: commonZones(a.Person.TimeZone), MyZone: a.Person.TimeZone, Error: problem, Form: form,
		Today: h.svc.Now().UTC().Format(domain.DateLayout)}
	w.WriteHeader(status)
	h.render(w, r, "sessions", page{Title: "Sessions", Actor: &a, Nav: "sessions", Notice: sessionNotices[r.URL.Query().Get("done")], Data: d})
	return nil
}

// createGroup starts a group from the form on /sessions.
func (h *Handler) createGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Invalid("form", "could not read the form")
	}
	form := groupForm{Name: r.PostForm.Get("name"), Template: r.PostForm.Get("template"), TimeZone: r.PostForm.Get("timezone"), Members: map[int64]bool{}}
	ids, err := personIDs(r.PostForm["members"])
	if err == nil {
		for _, id := range ids {
			form.Members[id] = true
		}
		var g domain.Group
		g, err = h.svc.CreateGroup(r.Context(), a, service.GroupInput{Name: form.Name, TemplateKey: form.Template, MemberIDs: ids,
			TimeZone: strings.TrimSpace(form.TimeZone), VideoLink: r.PostForm.Get("video_link"), JoinAsMember: r.PostForm.Get("join") != ""})
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/sessions/groups/%d?done=created", g.ID), http.StatusSeeOther)
			return nil
		}
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) {
		status, _ := httpx.Status(err)
		return h.renderSessions(w, r, a, form, msg, status)
	}
	return err
}

// makeCommitment records a commitment and goes back where it was made.
func (h *Handler) makeCommitment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	in := service.CommitmentInput{To: r.PostFormValue("to"), Text: r.PostFormValue("text")}
	back := "/sessions"
	if sid, err := strconv.ParseInt(r.PostFormValue("session_id"), 10, 64); err == nil && sid > 0 {
		in.SessionID = sid
		back = fmt.Sprintf("/sessions/%d", sid)
	}
	var err error
	if in.Due, err = time.Parse(domain.DateLayout, r.PostFormValue("due")); err != nil {
		err = domain.Invalid("due", "give a due date (YYYY-MM-DD)")
	} else if in.Target, err = optionalNumber(r.PostFormValue("target"), "target"); err == nil {
		_, err = h.svc.MakeCommitment(r.Context(), a, in)
	}
	return h.back(w, r, a, back, "committed", err)
}

func (h *Handler) checkIn(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	progress, err := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("progress")), 64)
	if err != nil {
		err = domain.Invalid("progress", "give your progress as a number")
	} else {
		_, err = h.svc.CheckIn(r.Context(), a, id, progress, r.PostFormValue("note"))
	}
	return h.back(w, r, a, "/sessions", "checked", err)
}

func (h *Handler) commitmentStatus(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	_, err = h.svc.SetCommitmentStatus(r.Context(), a, id, r.PostFormValue("status"))
	return h.back(w, r, a, "/sessions", "status", err)
}

// back redirects to path with a notice after a change; a mistake the
// person can fix is shown on /sessions, other errors on the error page.
func (h *Handler) back(w http.ResponseWriter, r *http.Request, a service.Actor, path, done string, err error) error {
	if err == nil {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		http.Redirect(w, r, path+sep+"done="+done, http.StatusSeeOther)
		return nil
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) && !isNotFound(err) {
		status, _ := httpx.Status(err)
		return h.renderSessions(w, r, a, groupForm{TimeZone: a.Person.TimeZone, Members: map[int64]bool{}}, msg, status)
	}
	return err
}

// optionalNumber reads a blank (nil) or a number.
func optionalNumber(s, field string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, domain.Invalid(field, "give a number, or leave it blank")
	}
	return &f, nil
}
