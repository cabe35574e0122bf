package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

// pairingForm is the request form as the coach filled it in.
type pairingForm struct {
	Scope           string // "org", "team:ID" or "region:NAME"
	Mode            string
	Focus           map[string]bool
	Prefer          string
	MinOverlapHours string
	RepeatAfterDays string
}

type scopeOption struct{ Value, Label string }

type pairingData struct {
	CanRun   bool
	Scopes   []scopeOption
	Criteria []domain.Criterion
	Form     pairingForm
	Rounds   []service.PairingRoundView
	Error    string
}

func (h *Handler) pairing(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	form := pairingForm{Scope: "org", Mode: "pairs", Prefer: "none", MinOverlapHours: "1", RepeatAfterDays: "90", Focus: map[string]bool{}}
	if a.Person.TeamID != 0 {
		form.Scope = fmt.Sprintf("team:%d", a.Person.TeamID)
	}
	return h.renderPairing(w, r, a, form, "", http.StatusOK)
}

func (h *Handler) renderPairing(w http.ResponseWriter, r *http.Request, a service.Actor, form pairingForm, problem string, status int) error {
	rounds, err := h.svc.PairingRounds(r.Context(), a, domain.Page{Limit: 50})
	if err != nil {
		return err
	}
	d := pairingData{CanRun: h.svc.CanRunPairing(a), Criteria: domain.SkillCriteria, Form: form,
		Rounds: rounds, Error: problem}
	if d.CanRun {
		teams, err := h.svc.Teams(r.Context(), a)
		if err != nil {
			return err
		}
		d.Scopes = append(d.Scopes, scopeOption{"org", "The whole organisation"})
		var regions []string
		for _, t := range teams {
			d.Scopes = append(d.Scopes, scopeOption{fmt.Sprintf("team:%d", t.ID), "Team " + t.Name})
			if t.Region != "" && !slices.Contains(regions, t.Region) {
				regions = append(regions, t.Region)
			}
		}
		slices.Sort(regions)
		for _, reg := range regions {
			d.Scopes = append(d.Scopes, scopeOption{"region:" + reg, "Region " + reg})
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "pairing", page{Title: "Pairing", Actor: &a, Nav: "pairing", Data: d})
	return nil
}

// proposePairing reads the request form, runs the engine and shows the
// draft round.
func (h *Handler) proposePairing(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Invalid("form", "could not read the form")
	}
	f := r.PostForm
	form := pairingForm{Scope: f.Get("scope"), Mode: f.Get("mode"), Prefer: f.Get("prefer"),
		MinOverlapHours: f.Get("min_overlap_hours"), RepeatAfterDays: f.Get("repeat_after_days"), Focus: map[string]bool{}}
	req := service.PairingRequest{Mode: form.Mode, Prefer: form.Prefer}
	req.ScopeKind, req.ScopeValue, _ = strings.Cut(form.Scope, ":")
	for _, k := range f["focus"] {
		form.Focus[k] = true
		req.FocusSkills = append(req.FocusSkills, k)
	}
	var err error
	if req.MinOverlapHours, err = strconv.ParseFloat(strings.TrimSpace(form.MinOverlapHours), 64); err != nil {
		err = domain.Invalid("min_overlap_hours", "give a number of hours, e.g. 1")
	} else if req.RepeatAfterDays, err = strconv.Atoi(strings.TrimSpace(form.RepeatAfterDays)); err != nil {
		err = domain.Invalid("repeat_after_days", "give a whole number of days, e.g. 90")
	}
	var v service.PairingRoundView
	if err == nil {
		v, err = h.svc.ProposePairing(r.Context(), a, req)
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) {
		return h.renderPairing(w, r, a, form, msg, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/pairing/rounds/%d", v.Round.ID), http.StatusSeeOther)
	return nil
}

type roundData struct {
	View     service.PairingRoundView
	Proposed []service.PairView // for the swap form
	Error    string
}

// editNotices are the notices shown after a redirect from an edit.
var editNotices = map[string]string{
	"dropped":   "Pair dropped: it will not be published.",
	"swapped":   "Partners swapped; Huddle re-explained both pairs.",
	"published": "Published: the people paired can now see their pairs.",
}

func (h *Handler) pairingRound(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderRound(w, r, a, editNotices[r.URL.Query().Get("done")], "", http.StatusOK)
}

func (h *Handler) renderRound(w http.ResponseWriter, r *http.Request, a service.Actor, notice, problem string, status int) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := h.svc.PairingRound(r.Context(), a, id)
	if err != nil {
		return err
	}
	d := roundData{View: v, Error: problem}
	for _, p := range v.Pairs {
		if p.State == domain.PairProposed {
			d.Proposed = append(d.Proposed, p)
		}
	}
	w.WriteHeader(status)
	h.render(w, r, "pairing_round", page{Title: "Pairing round", Actor: &a, Nav: "pairing", Notice: notice, Data: d})
	return nil
}

// afterEdit redirects to the round after a change, or shows it with the
// problem when the edit was refused for a reason a coach can fix.
func (h *Handler) afterEdit(w http.ResponseWriter, r *http.Request, a service.Actor, err error, done string) error {
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/pairing/rounds/%s?done=%s", r.PathValue("id"), done), http.StatusSeeOther)
		return nil
	}
	if msg, ok := domain.UserMessage(err); ok && !isForbidden(err) && !isNotFound(err) {
		status, _ := httpx.Status(err)
		return h.renderRound(w, r, a, "", msg, status)
	}
	return err
}

func (h *Handler) dropPair(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pair, err := strconv.ParseInt(r.PathValue("pair"), 10, 64)
	if err != nil {
		return domain.NotFound("pair")
	}
	_, err = h.svc.DropPair(r.Context(), a, id, pair)
	return h.afterEdit(w, r, a, err, "dropped")
}

func (h *Handler) swapPartners(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	x, errX := strconv.ParseInt(r.PostFormValue("x"), 10, 64)
	y, errY := strconv.ParseInt(r.PostFormValue("y"), 10, 64)
	if errX != nil || errY != nil {
		err = domain.Invalid("pairs", "choose two pairs")
	} else {
		_, err = h.svc.SwapPartners(r.Context(), a, id, x, y)
	}
	return h.afterEdit(w, r, a, err, "swapped")
}

func (h *Handler) publishRound(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	_, err = h.svc.PublishRound(r.Context(), a, id)
	return h.afterEdit(w, r, a, err, "published")
}

func isForbidden(err error) bool {
	status, _ := httpx.Status(err)
	return status == http.StatusForbidden
}
