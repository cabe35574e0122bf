package cli

import (
	"context"
	"fmt"
	"net"

	"huddle/internal/config"
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
	h, err := server.Handler(a.svc, server.Options{Logger: a.log, Secure: a.cfg.Secure(), Pools: a.pools})
	if err != nil {
		return fail(env, "%v", err)
	}
	a.log.Info("starting", "config", *a.cfg, "engine", a.db.Engine())
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
