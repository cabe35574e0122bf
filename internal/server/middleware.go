package server

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"huddle/internal/domain"
	"huddle/internal/httpx"
)

var (
	withRequestID   = httpx.WithRequestID
	securityHeaders = httpx.SecurityHeaders
)

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		// Only the path: query strings can carry search terms and tokens.
		log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Duration("took", time.Since(start)), slog.String("request_id", httpx.RequestID(r.Context())))
	})
}

func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.ErrorContext(r.Context(), "panic", "value", v, "path", r.URL.Path, "request_id", httpx.RequestID(r.Context()))
				http.Error(w, "internal error (request "+httpx.RequestID(r.Context())+")", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// readinessReason says why the server is not ready without leaking
// connection details.
func readinessReason(err error) string {
	if errors.Is(err, domain.ErrSchemaOutdated) {
		return "database schema is not current; run `huddle migrate`"
	}
	return "database unreachable"
}
