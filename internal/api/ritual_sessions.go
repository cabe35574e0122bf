package api

import (
	"net/http"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type itemJSON struct {
	ID       int64         `json:"id"`
	Person   personRefJSON `json:"person"`
	Kind     string        `json:"kind"`
	DealName string        `json:"deal_name,omitempty"`
	Stage    string        `json:"stage,omitempty"`
	Amount   *float64      `json:"amount,omitempty"`
	Blocker  string        `json:"blocker,omitempty"`
	CallID   int64         `json:"call_id,omitempty"`
	Text     string        `json:"text,omitempty"` // a challenge, an objection, a story
	Note     string        `json:"note"`
	Actions  []int64       `json:"action_item_ids,omitempty"`
}

type actionJSON struct {
	ID     int64         `json:"id"`
	Owner  personRefJSON `json:"owner"`
	ItemID int64         `json:"item_id,omitempty"`
	Text   string        `json:"text"`
	Done   bool          `json:"done"`
}

type agendaLineJSON struct {
	domain.AgendaItem
	Offset      int              `json:"offset_minutes"`
	Commitments []commitmentJSON `json:"commitments,omitempty"`
}

type sessionJSON struct {
	ID          int64            `json:"id"`
	GroupID     int64            `json:"group_id"`
	StartsAt    time.Time        `json:"starts_at"`
	Minutes     int              `json:"minutes"`
	Status      string           `json:"status"`
	Facilitator personRefJSON    `json:"facilitator"`
	VideoLink   string           `json:"video_link"`
	StartedAt   *time.Time       `json:"started_at"`
	EndedAt     *time.Time       `json:"ended_at"`
	Notes       string           `json:"notes"`
	Attendance  []int64          `json:"attendance"`
	Agenda      []agendaLineJSON `json:"agenda"`
	Items       []itemJSON       `json:"items"`
	Actions     []actionJSON     `json:"action_items"`
	SkillSwap   *skillSwapJSON   `json:"skill_swap,omitempty"`
}

type commitmentJSON struct {
	ID        int64         `json:"id"`
	Person    personRefJSON `json:"person"`
	GroupID   int64         `json:"group_id,omitempty"`
	PeerID    int64         `json:"peer_id,omitempty"`
	SessionID int64         `json:"session_id,omitempty"`
	To        string        `json:"to_name"`
	Text      string        `json:"text"`
	Due       string        `json:"due"`
	Target    *float64      `json:"target"`
	Progress  float64       `json:"progress"`
	Status    string        `json:"status"`
}

func toCommitment(c service.CommitmentView) commitmentJSON {
	return commitmentJSON{ID: c.ID, Person: personRefJSON(c.Person), GroupID: c.GroupID, PeerID: c.PeerID, SessionID: c.SessionID,
		To: c.To, Text: c.Text, Due: c.Due.Format(domain.DateLayout), Target: c.Target, Progress: c.Progress, Status: c.Status}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func toSession(v service.SessionView) sessionJSON {
	s := v.Session
	out := sessionJSON{ID: s.ID, GroupID: s.GroupID, StartsAt: s.StartsAt.UTC(), Minutes: s.Minutes, Status: s.Status(),
		Facilitator: personRefJSON(v.Facilitator), VideoLink: s.VideoLink, StartedAt: timePtr(s.StartedAt), EndedAt: timePtr(s.EndedAt),
		Notes: s.Notes, Attendance: s.Attendance, Agenda: []agendaLineJSON{}, Items: []itemJSON{}, Actions: []actionJSON{}}
	if out.Attendance == nil {
		out.Attendance = []int64{}
	}
	for _, l := range v.Agenda {
		line := agendaLineJSON{AgendaItem: l.AgendaItem, Offset: l.Offset}
		for _, c := range l.Commitments {
			line.Commitments = append(line.Commitments, toCommitment(c))
		}
		out.Agenda = append(out.Agenda, line)
	}
	for _, it := range v.Items {
		out.Items = append(out.Items, toItem(it))
	}
	for _, ai := range v.Actions {
		out.Actions = append(out.Actions, actionJSON{ID: ai.ID, Owner: personRefJSON(ai.Owner), ItemID: ai.ItemID, Text: ai.Text, Done: ai.Done})
	}
	out.SkillSwap = toSkillSwap(v.Swap)
	return out
}

func (api *API) getSession(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.Session(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSession(v))
	return nil
}

type sessionPatchJSON struct {
	Notes      *string  `json:"notes"`
	VideoLink  *string  `json:"video_link"`
	Attendance *[]int64 `json:"attendance"`
	Status     string   `json:"status"` // "running" starts it, "held" ends it
}

// patchSession saves notes, the video link and attendance, and starts or
// ends the session (members).
func (api *API) patchSession(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in sessionPatchJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	switch in.Status {
	case "":
	case domain.SessionRunning:
		_, err = api.svc.StartSession(r.Context(), a, id)
	case domain.SessionHeld:
		_, err = api.svc.EndSession(r.Context(), a, id)
	default:
		err = domain.Invalid("status", "use running to start the session or held to end it")
	}
	if err != nil {
		return err
	}
	if in.Notes != nil || in.VideoLink != nil || in.Attendance != nil {
		if _, err := api.svc.UpdateSessionNotes(r.Context(), a, id, service.SessionNotesInput{Notes: in.Notes, VideoLink: in.VideoLink,
			Attendance: in.Attendance}); err != nil {
			return err
		}
	}
	return api.getSession(w, r, a)
}

// listCommitments lists the token owner's commitments and those made to them.
func (api *API) listCommitments(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	home, err := api.svc.MySessions(r.Context(), a)
	if err != nil {
		return err
	}
	out := struct {
		Made []commitmentJSON `json:"made"`
		ToMe []commitmentJSON `json:"to_me"`
		Rate rateJSON         `json:"rate"`
	}{Made: []commitmentJSON{}, ToMe: []commitmentJSON{}, Rate: toRate(home.MyRate)}
	for _, c := range home.Made {
		out.Made = append(out.Made, toCommitment(c))
	}
	for _, c := range home.ToMe {
		out.ToMe = append(out.ToMe, toCommitment(c))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

type commitmentInputJSON struct {
	To        string   `json:"to"` // "group:ID" or "peer:ID"
	Text      string   `json:"text"`
	Due       string   `json:"due"`
	Target    *float64 `json:"target"`
	SessionID int64    `json:"session_id"`
}

func (api *API) createCommitment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in commitmentInputJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	due, err := time.Parse(domain.DateLayout, in.Due)
	if err != nil {
		return domain.Invalid("due", "use YYYY-MM-DD")
	}
	c, err := api.svc.MakeCommitment(r.Context(), a, service.CommitmentInput{To: in.To, Text: in.Text, Due: due, Target: in.Target, SessionID: in.SessionID})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toCommitment(service.CommitmentView{Commitment: c, Person: service.PersonRef{ID: a.Person.ID, Name: a.Person.Name}}))
	return nil
}

func (api *API) checkInCommitment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Progress float64 `json:"progress"`
		Note     string  `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := api.svc.CheckIn(r.Context(), a, id, in.Progress, in.Note)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCommitment(service.CommitmentView{Commitment: c, Person: service.PersonRef{ID: a.Person.ID, Name: a.Person.Name}}))
	return nil
}

func (api *API) patchCommitment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Status string `json:"status"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := api.svc.SetCommitmentStatus(r.Context(), a, id, in.Status)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toCommitment(service.CommitmentView{Commitment: c, Person: service.PersonRef{ID: a.Person.ID, Name: a.Person.Name}}))
	return nil
}
