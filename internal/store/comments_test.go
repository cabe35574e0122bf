package store_test

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestComments(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		acme := newOrg(t, db, "acme")
		ana := newPerson(t, db, acme.ID, "Ana", "ana@acme.com")
		ben := newPerson(t, db, acme.ID, "Ben", "ben@acme.com")
		call := newCall(t, db, acme.ID, ana.ID, "Discovery")
		other := newCall(t, db, acme.ID, ana.ID, "Other")
		sn := domain.Snippet{CallID: call.ID, OwnerID: ana.ID, Start: 10, End: 20}
		must(t, db.CreateSnippet(ctx, acme.ID, &sn))
		otherSn := domain.Snippet{CallID: other.ID, OwnerID: ana.ID, Start: 10, End: 20}
		must(t, db.CreateSnippet(ctx, acme.ID, &otherSn))

		add := func(author domain.Person, at float64, snippetID int64, body string) domain.CallComment {
			t.Helper()
			*now = now.Add(time.Second)
			cm := domain.CallComment{CallID: call.ID, SnippetID: snippetID, AuthorID: author.ID, AtSeconds: at, Body: body}
			must(t, db.AddComment(ctx, acme.ID, &cm))
			if cm.ID == 0 || cm.OrgID != acme.ID || !cm.CreatedAt.Equal(*now) {
				t.Fatalf("added comment = %+v", cm)
			}
			return cm
		}
		c1 := add(ben, 42.5, 0, "  Nice question  ")
		c2 := add(ana, 12, sn.ID, "Here it starts")
		c3 := add(ben, 42.5, 0, "Same moment, later")
		c4 := add(ana, 0, 0, "Overall: good")
		if c1.Body != "Nice question" {
			t.Errorf("body not trimmed: %q", c1.Body)
		}

		got, err := db.Comments(ctx, acme.ID, call.ID)
		must(t, err)
		want := []domain.CallComment{c4, c2, c1, c3}
		if len(got) != len(want) {
			t.Fatalf("got %d comments, want %d", len(got), len(want))
		}
		for i := range want {
			if !got[i].CreatedAt.Equal(want[i].CreatedAt) {
				t.Errorf("comment %d created %v, want %v", i, got[i].CreatedAt, want[i].CreatedAt)
			}
			got[i].CreatedAt = want[i].CreatedAt
			if got[i] != want[i] {
				t.Errorf("comment %d:\n got  %+v\n want %+v", i, got[i], want[i])
			}
		}
		none, err := db.Comments(ctx, acme.ID, other.ID)
		must(t, err)
		if none == nil || len(none) != 0 {
			t.Errorf("comments on a call without any = %#v", none)
		}

		for name, cm := range map[string]domain.CallComment{
			"empty body":           {CallID: call.ID, AuthorID: ben.ID, Body: "  "},
			"negative time":        {CallID: call.ID, AuthorID: ben.ID, Body: "x", AtSeconds: -1},
			"NaN time":             {CallID: call.ID, AuthorID: ben.ID, Body: "x", AtSeconds: math.NaN()},
			"no author":            {CallID: call.ID, Body: "x"},
			"unknown author":       {CallID: call.ID, AuthorID: 424242, Body: "x"},
			"unknown snippet":      {CallID: call.ID, AuthorID: ben.ID, Body: "x", SnippetID: 424242},
			"other call's snippet": {CallID: call.ID, AuthorID: ben.ID, Body: "x", SnippetID: otherSn.ID},
		} {
			if err := db.AddComment(ctx, acme.ID, &cm); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: err = %v, want ErrInvalid", name, err)
			}
		}
		wantErr(t, db.AddComment(ctx, acme.ID, &domain.CallComment{CallID: 424242, AuthorID: ben.ID, Body: "x"}), domain.ErrNotFound)
		_, err = db.Comments(ctx, acme.ID, 424242)
		wantErr(t, err, domain.ErrNotFound)

		// Deleting the call deletes its comments with it.
		must(t, db.DeleteCall(ctx, acme.ID, call.ID))
		_, err = db.Comments(ctx, acme.ID, call.ID)
		wantErr(t, err, domain.ErrNotFound)
	})
}
