package api

import (
	"net/http"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type personRefJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type pairJSON struct {
	ID      int64         `json:"id"`
	A       personRefJSON `json:"a"`
	B       personRefJSON `json:"b"`
	Weight  float64       `json:"weight"`
	Reasons []string      `json:"reasons,omitempty"`
	State   string        `json:"state"`
}

type groupJSON struct {
	Members   []personRefJSON `json:"members"`
	Weight    float64         `json:"weight"`
	Slot      string          `json:"slot"`
	SlotHours float64         `json:"slot_hours"`
	Reasons   []string        `json:"reasons,omitempty"`
}

type unmatchedJSON struct {
	Person personRefJSON `json:"person"`
	Reason string        `json:"reason"`
}

type totalsJSON struct {
	Optimal float64 `json:"optimal"`
	Greedy  float64 `json:"greedy"`
	Random  float64 `json:"random"`
	Current float64 `json:"current"`
}

type roundJSON struct {
	ID          int64                  `json:"id"`
	Status      string                 `json:"status"`
	Scope       string                 `json:"scope"`
	ScopeValue  string                 `json:"scope_value"`
	ScopeLabel  string                 `json:"scope_label"`
	Mode        string                 `json:"mode"`
	Request     service.PairingRequest `json:"request"`
	CreatedBy   personRefJSON          `json:"created_by"`
	CreatedAt   time.Time              `json:"created_at"`
	PublishedAt *time.Time             `json:"published_at"`
	MeetingDay  string                 `json:"meeting_day,omitempty"`
	Totals      *totalsJSON            `json:"totals,omitempty"`
	Pairs       []pairJSON             `json:"pairs"`
	Groups      []groupJSON            `json:"groups"`
	Unmatched   []unmatchedJSON        `json:"unmatched,omitempty"`
}

func toRef(p service.PersonRef) personRefJSON { return personRefJSON{ID: p.ID, Name: p.Name} }

// toRound renders a round as the service let the viewer see it: totals
// and the people left out only for coaches and administrators.
func toRound(v service.PairingRoundView) roundJSON {
	r := v.Round
	out := roundJSON{ID: r.ID, Status: r.Status, Scope: r.ScopeKind, ScopeValue: r.ScopeValue, ScopeLabel: v.ScopeLabel,
		Mode: r.Mode, Request: v.Request, CreatedBy: toRef(v.CreatedBy), CreatedAt: r.CreatedAt.UTC(),
		MeetingDay: v.MeetingDay, Pairs: []pairJSON{}, Groups: []groupJSON{}}
	if out.Request.FocusSkills == nil {
		out.Request.FocusSkills = []string{}
	}
	if !r.PublishedAt.IsZero() {
		t := r.PublishedAt.UTC()
		out.PublishedAt = &t
	}
	if v.Full {
		out.Totals = &totalsJSON{Optimal: r.TotalWeight, Greedy: r.GreedyWeight, Random: r.RandomWeight, Current: v.CurrentWeight}
		out.Unmatched = []unmatchedJSON{}
		for _, u := range v.Unmatched {
			out.Unmatched = append(out.Unmatched, unmatchedJSON{Person: toRef(u.Person), Reason: u.Reason})
		}
	}
	for _, p := range v.Pairs {
		out.Pairs = append(out.Pairs, pairJSON{ID: p.ID, A: toRef(p.A), B: toRef(p.B), Weight: p.Weight, Reasons: p.Reasons, State: p.State})
	}
	for _, g := range v.Groups {
		gj := groupJSON{Weight: g.Weight, Slot: g.Slot, SlotHours: g.Hours, Reasons: g.Reasons}
		for _, m := range g.Members {
			gj.Members = append(gj.Members, toRef(m))
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

func (api *API) listRounds(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var page domain.Page
	var err error
	if page.Limit, err = queryInt(r, "limit"); err != nil {
		return err
	}
	if page.Offset, err = queryInt(r, "offset"); err != nil {
		return err
	}
	list, err := api.svc.PairingRounds(r.Context(), a, page)
	if err != nil {
		return err
	}
	out := struct {
		Items []roundJSON `json:"items"`
	}{Items: []roundJSON{}}
	for _, v := range list {
		out.Items = append(out.Items, toRound(v))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// roundInput is the body of POST /pairing/rounds; absent options take
// their defaults (1 h of shared hours, no repeat within 90 days).
type roundInput struct {
	Scope           string   `json:"scope"`
	ScopeValue      string   `json:"scope_value"`
	Mode            string   `json:"mode"`
	FocusSkills     []string `json:"focus_skills"`
	Prefer          string   `json:"prefer"`
	MinOverlapHours *float64 `json:"min_overlap_hours"`
	RepeatAfterDays *int     `json:"repeat_after_days"`
}

func (api *API) proposeRound(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in roundInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	req := service.PairingRequest{ScopeKind: in.Scope, ScopeValue: in.ScopeValue, Mode: in.Mode, FocusSkills: in.FocusSkills,
		Prefer: in.Prefer, MinOverlapHours: 1, RepeatAfterDays: 90}
	if in.MinOverlapHours != nil {
		req.MinOverlapHours = *in.MinOverlapHours
	}
	if in.RepeatAfterDays != nil {
		req.RepeatAfterDays = *in.RepeatAfterDays
	}
	v, err := api.svc.ProposePairing(r.Context(), a, req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toRound(v))
	return nil
}

func (api *API) getRound(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.PairingRound(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRound(v))
	return nil
}

func (api *API) publishRound(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.PublishRound(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRound(v))
	return nil
}

func (api *API) dropPair(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pair, err := strconv.ParseInt(r.PathValue("pair"), 10, 64)
	if err != nil || pair <= 0 {
		return domain.NotFound("pair")
	}
	v, err := api.svc.DropPair(r.Context(), a, id, pair)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRound(v))
	return nil
}

func (api *API) swapPartners(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Pairs []int64 `json:"pairs"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if len(in.Pairs) != 2 {
		return domain.Invalid("pairs", "send the IDs of exactly two pairs, e.g. {\"pairs\": [12, 13]}")
	}
	v, err := api.svc.SwapPartners(r.Context(), a, id, in.Pairs[0], in.Pairs[1])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRound(v))
	return nil
}

type skillsJSON struct {
	Scores    map[string]int `json:"scores"`
	OptOut    bool           `json:"opt_out"`
	UpdatedAt *time.Time     `json:"updated_at"`
}

func toSkills(s domain.PersonSkills) skillsJSON {
	out := skillsJSON{Scores: s.Scores, OptOut: s.OptOut}
	if out.Scores == nil {
		out.Scores = map[string]int{}
	}
	if !s.UpdatedAt.IsZero() {
		t := s.UpdatedAt.UTC()
		out.UpdatedAt = &t
	}
	return out
}

func (api *API) getMySkills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	s, err := api.svc.MySkills(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSkills(s))
	return nil
}

func (api *API) putMySkills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in struct {
		Scores map[string]int `json:"scores"`
		OptOut bool           `json:"opt_out"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	s, err := api.svc.SetMySkills(r.Context(), a, in.Scores, in.OptOut)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSkills(s))
	return nil
}
