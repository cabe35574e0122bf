package api

import "net/http"

// table lists every authenticated API route. The OpenAPI description must
// name exactly these (see openapi_test.go).
func (api *API) table() []route {
	return []route{
		{http.MethodGet, "/org", api.getOrg},
		{http.MethodGet, "/me", api.getMe},
		{http.MethodGet, "/teams", api.listTeams},
		{http.MethodPost, "/teams", api.createTeam},
		{http.MethodGet, "/teams/{id}", api.getTeam},
		{http.MethodGet, "/people", api.listPeople},
		{http.MethodPost, "/people", api.createPerson},
		{http.MethodGet, "/people/{id}", api.getPerson},
		{http.MethodPatch, "/people/{id}", api.updatePerson},
		{http.MethodPost, "/roster", api.importRoster},
	}
}
