package api

import (
	"net/http"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type inviteeJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status,omitempty"` // hidden on anonymous requests
}

type cueJSON struct {
	Speaker string  `json:"speaker"`
	Start   float64 `json:"start"`
	Text    string  `json:"text"`
}

type subjectCallJSON struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	Transcript []cueJSON `json:"transcript"`
}

type requestJSON struct {
	ID           int64         `json:"id"`
	Title        string        `json:"title"`
	Ask          string        `json:"ask,omitempty"`
	Requester    personRefJSON `json:"requester"`
	Subject      string        `json:"subject"`
	CallID       int64         `json:"call_id,omitempty"`
	SnippetID    int64         `json:"snippet_id,omitempty"`
	ArtefactKind string        `json:"artefact_kind,omitempty"`
	ArtefactText string        `json:"artefact_text,omitempty"`
	Deal         *domain.Deal  `json:"deal,omitempty"`
	GroupID      int64         `json:"group_id,omitempty"`
	Circle       string        `json:"circle,omitempty"`
	RubricID     int64         `json:"rubric_id"`
	VersionID    int64         `json:"rubric_version_id"`
	Anonymous    bool          `json:"anonymous"`
	DueAt        time.Time     `json:"due_at"`
	// DueLocal is the due time in the token owner's time zone.
	DueLocal            string              `json:"due_local"`
	Invited             int                 `json:"invited"`
	ReviewsSoFar        *int                `json:"reviews_so_far,omitempty"`
	Invitees            []inviteeJSON       `json:"invitees,omitempty"`
	MyInvite            string              `json:"my_invite,omitempty"`
	MyReviewPhase       string              `json:"my_review_phase,omitempty"`
	Call                *subjectCallJSON    `json:"call,omitempty"`
	CallGone            bool                `json:"call_gone,omitempty"`
	Snippet             *subjectSnippetJSON `json:"snippet,omitempty"`
	Moments             []subjectMomentJSON `json:"moments,omitempty"`
	SnippetGone         bool                `json:"snippet_gone,omitempty"`
	Reviews             []reviewJSON        `json:"reviews,omitempty"`
	RecommendationsOpen bool                `json:"recommendations_open"`
	Calibration         *calibrationJSON    `json:"calibration,omitempty"`
}

type scoreJSON struct {
	CriterionID int64  `json:"criterion_id"`
	Score       int    `json:"score"`
	Note        string `json:"note,omitempty"`
}

type reviewJSON struct {
	Ref       string         `json:"ref"`
	RequestID int64          `json:"request_id"`
	Phase     string         `json:"phase"`
	Anonymous bool           `json:"anonymous"`
	Reviewer  *personRefJSON `json:"reviewer,omitempty"`
	Scores    []scoreJSON    `json:"scores"`

	Highlights            string       `json:"highlights"`
	Improvements          string       `json:"improvements"`
	Remarks               []remarkJSON `json:"remarks"`
	Recommendations       string       `json:"recommendations,omitempty"`
	RecommendationsHidden bool         `json:"recommendations_hidden,omitempty"`
	// Dates always; times only when the review is not anonymous to the viewer.
	ObservedOn      string     `json:"observed_on,omitempty"`
	ObservedAt      *time.Time `json:"observed_at,omitempty"`
	RecommendedOn   string     `json:"recommended_on,omitempty"`
	RecommendedAt   *time.Time `json:"recommended_at,omitempty"`
	Helpfulness     int        `json:"helpfulness,omitempty"`
	HelpfulnessNote string     `json:"helpfulness_note,omitempty"`
}

func toReview(v service.ReviewView) reviewJSON {
	out := reviewJSON{Ref: v.Ref, RequestID: v.RequestID, Phase: string(v.Phase), Anonymous: v.Anonymous, Scores: []scoreJSON{},
		Highlights: v.Highlights, Improvements: v.Improvements, Recommendations: v.Recommendations,
		RecommendationsHidden: v.RecommendationsHidden, Helpfulness: v.Helpfulness, HelpfulnessNote: v.HelpfulnessNote,
		Remarks: toRemarks(v.Remarks)}
	if v.Reviewer != nil {
		out.Reviewer = &personRefJSON{ID: v.Reviewer.ID, Name: v.Reviewer.Name}
	}
	for _, s := range v.Scores {
		out.Scores = append(out.Scores, scoreJSON{CriterionID: s.CriterionID, Score: s.Score, Note: s.Note})
	}
	stamp := func(t time.Time) (string, *time.Time) {
		if t.IsZero() {
			return "", nil
		}
		if v.DateOnly {
			return t.UTC().Format(domain.DateLayout), nil
		}
		u := t.UTC()
		return u.Format(domain.DateLayout), &u
	}
	out.ObservedOn, out.ObservedAt = stamp(v.ObservedAt)
	out.RecommendedOn, out.RecommendedAt = stamp(v.RecommendedAt)
	return out
}

func localDue(t time.Time, viewer domain.Person) string {
	loc, err := time.LoadLocation(viewer.TimeZone)
	if err != nil || viewer.TimeZone == "" {
		loc = time.UTC
	}
	return t.In(loc).Format(time.RFC3339)
}

// requestBase is what every view of a request carries. A snippet's call
// is not named: its readers see the snippet, not the call.
func requestBase(r domain.FeedbackRequest, requester domain.Person, viewer domain.Person) requestJSON {
	out := requestJSON{ID: r.ID, Title: r.Title, Ask: r.Ask, Requester: personRefJSON{ID: requester.ID, Name: requester.Name},
		Subject: string(r.Subject()), SnippetID: r.SnippetID, ArtefactKind: r.ArtefactKind, ArtefactText: r.ArtefactText, Deal: r.Deal,
		GroupID: r.GroupID, RubricID: r.RubricID, VersionID: r.VersionID, Anonymous: r.Anonymous, DueAt: r.DueAt.UTC(),
		DueLocal: localDue(r.DueAt, viewer), Invited: len(r.Invites)}
	if r.Subject() == domain.SubjectCall {
		out.CallID = r.CallID
	}
	return out
}

func toRequest(v service.RequestView, viewer domain.Person) requestJSON {
	out := requestBase(v.Request, v.Requester, viewer)
	out.Invited, out.RecommendationsOpen, out.CallGone = v.Invited, v.RecommendationsOpen, v.CallGone
	out.SnippetGone, out.Circle, out.Calibration = v.SnippetGone, v.Circle, toCalibration(v.Calibration)
	out.Moments = toSubjectMoments(v.Moments)
	if v.Snippet != nil {
		out.Snippet = toSubjectSnippet(*v.Snippet)
	}
	if v.ReviewsSoFar >= 0 {
		n := v.ReviewsSoFar
		out.ReviewsSoFar = &n
	}
	for _, in := range v.Invitees {
		out.Invitees = append(out.Invitees, inviteeJSON{ID: in.Person.ID, Name: in.Person.Name, Status: in.Status})
	}
	if !v.IsRequester {
		out.MyInvite = v.MyInvite.Status
		if v.MyReview != nil {
			out.MyReviewPhase = string(v.MyReview.Phase)
		}
	}
	if v.Call != nil {
		c := &subjectCallJSON{ID: v.Call.ID, Title: v.Call.Title, Transcript: []cueJSON{}}
		for _, cue := range v.Transcript.Cues {
			c.Transcript = append(c.Transcript, cueJSON{Speaker: cue.Speaker, Start: cue.Start, Text: cue.Text})
		}
		out.Call = c
	}
	for _, rv := range v.Reviews {
		out.Reviews = append(out.Reviews, toReview(rv))
	}
	return out
}

type requestInput struct {
	Title        string       `json:"title"`
	Ask          string       `json:"ask"`
	CallID       int64        `json:"call_id"`
	SnippetID    int64        `json:"snippet_id"`
	ArtefactKind string       `json:"artefact_kind"`
	ArtefactText string       `json:"artefact_text"`
	Deal         *domain.Deal `json:"deal"`
	RubricID     int64        `json:"rubric_id"`
	Invitees     []int64      `json:"invitees"`
	GroupID      int64        `json:"group_id"`
	DueAt        time.Time    `json:"due_at"`
	Anonymous    bool         `json:"anonymous"`
}

func (api *API) listFeedbackRequests(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	o, err := api.svc.FeedbackOverview(r.Context(), a)
	if err != nil {
		return err
	}
	out := struct {
		Asked   []requestJSON `json:"asked"`
		Invited []requestJSON `json:"invited"`
	}{Asked: []requestJSON{}, Invited: []requestJSON{}}
	for _, s := range o.Asked {
		j := requestBase(s.Request, s.Requester, a.Person)
		j.Invited, j.Circle = s.Invited, s.Circle
		if s.Reviews >= 0 {
			n := s.Reviews
			j.ReviewsSoFar = &n
		}
		out.Asked = append(out.Asked, j)
	}
	for _, s := range o.Invited {
		j := requestBase(s.Request, s.Requester, a.Person)
		j.Invited, j.MyInvite, j.MyReviewPhase, j.Circle = s.Invited, s.MyInvite.Status, string(s.MyPhase), s.Circle
		out.Invited = append(out.Invited, j)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) createFeedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in requestInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	req, err := api.svc.RequestFeedback(r.Context(), a, service.FeedbackRequestInput{Title: in.Title, Ask: in.Ask, CallID: in.CallID,
		SnippetID: in.SnippetID, ArtefactKind: in.ArtefactKind, ArtefactText: in.ArtefactText, Deal: in.Deal, RubricID: in.RubricID,
		Invitees: in.Invitees, GroupID: in.GroupID, DueAt: in.DueAt, Anonymous: in.Anonymous})
	if err != nil {
		return err
	}
	return api.writeRequest(w, r, a, req.ID, http.StatusCreated)
}

func (api *API) writeRequest(w http.ResponseWriter, r *http.Request, a service.Actor, id int64, status int) error {
	v, err := api.svc.FeedbackRequest(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, status, toRequest(v, a.Person))
	return nil
}

func (api *API) getFeedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return api.writeRequest(w, r, a, id, http.StatusOK)
}

func (api *API) acceptFeedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.respondToRequest(w, r, a, true)
}

func (api *API) declineFeedbackRequest(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.respondToRequest(w, r, a, false)
}

func (api *API) respondToRequest(w http.ResponseWriter, r *http.Request, a service.Actor, accept bool) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := api.svc.RespondToRequest(r.Context(), a, id, accept); err != nil {
		return err
	}
	return api.writeRequest(w, r, a, id, http.StatusOK)
}

// acknowledgeObservations takes {"seen": N}, the number of reviews whose
// observations the recipient read; a stale N is 409.
func (api *API) acknowledgeObservations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Seen *int `json:"seen"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Seen == nil {
		return domain.Invalid("seen", "say how many reviews' observations you read (reviews_so_far)")
	}
	if err := api.svc.AcknowledgeObservations(r.Context(), a, id, *in.Seen); err != nil {
		return err
	}
	return api.writeRequest(w, r, a, id, http.StatusOK)
}
