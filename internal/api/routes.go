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
		{http.MethodGet, "/calls", api.listCalls},
		{http.MethodPost, "/calls", api.uploadCall},
		{http.MethodGet, "/calls/{id}", api.getCall},
		{http.MethodPatch, "/calls/{id}", api.updateCall},
		{http.MethodDelete, "/calls/{id}", api.deleteCall},
		{http.MethodGet, "/calls/{id}/transcript", api.getTranscript},
		{http.MethodGet, "/calls/{id}/moments", api.getMoments},
		{http.MethodGet, "/calls/{id}/comments", api.listComments},
		{http.MethodPost, "/calls/{id}/comments", api.addComment},
		{http.MethodPost, "/calls/{id}/snippets", api.createSnippet},
		{http.MethodGet, "/snippets/{id}", api.getSnippet},
		{http.MethodPost, "/snippets/{id}/comments", api.addSnippetComment},
		{http.MethodGet, "/benchmarks", api.getBenchmarks},
		{http.MethodGet, "/me/skills", api.getMySkills},
		{http.MethodPut, "/me/skills", api.putMySkills},
		{http.MethodGet, "/pairing/rounds", api.listRounds},
		{http.MethodPost, "/pairing/rounds", api.proposeRound},
		{http.MethodGet, "/pairing/rounds/{id}", api.getRound},
		{http.MethodPost, "/pairing/rounds/{id}/publish", api.publishRound},
		{http.MethodPost, "/pairing/rounds/{id}/pairs/{pair}/drop", api.dropPair},
		{http.MethodPost, "/pairing/rounds/{id}/swap", api.swapPartners},
	}
}
