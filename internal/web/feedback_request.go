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

type requestData struct {
	View        service.RequestView
	Due         string // in the viewer's zone
	Reviews     []reviewCard
	Mine        *reviewCard // the viewer's own review
	Form        []criterionForm
	DraftNote   string // what the autosave says
	Levels      []int  // the scale, 1–5
	Error       string
	Calibration *calibrationView
	Deal        *dealView
	// The transcript with its remarks, the moments remarks may name, and
	// whether the viewer may add remarks now (a reviewer's draft).
	Cues        []cueLine
	Moments     []momentOption
	CanRemark   bool
	RemarkAt    string // the remark form's default time
	RemarkError string
}

// dealView is a request's deal ready to show.
type dealView struct {
	Name, Stage, Amount, Close, Blocker, Notes string
}

func dealOf(d *domain.Deal) *dealView {
	if d == nil {
		return nil
	}
	closeOn := d.CloseDate
	if t, err := time.Parse(domain.DateLayout, d.CloseDate); err == nil {
		closeOn = t.Format("2 Jan 2006")
	}
	return &dealView{Name: d.Name, Stage: d.Stage, Amount: d.Currency + " " + money(d.Amount), Close: closeOn,
		Blocker: d.Blocker, Notes: d.Notes}
}

// money writes an amount with thousands separators, and cents only when
// there are any: 48,000 or 1,250.50.
func money(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	whole, cents, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if cents != "00" {
		b.WriteString("." + cents)
	}
	return b.String()
}

// reviewCard is a review ready to show: scores by criterion name.
type reviewCard struct {
	service.ReviewView
	Author  string // "" when anonymous
	When    string // a date, or a date and time in the viewer's zone
	Rows    []scoreRow
	Remarks []remarkLine
}

type scoreRow struct {
	Name, Note string
	Score      int
}

// criterionForm is one criterion of the review form with the viewer's draft.
type criterionForm struct {
	domain.RubricCriterion
	Score int
	Note  string
}

func (h *Handler) feedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderRequest(w, r, a, "", http.StatusOK)
}

func (h *Handler) renderRequest(w http.ResponseWriter, r *http.Request, a service.Actor, problem string, status int) error {
	return h.renderRequestWith(w, r, a, func(d *requestData) { d.Error = problem }, status)
}

// renderRequestWith renders the request page after edit has had its say
// (a problem to show, and where).
func (h *Handler) renderRequestWith(w http.ResponseWriter, r *http.Request, a service.Actor, edit func(*requestData), status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.FeedbackRequest(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := requestData{View: v, Due: localTime(v.Request.DueAt, a.Person), Levels: []int{1, 2, 3, 4, 5},
		Calibration: calibration(v.Calibration), Deal: dealOf(v.Request.Deal)}
	for _, rv := range v.Reviews {
		d.Reviews = append(d.Reviews, card(rv, v.Rubric, a.Person))
	}
	if v.MyReview != nil {
		c := card(*v.MyReview, v.Rubric, a.Person)
		d.Mine = &c
		if v.MyReview.Phase != domain.PhaseDone {
			d.DraftNote = "Draft saved."
		}
	}
	byCrit := map[int64]domain.ReviewScore{}
	if v.MyReview != nil {
		for _, s := range v.MyReview.Scores {
			byCrit[s.CriterionID] = s
		}
	}
	for _, c := range v.Rubric.Criteria {
		s := byCrit[c.ID]
		d.Form = append(d.Form, criterionForm{RubricCriterion: c, Score: s.Score, Note: s.Note})
	}
	d.fillRemarks()
	edit(&d)
	w.WriteHeader(status)
	h.render(w, r, "feedback_request", page{Title: v.Request.Title, Actor: &a, Nav: "feedback", Data: d})
	return nil
}

func card(rv service.ReviewView, rubric domain.Rubric, viewer domain.Person) reviewCard {
	c := reviewCard{ReviewView: rv}
	if rv.Reviewer != nil {
		c.Author = rv.Reviewer.Name
	}
	switch {
	case rv.ObservedAt.IsZero():
	case rv.DateOnly:
		c.When = rv.ObservedAt.Format("2 Jan 2006")
	default:
		c.When = localTime(rv.ObservedAt, viewer)
	}
	for _, s := range rv.Scores {
		name := "Criterion " + strconv.FormatInt(s.CriterionID, 10)
		if cr, ok := rubric.Criterion(s.CriterionID); ok {
			name = cr.Name
		}
		c.Rows = append(c.Rows, scoreRow{Name: name, Note: s.Note, Score: s.Score})
	}
	return c
}

func (h *Handler) acceptRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.respond(w, r, a, true)
}

func (h *Handler) declineRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.respond(w, r, a, false)
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request, a service.Actor, accept bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.RespondToRequest(r.Context(), a, id, accept); err != nil {
		return h.requestProblem(w, r, a, err)
	}
	http.Redirect(w, r, requestURL(id, ""), http.StatusSeeOther)
	return nil
}

// acknowledgeObservations is the recipient's "I've read the observations".
func (h *Handler) acknowledgeObservations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	seen, _ := strconv.Atoi(r.PostFormValue("seen"))
	if err := h.svc.AcknowledgeObservations(r.Context(), a, id, seen); err != nil {
		return h.requestProblem(w, r, a, err)
	}
	http.Redirect(w, r, requestURL(id, "reviews"), http.StatusSeeOther)
	return nil
}

// reviewInput reads the review form: score_<criterion> and
// note_<criterion> pairs, highlights, improvements, recommendations.
func reviewInput(w http.ResponseWriter, r *http.Request) (service.ReviewInput, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		return service.ReviewInput{}, domain.Invalid("form", "the review is too long")
	}
	in := service.ReviewInput{Highlights: r.PostForm.Get("highlights"), Improvements: r.PostForm.Get("improvements"),
		Recommendations: r.PostForm.Get("recommendations")}
	scores := map[int64]*domain.ReviewScore{}
	var order []int64
	get := func(key string) (*domain.ReviewScore, error) {
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil {
			return nil, domain.Invalid("scores", "the form names an unknown criterion")
		}
		if scores[id] == nil {
			scores[id] = &domain.ReviewScore{CriterionID: id}
			order = append(order, id)
		}
		return scores[id], nil
	}
	for k, vals := range r.PostForm {
		switch {
		case strings.HasPrefix(k, "score_"):
			s, err := get(strings.TrimPrefix(k, "score_"))
			if err != nil {
				return in, err
			}
			if vals[0] != "" {
				if s.Score, err = strconv.Atoi(vals[0]); err != nil {
					return in, domain.Invalid("scores", "a score is a number from 1 to 5")
				}
			}
		case strings.HasPrefix(k, "note_"):
			s, err := get(strings.TrimPrefix(k, "note_"))
			if err != nil {
				return in, err
			}
			s.Note = vals[0]
		}
	}
	for _, id := range order {
		in.Scores = append(in.Scores, *scores[id])
	}
	return in, nil
}

// saveReviewDraft autosaves the review form (htmx posts it on change) or
// saves it from the "Save draft" button.
func (h *Handler) saveReviewDraft(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := reviewInput(w, r)
	if err == nil {
		_, err = h.svc.SaveReviewDraft(r.Context(), a, id, in)
	}
	if err != nil {
		return h.requestProblem(w, r, a, err)
	}
	if r.Header.Get("HX-Request") == "true" {
		r.Header.Set("HX-Target", "draft-status")
		return h.renderRequest(w, r, a, "", http.StatusOK)
	}
	http.Redirect(w, r, requestURL(id, "my-review"), http.StatusSeeOther)
	return nil
}

func (h *Handler) submitObservations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := reviewInput(w, r)
	if err == nil {
		_, err = h.svc.SubmitObservations(r.Context(), a, id, in)
	}
	if err != nil {
		return h.requestProblem(w, r, a, err)
	}
	http.Redirect(w, r, requestURL(id, "my-review"), http.StatusSeeOther)
	return nil
}

func (h *Handler) submitRecommendations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if _, err := h.svc.SubmitRecommendations(r.Context(), a, id, r.PostFormValue("recommendations")); err != nil {
		return h.requestProblem(w, r, a, err)
	}
	http.Redirect(w, r, requestURL(id, "my-review"), http.StatusSeeOther)
	return nil
}

// rateReview is the recipient rating one review's helpfulness.
func (h *Handler) rateReview(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	score, _ := strconv.Atoi(r.PostFormValue("helpfulness"))
	v, err := h.svc.RateReview(r.Context(), a, r.PathValue("ref"), score, r.PostFormValue("note"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, requestURL(v.RequestID, "review-"+v.Ref), http.StatusSeeOther)
	return nil
}

// requestProblem re-renders the request page with a user's mistake (bad
// input, or a step out of order); other errors go to the error page.
func (h *Handler) requestProblem(w http.ResponseWriter, r *http.Request, a service.Actor, err error) error {
	return h.problemAt(w, r, a, err, "draft-status", func(d *requestData, msg string) { d.Error = msg })
}

// problemAt shows a user's mistake on the request page, where show puts
// it; htmx gets the target fragment only.
func (h *Handler) problemAt(w http.ResponseWriter, r *http.Request, a service.Actor, err error, target string,
	show func(d *requestData, msg string)) error {
	if !errors.Is(err, domain.ErrInvalid) && !errors.Is(err, domain.ErrConflict) {
		return err
	}
	status, _ := httpx.Status(err)
	r.Header.Del("HX-Target")
	if r.Header.Get("HX-Request") == "true" { // htmx swaps only 2xx answers: say it in the status line
		r.Header.Set("HX-Target", target)
		status = http.StatusOK
	}
	msg := httpx.Message(r.Context(), err)
	return h.renderRequestWith(w, r, a, func(d *requestData) { show(d, msg) }, status)
}
