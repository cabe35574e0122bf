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

type shadowingData struct {
	View  service.ShadowingView
	Error string
	Today string
}

// shadowing is a pair's shadowing weeks: goals, debriefs and feedback.
func (h *Handler) shadowing(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderShadowing(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderShadowing(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Shadowing(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := shadowingData{View: v, Error: problem, Today: v.Today.Format(domain.DateLayout)}
	w.WriteHeader(status)
	h.render(w, r, "shadowing", page{Title: v.Group.Name + " — shadowing", Actor: &a, Nav: "sessions",
		Notice: sessionNotices[r.URL.Query().Get("done")], Data: d})
	return nil
}

// shadowingAction runs a change of a pair's shadowing and goes back to
// the page, or shows the problem there when the person can fix it.
func (h *Handler) shadowingAction(do func(r *http.Request, a service.Actor, groupID int64) error, done string) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, a service.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		r.Body = http.MaxBytesReader(w, r.Body, 32<<10)
		if err := r.ParseForm(); err != nil {
			return domain.Invalid("form", "could not read the form")
		}
		err = do(r, a, id)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/sessions/groups/%d/shadowing?done=%s", id, done), http.StatusSeeOther)
			return nil
		}
		if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) && !isNotFound(err) {
			status, _ := httpx.Status(err)
			return h.renderShadowing(w, r, a, msg, status)
		}
		return err
	}
}

func (h *Handler) startWeek(r *http.Request, a service.Actor, groupID int64) error {
	day, err := formDate(r.PostForm.Get("starts_on"), "starts_on")
	if err != nil {
		return err
	}
	_, err = h.svc.StartShadowingWeek(r.Context(), a, groupID, day)
	return err
}

// weekOf reads the week's id from the path; a week of another group is
// refused by the service, which checks the week, not the path's group.
func weekOf(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("week"), 10, 64)
	if err != nil {
		return 0, domain.NotFound("shadowing week")
	}
	return id, nil
}

func (h *Handler) setGoal(r *http.Request, a service.Actor, _ int64) error {
	week, err := weekOf(r)
	if err != nil {
		return err
	}
	return h.svc.SetLearningGoal(r.Context(), a, week, r.PostForm.Get("goal"))
}

func (h *Handler) addDebrief(r *http.Request, a service.Actor, _ int64) error {
	week, err := weekOf(r)
	if err != nil {
		return err
	}
	day, err := formDate(r.PostForm.Get("day"), "day")
	if err != nil {
		return err
	}
	_, err = h.svc.AddDebrief(r.Context(), a, week, day, r.PostForm.Get("observed"), r.PostForm.Get("will_try"))
	return err
}

func (h *Handler) addShadowFeedback(r *http.Request, a service.Actor, _ int64) error {
	week, err := weekOf(r)
	if err != nil {
		return err
	}
	to, _ := strconv.ParseInt(r.PostForm.Get("to"), 10, 64)
	_, err = h.svc.AddShadowFeedback(r.Context(), a, week, to, r.PostForm.Get("text"))
	return err
}

// formDate reads a YYYY-MM-DD field.
func formDate(s, field string) (time.Time, error) {
	day, err := time.Parse(domain.DateLayout, strings.TrimSpace(s))
	if err != nil {
		return day, domain.Invalid(field, "give a date (YYYY-MM-DD)")
	}
	return day, nil
}
