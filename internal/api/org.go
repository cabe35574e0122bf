package api

import (
	"net/http"

	"huddle/internal/service"
)

func (api *API) getOrg(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	writeJSON(w, http.StatusOK, toOrg(a.Org))
	return nil
}

func (api *API) getMe(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	writeJSON(w, http.StatusOK, toPerson(a.Person, api.svc.Now()))
	return nil
}
