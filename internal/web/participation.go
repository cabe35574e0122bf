package web

import (
	"net/http"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// participation shows managers (their teams) and administrators (the
// organisation) attendance and commitment figures — counts and rates only.
func (h *Handler) participation(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	days, err := participationDays(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Participation(r.Context(), a, days)
	if err != nil {
		return err
	}
	h.render(w, r, "participation", page{Title: "Participation", Actor: &a, Nav: "sessions", Data: v})
	return nil
}

// participationDays reads the period, ?days=N; 0 (all time) when absent.
func participationDays(r *http.Request) (int, error) {
	v := r.URL.Query().Get("days")
	if v == "" {
		return 0, nil
	}
	days, err := strconv.Atoi(v)
	if err != nil || days <= 0 {
		return 0, domain.Invalid("days", "count the last 1 to %d days, or leave it out for all time", service.MaxParticipationDays)
	}
	return days, nil
}
