package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type sessionData struct {
	View       service.SessionView
	Error      string
	Today      string
	CheatSheet template.HTML // sanitised by the markdown package
	Scale      []int         // the confidence survey's 1 to 5
}

// session is the run sheet of one session.
func (h *Handler) session(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderSession(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderSession(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Session(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := sessionData{View: v, Error: problem, Today: h.svc.Now().UTC().Format(domain.DateLayout), Scale: []int{1, 2, 3, 4, 5}}
	if v.Swap != nil {
		d.CheatSheet = template.HTML(v.Swap.CheatSheetHTML) // safe: goldmark without raw HTML, then bluemonday
	}
	w.WriteHeader(status)
	h.render(w, r, "session", page{Title: v.Group.Name + " — " + v.Local.Format("2 Jan"), Actor: &a, Nav: "sessions",
		Notice: sessionNotices[r.URL.Query().Get("done")], Data: d})
	return nil
}

// afterSession redirects to the run sheet after a change, or shows the
// problem there when the person can fix it.
func (h *Handler) afterSession(w http.ResponseWriter, r *http.Request, a service.Actor, err error, done string) error {
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/sessions/%s?done=%s", r.PathValue("id"), done), http.StatusSeeOther)
		return nil
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) && !isNotFound(err) {
		status, _ := httpx.Status(err)
		return h.renderSession(w, r, a, msg, status)
	}
	return err
}

// sessionAction runs a one-click change of a session.
func (h *Handler) sessionAction(do func(r *http.Request, a service.Actor, id int64) error, done string) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, a service.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := r.ParseForm(); err != nil {
			return domain.Invalid("form", "could not read the form")
		}
		return h.afterSession(w, r, a, do(r, a, id), done)
	}
}

func (h *Handler) startSession(r *http.Request, a service.Actor, id int64) error {
	_, err := h.svc.StartSession(r.Context(), a, id)
	return err
}

func (h *Handler) endSession(r *http.Request, a service.Actor, id int64) error {
	_, err := h.svc.EndSession(r.Context(), a, id)
	return err
}

func (h *Handler) skipSession(r *http.Request, a service.Actor, id int64) error {
	return h.svc.SkipOccurrence(r.Context(), a, id)
}

func (h *Handler) moveSession(r *http.Request, a service.Actor, id int64) error {
	_, err := h.svc.MoveOccurrence(r.Context(), a, id, r.PostForm.Get("date"), r.PostForm.Get("time"))
	return err
}

// saveSessionNotes saves notes, the video link and attendance.
func (h *Handler) saveSessionNotes(r *http.Request, a service.Actor, id int64) error {
	notes, link := r.PostForm.Get("notes"), r.PostForm.Get("video_link")
	present, err := personIDs(r.PostForm["present"])
	if err != nil {
		return err
	}
	if present == nil {
		present = []int64{}
	}
	_, err = h.svc.UpdateSessionNotes(r.Context(), a, id, service.SessionNotesInput{Notes: &notes, VideoLink: &link, Attendance: &present})
	return err
}

// bringItem adds a deal or a call of the actor's to the session.
func (h *Handler) bringItem(r *http.Request, a service.Actor, id int64) error {
	f := r.PostForm
	it := domain.SessionItem{Kind: f.Get("kind"), DealName: f.Get("deal"), Stage: f.Get("stage"), Blocker: f.Get("blocker"),
		Text: f.Get("text"), Note: f.Get("note")}
	var err error
	if it.Amount, err = optionalNumber(f.Get("amount"), "amount"); err != nil {
		return err
	}
	if it.Kind == domain.ItemCall {
		if it.CallID, err = strconv.ParseInt(f.Get("call_id"), 10, 64); err != nil {
			return domain.Invalid("call_id", "choose one of your calls")
		}
	}
	_, err = h.svc.BringItem(r.Context(), a, id, it)
	return err
}

func (h *Handler) removeItem(r *http.Request, a service.Actor, id int64) error {
	item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil {
		return domain.NotFound("item")
	}
	return h.svc.RemoveItem(r.Context(), a, id, item)
}

// addAction records an action item, for a member or for a deal's owner.
func (h *Handler) addAction(r *http.Request, a service.Actor, id int64) error {
	owner, _ := strconv.ParseInt(r.PostForm.Get("owner"), 10, 64)
	item, _ := strconv.ParseInt(r.PostForm.Get("item"), 10, 64)
	_, err := h.svc.AddAction(r.Context(), a, id, service.ActionInput{OwnerID: owner, ItemID: item, Text: r.PostForm.Get("text")})
	return err
}

func (h *Handler) actionDone(r *http.Request, a service.Actor, id int64) error {
	item, err := strconv.ParseInt(r.PathValue("action"), 10, 64)
	if err != nil {
		return domain.NotFound("action item")
	}
	return h.svc.SetActionItemDone(r.Context(), a, id, item, r.PostForm.Get("done") != "false")
}
