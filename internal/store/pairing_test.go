package store_test

import (
	"context"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestPersonSkills(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		a, b := newOrg(t, db, "alpha"), newOrg(t, db, "bravo")
		ana := newPerson(t, db, a.ID, "Ana", emailN(1))
		ben := newPerson(t, db, a.ID, "Ben", emailN(2))
		bob := newPerson(t, db, b.ID, "Bob", emailN(3))

		got, err := db.PersonSkills(ctx, a.ID, ana.ID)
		must(t, err)
		if len(got.Scores) != 0 || got.OptOut || !got.UpdatedAt.IsZero() {
			t.Fatalf("never saved: %+v", got)
		}
		must(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: ana.ID,
			Scores: map[string]int{"discovery": 4, "demo": 2}}))
		must(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: ben.ID, Scores: map[string]int{"listening": 5}, OptOut: true}))
		// Saving again replaces: a blank criterion disappears.
		must(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: ana.ID, Scores: map[string]int{"discovery": 3}}))
		got, err = db.PersonSkills(ctx, a.ID, ana.ID)
		must(t, err)
		if len(got.Scores) != 1 || got.Scores["discovery"] != 3 || got.OptOut || !got.UpdatedAt.Equal(t0) {
			t.Errorf("after replace: %+v", got)
		}
		all, err := db.OrgSkills(ctx, a.ID)
		must(t, err)
		if len(all) != 2 || !all[ben.ID].OptOut || all[ben.ID].Scores["listening"] != 5 {
			t.Errorf("org skills: %+v", all)
		}

		// Validation and tenancy.
		wantErr(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: ana.ID, Scores: map[string]int{"demo": 6}}), domain.ErrInvalid)
		wantErr(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: ana.ID, Scores: map[string]int{"juggling": 3}}), domain.ErrInvalid)
		wantErr(t, db.SetPersonSkills(ctx, a.ID, domain.PersonSkills{PersonID: bob.ID, Scores: map[string]int{"demo": 3}}), domain.ErrNotFound)
		_, err = db.PersonSkills(ctx, b.ID, ana.ID)
		wantErr(t, err, domain.ErrNotFound)
		other, err := db.OrgSkills(ctx, b.ID)
		must(t, err)
		if len(other) != 0 {
			t.Errorf("org B sees skills of org A: %+v", other)
		}
	})
}

func TestPairingRounds(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		a, b := newOrg(t, db, "alpha"), newOrg(t, db, "bravo")
		coach := newPerson(t, db, a.ID, "Cole", emailN(1))
		p1 := newPerson(t, db, a.ID, "P1", emailN(2))
		p2 := newPerson(t, db, a.ID, "P2", emailN(3))
		p3 := newPerson(t, db, a.ID, "P3", emailN(4))
		bob := newPerson(t, db, b.ID, "Bob", emailN(5))

		r := domain.PairingRound{CreatedBy: coach.ID, ScopeKind: domain.ScopeOrg, Mode: "pairs",
			Options: []byte(`{"mode":"pairs"}`), TotalWeight: 3.5, GreedyWeight: 3, RandomWeight: 1.25,
			Result: []byte(`{"unmatched":[]}`), Pairs: []domain.PairingPair{
				{PersonA: coach.ID, PersonB: p1.ID, Weight: 2, Reasons: []string{"never paired"}},
				{PersonA: p2.ID, PersonB: p3.ID, Weight: 1.5},
			}}
		must(t, db.CreatePairingRound(ctx, a.ID, &r))
		if r.ID == 0 || r.Status != domain.RoundDraft || r.Pairs[0].ID == 0 || r.Pairs[1].RoundID != r.ID || !r.CreatedAt.Equal(t0) {
			t.Fatalf("created %+v", r)
		}
		got, err := db.PairingRound(ctx, a.ID, r.ID)
		must(t, err)
		if got.TotalWeight != 3.5 || got.RandomWeight != 1.25 || string(got.Result) != `{"unmatched":[]}` ||
			len(got.Pairs) != 2 || got.Pairs[0].Reasons[0] != "never paired" || got.Pairs[1].Reasons == nil {
			t.Errorf("read back %+v", got)
		}

		// Edit the draft: drop one pair, swap partners of the other.
		drop := got.Pairs[1]
		drop.State = domain.PairDropped
		swap := got.Pairs[0]
		swap.PersonB, swap.Reasons = p2.ID, []string{"swapped by the coach"}
		must(t, db.UpdatePairingPairs(ctx, a.ID, r.ID, []domain.PairingPair{drop, swap}))
		got, _ = db.PairingRound(ctx, a.ID, r.ID)
		if got.Pairs[1].State != domain.PairDropped || got.Pairs[0].PersonB != p2.ID {
			t.Errorf("after edit %+v", got.Pairs)
		}
		bad := got.Pairs[0]
		bad.PersonB = bob.ID
		wantErr(t, db.UpdatePairingPairs(ctx, a.ID, r.ID, []domain.PairingPair{bad}), domain.ErrInvalid)
		wantErr(t, db.UpdatePairingPairs(ctx, a.ID, r.ID, []domain.PairingPair{{ID: 999, PersonA: p1.ID, PersonB: p2.ID}}), domain.ErrNotFound)

		// Nothing is published yet, so there is no history.
		past, err := db.PastPairings(ctx, a.ID)
		must(t, err)
		if len(past) != 0 {
			t.Errorf("history of drafts: %+v", past)
		}
		*now = t0.Add(time.Hour)
		must(t, db.PublishPairingRound(ctx, a.ID, r.ID, *now))
		wantErr(t, db.PublishPairingRound(ctx, a.ID, r.ID, *now), domain.ErrConflict)
		wantErr(t, db.UpdatePairingPairs(ctx, a.ID, r.ID, []domain.PairingPair{swap}), domain.ErrConflict)
		past, err = db.PastPairings(ctx, a.ID)
		must(t, err)
		if len(past) != 1 || past[0].PersonA != coach.ID || past[0].PersonB != p2.ID || !past[0].PublishedAt.Equal(*now) {
			t.Errorf("history %+v", past)
		}

		r2 := domain.PairingRound{CreatedBy: coach.ID, ScopeKind: domain.ScopeTeam, ScopeValue: "7", Mode: "groups"}
		must(t, db.CreatePairingRound(ctx, a.ID, &r2))
		list, err := db.PairingRounds(ctx, a.ID, domain.PairingRoundFilter{})
		must(t, err)
		if len(list) != 2 || list[0].ID != r2.ID || list[1].Status != domain.RoundPublished || len(list[1].Pairs) != 2 || list[1].Result != nil {
			t.Errorf("list %+v", list)
		}
		list, _ = db.PairingRounds(ctx, a.ID, domain.PairingRoundFilter{Status: domain.RoundPublished})
		if len(list) != 1 || list[0].ID != r.ID {
			t.Errorf("published list %+v", list)
		}

		// Validation and cross-organisation isolation.
		wantErr(t, db.CreatePairingRound(ctx, a.ID, &domain.PairingRound{CreatedBy: coach.ID, ScopeKind: "planet", Mode: "pairs"}), domain.ErrInvalid)
		wantErr(t, db.CreatePairingRound(ctx, a.ID, &domain.PairingRound{CreatedBy: coach.ID, ScopeKind: "org", Mode: "pairs",
			Pairs: []domain.PairingPair{{PersonA: p1.ID, PersonB: bob.ID}}}), domain.ErrInvalid)
		wantErr(t, db.CreatePairingRound(ctx, b.ID, &domain.PairingRound{CreatedBy: coach.ID, ScopeKind: "org", Mode: "pairs"}), domain.ErrInvalid)
		_, err = db.PairingRound(ctx, b.ID, r.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.PublishPairingRound(ctx, b.ID, r2.ID, *now), domain.ErrNotFound)
		wantErr(t, db.UpdatePairingPairs(ctx, b.ID, r2.ID, nil), domain.ErrNotFound)
		if list, _ := db.PairingRounds(ctx, b.ID, domain.PairingRoundFilter{}); len(list) != 0 {
			t.Errorf("org B lists rounds of org A: %+v", list)
		}
		if past, _ := db.PastPairings(ctx, b.ID); len(past) != 0 {
			t.Errorf("org B sees history of org A: %+v", past)
		}
	})
}
