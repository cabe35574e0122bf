package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type callJSON struct {
	ID           int64           `json:"id"`
	OwnerID      int64           `json:"owner_id"`
	Title        string          `json:"title"`
	OccurredAt   time.Time       `json:"occurred_at"`
	Source       string          `json:"source"`
	FileName     string          `json:"file_name"`
	Format       string          `json:"format"`
	Status       string          `json:"status"`
	StatusDetail string          `json:"status_detail,omitempty"`
	Visibility   string          `json:"visibility"`
	SharedWith   []int64         `json:"shared_with,omitempty"`
	Metrics      metricsJSON     `json:"metrics"`
	Analysis     json.RawMessage `json:"analysis,omitempty"`
}

type metricsJSON struct {
	DurationSeconds         *float64 `json:"duration_seconds"`
	TalkRatio               *float64 `json:"talk_ratio"`
	LongestMonologueSeconds *float64 `json:"longest_monologue_seconds"`
	PatienceSeconds         *float64 `json:"patience_seconds"`
	Questions               *float64 `json:"questions"`
	Interactivity           *float64 `json:"interactivity"`
	WordsPerMinute          *float64 `json:"words_per_minute"`
	Objections              []string `json:"objections"`
	Trackers                []string `json:"trackers"`
}

// toCall renders a call; shared_with only for its owner, who chose it.
func toCall(c domain.Call, viewerID int64, withAnalysis bool) callJSON {
	m := c.Metrics
	out := callJSON{ID: c.ID, OwnerID: c.OwnerID, Title: c.Title, OccurredAt: c.OccurredAt.UTC(), Source: c.Source,
		FileName: c.FileName, Format: c.Format, Status: string(c.Status), StatusDetail: c.StatusDetail, Visibility: string(c.Visibility),
		Metrics: metricsJSON{DurationSeconds: m.DurationSeconds, TalkRatio: m.TalkRatio, LongestMonologueSeconds: m.LongestMonolog,
			PatienceSeconds: m.Patience, Questions: m.Questions, Interactivity: m.Interactivity, WordsPerMinute: m.WordsPerMinute,
			Objections: nonNil(m.Objections), Trackers: nonNil(m.Trackers)}}
	if c.OwnerID == viewerID {
		out.SharedWith = c.SharedWith
	}
	if withAnalysis && len(c.Analysis) > 0 {
		out.Analysis = c.Analysis
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (api *API) listCalls(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	q := r.URL.Query()
	f := domain.CallFilter{Query: q.Get("q"), Tracker: q.Get("tracker"), Objection: q.Get("objection")}
	var err error
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"owner_id", &f.OwnerID}, {"team_id", &f.TeamID}} {
		if s := q.Get(p.name); s != "" {
			if *p.dst, err = strconv.ParseInt(s, 10, 64); err != nil {
				return domain.Invalid(p.name, "use a numeric id")
			}
		}
	}
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if s := q.Get(p.name); s != "" {
			if *p.dst, err = time.Parse(domain.DateLayout, s); err != nil {
				return domain.Invalid(p.name, "use YYYY-MM-DD")
			}
		}
	}
	if f.Limit, err = queryInt(r, "limit"); err != nil {
		return err
	}
	if f.Limit > 500 {
		return domain.Invalid("limit", "ask for at most 500 at a time")
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Offset, err = queryInt(r, "offset"); err != nil {
		return err
	}
	calls, total, err := api.svc.Calls(r.Context(), a, f)
	if err != nil {
		return err
	}
	out := listJSON[callJSON]{Items: make([]callJSON, len(calls)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, c := range calls {
		out.Items[i] = toCall(c, a.Person.ID, false)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// uploadCall takes multipart/form-data with a "file" part (a transcript or
// a recording) and optional title, date, visibility, shared_with, rep.
func (api *API) uploadCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, api.maxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &domain.Error{Kind: httpx.ErrTooLarge, Message: "the upload is over " + strconv.FormatInt(api.maxUpload>>20, 10) + " MB"}
		}
		return domain.Invalid("file", "send multipart/form-data with the transcript or recording in a part named \"file\"")
	}
	defer file.Close()
	up := service.CallUpload{Title: r.FormValue("title"), FileName: header.Filename, Rep: r.FormValue("rep")}
	if up.Visibility, err = domain.ParseVisibility(r.FormValue("visibility")); err != nil {
		return err
	}
	if d := r.FormValue("date"); d != "" {
		if up.OccurredAt, err = time.Parse(domain.DateLayout, d); err != nil {
			return domain.Invalid("date", "use YYYY-MM-DD")
		}
	}
	for _, s := range r.MultipartForm.Value["shared_with"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return domain.Invalid("shared_with", "use people's numeric ids")
		}
		up.SharedWith = append(up.SharedWith, id)
	}
	var c domain.Call
	if service.IsAudio(header.Filename) {
		c, err = api.svc.UploadRecording(r.Context(), a, up, file)
		api.wakeJobs()
	} else if up.Data, err = io.ReadAll(file); err == nil {
		c, err = api.svc.UploadTranscript(r.Context(), a, up)
	}
	if errors.Is(err, service.ErrTooLarge) {
		return &domain.Error{Kind: httpx.ErrTooLarge, Message: "the transcript is over 10 MB"}
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/calls/"+strconv.FormatInt(c.ID, 10))
	writeJSON(w, http.StatusCreated, toCall(c, a.Person.ID, true))
	return nil
}

func (api *API) getCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := api.callView(r, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCall(v.Call, a.Person.ID, true))
	return nil
}

func (api *API) callView(r *http.Request, a service.Actor) (service.CallView, error) {
	id, err := pathID(r)
	if err != nil {
		return service.CallView{}, err
	}
	return api.svc.Call(r.Context(), a, id)
}

func (api *API) getTranscript(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := api.callView(r, a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v.Transcript)
	return nil
}

func (api *API) getMoments(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := api.callView(r, a)
	if err != nil {
		return err
	}
	report, err := service.DecodeReport(v.Call)
	if err != nil {
		return err
	}
	out := struct {
		Items any `json:"items"`
	}{Items: []struct{}{}}
	if report != nil && report.Moments != nil {
		out.Items = report.Moments
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

type callPatch struct {
	Title      *string  `json:"title"`
	Visibility *string  `json:"visibility"`
	SharedWith *[]int64 `json:"shared_with"`
}

func (api *API) updateCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in callPatch
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ch := service.CallSharing{Title: in.Title, SharedWith: in.SharedWith}
	if in.Visibility != nil {
		v, err := domain.ParseVisibility(*in.Visibility)
		if err != nil {
			return err
		}
		ch.Visibility = &v
	}
	c, err := api.svc.UpdateCallSharing(r.Context(), a, id, ch)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCall(c, a.Person.ID, false))
	return nil
}

func (api *API) deleteCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := api.svc.DeleteCall(r.Context(), a, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (api *API) getBenchmarks(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	bms, err := api.svc.Benchmarks(r.Context(), a)
	if err != nil {
		return err
	}
	type bm struct {
		Metric      string  `json:"metric"`
		Median      float64 `json:"median"`
		TopQuartile float64 `json:"top_quartile"`
		Calls       int     `json:"calls"`
		LowerBetter bool    `json:"lower_is_better"`
		Published   string  `json:"published,omitempty"`
	}
	out := struct {
		Items []bm `json:"items"`
	}{Items: []bm{}}
	for _, b := range bms {
		out.Items = append(out.Items, bm{b.Metric, b.Median, b.TopQuartile, b.Calls, b.LowerBetter, b.Published})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
