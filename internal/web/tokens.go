package web

import (
	"net/http"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type tokensData struct {
	Tokens    []domain.APIToken
	NewSecret string // shown once, right after creation
	NewName   string
	Error     string
}

func (h *Handler) tokens(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	return h.renderTokens(w, r, a, tokensData{}, http.StatusOK)
}

func (h *Handler) renderTokens(w http.ResponseWriter, r *http.Request, a service.Actor, d tokensData, status int) error {
	list, err := h.svc.APITokens(r.Context(), a)
	if err != nil {
		return err
	}
	d.Tokens = list
	w.Header().Set("Cache-Control", "no-store") // the new secret must not sit in a cache
	w.WriteHeader(status)
	h.render(w, r, "tokens", page{Title: "API tokens", Actor: &a, Nav: "profile", Data: d})
	return nil
}

func (h *Handler) createToken(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	secret, t, err := h.svc.CreateAPIToken(r.Context(), a, r.PostFormValue("name"))
	if msg, ok := domain.UserMessage(err); ok {
		return h.renderTokens(w, r, a, tokensData{Error: msg}, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	return h.renderTokens(w, r, a, tokensData{NewSecret: secret, NewName: t.Name}, http.StatusOK)
}

func (h *Handler) deleteToken(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteAPIToken(r.Context(), a, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/profile/tokens", http.StatusSeeOther)
	return nil
}
