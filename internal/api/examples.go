package api

import (
	"fmt"
	"net/http"
	"time"

	"huddle/internal/service"
)

// exampleJSON is an example of great as the caller may see it: call_id,
// call_title and recording_url only when they may see the whole call.
type exampleJSON struct {
	ID              int64                   `json:"id"`
	RubricID        int64                   `json:"rubric_id"`
	RubricName      string                  `json:"rubric_name"`
	CriterionKey    string                  `json:"criterion_key"`
	CriterionName   string                  `json:"criterion_name"`
	Start           float64                 `json:"start_seconds"`
	End             float64                 `json:"end_seconds"`
	Note            string                  `json:"note"`
	Status          string                  `json:"status"`
	OwnerName       string                  `json:"owner_name"`
	ProposerName    string                  `json:"proposer_name,omitempty"`
	Excerpt         []service.TranscriptCue `json:"excerpt"`
	ExcerptWithheld bool                    `json:"excerpt_withheld"`
	CallID          int64                   `json:"call_id,omitempty"`
	CallTitle       string                  `json:"call_title,omitempty"`
	RecordingURL    string                  `json:"recording_url,omitempty"`
	Mine            bool                    `json:"mine"`
	ProposedByMe    bool                    `json:"proposed_by_me"`
	CanRemove       bool                    `json:"can_remove"`
	CreatedAt       time.Time               `json:"created_at"`
	DecidedAt       *time.Time              `json:"decided_at,omitempty"`
}

func toExample(v service.ExampleView) exampleJSON {
	out := exampleJSON{ID: v.ID, RubricID: v.RubricID, RubricName: v.RubricName, CriterionKey: v.CriterionKey,
		CriterionName: v.CriterionName, Start: v.Start, End: v.End, Note: v.Note, Status: string(v.Status),
		OwnerName: v.OwnerName, ProposerName: v.ProposerName, Excerpt: v.Cues, ExcerptWithheld: v.Withheld,
		CallID: v.CallID, CallTitle: v.CallTitle, Mine: v.Mine, ProposedByMe: v.Proposed, CanRemove: v.CanRemove,
		CreatedAt: v.CreatedAt.UTC()}
	if out.Excerpt == nil {
		out.Excerpt = []service.TranscriptCue{}
	}
	if v.Audio {
		out.RecordingURL = fmt.Sprintf("/calls/%d/recording#t=%.3f,%.3f", v.CallID, v.Start, v.End)
	}
	if !v.DecidedAt.IsZero() {
		t := v.DecidedAt.UTC()
		out.DecidedAt = &t
	}
	return out
}

func toExamples(list []service.ExampleView) []exampleJSON {
	out := make([]exampleJSON, len(list))
	for i, v := range list {
		out[i] = toExample(v)
	}
	return out
}

type exampleInput struct {
	RubricID     int64   `json:"rubric_id"`
	CriterionKey string  `json:"criterion_key"`
	CallID       int64   `json:"call_id"`
	SnippetID    int64   `json:"snippet_id"`
	Start        float64 `json:"start_seconds"`
	End          float64 `json:"end_seconds"`
	Note         string  `json:"note"`
}

func (api *API) listRubricExamples(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	list, err := api.svc.RubricExamples(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Items []exampleJSON `json:"items"`
	}{toExamples(list)})
	return nil
}

func (api *API) listExampleSuggestions(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	list, err := api.svc.ExampleSuggestions(r.Context(), a, id, r.URL.Query().Get("criterion"))
	if err != nil {
		return err
	}
	type suggestionJSON struct {
		CallID    int64   `json:"call_id"`
		CallTitle string  `json:"call_title"`
		OwnerName string  `json:"owner_name"`
		Start     float64 `json:"start_seconds"`
		End       float64 `json:"end_seconds"`
		Reason    string  `json:"reason"`
		RatedHigh bool    `json:"rated_highly_by_peers"`
	}
	out := struct {
		Items []suggestionJSON `json:"items"`
	}{Items: make([]suggestionJSON, len(list))}
	for i, s := range list {
		out.Items[i] = suggestionJSON{s.CallID, s.CallTitle, s.OwnerName, s.Start, s.End, s.Reason, s.RatedHigh}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (api *API) listMyExamples(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	mine, err := api.svc.MyExamples(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Awaiting []exampleJSON `json:"awaiting_my_consent"`
		Shared   []exampleJSON `json:"shared"`
		Declined []exampleJSON `json:"declined"`
		Proposed []exampleJSON `json:"proposed_by_me"`
	}{toExamples(mine.Awaiting), toExamples(mine.Shared), toExamples(mine.Declined), toExamples(mine.Proposed)})
	return nil
}

func (api *API) proposeExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in exampleInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ex, err := api.svc.ProposeExample(r.Context(), a, service.ExampleInput{RubricID: in.RubricID, CriterionKey: in.CriterionKey,
		CallID: in.CallID, SnippetID: in.SnippetID, Start: in.Start, End: in.End, Note: in.Note})
	if err != nil {
		return err
	}
	return api.writeExample(w, r, a, ex.ID, http.StatusCreated)
}

func (api *API) getExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return api.writeExample(w, r, a, id, http.StatusOK)
}

func (api *API) writeExample(w http.ResponseWriter, r *http.Request, a service.Actor, id int64, status int) error {
	v, err := api.svc.Example(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, status, toExample(v))
	return nil
}

// decideExample records the call owner's consent (approve) or refusal.
func (api *API) decideExample(approve bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, a service.Actor) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if _, err := api.svc.DecideExample(r.Context(), a, id, approve); err != nil {
			return err
		}
		return api.writeExample(w, r, a, id, http.StatusOK)
	}
}

func (api *API) deleteExample(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := api.svc.RemoveExample(r.Context(), a, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
