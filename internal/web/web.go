// Package web serves Huddle's server-rendered pages: sign-in, home, the
// people directory, teams, profiles and administration. Pages are
// html/template files embedded in the binary; htmx (vendored) enhances them
// without any inline script.
package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"huddle/internal/domain"
	"huddle/internal/httpx"
	"huddle/internal/service"
)

// Handler serves the web pages.
type Handler struct {
	svc       *service.Service
	log       *slog.Logger
	pages     *templates
	assets    *assets
	secure    bool  // mark cookies Secure (the public URL is HTTPS)
	maxUpload int64 // bytes per call upload
	wake      func()
}

// Options configure the pages.
type Options struct {
	Secure    bool   // mark cookies Secure (the public URL is HTTPS)
	MaxUpload int64  // bytes per call upload; 0 means 200 MB
	Wake      func() // nudges the background workers after queuing a job
}

// New builds the web handler, parsing every template up front so that a
// broken template stops start-up rather than a page view.
func New(svc *service.Service, log *slog.Logger, opts Options) (*Handler, error) {
	a, err := loadAssets()
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates(a, svc.Now)
	if err != nil {
		return nil, err
	}
	h := &Handler{svc: svc, log: log, pages: t, assets: a, secure: opts.Secure, maxUpload: opts.MaxUpload, wake: opts.Wake}
	if h.maxUpload <= 0 {
		h.maxUpload = 200 << 20
	}
	return h, nil
}

// wakeJobs tells the background workers there is work.
func (h *Handler) wakeJobs() {
	if h.wake != nil {
		h.wake()
	}
}

// handlerFunc is a page handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// authedFunc is a page handler for signed-in people.
type authedFunc func(w http.ResponseWriter, r *http.Request, a service.Actor) error

func (h *Handler) public(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			h.fail(w, r, nil, err)
		}
	})
}

func (h *Handler) authed(fn authedFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := h.actor(r)
		if err == nil {
			err = fn(w, r, a)
		}
		if err != nil {
			h.fail(w, r, &a, err)
		}
	})
}

// actor returns the signed-in person behind the session cookie.
func (h *Handler) actor(r *http.Request) (service.Actor, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return service.Actor{}, domain.ErrUnauthenticated
	}
	return h.svc.Authenticate(r.Context(), c.Value)
}

// fail writes err as a page: a redirect to sign-in, or an error page with a
// message that is safe to show. The cause goes to the log only.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, a *service.Actor, err error) {
	status, _ := httpx.Status(err)
	if status == http.StatusUnauthorized {
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if status >= 500 && !errors.Is(err, context.Canceled) {
		h.log.ErrorContext(r.Context(), "page failed", "path", r.URL.Path, "err", err, "request_id", httpx.RequestID(r.Context()))
	}
	var actor *service.Actor
	if a != nil && a.Person.ID != 0 {
		actor = a
	}
	w.WriteHeader(status)
	h.render(w, r, "error", page{Title: http.StatusText(status), Actor: actor,
		Data: errorPage{Status: status, Message: httpx.Message(r.Context(), err)}})
}

type errorPage struct {
	Status  int
	Message string
}

func isNotFound(err error) bool { return errors.Is(err, domain.ErrNotFound) }
