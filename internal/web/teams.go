package web

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type teamsData struct {
	Teams    []domain.Team
	Managers map[int64]string
}

func (h *Handler) teams(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	teams, err := h.svc.Teams(r.Context(), a)
	if err != nil {
		return err
	}
	managers := map[int64]string{}
	for _, t := range teams {
		if t.ManagerID != 0 {
			if m, err := h.svc.Person(r.Context(), a, t.ManagerID); err == nil {
				managers[t.ID] = m.Name
			}
		}
	}
	h.render(w, r, "teams", page{Title: "Teams", Actor: &a, Nav: "people", Data: teamsData{Teams: teams, Managers: managers}})
	return nil
}

type teamData struct {
	Team    domain.Team
	Manager *domain.Person
	Members []domain.Person
	Zones   []string
}

func (h *Handler) team(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := h.svc.Team(r.Context(), a, id)
	if err != nil {
		return err
	}
	members, err := h.svc.TeamMembers(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := teamData{Team: t, Members: members}
	seen := map[string]bool{}
	for _, m := range members {
		if !seen[m.TimeZone] {
			seen[m.TimeZone] = true
			d.Zones = append(d.Zones, m.TimeZone)
		}
	}
	if t.ManagerID != 0 {
		if m, err := h.svc.Person(r.Context(), a, t.ManagerID); err == nil {
			d.Manager = &m
		}
	}
	h.render(w, r, "team", page{Title: t.Name, Actor: &a, Nav: "people", Data: d})
	return nil
}
