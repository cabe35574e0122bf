package web

import (
	"net/http"
	"net/url"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/service"
)

const peoplePerPage = 25

type peopleData struct {
	Query    string
	TeamID   int64
	Teams    []domain.Team
	TeamName map[int64]string
	People   []domain.Person
	Total    int
	From, To int
	PrevURL  string
	NextURL  string
}

func (h *Handler) people(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	teamID, _ := strconv.ParseInt(q.Get("team"), 10, 64)
	f := domain.PersonFilter{Query: q.Get("q"), TeamID: teamID, Page: domain.Page{Limit: peoplePerPage, Offset: max(offset, 0)}}
	people, total, err := h.svc.People(r.Context(), a, f)
	if err != nil {
		return err
	}
	teams, err := h.svc.Teams(r.Context(), a)
	if err != nil {
		return err
	}
	d := peopleData{Query: f.Query, TeamID: teamID, Teams: teams, TeamName: teamNames(teams), People: people, Total: total,
		From: f.Offset + 1, To: f.Offset + len(people)}
	if f.Offset > 0 {
		d.PrevURL = pageURL(f, max(f.Offset-peoplePerPage, 0))
	}
	if f.Offset+len(people) < total {
		d.NextURL = pageURL(f, f.Offset+peoplePerPage)
	}
	h.render(w, r, "people", page{Title: "People", Actor: &a, Nav: "people", Data: d})
	return nil
}

func pageURL(f domain.PersonFilter, offset int) string {
	v := url.Values{}
	if f.Query != "" {
		v.Set("q", f.Query)
	}
	if f.TeamID != 0 {
		v.Set("team", strconv.FormatInt(f.TeamID, 10))
	}
	v.Set("offset", strconv.Itoa(offset))
	return "/people?" + v.Encode()
}

func teamNames(teams []domain.Team) map[int64]string {
	m := make(map[int64]string, len(teams))
	for _, t := range teams {
		m[t.ID] = t.Name
	}
	return m
}

type personData struct {
	Person  domain.Person
	Team    *domain.Team
	Manager *domain.Person
	IsSelf  bool
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := h.svc.Person(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := personData{Person: p, IsSelf: p.ID == a.Person.ID}
	if p.TeamID != 0 {
		if t, err := h.svc.Team(r.Context(), a, p.TeamID); err == nil {
			d.Team = &t
		}
	}
	if p.ManagerID != 0 {
		if m, err := h.svc.Person(r.Context(), a, p.ManagerID); err == nil {
			d.Manager = &m
		}
	}
	h.render(w, r, "person", page{Title: p.Name, Actor: &a, Nav: "people", Data: d})
	return nil
}

// pathID reads the {id} path segment; a malformed one is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.NotFound("page")
	}
	return id, nil
}
