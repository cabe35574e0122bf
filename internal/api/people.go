package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

func (api *API) listPeople(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	f, err := personFilter(r)
	if err != nil {
		return err
	}
	people, total, err := api.svc.People(r.Context(), a, f)
	if err != nil {
		return err
	}
	now := api.svc.Now()
	out := listJSON[personJSON]{Items: make([]personJSON, len(people)), Total: total, Limit: f.Limit, Offset: f.Offset}
	if out.Limit == 0 {
		out.Limit = 50
	}
	for i, p := range people {
		out.Items[i] = toPerson(p, now)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func personFilter(r *http.Request) (domain.PersonFilter, error) {
	q := r.URL.Query()
	f := domain.PersonFilter{Query: q.Get("q"), Region: q.Get("region"), Role: domain.Role(q.Get("role"))}
	if f.Role != "" && !domain.Roles(domain.AllRoles).Has(f.Role) {
		return f, domain.Invalid("role", "use rep, coach, manager or admin")
	}
	if s := q.Get("team_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return f, domain.Invalid("team_id", "use a team's numeric id")
		}
		f.TeamID = id
	}
	var err error
	if f.Limit, err = queryInt(r, "limit"); err != nil {
		return f, err
	}
	if f.Limit > 500 {
		return f, domain.Invalid("limit", "ask for at most 500 at a time")
	}
	f.Offset, err = queryInt(r, "offset")
	return f, err
}

func (api *API) getPerson(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := api.svc.Person(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toPerson(p, api.svc.Now()))
	return nil
}

// personInput is the body of POST /people and PATCH /people/{id}. Pointer
// fields tell "absent" from "set"; for PATCH, absent fields keep their value
// and a null team_id or manager_id clears it.
type personInput struct {
	Name         *string          `json:"name"`
	Email        *string          `json:"email"`
	Roles        *[]string        `json:"roles"`
	TeamID       nullable[int64]  `json:"team_id"`
	ManagerID    nullable[int64]  `json:"manager_id"`
	Region       *string          `json:"region"`
	TimeZone     *string          `json:"timezone"`
	WorkingHours *string          `json:"working_hours"`
	StartDate    nullable[string] `json:"start_date"`
	Active       *bool            `json:"active"`
}

func (in personInput) patch() (domain.PersonPatch, error) {
	p := domain.PersonPatch{Name: in.Name, Email: in.Email, Region: in.Region, TimeZone: in.TimeZone, Active: in.Active}
	if in.Roles != nil {
		roles, err := domain.ParseRoles(strings.Join(*in.Roles, ","))
		if err != nil {
			return p, domain.Invalid("roles", "%s", err.Error())
		}
		p.Roles = &roles
	}
	p.TeamID = derefID(in.TeamID)
	p.ManagerID = derefID(in.ManagerID)
	if in.WorkingHours != nil {
		wh, err := domain.ParseWorkingHours(*in.WorkingHours)
		if err != nil {
			return p, domain.Invalid("working_hours", "%s", err.Error())
		}
		p.WorkingHours = &wh
	}
	if in.StartDate.Set {
		p.StartDate = new(time.Time) // null clears the start date
		if in.StartDate.Value != nil {
			d, err := time.Parse(domain.DateLayout, *in.StartDate.Value)
			if err != nil {
				return p, domain.Invalid("start_date", "use YYYY-MM-DD, e.g. 2024-03-01")
			}
			*p.StartDate = d
		}
	}
	return p, nil
}

func derefID(v nullable[int64]) *int64 {
	if !v.Set {
		return nil
	}
	var id int64
	if v.Value != nil {
		id = *v.Value
	}
	return &id
}

// nullable tells an absent field (Set false) from null (Set, Value nil).
type nullable[T any] struct {
	Set   bool
	Value *T
}

func (n *nullable[T]) UnmarshalJSON(b []byte) error {
	n.Set = true
	if string(b) == "null" {
		n.Value = nil
		return nil
	}
	n.Value = new(T)
	return json.Unmarshal(b, n.Value)
}

func (api *API) createPerson(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in personInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	patch, err := in.patch()
	if err != nil {
		return err
	}
	var p domain.Person
	p.Apply(patch)
	created, err := api.svc.CreatePerson(r.Context(), a, p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/people/"+strconv.FormatInt(created.ID, 10))
	writeJSON(w, http.StatusCreated, toPerson(created, api.svc.Now()))
	return nil
}

func (api *API) updatePerson(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in personInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	patch, err := in.patch()
	if err != nil {
		return err
	}
	p, err := api.svc.UpdatePerson(r.Context(), a, id, patch)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toPerson(p, api.svc.Now()))
	return nil
}
