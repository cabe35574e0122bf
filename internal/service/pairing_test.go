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

// pairingWorld adds a coach and two more reps to org A's team and gives
// everyone in it a self-assessment with clear gaps and strengths.
func pairingWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := newWorld(t, db)
	ctx := context.Background()
	sys := service.SystemActor(w.orgA)
	for i, p := range []domain.Person{
		{Name: "Cole Coach", Email: "cole@alpha.example", Roles: domain.Roles{domain.RoleRep, domain.RoleCoach}},
		{Name: "Rhea", Email: "rhea@alpha.example"},
		{Name: "Ravi", Email: "ravi@alpha.example"},
	} {
		p.TeamID, p.ManagerID = w.teamA.ID, w.people["managerA"].ID
		p.StartDate = time.Date(2018+2*i, 1, 1, 0, 0, 0, 0, time.UTC)
		w.people[[]string{"coachA", "rep3A", "rep4A"}[i]] = must(w.svc.CreatePerson(ctx, sys, p))(t)
	}
	for key, scores := range map[string]map[string]int{
		"rep1A":  {"discovery": 1, "listening": 3},
		"coachA": {"discovery": 5, "listening": 3},
		"rep2A":  {"discovery": 3, "listening": 1},
		"rep3A":  {"discovery": 3, "listening": 5},
		"rep4A":  {"discovery": 2, "listening": 2},
	} {
		must(w.svc.SetMySkills(ctx, w.actor(t, key), scores, false))(t)
	}
	return w
}

func pairKey(v service.PairView) string {
	a, b := v.A.ID, v.B.ID
	if a > b {
		a, b = b, a
	}
	return fmt.Sprintf("%d-%d", a, b)
}

func TestMySkills(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rep := w.actor(t, "rep1A")
		got := must(w.svc.MySkills(ctx, rep))(t)
		if len(got.Scores) != 0 || got.OptOut {
			t.Errorf("fresh skills %+v", got)
		}
		got = must(w.svc.SetMySkills(ctx, rep, map[string]int{"demo": 4}, true))(t)
		if got.Scores["demo"] != 4 || !got.OptOut {
			t.Errorf("saved %+v", got)
		}
		_, err := w.svc.SetMySkills(ctx, rep, map[string]int{"demo": 0}, false)
		wantField(t, err, "skills")
		_, err = w.svc.SetMySkills(ctx, rep, map[string]int{"singing": 3}, false)
		wantField(t, err, "skills")
		_, err = w.svc.SetMySkills(ctx, service.SystemActor(w.orgA), nil, false)
		wantErr(t, err, domain.ErrForbidden)
		// Someone else's skills stay theirs.
		if other := must(w.svc.MySkills(ctx, w.actor(t, "rep2A")))(t); len(other.Scores) != 0 {
			t.Errorf("rep2A sees %+v", other)
		}
	})
}

func TestPairingRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := pairingWorld(t, db)
		ctx := context.Background()
		coach := w.actor(t, "coachA")
		req := service.PairingRequest{ScopeKind: domain.ScopeOrg, FocusSkills: []string{"discovery", "listening"},
			MinOverlapHours: 1, RepeatAfterDays: 90}

		for _, key := range []string{"rep1A", "managerA"} {
			_, err := w.svc.ProposePairing(ctx, w.actor(t, key), req)
			wantErr(t, err, domain.ErrForbidden)
		}
		for name, bad := range map[string]struct {
			req   service.PairingRequest
			field string
		}{
			"unknown skill":        {service.PairingRequest{FocusSkills: []string{"juggling"}}, "focus_skills"},
			"unknown scope":        {service.PairingRequest{ScopeKind: "galaxy"}, "scope"},
			"team of another org":  {service.PairingRequest{ScopeKind: "team", ScopeValue: fmt.Sprint(w.teamB.ID)}, "scope_value"},
			"empty region":         {service.PairingRequest{ScopeKind: "region", ScopeValue: "Atlantis"}, "scope"},
			"overlap out of range": {service.PairingRequest{MinOverlapHours: 13}, "min_overlap_hours"},
			"unrated focus skill":  {service.PairingRequest{FocusSkills: []string{"negotiation"}}, "focus_skills"},
			"unknown mode":         {service.PairingRequest{Mode: "trios"}, "mode"},
		} {
			_, err := w.svc.ProposePairing(ctx, coach, bad.req)
			if err == nil {
				t.Errorf("%s: accepted", name)
				continue
			}
			wantField(t, err, bad.field)
		}

		v := must(w.svc.ProposePairing(ctx, coach, req))(t)
		if v.Round.Status != domain.RoundDraft || !v.CanEdit || len(v.Pairs) != 2 || len(v.Unmatched) != 1 {
			t.Fatalf("proposal: %+v", v)
		}
		if v.Round.TotalWeight <= 0 || v.Round.TotalWeight+1e-9 < v.Round.GreedyWeight || v.Round.RandomWeight <= 0 {
			t.Errorf("totals optimal %v greedy %v random %v", v.Round.TotalWeight, v.Round.GreedyWeight, v.Round.RandomWeight)
		}
		for _, p := range v.Pairs {
			if len(p.Reasons) < 3 || strings.Contains(strings.Join(p.Reasons, " "), "_") {
				t.Errorf("pair %s–%s reasons %q", p.A.Name, p.B.Name, p.Reasons)
			}
		}
		if !strings.Contains(v.Pairs[0].Reasons[0], "below the team median") {
			t.Errorf("best pair's first reason %q", v.Pairs[0].Reasons[0])
		}

		// Nobody but coaches and admins sees a draft.
		for _, key := range []string{"rep1A", "managerA"} {
			_, err := w.svc.PairingRound(ctx, w.actor(t, key), v.Round.ID)
			wantErr(t, err, domain.ErrNotFound)
			if list := must(w.svc.PairingRounds(ctx, w.actor(t, key), domain.Page{}))(t); len(list) != 0 {
				t.Errorf("%s lists drafts: %+v", key, list)
			}
		}
		_, err := w.svc.PairingRound(ctx, w.actor(t, "adminB"), v.Round.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.DropPair(ctx, w.actor(t, "adminB"), v.Round.ID, v.Pairs[0].ID)
		wantErr(t, err, domain.ErrNotFound)

		// Swap partners: the engine explains each new pair.
		x, y := v.Pairs[0], v.Pairs[1]
		_, err = w.svc.SwapPartners(ctx, w.actor(t, "rep1A"), v.Round.ID, x.ID, y.ID)
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.SwapPartners(ctx, coach, v.Round.ID, x.ID, x.ID)
		wantField(t, err, "pairs")
		v = must(w.svc.SwapPartners(ctx, coach, v.Round.ID, x.ID, y.ID))(t)
		for _, p := range v.Pairs {
			want := map[int64]int64{x.ID: y.B.ID, y.ID: x.B.ID}[p.ID]
			if p.B.ID != want || p.Reasons[0] != "swapped by the coach" || len(p.Reasons) < 2 {
				t.Errorf("after swap pair %d: %+v", p.ID, p)
			}
		}

		// Drop one, publish the other.
		_, err = w.svc.DropPair(ctx, w.actor(t, "rep1A"), v.Round.ID, x.ID)
		wantErr(t, err, domain.ErrForbidden)
		v = must(w.svc.DropPair(ctx, coach, v.Round.ID, x.ID))(t)
		_, err = w.svc.SwapPartners(ctx, coach, v.Round.ID, x.ID, y.ID)
		wantField(t, err, "pairs")
		_, err = w.svc.PublishRound(ctx, w.actor(t, "managerA"), v.Round.ID)
		wantErr(t, err, domain.ErrForbidden)
		v = must(w.svc.PublishRound(ctx, w.actor(t, "adminA"), v.Round.ID))(t)
		if v.Round.Status != domain.RoundPublished || v.CanEdit || v.Round.PublishedAt.IsZero() {
			t.Errorf("published %+v", v.Round)
		}
		_, err = w.svc.PublishRound(ctx, coach, v.Round.ID)
		wantErr(t, err, domain.ErrConflict)
		_, err = w.svc.DropPair(ctx, coach, v.Round.ID, y.ID)
		wantErr(t, err, domain.ErrConflict)

		// The people in the kept pair see it with reasons; their manager
		// sees it without; the people of the dropped pair see nothing.
		var kept service.PairView
		for _, p := range v.Pairs {
			if p.ID == y.ID {
				kept = p
			}
		}
		keyOf := map[int64]string{}
		for k, p := range w.people {
			keyOf[p.ID] = k
		}
		inKept := w.actor(t, keyOf[kept.A.ID])
		seen := must(w.svc.PairingRound(ctx, inKept, v.Round.ID))(t)
		if len(seen.Pairs) != 1 || !seen.Pairs[0].Mine || seen.Pairs[0].Reasons == nil || seen.Full || len(seen.Unmatched) != 0 || seen.Round.TotalWeight != 0 {
			t.Errorf("a member of the pair sees %+v", seen)
		}
		mgr := must(w.svc.PairingRound(ctx, w.actor(t, "managerA"), v.Round.ID))(t)
		if len(mgr.Pairs) != 1 || mgr.Pairs[0].Reasons != nil {
			t.Errorf("the manager sees %+v", mgr.Pairs)
		}
		for _, id := range []int64{x.A.ID, y.B.ID} { // the dropped pair after the swap
			if id == kept.A.ID || id == kept.B.ID || id == coach.Person.ID { // coaches see every round
				continue
			}
			_, err := w.svc.PairingRound(ctx, w.actor(t, keyOf[id]), v.Round.ID)
			wantErr(t, err, domain.ErrNotFound)
		}
		if list := must(w.svc.PairingRounds(ctx, inKept, domain.Page{}))(t); len(list) != 1 {
			t.Errorf("history of a member: %d rounds", len(list))
		}

		// History feeds the rotation rule: 40 days on (past the 30 days a
		// pairing keeps someone at capacity) the pair is not proposed
		// again inside the 90-day window.
		w.clock.Advance(40 * 24 * time.Hour)
		again := must(w.svc.ProposePairing(ctx, coach, req))(t)
		for _, p := range again.Pairs {
			if pairKey(p) == pairKey(kept) {
				t.Errorf("the published pair %s–%s was proposed again within 90 days", p.A.Name, p.B.Name)
			}
		}
		list := must(w.svc.PairingRounds(ctx, coach, domain.Page{}))(t)
		if len(list) != 2 || list[0].Round.ID != again.Round.ID {
			t.Errorf("coach history: %d rounds", len(list))
		}

		// An opted-out person is left out, with the reason.
		must(w.svc.SetMySkills(ctx, w.actor(t, "rep4A"), map[string]int{"discovery": 2}, true))(t)
		third := must(w.svc.ProposePairing(ctx, coach, service.PairingRequest{ScopeKind: "team", ScopeValue: fmt.Sprint(w.teamA.ID), Mode: "groups"}))(t)
		found := false
		for _, u := range third.Unmatched {
			found = found || (u.Person.ID == w.people["rep4A"].ID && u.Reason == "opted out")
		}
		if !found || len(third.Groups) == 0 {
			t.Errorf("groups round: groups %+v unmatched %+v", third.Groups, third.Unmatched)
		}
	})
}
