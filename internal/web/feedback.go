package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

type feedbackData struct {
	Overview  service.FeedbackOverview
	Due       map[int64]string // request ID → due time in the viewer's zone
	Rubrics   []domain.Rubric  // those a request may use
	People    []domain.Person
	Calls     []domain.Call
	Snippets  []domain.Snippet
	Circles   []domain.Group // the viewer's circles, to ask
	Anonymous bool           // the organisation allows anonymous reviews
	TimeZone  string
	Error     string
	// Snippet is preselected when the form is opened from a snippet's
	// page; Call and Circle when it is opened from a call spotlighted in a
	// circle's session.
	Snippet, Call, Circle int64
	// Helpful is the viewer's helpfulness as a reviewer, month by month.
	Helpful *helpfulnessChart
}

func (h *Handler) feedback(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderFeedback(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderFeedback(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	ctx := r.Context()
	o, err := h.svc.FeedbackOverview(ctx, a)
	if err != nil {
		return err
	}
	d := feedbackData{Overview: o, Due: map[int64]string{}, Error: problem, TimeZone: zoneName(a.Person),
		Helpful: buildHelpfulness(o.HelpfulnessByMonth)}
	for _, list := range [][]service.RequestSummary{o.Asked, o.Invited} {
		for _, s := range list {
			d.Due[s.Request.ID] = localTime(s.Request.DueAt, a.Person)
		}
	}
	rubrics, err := h.svc.Rubrics(ctx, a)
	if err != nil {
		return err
	}
	for _, rb := range rubrics {
		if !rb.Retired {
			d.Rubrics = append(d.Rubrics, rb)
		}
	}
	if d.People, _, err = h.svc.People(ctx, a, domain.PersonFilter{Page: domain.Page{Limit: 500}}); err != nil {
		return err
	}
	if d.Calls, _, err = h.svc.Calls(ctx, a, domain.CallFilter{Page: domain.Page{Limit: 100}}); err != nil {
		return err
	}
	if d.Snippets, err = h.svc.FeedbackSnippets(ctx, a); err != nil {
		return err
	}
	if d.Circles, err = h.svc.FeedbackCircles(ctx, a); err != nil {
		return err
	}
	q := r.URL.Query()
	d.Snippet, _ = strconv.ParseInt(q.Get("snippet"), 10, 64)
	d.Call, _ = strconv.ParseInt(q.Get("call"), 10, 64)
	d.Circle, _ = strconv.ParseInt(q.Get("circle"), 10, 64)
	fs, err := h.svc.FeedbackSettings(ctx, a)
	if err != nil {
		return err
	}
	d.Anonymous = fs.Anonymous
	w.WriteHeader(status)
	h.render(w, r, "feedback", page{Title: "Feedback", Actor: &a, Nav: "feedback", Data: d})
	return nil
}

// createFeedbackRequest takes the request form: a call or a pasted
// artefact, a rubric, peers and a due time in the requester's zone.
func (h *Handler) createFeedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	in := service.FeedbackRequestInput{Title: r.PostFormValue("title"), Ask: r.PostFormValue("ask"),
		Anonymous: r.PostFormValue("anonymous") == "on"}
	var err error
	switch r.PostFormValue("subject") {
	case "call":
		if in.CallID, err = strconv.ParseInt(r.PostFormValue("call_id"), 10, 64); err != nil {
			return h.feedbackProblem(w, r, a, domain.Invalid("call_id", "choose one of your calls"))
		}
	case "snippet":
		if in.SnippetID, err = strconv.ParseInt(r.PostFormValue("snippet_id"), 10, 64); err != nil {
			return h.feedbackProblem(w, r, a, domain.Invalid("snippet_id", "choose one of the snippets you can see"))
		}
	case "deal":
		if in.Deal, err = dealForm(r); err != nil {
			return h.feedbackProblem(w, r, a, err)
		}
	case domain.ArtefactEmail, domain.ArtefactDealPlan:
		in.ArtefactKind, in.ArtefactText = r.PostFormValue("subject"), r.PostFormValue("artefact_text")
	default:
		return h.feedbackProblem(w, r, a, domain.Invalid("subject", "choose a call or a snippet, paste an e-mail or deal plan, or describe a deal"))
	}
	in.RubricID, _ = strconv.ParseInt(r.PostFormValue("rubric_id"), 10, 64)
	if v := r.PostFormValue("group_id"); v != "" {
		if in.GroupID, err = strconv.ParseInt(v, 10, 64); err != nil {
			return h.feedbackProblem(w, r, a, domain.Invalid("group_id", "choose one of your circles"))
		}
	}
	if in.Invitees, err = personIDs(r.PostForm["invitees"]); err != nil {
		return h.feedbackProblem(w, r, a, err)
	}
	if in.DueAt, err = parseLocal(r.PostFormValue("due"), a.Person); err != nil {
		return h.feedbackProblem(w, r, a, err)
	}
	req, err := h.svc.RequestFeedback(r.Context(), a, in)
	if err != nil {
		return h.feedbackProblem(w, r, a, err)
	}
	http.Redirect(w, r, requestURL(req.ID, ""), http.StatusSeeOther)
	return nil
}

// dealForm reads the deal fields of the request form; the service checks
// them.
func dealForm(r *http.Request) (*domain.Deal, error) {
	d := &domain.Deal{Name: r.PostFormValue("deal_name"), Stage: r.PostFormValue("deal_stage"),
		Currency: r.PostFormValue("deal_currency"), CloseDate: r.PostFormValue("deal_close_date"),
		Blocker: r.PostFormValue("deal_blocker"), Notes: r.PostFormValue("deal_notes")}
	amount := strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(r.PostFormValue("deal_amount"))
	v, err := strconv.ParseFloat(amount, 64)
	if err != nil {
		return nil, domain.Invalid("deal_amount", "give the deal's amount as a number, e.g. 48000")
	}
	d.Amount = v
	return d, nil
}

// feedbackProblem shows a user's mistake on the feedback page.
func (h *Handler) feedbackProblem(w http.ResponseWriter, r *http.Request, a service.Actor, err error) error {
	if !errors.Is(err, domain.ErrInvalid) {
		return err
	}
	status, _ := httpx.Status(err)
	return h.renderFeedback(w, r, a, httpx.Message(r.Context(), err), status)
}

// zoneName is the person's time zone, UTC when unknown.
func zoneName(p domain.Person) string {
	if _, err := time.LoadLocation(p.TimeZone); err != nil || p.TimeZone == "" {
		return "UTC"
	}
	return p.TimeZone
}

// localTime shows a time in the viewer's own time zone, with the zone.
func localTime(t time.Time, viewer domain.Person) string {
	loc, err := time.LoadLocation(zoneName(viewer))
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
}

// parseLocal reads a datetime-local value in the person's time zone.
func parseLocal(v string, p domain.Person) (time.Time, error) {
	loc, err := time.LoadLocation(zoneName(p))
	if err != nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, loc)
	if err != nil {
		return time.Time{}, domain.Invalid("due", "choose a date and time, e.g. 2026-03-06 17:00")
	}
	return t, nil
}

func requestURL(id int64, fragment string) string {
	u := "/feedback/requests/" + strconv.FormatInt(id, 10)
	if fragment != "" {
		u += "#" + fragment
	}
	return u
}

type feedbackSettingsData struct {
	Settings service.FeedbackSettings
}

func (h *Handler) feedbackSettings(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	if err := h.svc.CheckAdmin(a, "change feedback settings"); err != nil {
		return err
	}
	fs, err := h.svc.FeedbackSettings(r.Context(), a)
	if err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Get("saved") == "1" {
		notice = "Saved."
	}
	h.render(w, r, "admin_feedback", page{Title: "Feedback settings", Actor: &a, Nav: "admin", Notice: notice,
		Data: feedbackSettingsData{Settings: fs}})
	return nil
}

func (h *Handler) saveFeedbackSettings(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	fs := service.FeedbackSettings{Anonymous: r.PostFormValue("anonymous") == "on"}
	if err := h.svc.SetFeedbackSettings(r.Context(), a, fs); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/feedback?saved=1", http.StatusSeeOther)
	return nil
}
