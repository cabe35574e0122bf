package api

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type remarkMomentJSON struct {
	Kind      string  `json:"kind"`
	AtSeconds float64 `json:"at_seconds"`
}

// remarkJSON is a remark in a review: by call time, with no time of
// writing, and its ref for its author only.
type remarkJSON struct {
	Ref       string            `json:"ref,omitempty"`
	AtSeconds float64           `json:"at_seconds"`
	Clock     string            `json:"clock"`
	Kind      string            `json:"kind"`
	Moment    *remarkMomentJSON `json:"moment,omitempty"`
	Note      string            `json:"note"`
}

type subjectMomentJSON struct {
	Index     int     `json:"index"`
	Kind      string  `json:"kind"`
	AtSeconds float64 `json:"at_seconds"`
	Reason    string  `json:"reason"`
}

func toRemarks(list []service.RemarkView) []remarkJSON {
	out := []remarkJSON{}
	for _, m := range list {
		j := remarkJSON{Ref: m.Ref, AtSeconds: m.AtSeconds, Clock: service.Clock(m.AtSeconds), Kind: string(m.Kind), Note: m.Note}
		if m.MomentKind != "" && m.MomentAt != nil {
			j.Moment = &remarkMomentJSON{Kind: m.MomentKind, AtSeconds: *m.MomentAt}
		}
		out = append(out, j)
	}
	return out
}

func toSubjectMoments(list []service.SubjectMoment) []subjectMomentJSON {
	var out []subjectMomentJSON
	for _, m := range list {
		out = append(out, subjectMomentJSON{Index: m.Index, Kind: m.Kind, AtSeconds: m.AtSeconds, Reason: m.Reason})
	}
	return out
}

// addRemark takes {"at_seconds", "moment", "kind", "note"}.
func (api *API) addRemark(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		AtSeconds *float64 `json:"at_seconds"`
		Moment    int      `json:"moment"`
		Kind      string   `json:"kind"`
		Note      string   `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := api.svc.AddRemark(r.Context(), a, id, service.RemarkInput{AtSeconds: in.AtSeconds, Moment: in.Moment,
		Kind: domain.RemarkKind(in.Kind), Note: in.Note})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toReview(v))
	return nil
}

func (api *API) removeRemark(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.RemoveRemark(r.Context(), a, id, r.PathValue("ref"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toReview(v))
	return nil
}

type helpfulnessMonthJSON struct {
	Month   string  `json:"month"` // YYYY-MM
	Average float64 `json:"average"`
	Count   int     `json:"count"`
}

// getMyHelpfulness is the token owner's own helpfulness as a reviewer.
func (api *API) getMyHelpfulness(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	h, err := api.svc.MyHelpfulness(r.Context(), a)
	if err != nil {
		return err
	}
	out := struct {
		Average float64                `json:"average"`
		Count   int                    `json:"count"`
		Months  []helpfulnessMonthJSON `json:"months"`
	}{Average: h.Overall.Average, Count: h.Overall.Count, Months: []helpfulnessMonthJSON{}}
	for _, m := range h.Months {
		out.Months = append(out.Months, helpfulnessMonthJSON{Month: m.Month.Format("2006-01"), Average: m.Average, Count: m.Count})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
