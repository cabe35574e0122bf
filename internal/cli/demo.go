package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"

	"huddle/internal/config"
	"huddle/internal/demo"
)

// demoDataDir is where the demo keeps its data unless told otherwise, apart
// from a production server's default.
const demoDataDir = "huddle-demo"

func demoCmd(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(env, "demo", "huddle demo [flags]\n\nRuns Huddle with a realistic demo organisation. The first run creates the data\ndirectory, an embedded SQLite database and the demo people; later runs reuse them.")
	cfg := config.Register(fs)
	seed := fs.Int64("seed", 1, "seed of the demo organisation (same seed, same people)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if !flagGiven(fs, "data-dir") && os.Getenv("HUDDLE_DATA_DIR") == "" {
		cfg.DataDir = demoDataDir
	}
	a, err := openApp(ctx, env, cfg, true)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer a.close()
	creds, err := demo.Seed(ctx, a.svc, cfg.DataDir, *seed)
	if err != nil {
		return fail(env, "%v", err)
	}
	return a.serve(ctx, env, func(addr net.Addr) {
		fmt.Fprintf(env.Stdout, "Huddle is running at %s — sign in as %s / %s\n", a.publicURL(addr), creds.Email, creds.Password)
	})
}

func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}
