package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

// examplesData is the "your examples of great" page.
type examplesData struct {
	Mine service.MyExamples
}

// exampleFormData is the page to propose an example of great.
type exampleFormData struct {
	Rubrics     []domain.Rubric
	Calls       []domain.Call
	Choice      string // "rubricID:key" of the chosen criterion
	CallID      int64
	SnippetID   int64
	Snippet     *service.SnippetView
	Start, End  string
	Note        string
	Suggest     bool // the actor may see suggestions
	Suggestions []service.ExampleSuggestion
	Error       string
}

// formTime renders seconds for a form field as m:ss, keeping a fraction,
// so that a suggested stretch is proposed exactly.
func formTime(sec float64) string {
	ms := math.Round(sec * 1000)
	whole := math.Floor(ms / 1000)
	s := service.Clock(whole)
	if frac := int(ms - whole*1000); frac > 0 {
		s = strings.TrimRight(fmt.Sprintf("%s.%03d", s, frac), "0")
	}
	return s
}

// SuggestURL is the proposal form filled in with a suggested moment.
func (d exampleFormData) SuggestURL(s service.ExampleSuggestion) string {
	q := url.Values{"criterion": {d.Choice}, "call": {strconv.FormatInt(s.CallID, 10)},
		"start": {formTime(s.Start)}, "end": {formTime(s.End)}}
	return "/feedback/examples/new?" + q.Encode() + "#propose"
}

func (h *Handler) myExamples(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	mine, err := h.svc.MyExamples(r.Context(), a)
	if err != nil {
		return err
	}
	notice := map[string]string{"proposed": "Proposed. The call's owner decides whether it is shown.",
		"approved": "Shown on the rubric page.", "declined": "Not shown.", "removed": "Removed."}[r.URL.Query().Get("done")]
	h.render(w, r, "examples", page{Title: "Examples of great", Actor: &a, Nav: "feedback", Notice: notice, Data: examplesData{Mine: mine}})
	return nil
}

func (h *Handler) newExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	q := r.URL.Query()
	d := exampleFormData{Choice: q.Get("criterion"), Start: q.Get("start"), End: q.Get("end")}
	if rid := q.Get("rubric"); rid != "" && d.Choice == "" {
		d.Choice = rid + ":"
	}
	d.CallID, _ = strconv.ParseInt(q.Get("call"), 10, 64)
	d.SnippetID, _ = strconv.ParseInt(q.Get("snippet"), 10, 64)
	return h.renderExampleForm(w, r, a, d, http.StatusOK)
}

func (h *Handler) renderExampleForm(w http.ResponseWriter, r *http.Request, a service.Actor, d exampleFormData, status int) error {
	ctx := r.Context()
	all, err := h.svc.Rubrics(ctx, a)
	if err != nil {
		return err
	}
	for _, rb := range all {
		if !rb.Retired {
			d.Rubrics = append(d.Rubrics, rb)
		}
	}
	if d.SnippetID != 0 {
		sn, err := h.svc.Snippet(ctx, a, d.SnippetID)
		if err != nil {
			return err
		}
		d.Snippet = &sn
	} else if d.Calls, _, err = h.svc.Calls(ctx, a, domain.CallFilter{Page: domain.Page{Limit: 200}}); err != nil {
		return err
	}
	d.Suggest = a.Has(domain.RoleCoach) || a.IsAdmin()
	if rubricID, key := splitChoice(d.Choice); d.Suggest && key != "" {
		if d.Suggestions, err = h.svc.ExampleSuggestions(ctx, a, rubricID, key); err != nil && !errors.Is(err, domain.ErrInvalid) {
			return err
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "example_new", page{Title: "Propose an example of great", Actor: &a, Nav: "feedback", Data: d})
	return nil
}

// splitChoice reads "rubricID:key".
func splitChoice(s string) (int64, string) {
	id, key, _ := strings.Cut(s, ":")
	n, _ := strconv.ParseInt(id, 10, 64)
	return n, key
}

func (h *Handler) proposeExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Invalid("form", "the proposal is too long")
	}
	f := r.PostForm
	d := exampleFormData{Choice: f.Get("criterion"), Start: f.Get("start"), End: f.Get("end"), Note: f.Get("note")}
	d.CallID, _ = strconv.ParseInt(f.Get("call_id"), 10, 64)
	d.SnippetID, _ = strconv.ParseInt(f.Get("snippet_id"), 10, 64)
	in := service.ExampleInput{CallID: d.CallID, SnippetID: d.SnippetID, Note: d.Note}
	in.RubricID, in.CriterionKey = splitChoice(d.Choice)
	var err error
	if d.SnippetID == 0 {
		start, err1 := parseClock(d.Start)
		end, err2 := parseClock(d.End)
		if err = errors.Join(err1, err2); err != nil {
			err = domain.Invalid("start", "use m:ss for both times, e.g. 4:30")
		}
		in.Start, in.End = start, end
	}
	var ex domain.CriterionExample
	if err == nil {
		ex, err = h.svc.ProposeExample(r.Context(), a, in)
	}
	if err != nil {
		if !errors.Is(err, domain.ErrInvalid) && !errors.Is(err, domain.ErrConflict) {
			return err
		}
		d.Error = httpx.Message(r.Context(), err)
		status, _ := httpx.Status(err)
		return h.renderExampleForm(w, r, a, d, status)
	}
	if ex.Status == domain.ExampleApproved {
		http.Redirect(w, r, fmt.Sprintf("/feedback/rubrics/%d#examples-%s", ex.RubricID, ex.CriterionKey), http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/feedback/examples?done=proposed", http.StatusSeeOther)
	return nil
}

// decideExample records the owner's consent or refusal.
func (h *Handler) decideExample(approve bool) authedFunc {
	return func(w http.ResponseWriter, r *http.Request, a service.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		ex, err := h.svc.DecideExample(r.Context(), a, id, approve)
		if err != nil {
			return err
		}
		http.Redirect(w, r, backTo(r, "/feedback/examples?done="+string(ex.Status)), http.StatusSeeOther)
		return nil
	}
}

func (h *Handler) removeExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.RemoveExample(r.Context(), a, id); err != nil {
		return err
	}
	http.Redirect(w, r, backTo(r, "/feedback/examples?done=removed"), http.StatusSeeOther)
	return nil
}

// backTo is the form's "back" page when it is a rubric page, else def:
// never a redirect off the site.
func backTo(r *http.Request, def string) string {
	back := r.PostFormValue("back")
	rest, ok := strings.CutPrefix(back, "/feedback/rubrics/")
	if _, err := strconv.ParseInt(rest, 10, 64); ok && err == nil {
		return back
	}
	return def
}

// rubricExamples groups the approved examples of a rubric by criterion key.
func (h *Handler) rubricExamples(r *http.Request, a service.Actor, rubricID int64) (map[string][]service.ExampleView, int, error) {
	list, err := h.svc.RubricExamples(r.Context(), a, rubricID)
	if err != nil {
		return nil, 0, err
	}
	out := map[string][]service.ExampleView{}
	for _, v := range list {
		out[v.CriterionKey] = append(out[v.CriterionKey], v)
	}
	waiting, err := h.svc.AwaitingConsent(r.Context(), a)
	return out, waiting, err
}
