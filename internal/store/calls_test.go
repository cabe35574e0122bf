package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// newCall creates a ready, private call owned by ownerID; edit adjusts it
// first.
func newCall(t *testing.T, db *store.DB, orgID, ownerID int64, title string, edit ...func(*domain.Call)) domain.Call {
	t.Helper()
	c := domain.Call{OwnerID: ownerID, Title: title, OccurredAt: t0, Source: "transcript", Status: domain.CallReady}
	for _, f := range edit {
		f(&c)
	}
	if err := db.CreateCall(context.Background(), orgID, &c); err != nil {
		t.Fatalf("CreateCall(%s): %v", title, err)
	}
	return c
}

// assertCall compares two calls: times with Equal, the rest deeply.
func assertCall(t *testing.T, got, want domain.Call) {
	t.Helper()
	for _, tt := range []struct{ got, want time.Time }{
		{got.OccurredAt, want.OccurredAt}, {got.CreatedAt, want.CreatedAt}, {got.UpdatedAt, want.UpdatedAt},
	} {
		if !tt.got.Equal(tt.want) || tt.got.Location() != time.UTC {
			t.Errorf("call %d: time %v, want %v in UTC", want.ID, tt.got, tt.want)
		}
	}
	got.OccurredAt, got.CreatedAt, got.UpdatedAt = want.OccurredAt, want.CreatedAt, want.UpdatedAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("call:\n got  %+v\n want %+v", got, want)
	}
}

func TestCallCRUD(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		cat := newPerson(t, db, acme.ID, "Cat", "cat@acme.com")

		transcript := []byte(`{"turns":[{"speaker":"Ana","text":"Hello"}]}`)
		c := domain.Call{
			OwnerID: ana.ID, Title: "  Acme discovery ", OccurredAt: time.Date(2026, 2, 27, 15, 4, 5, 123456789, time.FixedZone("X", 3600)),
			Source: "transcript", FileName: "acme.vtt", Format: "vtt", Status: domain.CallReady, StatusDetail: "",
			Visibility: domain.VisibilityPeers, SharedWith: []int64{cat.ID, ben.ID, cat.ID},
			Transcript: transcript, Analysis: []byte(`{"talk_ratio":0.5}`),
			Metrics: domain.CallMetrics{
				DurationSeconds: ptr(1830.5), TalkRatio: ptr(0.0), LongestMonolog: ptr(95.25), Questions: ptr(12.0),
				Objections: []string{"price", " timing ", "price", ""}, Trackers: []string{"Competitor", "Pricing"},
			},
		}
		must(t, db.CreateCall(ctx, acme.ID, &c))
		want := c
		if c.ID == 0 || c.OrgID != acme.ID || c.Title != "Acme discovery" || !c.CreatedAt.Equal(t0) || !c.UpdatedAt.Equal(t0) ||
			!reflect.DeepEqual(c.SharedWith, []int64{ben.ID, cat.ID}) ||
			!reflect.DeepEqual(c.Metrics.Objections, []string{"price", "timing"}) ||
			!c.OccurredAt.Equal(time.Date(2026, 2, 27, 14, 4, 5, 123456000, time.UTC)) {
			t.Fatalf("created call = %+v", c)
		}
		got, err := db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		assertCall(t, got, want)
		// Nil metrics stay nil and zero stays zero.
		if got.Metrics.Patience != nil || got.Metrics.WordsPerMinute != nil || got.Metrics.TalkRatio == nil || *got.Metrics.TalkRatio != 0 {
			t.Errorf("metrics = %+v", got.Metrics)
		}

		// Defaults: private, nothing shared, no documents or metrics.
		bare := newCall(t, db, acme.ID, ben.ID, "Bare")
		got, err = db.Call(ctx, acme.ID, bare.ID)
		must(t, err)
		if got.Visibility != domain.VisibilityPrivate || got.SharedWith != nil || got.Transcript != nil ||
			got.Analysis != nil || !reflect.DeepEqual(got.Metrics, domain.CallMetrics{}) {
			t.Errorf("bare call = %+v", got)
		}

		// Update replaces every mutable field; the owner and creation stay.
		*now = t0.Add(time.Hour)
		upd := want
		upd.OwnerID = ben.ID
		upd.Title, upd.OccurredAt, upd.Status, upd.StatusDetail = "Acme follow-up", t0.Add(-time.Hour), domain.CallFailed, "gave up"
		upd.Visibility, upd.SharedWith, upd.Recording = domain.VisibilityTeam, []int64{ben.ID}, "recordings/1/x.mp3"
		upd.Transcript, upd.Analysis = []byte(`{"turns":[]}`), []byte(`{}`)
		upd.Metrics = domain.CallMetrics{Patience: ptr(1.5), TalkRatio: nil, Trackers: []string{"Pricing"}}
		must(t, db.UpdateCall(ctx, acme.ID, upd))
		want = upd
		want.OwnerID, want.UpdatedAt = ana.ID, *now
		got, err = db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		assertCall(t, got, want)

		// Nil documents keep the stored ones (a call from a list has none);
		// empty ones replace them.
		listed := want
		listed.Transcript, listed.Analysis, listed.SharedWith = nil, nil, nil
		must(t, db.UpdateCall(ctx, acme.ID, listed))
		got, err = db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		if string(got.Transcript) != `{"turns":[]}` || string(got.Analysis) != `{}` || got.SharedWith != nil {
			t.Errorf("after saving a listed call: transcript %q analysis %q shared %v", got.Transcript, got.Analysis, got.SharedWith)
		}
		listed.Transcript, listed.Analysis = []byte{}, []byte{}
		must(t, db.UpdateCall(ctx, acme.ID, listed))
		got, err = db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		if len(got.Transcript) != 0 || len(got.Analysis) != 0 {
			t.Errorf("after emptying: transcript %q analysis %q", got.Transcript, got.Analysis)
		}

		// Invalid calls are refused and change nothing.
		for name, edit := range map[string]func(*domain.Call){
			"no title":       func(c *domain.Call) { c.Title = " " },
			"bad visibility": func(c *domain.Call) { c.Visibility = "everyone" },
			"bad status":     func(c *domain.Call) { c.Status = "" },
			"no time":        func(c *domain.Call) { c.OccurredAt = time.Time{} },
			"NaN metric":     func(c *domain.Call) { c.Metrics.Questions = ptr(zero / zero) },
			"unknown share":  func(c *domain.Call) { c.SharedWith = []int64{424242} },
			"zero share":     func(c *domain.Call) { c.SharedWith = []int64{0} },
		} {
			bad := got
			edit(&bad)
			if err := db.UpdateCall(ctx, acme.ID, bad); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("update, %s: err = %v, want ErrInvalid", name, err)
			}
			bad.ID = 0
			if err := db.CreateCall(ctx, acme.ID, &bad); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("create, %s: err = %v, want ErrInvalid", name, err)
			}
		}
		wantErr(t, db.CreateCall(ctx, acme.ID, &domain.Call{Title: "x", OccurredAt: t0, Status: domain.CallReady}), domain.ErrInvalid)
		wantErr(t, db.CreateCall(ctx, acme.ID, &domain.Call{OwnerID: 424242, Title: "x", OccurredAt: t0, Status: domain.CallReady}), domain.ErrInvalid)
		wantErr(t, db.CreateCall(ctx, 424242, &domain.Call{OwnerID: ana.ID, Title: "x", OccurredAt: t0, Status: domain.CallReady}), domain.ErrNotFound)
		again, err := db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		assertCall(t, again, got)

		ids, err := db.CallIDs(ctx, acme.ID)
		must(t, err)
		if !reflect.DeepEqual(ids, []int64{c.ID, bare.ID}) {
			t.Errorf("CallIDs = %v", ids)
		}

		must(t, db.DeleteCall(ctx, acme.ID, c.ID))
		_, err = db.Call(ctx, acme.ID, c.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.DeleteCall(ctx, acme.ID, c.ID), domain.ErrNotFound)
		wantErr(t, db.UpdateCall(ctx, acme.ID, got), domain.ErrNotFound)
	})
}

// zero is a variable so that zero/zero is a NaN at run time.
var zero float64

func TestCallsStayInTheirOrg(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme, globex := newOrg(t, db, "acme"), newOrg(t, db, "globex")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		gina := newPerson(t, db, globex.ID, "Gina", "gina@globex.com")
		c := newCall(t, db, acme.ID, ana.ID, "Acme secrets", func(c *domain.Call) { c.Transcript = []byte(`"secret"`) })
		sn := domain.Snippet{CallID: c.ID, OwnerID: ana.ID, Start: 1, End: 2}
		must(t, db.CreateSnippet(ctx, acme.ID, &sn))

		_, err := db.Call(ctx, globex.ID, c.ID)
		wantErr(t, err, domain.ErrNotFound)
		stolen := c
		stolen.Title, stolen.Visibility, stolen.SharedWith = "Mine now", domain.VisibilityPeers, []int64{gina.ID}
		wantErr(t, db.UpdateCall(ctx, globex.ID, stolen), domain.ErrNotFound)
		wantErr(t, db.DeleteCall(ctx, globex.ID, c.ID), domain.ErrNotFound)

		// Sharing with, or owned by, someone of another organisation.
		wantErr(t, db.UpdateCall(ctx, acme.ID, stolen), domain.ErrInvalid)
		wantErr(t, db.CreateCall(ctx, acme.ID, &domain.Call{OwnerID: ana.ID, Title: "x", OccurredAt: t0,
			Status: domain.CallReady, SharedWith: []int64{gina.ID}}), domain.ErrInvalid)
		wantErr(t, db.CreateCall(ctx, acme.ID, &domain.Call{OwnerID: gina.ID, Title: "x", OccurredAt: t0,
			Status: domain.CallReady}), domain.ErrInvalid)

		// Comments and snippets across organisations.
		wantErr(t, db.AddComment(ctx, globex.ID, &domain.CallComment{CallID: c.ID, AuthorID: gina.ID, Body: "hi"}), domain.ErrNotFound)
		wantErr(t, db.AddComment(ctx, acme.ID, &domain.CallComment{CallID: c.ID, AuthorID: gina.ID, Body: "hi"}), domain.ErrInvalid)
		_, err = db.Comments(ctx, globex.ID, c.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.CreateSnippet(ctx, globex.ID, &domain.Snippet{CallID: c.ID, OwnerID: gina.ID, Start: 0, End: 1}), domain.ErrNotFound)
		wantErr(t, db.CreateSnippet(ctx, acme.ID, &domain.Snippet{CallID: c.ID, OwnerID: ana.ID, Start: 0, End: 1,
			SharedWith: []int64{gina.ID}}), domain.ErrInvalid)
		_, err = db.Snippet(ctx, globex.ID, sn.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.Snippets(ctx, globex.ID, c.ID)
		wantErr(t, err, domain.ErrNotFound)

		// Lists of the other organisation see nothing, even for the owner's id.
		for _, v := range []domain.Viewer{{PersonID: gina.ID}, {PersonID: ana.ID}} {
			calls, total, err := db.VisibleCalls(ctx, globex.ID, v, domain.CallFilter{})
			must(t, err)
			if total != 0 || len(calls) != 0 {
				t.Errorf("globex viewer %+v sees %d calls", v, total)
			}
		}
		ids, err := db.CallIDs(ctx, globex.ID)
		must(t, err)
		metrics, err := db.CallMetrics(ctx, globex.ID)
		must(t, err)
		if len(ids) != 0 || len(metrics) != 0 {
			t.Errorf("globex CallIDs %v, CallMetrics %v", ids, metrics)
		}

		got, err := db.Call(ctx, acme.ID, c.ID)
		must(t, err)
		assertCall(t, got, c)
	})
}

func TestCallMetrics(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		acme, globex := newOrg(t, db, "acme"), newOrg(t, db, "globex")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		gina := newPerson(t, db, globex.ID, "Gina", "gina@globex.com")
		m1 := domain.CallMetrics{TalkRatio: ptr(0.4), Questions: ptr(0.0), Trackers: []string{"Pricing", "Competitor"}, Objections: []string{"price"}}
		m2 := domain.CallMetrics{DurationSeconds: ptr(60.0), Objections: []string{"timing", "authority"}}
		newCall(t, db, acme.ID, ana.ID, "One", func(c *domain.Call) { c.Metrics = m1 })
		newCall(t, db, acme.ID, ana.ID, "Waiting", func(c *domain.Call) {
			c.Status, c.Metrics = domain.CallTranscribing, domain.CallMetrics{TalkRatio: ptr(0.9), Trackers: []string{"X"}}
		})
		newCall(t, db, acme.ID, ana.ID, "Two", func(c *domain.Call) { c.Metrics = m2 })
		newCall(t, db, acme.ID, ana.ID, "Failed", func(c *domain.Call) { c.Status = domain.CallFailed })
		newCall(t, db, globex.ID, gina.ID, "Elsewhere", func(c *domain.Call) { c.Metrics = m1 })

		got, err := db.CallMetrics(ctx, acme.ID)
		must(t, err)
		if want := []domain.CallMetrics{m1, m2}; !reflect.DeepEqual(got, want) {
			t.Errorf("CallMetrics = %+v, want %+v", got, want)
		}
	})
}
