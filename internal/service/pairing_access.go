package service

import (
	"context"
	"encoding/json"
	"fmt"

	"huddle/internal/domain"
)

// The access rules for pairing live here and only here:
//
//   - coaches and administrators propose, edit (drop, swap) and publish
//     rounds, and see every round of the organisation with its totals,
//     reasons and the people left out;
//   - everyone else sees published rounds only, and in them only the pairs
//     (or groups) they are in; a manager also sees the pairs and groups of
//     their team and of their reports;
//   - the reasons quote self-assessed gaps, so they reach only coaches,
//     administrators and the people in the pair (or group);
//   - a round someone may not see is "not found", as is one of another
//     organisation.

// canRunPairing reports whether the actor runs pairing rounds.
func canRunPairing(a Actor) bool { return a.Has(domain.RoleCoach) || a.IsAdmin() }

// requirePairing is the one place the "coaches and admins only" rule is spelled out.
func requirePairing(a Actor, what string) error {
	if !canRunPairing(a) {
		return domain.Forbidden("only coaches and administrators can %s", what)
	}
	return nil
}

// PersonRef names a person in a view.
type PersonRef struct {
	ID   int64
	Name string
}

// PairView is one pair as the viewer may see it.
type PairView struct {
	ID      int64
	A, B    PersonRef
	Weight  float64
	Reasons []string // nil when the viewer may not read them
	State   string
	Mine    bool // the viewer is in the pair
}

// GroupView is one group as the viewer may see it.
type GroupView struct {
	Members []PersonRef
	Weight  float64
	Slot    string
	Hours   float64
	Reasons []string // nil when the viewer may not read them
	Mine    bool
}

// UnmatchedView is someone the round left out, and why.
type UnmatchedView struct {
	Person PersonRef
	Reason string
}

// PairingRoundView is a round as the viewer may see it. Full is set for
// coaches and administrators: only they get totals, reasons of others and
// the people left out.
type PairingRoundView struct {
	Round      domain.PairingRound // without Pairs and Result
	Request    PairingRequest
	ScopeLabel string
	CreatedBy  PersonRef
	MeetingDay string
	Pairs      []PairView
	Groups     []GroupView
	Unmatched  []UnmatchedView
	// CurrentWeight sums the pairs still proposed, after the coach's edits.
	CurrentWeight float64
	Full          bool
	CanEdit       bool // Full and still a draft
}

// PairingRound returns one round as the actor may see it.
func (s *Service) PairingRound(ctx context.Context, a Actor, id int64) (PairingRoundView, error) {
	r, err := s.store.PairingRound(ctx, a.Org.ID, id)
	if err != nil {
		return PairingRoundView{}, err
	}
	dir, err := s.directory(ctx, a.Org.ID)
	if err != nil {
		return PairingRoundView{}, err
	}
	v, err := s.roundView(a, r, dir)
	if err != nil {
		return PairingRoundView{}, err
	}
	if !v.Full && len(v.Pairs) == 0 && len(v.Groups) == 0 {
		return PairingRoundView{}, domain.NotFound("pairing round")
	}
	return v, nil
}

// PairingRounds lists the rounds the actor may see, newest first: every
// round for coaches and administrators, otherwise the published rounds
// with a pair or group the actor may see.
func (s *Service) PairingRounds(ctx context.Context, a Actor, page domain.Page) ([]PairingRoundView, error) {
	f := domain.PairingRoundFilter{Page: page}
	if !canRunPairing(a) {
		f.Status = domain.RoundPublished
	}
	rounds, err := s.store.PairingRounds(ctx, a.Org.ID, f)
	if err != nil {
		return nil, err
	}
	dir, err := s.directory(ctx, a.Org.ID)
	if err != nil {
		return nil, err
	}
	var out []PairingRoundView
	for _, r := range rounds {
		if r.Mode == "groups" { // groups live in the result document
			if r, err = s.store.PairingRound(ctx, a.Org.ID, r.ID); err != nil {
				return nil, err
			}
		}
		v, err := s.roundView(a, r, dir)
		if err != nil {
			return nil, err
		}
		if v.Full || len(v.Pairs) > 0 || len(v.Groups) > 0 {
			out = append(out, v)
		}
	}
	return out, nil
}

// roundView applies the access rules to a round.
func (s *Service) roundView(a Actor, r domain.PairingRound, dir directory) (PairingRoundView, error) {
	full := canRunPairing(a)
	if !full && r.Status != domain.RoundPublished {
		return PairingRoundView{}, domain.NotFound("pairing round")
	}
	v := PairingRoundView{Full: full, CanEdit: full && r.Status == domain.RoundDraft, CreatedBy: ref(dir, r.CreatedBy)}
	if err := json.Unmarshal(r.Options, &v.Request); err != nil {
		return v, fmt.Errorf("pairing round %d: options: %w", r.ID, err)
	}
	var doc roundDoc
	if len(r.Result) > 0 {
		if err := json.Unmarshal(r.Result, &doc); err != nil {
			return v, fmt.Errorf("pairing round %d: result: %w", r.ID, err)
		}
	}
	v.MeetingDay = doc.MeetingDay
	v.ScopeLabel = scopeLabel(r.ScopeKind, r.ScopeValue, dir)
	for _, p := range r.Pairs {
		if p.State == domain.PairProposed {
			v.CurrentWeight += p.Weight
		}
		mine := a.Person.ID != 0 && (p.PersonA == a.Person.ID || p.PersonB == a.Person.ID)
		if !full && (p.State != domain.PairProposed || !(mine || manages(a, dir, p.PersonA, p.PersonB))) {
			continue
		}
		pv := PairView{ID: p.ID, A: ref(dir, p.PersonA), B: ref(dir, p.PersonB), Weight: p.Weight, State: p.State, Mine: mine}
		if full || mine {
			pv.Reasons = p.Reasons
		}
		v.Pairs = append(v.Pairs, pv)
	}
	for _, g := range doc.Groups {
		mine := a.Person.ID != 0 && containsID(g.Members, a.Person.ID)
		if !full && !mine && !manages(a, dir, g.Members...) {
			continue
		}
		gv := GroupView{Weight: g.Weight, Slot: g.Slot, Hours: g.Hours, Mine: mine}
		for _, m := range g.Members {
			gv.Members = append(gv.Members, ref(dir, m))
		}
		if full || mine {
			gv.Reasons = g.Reasons
		}
		v.Groups = append(v.Groups, gv)
	}
	if full {
		for _, u := range doc.Unmatched {
			v.Unmatched = append(v.Unmatched, UnmatchedView{Person: ref(dir, u.PersonID), Reason: u.Reason})
		}
		v.Round = r
	} else {
		v.Round = r
		v.Round.TotalWeight, v.Round.GreedyWeight, v.Round.RandomWeight = 0, 0, 0
		v.CurrentWeight = 0
	}
	v.Round.Pairs, v.Round.Result = nil, nil
	return v, nil
}

// manages reports whether the actor is a manager of one of the people: of
// their team or their direct manager.
func manages(a Actor, dir directory, ids ...int64) bool {
	if !a.Person.Roles.Has(domain.RoleManager) {
		return false
	}
	for _, id := range ids {
		p := dir.byID[id]
		if p.ManagerID == a.Person.ID || (a.Person.TeamID != 0 && p.TeamID == a.Person.TeamID) {
			return true
		}
	}
	return false
}

func ref(dir directory, id int64) PersonRef {
	p, ok := dir.byID[id]
	if !ok {
		return PersonRef{ID: id, Name: fmt.Sprintf("person %d", id)}
	}
	return PersonRef{ID: id, Name: p.Name}
}

// scopeLabel says who a round was for: "the whole organisation", "team
// EMEA Enterprise", "region EMEA".
func scopeLabel(kind, value string, dir directory) string {
	switch kind {
	case domain.ScopeTeam:
		for _, t := range dir.teams {
			if fmt.Sprint(t.ID) == value {
				return "team " + t.Name
			}
		}
		return "a former team"
	case domain.ScopeRegion:
		return "region " + value
	}
	return "the whole organisation"
}

// CanRunPairing reports whether the actor may propose and publish pairing
// rounds, so that pages offer the controls only to them.
func (s *Service) CanRunPairing(a Actor) bool { return canRunPairing(a) }
