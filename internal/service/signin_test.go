package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

const addr = "198.51.100.7"

func TestSignIn(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()

		t.Run("the right password opens a session for that person", func(t *testing.T) {
			secret, a, err := w.svc.SignIn(ctx, "  RITA@alpha.example ", password, addr)
			if err != nil {
				t.Fatal(err)
			}
			if a.Person.ID != w.people["rep1A"].ID || a.Org.ID != w.orgA.ID || a.System {
				t.Errorf("actor %+v", a)
			}
			if !strings.HasPrefix(secret, "hs_") {
				t.Errorf("secret %q lacks the session prefix", secret)
			}
			got := must(w.svc.Authenticate(ctx, secret))(t)
			if got.Person.ID != a.Person.ID || got.Org.ID != w.orgA.ID {
				t.Errorf("Authenticate: %+v", got)
			}
		})

		var messages []string
		for _, c := range []struct{ name, email, password string }{
			{"a wrong password", "rita@alpha.example", "wrong password!"},
			{"an unknown e-mail", "nobody@alpha.example", password},
			{"a malformed e-mail", "rita", password},
			{"an empty password", "rita@alpha.example", ""},
		} {
			t.Run(c.name+" is refused without saying which part is wrong", func(t *testing.T) {
				secret, _, err := w.svc.SignIn(ctx, c.email, c.password, "203.0.113.1")
				wantErr(t, err, domain.ErrUnauthenticated)
				if secret != "" {
					t.Error("a refused sign-in returned a secret")
				}
				msg, _ := domain.UserMessage(err)
				messages = append(messages, msg)
			})
		}
		t.Run("every refusal has the same message", func(t *testing.T) {
			for _, m := range messages {
				if m != "e-mail or password is wrong" {
					t.Errorf("message %q", m)
				}
			}
		})

		t.Run("an inactive person cannot sign in and their sessions stop working", func(t *testing.T) {
			secret, _ := must2(w.svc.SignIn(ctx, "remy@alpha.example", password, addr))(t)
			off := false
			if _, err := w.svc.UpdatePerson(ctx, service.SystemActor(w.orgA), w.people["rep2A"].ID, domain.PersonPatch{Active: &off}); err != nil {
				t.Fatal(err)
			}
			_, _, err := w.svc.SignIn(ctx, "remy@alpha.example", password, addr)
			wantErr(t, err, domain.ErrUnauthenticated)
			_, err = w.svc.Authenticate(ctx, secret)
			wantErr(t, err, domain.ErrUnauthenticated)
		})

		t.Run("an empty or unknown session secret is unauthenticated", func(t *testing.T) {
			for _, s := range []string{"", "hs_unknown"} {
				_, err := w.svc.Authenticate(ctx, s)
				wantErr(t, err, domain.ErrUnauthenticated)
			}
		})

		t.Run("sign-out ends only that session", func(t *testing.T) {
			one, _ := must2(w.svc.SignIn(ctx, "ada@alpha.example", password, addr))(t)
			two, _ := must2(w.svc.SignIn(ctx, "ada@alpha.example", password, addr))(t)
			if err := w.svc.SignOut(ctx, one); err != nil {
				t.Fatal(err)
			}
			_, err := w.svc.Authenticate(ctx, one)
			wantErr(t, err, domain.ErrUnauthenticated)
			must(w.svc.Authenticate(ctx, two))(t)
			if err := w.svc.SignOut(ctx, one); err != nil {
				t.Errorf("signing out twice: %v", err)
			}
		})
	})
}

func TestSignInThrottling(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		fail := func(t *testing.T, email, from string) {
			t.Helper()
			_, _, err := w.svc.SignIn(ctx, email, "wrong password!", from)
			wantErr(t, err, domain.ErrUnauthenticated)
		}

		t.Run("five failures for an e-mail lock it, even from elsewhere and with the right password", func(t *testing.T) {
			for i := range 5 {
				fail(t, "rita@alpha.example", fmt.Sprintf("192.0.2.%d", i+1))
			}
			_, _, err := w.svc.SignIn(ctx, "rita@alpha.example", password, "192.0.2.99")
			wantErr(t, err, domain.ErrThrottled)
			if msg, _ := domain.UserMessage(err); !strings.Contains(msg, "15 minutes") {
				t.Errorf("message %q does not say when to try again", msg)
			}
			must2(w.svc.SignIn(ctx, "remy@alpha.example", password, "192.0.2.99"))(t) // others are not locked
		})

		t.Run("the lock lifts after the window", func(t *testing.T) {
			w.clock.Advance(15*time.Minute + time.Second)
			must2(w.svc.SignIn(ctx, "rita@alpha.example", password, "192.0.2.99"))(t)
		})

		t.Run("success clears the e-mail's failures", func(t *testing.T) {
			for range 4 {
				fail(t, "maya@alpha.example", "192.0.2.50")
			}
			must2(w.svc.SignIn(ctx, "maya@alpha.example", password, "192.0.2.50"))(t)
			for range 4 {
				fail(t, "maya@alpha.example", "192.0.2.50")
			}
			must2(w.svc.SignIn(ctx, "maya@alpha.example", password, "192.0.2.50"))(t)
		})

		t.Run("thirty failures from one address lock the address for every e-mail", func(t *testing.T) {
			const from = "203.0.113.30"
			for i := range 30 {
				fail(t, fmt.Sprintf("guess%02d@alpha.example", i), from)
			}
			_, _, err := w.svc.SignIn(ctx, "ada@alpha.example", password, from)
			wantErr(t, err, domain.ErrThrottled)
			_, _, err = w.svc.SignIn(ctx, "bob@bravo.example", password, from)
			wantErr(t, err, domain.ErrThrottled)
			must2(w.svc.SignIn(ctx, "ada@alpha.example", password, "203.0.113.31"))(t)
		})

		t.Run("the address stays locked after its e-mails succeed elsewhere", func(t *testing.T) {
			_, _, err := w.svc.SignIn(ctx, "bea@bravo.example", password, "203.0.113.30")
			wantErr(t, err, domain.ErrThrottled)
		})
	})
}

func TestSessionsExpire(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		secret, _ := must2(w.svc.SignIn(ctx, "rita@alpha.example", password, addr))(t)
		w.clock.Advance(service.SessionLifetime - time.Minute)
		must(w.svc.Authenticate(ctx, secret))(t)
		w.clock.Advance(2 * time.Minute)
		_, err := w.svc.Authenticate(ctx, secret)
		wantErr(t, err, domain.ErrUnauthenticated)
	})
}

func TestSetPassword(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rep := w.people["rep1A"]

		t.Run("an admin's reset ends every session and replaces the password", func(t *testing.T) {
			one, _ := must2(w.svc.SignIn(ctx, rep.Email, password, addr))(t)
			two, _ := must2(w.svc.SignIn(ctx, rep.Email, password, addr))(t)
			other, _ := must2(w.svc.SignIn(ctx, "remy@alpha.example", password, addr))(t)
			if err := w.svc.SetPassword(ctx, w.actor(t, "adminA"), rep.ID, "a brand new password"); err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{one, two} {
				_, err := w.svc.Authenticate(ctx, s)
				wantErr(t, err, domain.ErrUnauthenticated)
			}
			must(w.svc.Authenticate(ctx, other))(t)
			_, _, err := w.svc.SignIn(ctx, rep.Email, password, addr)
			wantErr(t, err, domain.ErrUnauthenticated)
			must2(w.svc.SignIn(ctx, rep.Email, "a brand new password", addr))(t)
		})

		t.Run("a person may set their own password", func(t *testing.T) {
			if err := w.svc.SetPassword(ctx, w.actor(t, "rep1A"), rep.ID, password); err != nil {
				t.Fatal(err)
			}
			must2(w.svc.SignIn(ctx, rep.Email, password, addr))(t)
		})

		t.Run("a rep or manager cannot set someone else's", func(t *testing.T) {
			for _, who := range []string{"rep2A", "managerA"} {
				err := w.svc.SetPassword(ctx, w.actor(t, who), rep.ID, "taken over password")
				wantErr(t, err, domain.ErrForbidden)
			}
			must2(w.svc.SignIn(ctx, rep.Email, password, addr))(t)
		})

		t.Run("an admin cannot reach another organisation", func(t *testing.T) {
			err := w.svc.SetPassword(ctx, w.actor(t, "adminA"), w.people["repB"].ID, "taken over password")
			wantErr(t, err, domain.ErrNotFound)
			must2(w.svc.SignIn(ctx, "bob@bravo.example", password, addr))(t)
		})

		t.Run("a short password is refused", func(t *testing.T) {
			wantField(t, w.svc.SetPassword(ctx, w.actor(t, "rep1A"), rep.ID, "short"), "password")
		})
	})
}

// must2 is must for functions that return a secret, an actor and an error.
func must2(secret string, a service.Actor, err error) func(t *testing.T) (string, service.Actor) {
	return func(t *testing.T) (string, service.Actor) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return secret, a
	}
}
