package api

import (
	"errors"
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/roster"
	"huddle/internal/service"
)

type rosterResult struct {
	Applied   bool           `json:"applied"`
	NewTeams  []string       `json:"new_teams"`
	Created   []string       `json:"created"`
	Updated   []rosterChange `json:"updated"`
	Unchanged int            `json:"unchanged"`
}

type rosterChange struct {
	Email   string   `json:"email"`
	Changes []string `json:"changes"`
}

// importRoster takes a roster CSV as the body. With ?dry_run=true it only
// reports what would change. A bad file is rejected whole with every problem.
func (api *API) importRoster(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	body := http.MaxBytesReader(w, r.Body, service.MaxRosterBytes)
	dry := r.URL.Query().Get("dry_run") == "true"
	var plan domain.RosterPlan
	var err error
	if dry {
		plan, err = api.svc.PlanRoster(r.Context(), a, body)
	} else {
		plan, err = api.svc.ImportRoster(r.Context(), a, body)
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &domain.Error{Kind: httpx.ErrTooLarge, Message: "the roster is larger than 8 MB; split it into several files"}
	}
	var problems *roster.Errors
	if errors.As(err, &problems) {
		writeRosterProblems(w, problems)
		return nil
	}
	if err != nil {
		return err
	}
	out := rosterResult{Applied: !dry && !plan.Empty(), Unchanged: plan.UnchangedRows,
		NewTeams: []string{}, Created: []string{}, Updated: []rosterChange{}}
	for _, t := range plan.NewTeams {
		out.NewTeams = append(out.NewTeams, t.Name)
	}
	for _, e := range plan.Create {
		out.Created = append(out.Created, e.Person.Email)
	}
	for _, e := range plan.Update {
		out.Updated = append(out.Updated, rosterChange{Email: e.Person.Email, Changes: e.Changes})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func writeRosterProblems(w http.ResponseWriter, errs *roster.Errors) {
	type problem struct {
		Line    int    `json:"line"`
		Field   string `json:"field"`
		Message string `json:"message"`
	}
	var body struct {
		Error struct {
			Code     string    `json:"code"`
			Message  string    `json:"message"`
			Problems []problem `json:"problems"`
		} `json:"error"`
	}
	body.Error.Code = "invalid"
	body.Error.Message = "the roster was not imported; nothing was changed: fix every listed problem and send it again"
	for _, p := range errs.Problems {
		body.Error.Problems = append(body.Error.Problems, problem{Line: p.Line, Field: p.Field, Message: p.Message})
	}
	writeJSON(w, http.StatusUnprocessableEntity, body)
}
