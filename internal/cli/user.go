package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"huddle/internal/auth"
	"huddle/internal/config"
	"huddle/internal/domain"
	"huddle/internal/service"
)

func userCmd(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || (args[0] != "create" && args[0] != "reset-password") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stdout, "Usage: huddle user create|reset-password [flags]")
			return 0
		}
		return fail(env, "usage: huddle user create|reset-password [flags]")
	}
	sub := args[0]
	fs := newFlags(env, "user "+sub, "huddle user "+sub+" --email EMAIL [flags]\n\nThe password is read from standard input with --password-stdin, otherwise generated and printed once.")
	cfg := config.Register(fs)
	slug := fs.String("org", "", "organisation slug (default: the only one)")
	email := fs.String("email", "", "the person's e-mail (required)")
	name := fs.String("name", "", "full name (create)")
	roles := fs.String("roles", "rep", "comma-separated roles: rep, coach, manager, admin (create)")
	zone := fs.String("timezone", "UTC", "IANA time zone (create)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if code, ok := parse(fs, args[1:]); !ok {
		return code
	}
	if *email == "" {
		return fail(env, "--email is required")
	}
	password, generated, err := readPassword(env, *fromStdin)
	if err != nil {
		return fail(env, "%v", err)
	}
	a, actor, err := openAsOperator(ctx, env, cfg, *slug)
	if err != nil {
		return fail(env, "%v", err)
	}
	defer a.close()
	p, err := a.svc.PersonByEmail(ctx, actor, *email)
	if sub == "create" {
		p, err = createUser(ctx, a, actor, *email, *name, *roles, *zone)
	}
	if err != nil {
		return fail(env, "%s: %v", *email, userError(err))
	}
	if err := a.svc.SetPassword(ctx, actor, p.ID, password); err != nil {
		return fail(env, "%s: %v", *email, userError(err))
	}
	fmt.Fprintf(env.Stdout, "%s: password set for %s (%s) in %s\n", sub, p.Name, p.Email, actor.Org.Slug)
	if generated {
		fmt.Fprintf(env.Stdout, "password: %s\n", password)
	}
	return 0
}

func createUser(ctx context.Context, a *app, actor service.Actor, email, name, roleList, zone string) (domain.Person, error) {
	roles, err := domain.ParseRoles(roleList)
	if err != nil {
		return domain.Person{}, domain.Invalid("roles", "%s", err.Error())
	}
	if name == "" {
		name = strings.Split(email, "@")[0]
	}
	return a.svc.CreatePerson(ctx, actor, domain.Person{Name: name, Email: email, Roles: roles, TimeZone: zone})
}

func readPassword(env *Env, fromStdin bool) (string, bool, error) {
	if !fromStdin {
		return auth.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(env.Stdin).ReadString('\n')
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", false, fmt.Errorf("no password on standard input (%v)", err)
	}
	if err := auth.ValidatePassword(line); err != nil {
		return "", false, fmt.Errorf("password: %v", err)
	}
	return line, false, nil
}

func userError(err error) string {
	if msg, ok := domain.UserMessage(err); ok {
		return msg
	}
	return err.Error()
}
