package web

import (
	"net/http"

	"huddle/internal/service"
)

// participation shows managers (their teams) and administrators (the
// organisation) attendance and commitment figures — counts and rates only.
func (h *Handler) participation(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := h.svc.Participation(r.Context(), a)
	if err != nil {
		return err
	}
	h.render(w, r, "participation", page{Title: "Participation", Actor: &a, Nav: "sessions", Data: v})
	return nil
}
