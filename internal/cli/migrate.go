package cli

import (
	"context"
	"fmt"

	"huddle/internal/config"
	"huddle/internal/store"
)

func migrateCmd(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(env, "migrate", "huddle migrate [flags]\n\nApplies every pending schema migration, each in its own transaction.")
	cfg := config.Register(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if err := cfg.Validate(); err != nil {
		return fail(env, "%v", err)
	}
	db, err := store.OpenForMigrate(ctx, cfg.DatabaseURL)
	if err != nil {
		return fail(env, "open database: %v", err)
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	for _, m := range applied {
		fmt.Fprintf(env.Stdout, "applied %04d %s\n", m.Version, m.Name)
	}
	if err != nil {
		return fail(env, "migrate: %v", err)
	}
	current, _, err := db.SchemaVersion(ctx)
	if err != nil {
		return fail(env, "%v", err)
	}
	fmt.Fprintf(env.Stdout, "%s schema is at version %d (%d applied now)\n", db.Engine(), current, len(applied))
	return 0
}
