// Package cli is Huddle's command line: it parses arguments, builds the
// configuration and wires the store, service and server together. It is the
// only place where everything meets.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Version is set at build time with -ldflags "-X huddle/internal/cli.Version=…".
var Version = "dev"

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, env *Env, args []string) int
}

// Env is what a command talks to; tests swap the streams.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

func commands() []command {
	return []command{
		{"serve", "run the Huddle server", serveCmd},
		{"demo", "run Huddle with a demo organisation on an embedded database", demoCmd},
		{"migrate", "bring the database schema up to date", migrateCmd},
		{"import", "import data: `huddle import roster FILE`", importCmd},
		{"org", "manage organisations: `huddle org create`", orgCmd},
		{"user", "manage accounts: `huddle user create|reset-password`", userCmd},
		{"analyze", "analyse call transcripts without a server", func(_ context.Context, e *Env, a []string) int { return analyzeCmd(a, e.Stdout, e.Stderr) }},
		{"pair", "propose peer pairs or groups from a JSON roster", func(_ context.Context, e *Env, a []string) int { return pairCmd(a, e.Stdout, e.Stderr) }},
		{"version", "print the version", func(_ context.Context, e *Env, _ []string) int { fmt.Fprintln(e.Stdout, "huddle", Version); return 0 }},
	}
}

// Main runs the huddle command and returns its exit status.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args)
}

// Run dispatches args to a subcommand.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "huddle: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Huddle — peer-to-peer sales coaching.\n\nUsage: huddle COMMAND [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `huddle COMMAND --help` for a command's flags.")
}

// newFlags returns a FlagSet whose --help prints a usage line and the flags.
func newFlags(env *Env, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s\n\nFlags:\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; it returns the exit status to use and false when the
// command must stop (help asked for, or bad flags).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}

// fail prints an error for the operator and returns exit status 1.
func fail(env *Env, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(env.Stderr, "huddle: "+strings.TrimSpace(msg))
	return 1
}
