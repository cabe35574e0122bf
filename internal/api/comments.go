package api

import (
	"net/http"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type commentJSON struct {
	ID        int64     `json:"id"`
	CallID    int64     `json:"call_id"`
	SnippetID *int64    `json:"snippet_id"`
	AuthorID  int64     `json:"author_id"`
	AtSeconds float64   `json:"at_seconds"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}

func toComment(c domain.CallComment) commentJSON {
	return commentJSON{ID: c.ID, CallID: c.CallID, SnippetID: optID(c.SnippetID), AuthorID: c.AuthorID,
		AtSeconds: c.AtSeconds, Body: c.Body, CreatedAt: c.CreatedAt.UTC()}
}

type commentInput struct {
	AtSeconds float64 `json:"at_seconds"`
	Body      string  `json:"body"`
}

func (api *API) listComments(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := api.callView(r, a)
	if err != nil {
		return err
	}
	out := listJSON[commentJSON]{Items: make([]commentJSON, len(v.Comments)), Total: len(v.Comments), Limit: len(v.Comments)}
	for i, c := range v.Comments {
		out.Items[i] = toComment(c)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) addComment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.comment(w, r, a, false)
}

func (api *API) addSnippetComment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.comment(w, r, a, true)
}

func (api *API) comment(w http.ResponseWriter, r *http.Request, a service.Actor, onSnippet bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in commentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	callID, snippetID := id, int64(0)
	if onSnippet {
		callID, snippetID = 0, id
	}
	c, err := api.svc.AddComment(r.Context(), a, callID, snippetID, in.AtSeconds, in.Body)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toComment(c))
	return nil
}

type snippetJSON struct {
	ID         int64     `json:"id"`
	CallID     int64     `json:"call_id"`
	OwnerID    int64     `json:"owner_id"`
	Title      string    `json:"title"`
	Start      float64   `json:"start_seconds"`
	End        float64   `json:"end_seconds"`
	SharedWith []int64   `json:"shared_with,omitempty"`
	URL        string    `json:"url"`
	CreatedAt  time.Time `json:"created_at"`
	Transcript any       `json:"transcript,omitempty"`
}

func toSnippet(s domain.Snippet, viewerID int64) snippetJSON {
	out := snippetJSON{ID: s.ID, CallID: s.CallID, OwnerID: s.OwnerID, Title: s.Title, Start: s.Start, End: s.End,
		URL: "/snippets/" + strconv.FormatInt(s.ID, 10), CreatedAt: s.CreatedAt.UTC()}
	if s.OwnerID == viewerID {
		out.SharedWith = s.SharedWith
	}
	return out
}

type snippetInput struct {
	Title      string  `json:"title"`
	Start      float64 `json:"start_seconds"`
	End        float64 `json:"end_seconds"`
	SharedWith []int64 `json:"shared_with"`
}

func (api *API) createSnippet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in snippetInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	s, err := api.svc.CreateSnippet(r.Context(), a, id, in.Title, in.Start, in.End, in.SharedWith)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toSnippet(s, a.Person.ID))
	return nil
}

func (api *API) getSnippet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.Snippet(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := toSnippet(v.Snippet, a.Person.ID)
	out.Transcript = v.Cues
	writeJSON(w, http.StatusOK, out)
	return nil
}
