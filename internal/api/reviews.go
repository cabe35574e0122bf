package api

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type reviewInput struct {
	Scores          []scoreJSON `json:"scores"`
	Highlights      string      `json:"highlights"`
	Improvements    string      `json:"improvements"`
	Recommendations string      `json:"recommendations"`
}

func (in reviewInput) input() service.ReviewInput {
	out := service.ReviewInput{Highlights: in.Highlights, Improvements: in.Improvements, Recommendations: in.Recommendations}
	for _, s := range in.Scores {
		out.Scores = append(out.Scores, domain.ReviewScore{CriterionID: s.CriterionID, Score: s.Score, Note: s.Note})
	}
	return out
}

// reviewStep runs one step of the caller's own review of a request.
func (api *API) reviewStep(w http.ResponseWriter, r *http.Request, a service.Actor,
	step func(id int64, in reviewInput) (service.ReviewView, error)) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in reviewInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := step(id, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toReview(v))
	return nil
}

func (api *API) saveReviewDraft(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.reviewStep(w, r, a, func(id int64, in reviewInput) (service.ReviewView, error) {
		return api.svc.SaveReviewDraft(r.Context(), a, id, in.input())
	})
}

func (api *API) submitObservations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.reviewStep(w, r, a, func(id int64, in reviewInput) (service.ReviewView, error) {
		return api.svc.SubmitObservations(r.Context(), a, id, in.input())
	})
}

func (api *API) submitRecommendations(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return api.reviewStep(w, r, a, func(id int64, in reviewInput) (service.ReviewView, error) {
		if len(in.Scores) > 0 || in.Highlights != "" || in.Improvements != "" {
			return service.ReviewView{}, domain.Invalid("body", "send only recommendations; observations are submitted already")
		}
		return api.svc.SubmitRecommendations(r.Context(), a, id, in.Recommendations)
	})
}

func (api *API) getMyReview(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.MyReview(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toReview(v))
	return nil
}

func (api *API) getReview(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	v, err := api.svc.Review(r.Context(), a, r.PathValue("ref"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toReview(v))
	return nil
}

// rateReview takes {"helpfulness": 1–5, "note": "…"} from the recipient.
func (api *API) rateReview(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in struct {
		Helpfulness int    `json:"helpfulness"`
		Note        string `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := api.svc.RateReview(r.Context(), a, r.PathValue("ref"), in.Helpfulness, in.Note)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toReview(v))
	return nil
}
