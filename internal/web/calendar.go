package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/ical"
	"huddle/internal/service"
)

type calendarData struct {
	Active bool
	Since  string
	URL    string // shown once, right after it was made
}

// calendarSettings shows whether the actor has a feed address, and the
// buttons to make a new one or turn it off.
func (h *Handler) calendarSettings(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	active, since, err := h.svc.CalendarFeedStatus(r.Context(), a)
	if err != nil {
		return err
	}
	d := calendarData{Active: active}
	if active {
		d.Since = since.Format("2 Jan 2006")
	}
	notice := ""
	if r.URL.Query().Get("done") == "revoked" {
		notice = "Calendar feed turned off: the old address no longer works."
	}
	h.render(w, r, "calendar", page{Title: "Calendar feed", Actor: &a, Nav: "profile", Notice: notice, Data: d})
	return nil
}

// resetCalendar makes a new secret address and shows it once.
func (h *Handler) resetCalendar(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	secret, err := h.svc.ResetCalendarFeed(r.Context(), a)
	if err != nil {
		return err
	}
	scheme := "http"
	if h.secure || r.TLS != nil {
		scheme = "https"
	}
	d := calendarData{Active: true, Since: h.svc.Now().Format("2 Jan 2006"), URL: scheme + "://" + r.Host + "/calendar/" + secret + ".ics"}
	h.render(w, r, "calendar", page{Title: "Calendar feed", Actor: &a, Nav: "profile",
		Notice: "New calendar address made: copy it now, it is shown only once. Any older address stopped working.", Data: d})
	return nil
}

func (h *Handler) revokeCalendar(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.RevokeCalendarFeed(r.Context(), a); err != nil {
		return err
	}
	http.Redirect(w, r, "/profile/calendar?done=revoked", http.StatusSeeOther)
	return nil
}

// calendarFeed serves a person's sessions as iCalendar at their secret
// address: no cookie, the secret is the credential.
func (h *Handler) calendarFeed(w http.ResponseWriter, r *http.Request) error {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok {
		return domain.NotFound("calendar")
	}
	cal, err := h.svc.CalendarFeed(r.Context(), secret)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := cal.WriteTo(&buf); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	return writeCalendar(w, buf.Bytes(), "")
}

// sessionICS is the "add to calendar" download of one session.
func (h *Handler) sessionICS(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := h.svc.SessionEvent(r.Context(), a, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := ical.WriteEvent(&buf, e); err != nil {
		return err
	}
	return writeCalendar(w, buf.Bytes(), fmt.Sprintf("session-%d.ics", id))
}

func writeCalendar(w http.ResponseWriter, body []byte, file string) error {
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if file != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+file+`"`)
	}
	_, err := w.Write(body)
	return err
}
