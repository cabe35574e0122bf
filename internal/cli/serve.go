package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"huddle/internal/config"
	"huddle/internal/jobs"
	"huddle/internal/server"
)

func serveCmd(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(env, "serve", "huddle serve [flags]")
	cfg := config.Register(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	a, err := openApp(ctx, env, cfg, false)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer a.close()
	return a.serve(ctx, env, func(addr net.Addr) {
		fmt.Fprintf(env.Stdout, "Huddle is running at %s\n", a.publicURL(addr))
	})
}

// serve runs the HTTP server until ctx ends.
func (a *app) serve(ctx context.Context, env *Env, ready func(net.Addr)) int {
	if err := a.cfg.EnsureSecret(); err != nil {
		return fail(env, "%v", err)
	}
	workers := &jobs.Runner{Run: a.svc.RunDueJob, Workers: a.cfg.Workers, Logger: a.log}
	h, err := server.Handler(a.svc, server.Options{Logger: a.log, Secure: a.cfg.Secure(), Pools: a.pools,
		MaxUpload: a.cfg.MaxUpload, Wake: workers.Wake})
	if err != nil {
		return fail(env, "%v", err)
	}
	a.log.Info("starting", "config", *a.cfg, "engine", a.db.Engine())
	if a.cfg.Workers > 0 {
		// Jobs outlive the signal by a grace period, so that one about to
		// finish is not thrown away; a longer one is picked up again later.
		jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
		workers.Start(jobCtx)
		defer func() {
			grace := time.AfterFunc(20*time.Second, cancelJobs)
			workers.Stop()
			grace.Stop()
			cancelJobs()
		}()
	}
	if err := server.Run(ctx, a.cfg.Addr, h, a.log, ready); err != nil {
		return fail(env, "%v", err)
	}
	return 0
}

// publicURL is the configured base URL, or the URL of the bound address.
func (a *app) publicURL(addr net.Addr) string {
	if a.cfg.BaseURL != "" {
		return a.cfg.BaseURL
	}
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}
