package web

import (
	"net/http"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type snippetData struct {
	View    service.SnippetView
	Authors map[int64]string
	Error   string
	anchors anchors
}

// Anchor is the transcript line to jump to for a time (templates call it).
func (d snippetData) Anchor(sec any) string { return d.anchors.For(seconds(sec)) }

func (h *Handler) snippet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderSnippet(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderSnippet(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Snippet(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := snippetData{View: v, Authors: map[int64]string{}, Error: problem,
		anchors: newAnchors(service.CallTranscript{Cues: v.Cues})}
	for _, c := range v.Comments {
		if p, err := h.svc.Person(r.Context(), a, c.AuthorID); err == nil {
			d.Authors[c.AuthorID] = p.Name
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "snippet", page{Title: v.Snippet.Title, Actor: &a, Nav: "calls", Data: d})
	return nil
}

func (h *Handler) commentSnippet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	at, err := parseClock(r.PostFormValue("at"))
	if err == nil {
		_, err = h.svc.AddComment(r.Context(), a, 0, id, at, r.PostFormValue("body"))
	} else {
		err = domain.Invalid("at", "%s", err.Error())
	}
	if msg, ok := domain.UserMessage(err); ok && err != nil && !isNotFound(err) {
		return h.renderSnippet(w, r, a, msg, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/snippets/"+strconv.FormatInt(id, 10)+"#comments", http.StatusSeeOther)
	return nil
}
