package web

import (
	"net/http"
	"strings"
	"time"

	"huddle/internal/httpx"
	"huddle/internal/service"
)

const sessionCookie = "huddle_session"

type signInData struct {
	Email, Next, Error string
}

func (h *Handler) signInPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := h.actor(r); err == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	h.render(w, r, "signin", page{Title: "Sign in", Data: signInData{Next: safeNext(r.URL.Query().Get("next"))}})
	return nil
}

func (h *Handler) signIn(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	email, next := r.PostFormValue("email"), safeNext(r.PostFormValue("next"))
	secret, _, err := h.svc.SignIn(r.Context(), email, r.PostFormValue("password"), httpx.ClientAddr(r))
	if err != nil {
		status, _ := httpx.Status(err)
		if status >= 500 {
			return err
		}
		w.WriteHeader(status)
		h.render(w, r, "signin", page{Title: "Sign in", Data: signInData{Email: email, Next: next, Error: httpx.Message(r.Context(), err)}})
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: secret, Path: "/", HttpOnly: true,
		Secure: h.secure, SameSite: http.SameSiteLaxMode, MaxAge: int(service.SessionLifetime / time.Second)})
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (h *Handler) signOut(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := h.svc.SignOut(r.Context(), c.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: h.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
	return nil
}

// safeNext keeps redirects after sign-in on this site.
func safeNext(next string) string {
	// Browsers drop tabs and newlines and read \ as /, so "/\t/evil" and
	// "/\\evil" would leave the site: refuse control characters and backslashes.
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsFunc(next, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\\' }) {
		return "/"
	}
	return next
}
