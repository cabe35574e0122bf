package web

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type homeData struct {
	Team       *domain.Team
	Teammates  []domain.Person
	PeopleSize int
	TeamCount  int
	Soon       []soonPage
}

func (h *Handler) home(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	_, total, err := h.svc.People(r.Context(), a, domain.PersonFilter{Page: domain.Page{Limit: 1}})
	if err != nil {
		return err
	}
	teams, err := h.svc.Teams(r.Context(), a)
	if err != nil {
		return err
	}
	d := homeData{PeopleSize: total, TeamCount: len(teams), Soon: comingSoon}
	if a.Person.TeamID != 0 {
		if t, err := h.svc.Team(r.Context(), a, a.Person.TeamID); err == nil {
			d.Team = &t
			members, err := h.svc.TeamMembers(r.Context(), a, t.ID)
			if err != nil {
				return err
			}
			d.Teammates = members
		}
	}
	h.render(w, r, "home", page{Title: "Home", Actor: &a, Nav: "home", Data: d})
	return nil
}
