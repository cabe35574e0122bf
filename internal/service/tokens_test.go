package service_test

import (
	"context"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestAPITokens(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita, remy, bob := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "repB")
		create := func(a service.Actor, name string) (string, domain.APIToken) {
			t.Helper()
			secret, tok, err := w.svc.CreateAPIToken(ctx, a, name)
			if err != nil {
				t.Fatal(err)
			}
			return secret, tok
		}
		ritaSecret, ritaTok := create(rita, " CRM sync ")
		remySecret, remyTok := create(remy, "script")
		bobSecret, _ := create(bob, "script")

		t.Run("a token is a prefixed secret stored only as a hash", func(t *testing.T) {
			if !strings.HasPrefix(ritaSecret, "hud_") || !strings.HasPrefix(ritaSecret, ritaTok.Prefix) || len(ritaTok.Prefix) >= len(ritaSecret) {
				t.Errorf("secret %q, prefix %q", ritaSecret, ritaTok.Prefix)
			}
			if ritaTok.Hash == "" || strings.Contains(ritaTok.Hash, ritaSecret) || ritaTok.Name != "CRM sync" {
				t.Errorf("token %+v", ritaTok)
			}
		})

		t.Run("a token authenticates its owner in their organisation", func(t *testing.T) {
			a := must(w.svc.AuthenticateToken(ctx, ritaSecret))(t)
			if a.Person.ID != rita.Person.ID || a.Org.ID != w.orgA.ID {
				t.Errorf("actor %+v", a)
			}
			b := must(w.svc.AuthenticateToken(ctx, bobSecret))(t)
			if b.Person.ID != bob.Person.ID || b.Org.ID != w.orgB.ID {
				t.Errorf("actor %+v", b)
			}
			for _, bad := range []string{"", "hud_unknown", "hs_" + ritaSecret[4:], strings.ToUpper(ritaSecret)} {
				_, err := w.svc.AuthenticateToken(ctx, bad)
				wantErr(t, err, domain.ErrUnauthenticated)
			}
		})

		t.Run("a person lists only their own tokens", func(t *testing.T) {
			list := must(w.svc.APITokens(ctx, rita))(t)
			if len(list) != 1 || list[0].ID != ritaTok.ID {
				t.Errorf("Rita's tokens: %+v", list)
			}
			if list[0].LastUsedAt.IsZero() {
				t.Error("using the token did not record when")
			}
		})

		t.Run("nobody can revoke someone else's token", func(t *testing.T) {
			wantErr(t, w.svc.DeleteAPIToken(ctx, rita, remyTok.ID), domain.ErrNotFound)
			wantErr(t, w.svc.DeleteAPIToken(ctx, w.actor(t, "adminA"), remyTok.ID), domain.ErrNotFound)
			wantErr(t, w.svc.DeleteAPIToken(ctx, w.actor(t, "adminB"), remyTok.ID), domain.ErrNotFound)
			must(w.svc.AuthenticateToken(ctx, remySecret))(t)
		})

		t.Run("a revoked token stops working", func(t *testing.T) {
			if err := w.svc.DeleteAPIToken(ctx, remy, remyTok.ID); err != nil {
				t.Fatal(err)
			}
			_, err := w.svc.AuthenticateToken(ctx, remySecret)
			wantErr(t, err, domain.ErrUnauthenticated)
			wantErr(t, w.svc.DeleteAPIToken(ctx, remy, remyTok.ID), domain.ErrNotFound)
		})

		t.Run("a token needs a name and a person", func(t *testing.T) {
			_, _, err := w.svc.CreateAPIToken(ctx, rita, "  ")
			wantField(t, err, "name")
			_, _, err = w.svc.CreateAPIToken(ctx, rita, strings.Repeat("x", 101))
			wantField(t, err, "name")
			_, _, err = w.svc.CreateAPIToken(ctx, service.SystemActor(w.orgA), "operator")
			wantErr(t, err, domain.ErrForbidden)
		})

		t.Run("a deactivated person's tokens stop working", func(t *testing.T) {
			off := false
			if _, err := w.svc.UpdatePerson(ctx, w.actor(t, "adminA"), rita.Person.ID, domain.PersonPatch{Active: &off}); err != nil {
				t.Fatal(err)
			}
			_, err := w.svc.AuthenticateToken(ctx, ritaSecret)
			wantErr(t, err, domain.ErrUnauthenticated)
		})
	})
}
