package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// titles lists the titles of calls in order.
func titles(calls []domain.Call) []string {
	out := []string{}
	for _, c := range calls {
		out = append(out, c.Title)
	}
	return out
}

func TestVisibleCallsVisibility(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme := newOrg(t, db, "acme")
		west, east := newTeam(t, db, acme.ID, "West"), newTeam(t, db, acme.ID, "East")
		inTeam := func(id int64) func(*domain.Person) { return func(p *domain.Person) { p.TeamID = id } }
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com", inTeam(west.ID)) // owner
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com", inTeam(west.ID)) // team-mate
		mia := newPerson(t, db, acme.ID, "Mia", "mia@acme.com", inTeam(west.ID), func(p *domain.Person) {
			p.Roles = domain.Roles{domain.RoleManager}
		})
		cat := newPerson(t, db, acme.ID, "Cat", "cat@acme.com", inTeam(east.ID)) // other team
		dan := newPerson(t, db, acme.ID, "Dan", "dan@acme.com", inTeam(east.ID)) // named peer

		at := func(h int) func(*domain.Call) {
			return func(c *domain.Call) { c.OccurredAt = t0.Add(time.Duration(h) * time.Hour) }
		}
		share := func(v domain.Visibility, ids ...int64) func(*domain.Call) {
			return func(c *domain.Call) { c.Visibility, c.SharedWith = v, ids }
		}
		// A private call's shares are remembered but give no access.
		newCall(t, db, acme.ID, ana.ID, "private", at(4), share(domain.VisibilityPrivate, dan.ID, ben.ID))
		newCall(t, db, acme.ID, ana.ID, "peers", at(3), share(domain.VisibilityPeers, dan.ID))
		newCall(t, db, acme.ID, ana.ID, "team", at(2), share(domain.VisibilityTeam))
		newCall(t, db, acme.ID, ana.ID, "team+mia", at(1), share(domain.VisibilityTeam, mia.ID))
		newCall(t, db, acme.ID, cat.ID, "east team", at(0), share(domain.VisibilityTeam))

		for _, tc := range []struct {
			name string
			v    domain.Viewer
			want []string
		}{
			{"owner", domain.Viewer{PersonID: ana.ID, TeamID: west.ID, SeesTeamWork: true}, []string{"private", "peers", "team", "team+mia"}},
			{"team-mate", domain.Viewer{PersonID: ben.ID, TeamID: west.ID, SeesTeamWork: true}, []string{"team", "team+mia"}},
			{"team-mate not seeing team work", domain.Viewer{PersonID: ben.ID, TeamID: west.ID}, []string{}},
			{"manager", domain.Viewer{PersonID: mia.ID, TeamID: west.ID}, []string{"team+mia"}},
			{"other team", domain.Viewer{PersonID: cat.ID, TeamID: east.ID, SeesTeamWork: true}, []string{"east team"}},
			{"named peer", domain.Viewer{PersonID: dan.ID, TeamID: east.ID, SeesTeamWork: true}, []string{"peers", "east team"}},
			{"named peer without team", domain.Viewer{PersonID: dan.ID, SeesTeamWork: true}, []string{"peers"}},
			{"nobody", domain.Viewer{}, []string{}},
		} {
			calls, total, err := db.VisibleCalls(ctx, acme.ID, tc.v, domain.CallFilter{})
			must(t, err)
			if got := titles(calls); !slices.Equal(got, tc.want) || total != len(tc.want) {
				t.Errorf("%s sees %v (total %d), want %v", tc.name, got, total, tc.want)
			}
		}
	})
}

func TestVisibleCallsFilters(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme := newOrg(t, db, "acme")
		west, east := newTeam(t, db, acme.ID, "West"), newTeam(t, db, acme.ID, "East")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com", func(p *domain.Person) { p.TeamID = west.ID })
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com", func(p *domain.Person) { p.TeamID = east.ID })
		coach := newPerson(t, db, acme.ID, "Coach", "coach@acme.com")
		day := func(d int) time.Time { return t0.AddDate(0, 0, d) }
		mk := func(owner domain.Person, title string, d int, trackers, objections []string) domain.Call {
			return newCall(t, db, acme.ID, owner.ID, title, func(c *domain.Call) {
				c.OccurredAt, c.Visibility, c.SharedWith = day(d), domain.VisibilityPeers, []int64{coach.ID}
				c.Metrics = domain.CallMetrics{Trackers: trackers, Objections: objections, TalkRatio: ptr(0.5)}
				c.Transcript, c.Analysis = []byte(`{"big":true}`), []byte(`{}`)
			})
		}
		first := mk(ana, "Acme 50% off", 0, []string{"Pricing"}, []string{"price"})
		mk(ana, "Acme 500 off", 1, []string{"Competitor", "Pricing"}, nil)
		mk(ben, "Globex_intro", 2, nil, []string{"timing", "price"})
		mk(ben, "Globex intro", 3, []string{"competitor"}, nil)
		newCall(t, db, acme.ID, ben.ID, "Not shared", func(c *domain.Call) { c.Metrics.Trackers = []string{"Pricing"} })

		v := domain.Viewer{PersonID: coach.ID, SeesTeamWork: true}
		for _, tc := range []struct {
			name string
			f    domain.CallFilter
			want []string
		}{
			{"all", domain.CallFilter{}, []string{"Globex intro", "Globex_intro", "Acme 500 off", "Acme 50% off"}},
			{"owner", domain.CallFilter{OwnerID: ana.ID}, []string{"Acme 500 off", "Acme 50% off"}},
			{"team", domain.CallFilter{TeamID: east.ID}, []string{"Globex intro", "Globex_intro"}},
			{"from", domain.CallFilter{From: day(2)}, []string{"Globex intro", "Globex_intro"}},
			{"to", domain.CallFilter{To: day(1)}, []string{"Acme 50% off"}},
			{"from to", domain.CallFilter{From: day(1), To: day(3)}, []string{"Globex_intro", "Acme 500 off"}},
			{"tracker", domain.CallFilter{Tracker: "pricing"}, []string{"Acme 500 off", "Acme 50% off"}},
			{"tracker any case", domain.CallFilter{Tracker: " Competitor "}, []string{"Globex intro", "Acme 500 off"}},
			{"objection", domain.CallFilter{Objection: "price"}, []string{"Globex_intro", "Acme 50% off"}},
			{"query", domain.CallFilter{Query: "ACME"}, []string{"Acme 500 off", "Acme 50% off"}},
			{"query %", domain.CallFilter{Query: "0%"}, []string{"Acme 50% off"}},
			{"query _", domain.CallFilter{Query: "x_i"}, []string{"Globex_intro"}},
			{"combined", domain.CallFilter{OwnerID: ana.ID, Tracker: "competitor", Query: "acme"}, []string{"Acme 500 off"}},
			{"nothing", domain.CallFilter{Tracker: "nope"}, []string{}},
		} {
			calls, total, err := db.VisibleCalls(ctx, acme.ID, v, tc.f)
			must(t, err)
			if got := titles(calls); !slices.Equal(got, tc.want) || total != len(tc.want) {
				t.Errorf("%s: %v (total %d), want %v", tc.name, got, total, tc.want)
			}
		}

		// Listed calls carry metrics and shares but not the documents.
		calls, _, err := db.VisibleCalls(ctx, acme.ID, v, domain.CallFilter{Query: "50%"})
		must(t, err)
		want := first
		want.Transcript, want.Analysis = nil, nil
		if len(calls) != 1 {
			t.Fatalf("got %d calls", len(calls))
		}
		assertCall(t, calls[0], want)
	})
}

func TestVisibleCallsPaging(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		var want []string
		for i := range 7 {
			c := newCall(t, db, acme.ID, ana.ID, fmt.Sprintf("call %d", i), func(c *domain.Call) {
				c.OccurredAt = t0.Add(time.Duration(i/2) * time.Minute) // pairs at one time: id breaks ties
			})
			want = append([]string{c.Title}, want...)
		}
		v := domain.Viewer{PersonID: ana.ID}
		var got []string
		for offset := 0; offset < 9; offset += 3 {
			calls, total, err := db.VisibleCalls(ctx, acme.ID, v, domain.CallFilter{Page: domain.Page{Limit: 3, Offset: offset}})
			must(t, err)
			if total != 7 || len(calls) != min(3, max(7-offset, 0)) {
				t.Errorf("offset %d: %d calls, total %d", offset, len(calls), total)
			}
			got = append(got, titles(calls)...)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pages = %v, want %v", got, want)
		}
		for _, p := range []domain.Page{{}, {Limit: -1, Offset: -5}, {Limit: 100000}} {
			calls, total, err := db.VisibleCalls(ctx, acme.ID, v, domain.CallFilter{Page: p})
			must(t, err)
			if total != 7 || len(calls) != 7 {
				t.Errorf("page %+v: %d calls, total %d", p, len(calls), total)
			}
		}
		calls, total, err := db.VisibleCalls(ctx, acme.ID, v, domain.CallFilter{Page: domain.Page{Offset: 50}})
		must(t, err)
		if total != 7 || len(calls) != 0 || calls == nil {
			t.Errorf("past the end: %v, total %d", calls, total)
		}
	})
}
