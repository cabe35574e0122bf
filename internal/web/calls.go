package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type callsData struct {
	Calls     []domain.Call
	Owners    map[int64]string
	Total     int
	Filter    domain.CallFilter
	Mine      bool
	Teams     []domain.Team
	People    []domain.Person
	Snippets  []domain.Snippet
	Objection []string
	CanAudio  bool
	Error     string
	NextURL   string
}

var objectionCategories = []string{"price", "timing", "authority", "need", "competitor", "status_quo", "trust"}

func (h *Handler) calls(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderCalls(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderCalls(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	f, mine := callFilter(r, a)
	calls, total, err := h.svc.Calls(r.Context(), a, f)
	if err != nil {
		return err
	}
	d := callsData{Calls: calls, Total: total, Filter: f, Mine: mine, Objection: objectionCategories,
		CanAudio: h.svc.TranscriptionConfigured(), Error: problem, Owners: map[int64]string{}}
	for _, c := range calls {
		if _, ok := d.Owners[c.OwnerID]; !ok {
			if p, err := h.svc.Person(r.Context(), a, c.OwnerID); err == nil {
				d.Owners[c.OwnerID] = p.Name
			}
		}
	}
	if d.Teams, err = h.svc.Teams(r.Context(), a); err != nil {
		return err
	}
	if d.People, _, err = h.svc.People(r.Context(), a, domain.PersonFilter{Page: domain.Page{Limit: 500}}); err != nil {
		return err
	}
	if d.Snippets, err = h.svc.SharedSnippets(r.Context(), a); err != nil {
		return err
	}
	if f.Offset+len(calls) < total {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(f.Offset+len(calls)))
		d.NextURL = "/calls?" + q.Encode()
	}
	w.WriteHeader(status)
	h.render(w, r, "calls", page{Title: "Calls", Actor: &a, Nav: "calls", Data: d})
	return nil
}

func callFilter(r *http.Request, a service.Actor) (domain.CallFilter, bool) {
	q := r.URL.Query()
	f := domain.CallFilter{Query: q.Get("q"), Tracker: q.Get("tracker"), Objection: q.Get("objection"), Page: domain.Page{Limit: 50}}
	f.Offset, _ = strconv.Atoi(q.Get("offset"))
	f.TeamID, _ = strconv.ParseInt(q.Get("team"), 10, 64)
	f.OwnerID, _ = strconv.ParseInt(q.Get("owner"), 10, 64)
	mine := q.Get("owner") == "me"
	if mine {
		f.OwnerID = a.Person.ID
	}
	if t, err := time.Parse(domain.DateLayout, q.Get("from")); err == nil {
		f.From = t
	}
	if t, err := time.Parse(domain.DateLayout, q.Get("to")); err == nil {
		f.To = t.AddDate(0, 0, 1)
	}
	return f, mine
}

// uploadCall takes a transcript or a recording from the upload form.
func (h *Handler) uploadCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, h.maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return h.renderCalls(w, r, a, "The file is larger than "+strconv.FormatInt(h.maxUpload>>20, 10)+" MB. Upload a transcript, or compress the recording.", http.StatusRequestEntityTooLarge)
		}
		return h.renderCalls(w, r, a, "Choose a transcript or recording to upload.", http.StatusBadRequest)
	}
	defer file.Close()
	up, err := uploadFields(r, a, header.Filename)
	if err != nil {
		return h.callProblem(w, r, a, err)
	}
	var c domain.Call
	if service.IsAudio(header.Filename) {
		c, err = h.svc.UploadRecording(r.Context(), a, up, file)
		h.wakeJobs()
	} else {
		up.Data, err = io.ReadAll(file)
		if err == nil {
			c, err = h.svc.UploadTranscript(r.Context(), a, up)
		}
	}
	if err != nil {
		return h.callProblem(w, r, a, err)
	}
	http.Redirect(w, r, "/calls/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

func uploadFields(r *http.Request, a service.Actor, name string) (service.CallUpload, error) {
	up := service.CallUpload{Title: r.FormValue("title"), FileName: name, Rep: r.FormValue("rep")}
	var err error
	if up.Visibility, err = domain.ParseVisibility(r.FormValue("visibility")); err != nil {
		return up, err
	}
	if d := r.FormValue("date"); d != "" {
		if up.OccurredAt, err = time.Parse(domain.DateLayout, d); err != nil {
			return up, domain.Invalid("date", "use the date picker or YYYY-MM-DD")
		}
	}
	up.SharedWith, err = personIDs(r.Form["peers"])
	return up, err
}

func personIDs(values []string) ([]int64, error) {
	var ids []int64
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, domain.Invalid("peers", "choose peers from the list")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// callProblem shows a user's mistake on the calls page; other errors go
// to the error page.
func (h *Handler) callProblem(w http.ResponseWriter, r *http.Request, a service.Actor, err error) error {
	msg, ok := domain.UserMessage(err)
	if !ok {
		return err
	}
	status, _ := httpx.Status(err)
	if errors.Is(err, service.ErrTooLarge) {
		status = http.StatusRequestEntityTooLarge
	}
	return h.renderCalls(w, r, a, msg, status)
}

// callURL is the call page, optionally at a moment.
func callURL(id int64, fragment string) string {
	u := url.URL{Path: "/calls/" + strconv.FormatInt(id, 10), Fragment: fragment}
	return u.String()
}
