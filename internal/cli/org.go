package cli

import (
	"context"
	"fmt"

	"huddle/internal/config"
	"huddle/internal/domain"
)

func orgCmd(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stdout, "Usage: huddle org create --slug SLUG --name NAME")
			return 0
		}
		return fail(env, "usage: huddle org create --slug SLUG --name NAME")
	}
	fs := newFlags(env, "org create", "huddle org create --slug SLUG --name NAME [flags]")
	cfg := config.Register(fs)
	slug := fs.String("slug", "", "short URL-safe name, e.g. acme (required)")
	name := fs.String("name", "", "display name, e.g. \"Acme Sales\" (required)")
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	a, err := openApp(ctx, env, cfg, false)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer a.close()
	org, err := a.svc.CreateOrg(ctx, domain.Org{Slug: *slug, Name: *name})
	if err != nil {
		return fail(env, "%v", userError(err))
	}
	fmt.Fprintf(env.Stdout, "created organisation %s (%s); add an administrator with `huddle user create --org %s --email … --roles admin`\n", org.Slug, org.Name, org.Slug)
	return 0
}
