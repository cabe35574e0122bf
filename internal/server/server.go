// Package server assembles Huddle's HTTP surface — pages, API, health,
// readiness and metrics — behind one middleware chain, and runs it with a
// graceful shutdown.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"huddle/internal/api"
	"huddle/internal/service"
	"huddle/internal/web"
)

// Options configure the HTTP surface.
type Options struct {
	Logger *slog.Logger
	Secure bool                       // cookies Secure: the public URL is HTTPS
	Pools  func() map[string]PoolStat // database pool figures for /metrics
	// MaxUpload bounds a call upload (bytes); 0 means 200 MB.
	MaxUpload int64
	// Wake nudges the background workers after a request queued a job.
	Wake func()
}

// Handler returns the whole HTTP surface.
func Handler(svc *service.Service, opts Options) (http.Handler, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pages, err := web.New(svc, log, web.Options{Secure: opts.Secure, MaxUpload: opts.MaxUpload, Wake: opts.Wake})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	pages.Routes(mux)
	api.New(svc, log, opts.MaxUpload, opts.Wake).Routes(mux)
	m := newMetrics(opts.Pools)
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(svc))
	mux.Handle("GET /metrics", m.handler())
	return chain(mux, log, m), nil
}

func chain(mux *http.ServeMux, log *slog.Logger, m *metrics) http.Handler {
	csrf := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = csrf.Handler(h)
	h = securityHeaders(h)
	h = m.instrument(mux, h)
	h = logRequests(log, h)
	h = recoverPanics(log, h)
	return withRequestID(h)
}

func healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 only when the database answers and its schema is the
// one this binary expects, so a load balancer keeps traffic away otherwise.
func readyz(svc *service.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := svc.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintf(w, "not ready: %s\n", readinessReason(err))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
}

// Run serves h on addr until ctx is cancelled, then lets in-flight requests
// finish (up to grace) before returning. ready, if not nil, receives the
// bound address once the listener is open.
func Run(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another Huddle running? try --addr 127.0.0.1:0)", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
