package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"huddle/internal/config"
	"huddle/internal/domain"
	"huddle/internal/roster"
)

func importCmd(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] != "roster" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stdout, "Usage: huddle import roster [flags] FILE.csv")
			return 0
		}
		return fail(env, "usage: huddle import roster [flags] FILE.csv")
	}
	fs := newFlags(env, "import roster", "huddle import roster [flags] FILE.csv\n\nImports people, teams and managers; all or nothing, idempotent by e-mail.")
	cfg := config.Register(fs)
	slug := fs.String("org", "", "organisation slug (default: the only one)")
	dry := fs.Bool("dry-run", false, "show what would change without changing anything")
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return fail(env, "name one roster CSV file")
	}
	file := fs.Arg(0)
	f, err := os.Open(file)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer f.Close()
	a, actor, err := openAsOperator(ctx, env, cfg, *slug)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer a.close()
	var plan domain.RosterPlan
	if *dry {
		plan, err = a.svc.PlanRoster(ctx, actor, f)
	} else {
		plan, err = a.svc.ImportRoster(ctx, actor, f)
	}
	var problems *roster.Errors
	if errors.As(err, &problems) {
		for _, p := range problems.Problems {
			fmt.Fprintf(env.Stderr, "%s: %s\n", file, p)
		}
		if problems.Omitted > 0 {
			fmt.Fprintf(env.Stderr, "%s: … and %d more problems\n", file, problems.Omitted)
		}
		return fail(env, "%s was not imported; nothing was changed", file)
	}
	if err != nil {
		return fail(env, "%s: %v", file, err)
	}
	printPlan(env, plan, *dry)
	return 0
}

func printPlan(env *Env, plan domain.RosterPlan, dry bool) {
	verb := "imported"
	if dry {
		verb = "would import (dry run)"
	}
	fmt.Fprintf(env.Stdout, "%s: %d new teams, %d new people, %d updated, %d unchanged\n",
		verb, len(plan.NewTeams), len(plan.Create), len(plan.Update), plan.UnchangedRows)
	for _, e := range plan.Update {
		for _, c := range e.Changes {
			fmt.Fprintf(env.Stdout, "  line %d %s: %s\n", e.Line, e.Person.Email, c)
		}
	}
}
