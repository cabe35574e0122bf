// Package httpx holds the HTTP plumbing that the web pages and the JSON API
// share: request IDs, the mapping from domain errors to statuses, client
// addresses and security headers. It knows nothing of any one page.
package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net"
	"net/http"

	"huddle/internal/domain"
)

type ctxKey int

const requestIDKey ctxKey = iota

// RequestID returns the request's ID, set by WithRequestID.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// WithRequestID gives each request an ID (or keeps a sane incoming
// X-Request-Id) and echoes it in the response.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validID(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey, id)))
	})
}

func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// Status maps an error to an HTTP status and a stable code for the API.
func Status(err error) (int, string) {
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, domain.ErrInvalid):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, domain.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, domain.ErrForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, domain.ErrUnauthenticated):
		return http.StatusUnauthorized, "unauthenticated"
	case errors.Is(err, domain.ErrThrottled):
		return http.StatusTooManyRequests, "throttled"
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, domain.ErrSchemaOutdated):
		return http.StatusServiceUnavailable, "schema_outdated"
	}
	return http.StatusInternalServerError, "internal"
}

// ErrTooLarge means a request body went over its limit.
var ErrTooLarge = errors.New("request body too large")

// Message returns what a user may be told about err: the domain's safe
// message, or a generic sentence that points at the request ID.
func Message(ctx context.Context, err error) string {
	if msg, ok := domain.UserMessage(err); ok {
		return msg
	}
	status, _ := Status(err)
	switch status {
	case http.StatusNotFound:
		return "not found"
	case http.StatusUnauthorized:
		return "sign in first"
	case http.StatusRequestEntityTooLarge:
		return "the upload is too large"
	case http.StatusInternalServerError:
		return "something went wrong on our side; if it persists, give your administrator the request ID " + RequestID(ctx)
	}
	return http.StatusText(status)
}

// ClientAddr is the remote IP without the port.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// SecurityHeaders sets a strict Content Security Policy (no inline script,
// no third-party origins) and the usual hardening headers.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
