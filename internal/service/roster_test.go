package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/roster"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

const goodRoster = "name,email,team,manager_email,roles,timezone,start_date\n" +
	"Olga Onboard,olga@alpha.example,Alpha Growth,maya@alpha.example,rep,Europe/Paris,2025-01-06\n" +
	"Piet Pipeline,piet@alpha.example,Alpha Growth,olga@alpha.example,\"rep,coach\",Europe/Amsterdam,2024-11-04\n" +
	"Rita,rita@alpha.example,Alpha Sales,maya@alpha.example,rep,Asia/Tokyo,\n"

func TestImportRoster(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		admin := w.actor(t, "adminA")
		state := func() string {
			t.Helper()
			people, total := must2list(w.svc.People(ctx, service.SystemActor(w.orgA), domain.PersonFilter{Page: domain.Page{Limit: 500}}))(t)
			teams := must(w.svc.Teams(ctx, service.SystemActor(w.orgA)))(t)
			return fmt.Sprint(total, people, teams)
		}
		initial := state()

		for _, bad := range []struct{ name, csv, problem string }{
			{"a malformed row", goodRoster + "Ben Bad,not-an-email,,,,,\n", "line 5: email:"},
			{"an unknown manager", goodRoster + "Nia,nia@alpha.example,,ghost@alpha.example,,,\n", "line 5: manager_email:"},
			{"a duplicate e-mail", goodRoster + "Olga Again,OLGA@alpha.example,,,,,\n", "line 5: email:"},
			{"an empty file", "", "line 1: header:"},
		} {
			t.Run("a file with "+bad.name+" changes nothing", func(t *testing.T) {
				plan, err := w.svc.ImportRoster(ctx, admin, strings.NewReader(bad.csv))
				var problems *roster.Errors
				if !errors.As(err, &problems) || !errors.Is(err, domain.ErrInvalid) || !strings.Contains(err.Error(), bad.problem) {
					t.Fatalf("got %v, want roster problems including %q", err, bad.problem)
				}
				if !plan.Empty() {
					t.Errorf("a refused import returned a plan: %+v", plan)
				}
				if got := state(); got != initial {
					t.Errorf("a refused import changed the organisation:\n%s\nwant\n%s", got, initial)
				}
			})
		}

		t.Run("only admins plan or import", func(t *testing.T) {
			for _, who := range []string{"managerA", "rep1A"} {
				_, err := w.svc.PlanRoster(ctx, w.actor(t, who), strings.NewReader(goodRoster))
				wantErr(t, err, domain.ErrForbidden)
				_, err = w.svc.ImportRoster(ctx, w.actor(t, who), strings.NewReader(goodRoster))
				wantErr(t, err, domain.ErrForbidden)
			}
			if state() != initial {
				t.Error("a refused import changed the organisation")
			}
		})

		t.Run("a plan changes nothing", func(t *testing.T) {
			plan := must(w.svc.PlanRoster(ctx, admin, strings.NewReader(goodRoster)))(t)
			if len(plan.Create) != 2 || len(plan.Update) != 1 || len(plan.NewTeams) != 1 {
				t.Errorf("plan: %d new, %d updated, %d teams", len(plan.Create), len(plan.Update), len(plan.NewTeams))
			}
			if state() != initial {
				t.Error("planning changed the organisation")
			}
		})

		t.Run("an oversized file is refused before parsing", func(t *testing.T) {
			big := strings.NewReader("name,email\n" + strings.Repeat("x", service.MaxRosterBytes))
			_, err := w.svc.PlanRoster(ctx, admin, big)
			wantField(t, err, "file")
		})

		t.Run("an import applies every row", func(t *testing.T) {
			plan := must(w.svc.ImportRoster(ctx, admin, strings.NewReader(goodRoster)))(t)
			if len(plan.Create) != 2 || len(plan.Update) != 1 {
				t.Fatalf("plan %+v", plan)
			}
			sys := service.SystemActor(w.orgA)
			olga := must(w.svc.PersonByEmail(ctx, sys, "olga@alpha.example"))(t)
			piet := must(w.svc.PersonByEmail(ctx, sys, "piet@alpha.example"))(t)
			rita := must(w.svc.PersonByEmail(ctx, sys, "rita@alpha.example"))(t)
			if !olga.Active || olga.ManagerID != w.people["managerA"].ID || piet.ManagerID != olga.ID || !piet.Roles.Has(domain.RoleCoach) {
				t.Errorf("olga %+v\npiet %+v", olga, piet)
			}
			if olga.TeamID == 0 || olga.TeamID != piet.TeamID || rita.TimeZone != "Asia/Tokyo" {
				t.Errorf("teams %d/%d, rita's zone %s", olga.TeamID, piet.TeamID, rita.TimeZone)
			}
		})

		t.Run("importing the same file again plans nothing", func(t *testing.T) {
			before := state()
			plan := must(w.svc.ImportRoster(ctx, admin, strings.NewReader(goodRoster)))(t)
			if !plan.Empty() || plan.UnchangedRows != 3 {
				t.Errorf("re-import plan: %+v", plan)
			}
			if state() != before {
				t.Error("a re-import changed the organisation")
			}
		})

		t.Run("an import in one organisation leaves the other alone", func(t *testing.T) {
			_, err := w.svc.PersonByEmail(ctx, service.SystemActor(w.orgB), "olga@alpha.example")
			wantErr(t, err, domain.ErrNotFound)
		})
	})
}
