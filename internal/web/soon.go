package web

import (
	"net/http"

	"huddle/internal/service"
)

// soonPage is a section of the product that a later release fills in. Its
// page says honestly what is coming instead of pretending.
type soonPage struct {
	Nav, Path, Title, Summary string
	Coming                    []string
}

var comingSoon = []soonPage{
	{Nav: "playbook", Path: "/playbook", Title: "Playbook", Summary: "The team's living answers to objections, ranked by what actually works.",
		Coming: []string{"Objection forum with votes and role-play", "Responses ranked by outcomes", "Exportable playbook"}},
	{Nav: "insights", Path: "/insights", Title: "Insights", Summary: "What coaching does to win rates and ramp time — participants against non-participants.",
		Coming: []string{"CRM import", "Ramp time, win rate, cycle time", "Comparisons with confidence intervals"}},
}

func (h *Handler) soon(s soonPage) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, a service.Actor) error {
		h.render(w, r, "soon", page{Title: s.Title, Actor: &a, Nav: s.Nav, Data: s})
		return nil
	}
}
