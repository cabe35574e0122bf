package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"huddle/internal/analysis"
	"huddle/internal/domain"
	"huddle/internal/service"
)

type callData struct {
	View      service.CallView
	Report    *analysis.Report
	Summary   *service.CallSummary
	Summaries bool // AI summaries are configured
	Timeline  *timeline
	Metrics   []metricRow
	Authors   map[int64]string
	People    []domain.Person // for the sharing form
	Shared    map[int64]bool
	Error     string
	HasAudio  bool
	ObjByCat  []catCount
	// TrackerHits and CompetitorHits are "name ×count" for those heard.
	TrackerHits, CompetitorHits []string
	NextSteps                   string
	anchors                     anchors
}

// Anchor is the transcript line to jump to for a time (templates call it).
func (d callData) Anchor(sec any) string { return d.anchors.For(seconds(sec)) }

type catCount struct {
	Name  string
	Count int
}

type metricRow struct {
	Label, Value, Median, Top, Published string
	Calls                                int
}

func (h *Handler) call(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderCall(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderCall(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.Call(r.Context(), a, id)
	if err != nil {
		return err
	}
	report, err := service.DecodeReport(v.Call)
	if err != nil {
		return err
	}
	d := callData{View: v, Report: report, Timeline: buildTimeline(v.Transcript, report), Authors: map[int64]string{},
		Error: problem, HasAudio: v.Call.Recording != "", Shared: map[int64]bool{},
		Summary: service.DecodeSummary(v.Call), Summaries: h.svc.SummariesConfigured(), anchors: newAnchors(v.Transcript)}
	if d.Metrics, err = h.metricRows(r, a, v.Call); err != nil {
		return err
	}
	for _, c := range v.Comments {
		if _, ok := d.Authors[c.AuthorID]; !ok {
			if p, err := h.svc.Person(r.Context(), a, c.AuthorID); err == nil {
				d.Authors[c.AuthorID] = p.Name
			}
		}
	}
	if report != nil {
		d.TrackerHits, d.CompetitorHits = hits(report.Trackers), hits(report.Competitors)
		for _, cat := range objectionCategories {
			if n := report.Objections.ByCategory[cat]; n > 0 {
				d.ObjByCat = append(d.ObjByCat, catCount{cat, n})
			}
		}
	}
	if v.IsOwner {
		for _, id := range v.Call.SharedWith {
			d.Shared[id] = true
		}
		if d.People, _, err = h.svc.People(r.Context(), a, domain.PersonFilter{Page: domain.Page{Limit: 500}}); err != nil {
			return err
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "call", page{Title: v.Call.Title, Actor: &a, Nav: "calls", Data: d})
	return nil
}

// metricRows sets the call's figures beside the organisation's benchmarks.
func (h *Handler) metricRows(r *http.Request, a service.Actor, c domain.Call) ([]metricRow, error) {
	bms, err := h.svc.Benchmarks(r.Context(), a)
	if err != nil {
		return nil, err
	}
	byKey := map[string]service.Benchmark{}
	for _, b := range bms {
		byKey[b.Metric] = b
	}
	var rows []metricRow
	for _, key := range []string{"talk_ratio", "longest_monologue_seconds", "questions", "patience_seconds", "interactivity", "words_per_minute"} {
		format := func(v *float64) string { return fmtMetric(v, key == "talk_ratio") }
		if key == "questions" {
			format = fmtCount
		}
		row := metricRow{Label: metricLabels[key], Value: format(service.MetricValue(c.Metrics, key)), Median: "—", Top: "—"}
		if b, ok := byKey[key]; ok {
			row.Median, row.Top = fmtMetric(&b.Median, false), fmtMetric(&b.TopQuartile, false)
			if key == "talk_ratio" {
				row.Median, row.Top = fmtMetric(&b.Median, true), fmtMetric(&b.TopQuartile, true)
			}
			row.Published, row.Calls = b.Published, b.Calls
		}
		rows = append(rows, row)
	}
	return rows, nil
}

var metricLabels = map[string]string{
	"talk_ratio": "Rep talk ratio", "longest_monologue_seconds": "Longest monologue (s)", "questions": "Questions asked",
	"patience_seconds": "Patience before answering (s)", "interactivity": "Interactivity (switches per minute)",
	"words_per_minute": "Words per minute",
}

func (h *Handler) addComment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	at, err := parseClock(r.PostFormValue("at"))
	if err != nil {
		return h.callFormProblem(w, r, a, domain.Invalid("at", "%s", err.Error()))
	}
	if _, err := h.svc.AddComment(r.Context(), a, id, 0, at, r.PostFormValue("body")); err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	http.Redirect(w, r, callURL(id, "comments"), http.StatusSeeOther)
	return nil
}

func (h *Handler) shareCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	vis, err := domain.ParseVisibility(r.PostFormValue("visibility"))
	if err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	peers, err := personIDs(r.PostForm["peers"])
	if err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	if _, err := h.svc.UpdateCallSharing(r.Context(), a, id, service.CallSharing{Visibility: &vis, SharedWith: &peers}); err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	http.Redirect(w, r, callURL(id, "sharing"), http.StatusSeeOther)
	return nil
}

func (h *Handler) createSnippet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	start, err1 := parseClock(r.PostFormValue("start"))
	end, err2 := parseClock(r.PostFormValue("end"))
	if err := errors.Join(err1, err2); err != nil {
		return h.callFormProblem(w, r, a, domain.Invalid("start", "use m:ss for both times, e.g. 4:30"))
	}
	peers, err := personIDs(r.PostForm["peers"])
	if err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	sn, err := h.svc.CreateSnippet(r.Context(), a, id, r.PostFormValue("title"), start, end, peers)
	if err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	http.Redirect(w, r, "/snippets/"+strconv.FormatInt(sn.ID, 10), http.StatusSeeOther)
	return nil
}

func (h *Handler) deleteCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteCall(r.Context(), a, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/calls?owner=me", http.StatusSeeOther)
	return nil
}

func (h *Handler) retryCall(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.RetryTranscription(r.Context(), a, id); err != nil {
		return h.callFormProblem(w, r, a, err)
	}
	h.wakeJobs()
	http.Redirect(w, r, callURL(id, ""), http.StatusSeeOther)
	return nil
}

// callFormProblem re-renders the call page with a user's mistake.
func (h *Handler) callFormProblem(w http.ResponseWriter, r *http.Request, a service.Actor, err error) error {
	msg, ok := domain.UserMessage(err)
	if !ok {
		return err
	}
	if !errors.Is(err, domain.ErrInvalid) {
		return err // not found, forbidden: the error page says so
	}
	return h.renderCall(w, r, a, msg, http.StatusBadRequest)
}

// recording streams a call's audio to people who may see the call.
func (h *Handler) recording(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rec, name, err := h.svc.Recording(r.Context(), a, id)
	if err != nil {
		return err
	}
	defer rec.Close()
	w.Header().Set("Content-Type", audioType(name))
	w.Header().Set("Cache-Control", "private, no-store")
	if seeker, ok := rec.(io.ReadSeeker); ok {
		http.ServeContent(w, r, name, time.Time{}, seeker) // ranges let the player seek
		return nil
	}
	_, err = io.Copy(w, rec)
	return err
}

func audioType(name string) string {
	if t := mime.TypeByExtension(strings.ToLower(path.Ext(name))); t != "" {
		return t
	}
	return "application/octet-stream"
}

// hits lists the trackers or competitors that were mentioned, with counts.
func hits(ms []analysis.Mentions) []string {
	var out []string
	for _, m := range ms {
		if m.Count > 0 {
			out = append(out, m.Name+" ×"+strconv.Itoa(m.Count))
		}
	}
	return out
}
