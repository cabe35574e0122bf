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

// assertSnippets compares snippets: times with Equal, the rest deeply.
func assertSnippets(t *testing.T, got, want []domain.Snippet) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d snippets %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range want {
		g := got[i]
		if !g.CreatedAt.Equal(want[i].CreatedAt) || g.CreatedAt.Location() != time.UTC {
			t.Errorf("snippet %d created %v, want %v", i, g.CreatedAt, want[i].CreatedAt)
		}
		g.CreatedAt = want[i].CreatedAt
		if !reflect.DeepEqual(g, want[i]) {
			t.Errorf("snippet %d:\n got  %+v\n want %+v", i, g, want[i])
		}
	}
}

func TestSnippets(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		cat := newPerson(t, db, acme.ID, "Cat", "cat@acme.com")
		call := newCall(t, db, acme.ID, ana.ID, "Discovery")
		other := newCall(t, db, acme.ID, ben.ID, "Other")

		create := func(callID, owner int64, title string, start, end float64, shared ...int64) domain.Snippet {
			t.Helper()
			*now = now.Add(time.Minute)
			s := domain.Snippet{CallID: callID, OwnerID: owner, Title: title, Start: start, End: end, SharedWith: shared}
			must(t, db.CreateSnippet(ctx, acme.ID, &s))
			if s.ID == 0 || s.OrgID != acme.ID || !s.CreatedAt.Equal(*now) {
				t.Fatalf("created snippet = %+v", s)
			}
			return s
		}
		late := create(call.ID, ana.ID, " The close ", 300, 330.5, cat.ID, ben.ID, cat.ID)
		early := create(call.ID, ana.ID, "Opening", 0, 12.25)
		forBen := create(other.ID, ben.ID, "Ben's pitch", 5, 6, ana.ID)
		if late.Title != "The close" || !reflect.DeepEqual(late.SharedWith, []int64{ben.ID, cat.ID}) || early.SharedWith != nil {
			t.Errorf("normalised: %+v, %+v", late, early)
		}

		got, err := db.Snippet(ctx, acme.ID, late.ID)
		must(t, err)
		assertSnippets(t, []domain.Snippet{got}, []domain.Snippet{late})
		list, err := db.Snippets(ctx, acme.ID, call.ID)
		must(t, err)
		assertSnippets(t, list, []domain.Snippet{early, late})
		list, err = db.Snippets(ctx, acme.ID, other.ID)
		must(t, err)
		assertSnippets(t, list, []domain.Snippet{forBen})

		// Shared with: newest first, nothing for people left out.
		shared := create(call.ID, ana.ID, "Objection", 100, 110, ben.ID)
		list, err = db.SnippetsSharedWith(ctx, acme.ID, ben.ID)
		must(t, err)
		assertSnippets(t, list, []domain.Snippet{shared, late})
		list, err = db.SnippetsSharedWith(ctx, acme.ID, ana.ID)
		must(t, err)
		assertSnippets(t, list, []domain.Snippet{forBen})
		list, err = db.SnippetsSharedWith(ctx, acme.ID, 424242)
		must(t, err)
		if list == nil || len(list) != 0 {
			t.Errorf("shared with nobody = %#v", list)
		}

		for name, s := range map[string]domain.Snippet{
			"negative start": {CallID: call.ID, OwnerID: ana.ID, Start: -1, End: 2},
			"empty range":    {CallID: call.ID, OwnerID: ana.ID, Start: 2, End: 2},
			"backwards":      {CallID: call.ID, OwnerID: ana.ID, Start: 3, End: 2},
			"no owner":       {CallID: call.ID, Start: 0, End: 2},
			"unknown owner":  {CallID: call.ID, OwnerID: 424242, Start: 0, End: 2},
			"unknown share":  {CallID: call.ID, OwnerID: ana.ID, Start: 0, End: 2, SharedWith: []int64{424242}},
		} {
			if err := db.CreateSnippet(ctx, acme.ID, &s); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", name, err)
			}
		}
		wantErr(t, db.CreateSnippet(ctx, acme.ID, &domain.Snippet{CallID: 424242, OwnerID: ana.ID, Start: 0, End: 1}), domain.ErrNotFound)
		_, err = db.Snippet(ctx, acme.ID, 424242)
		wantErr(t, err, domain.ErrNotFound)
		_, err = db.Snippets(ctx, acme.ID, 424242)
		wantErr(t, err, domain.ErrNotFound)

		// Deleting a call deletes its snippets and their shares.
		must(t, db.DeleteCall(ctx, acme.ID, call.ID))
		_, err = db.Snippet(ctx, acme.ID, late.ID)
		wantErr(t, err, domain.ErrNotFound)
		list, err = db.SnippetsSharedWith(ctx, acme.ID, ben.ID)
		must(t, err)
		assertSnippets(t, list, []domain.Snippet{})
	})
}
