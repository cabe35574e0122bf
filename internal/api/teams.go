package api

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

func (api *API) listTeams(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	teams, err := api.svc.Teams(r.Context(), a)
	if err != nil {
		return err
	}
	out := listJSON[teamJSON]{Items: make([]teamJSON, len(teams)), Total: len(teams), Limit: len(teams)}
	for i, t := range teams {
		out.Items[i] = toTeam(t)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) getTeam(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := api.svc.Team(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTeam(t))
	return nil
}

type teamInput struct {
	Name      string `json:"name"`
	Region    string `json:"region"`
	ManagerID int64  `json:"manager_id"`
}

func (api *API) createTeam(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in teamInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t, err := api.svc.CreateTeam(r.Context(), a, domain.Team{Name: in.Name, Region: in.Region, ManagerID: in.ManagerID})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toTeam(t))
	return nil
}
