package service

import (
	"context"
	"fmt"
	"strconv"

	"huddle/internal/domain"
	"huddle/internal/pairing"
)

// editableRound loads a draft round for a coach or administrator to edit.
func (s *Service) editableRound(ctx context.Context, a Actor, roundID int64, what string) (domain.PairingRound, error) {
	if err := requirePairing(a, what); err != nil {
		return domain.PairingRound{}, err
	}
	r, err := s.store.PairingRound(ctx, a.Org.ID, roundID)
	if err != nil {
		return domain.PairingRound{}, err
	}
	if r.Status != domain.RoundDraft {
		return domain.PairingRound{}, &domain.Error{Kind: domain.ErrConflict, Message: "this round is published and can no longer change"}
	}
	return r, nil
}

func findPair(r domain.PairingRound, id int64) (domain.PairingPair, bool) {
	for _, p := range r.Pairs {
		if p.ID == id {
			return p, true
		}
	}
	return domain.PairingPair{}, false
}

// DropPair takes a proposed pair out of a draft round; it is not published.
func (s *Service) DropPair(ctx context.Context, a Actor, roundID, pairID int64) (PairingRoundView, error) {
	r, err := s.editableRound(ctx, a, roundID, "drop pairs")
	if err != nil {
		return PairingRoundView{}, err
	}
	p, ok := findPair(r, pairID)
	if !ok {
		return PairingRoundView{}, domain.NotFound("pair")
	}
	p.State = domain.PairDropped
	if err := s.store.UpdatePairingPairs(ctx, a.Org.ID, r.ID, []domain.PairingPair{p}); err != nil {
		return PairingRoundView{}, fmt.Errorf("drop pair: %w", err)
	}
	return s.PairingRound(ctx, a, r.ID)
}

// SwapPartners exchanges the partners of two proposed pairs of a draft
// round: (a, b) and (c, d) become (a, d) and (c, b). Each new pair's
// weight and reasons come from the engine itself: it runs again on the
// round's roster and options with everyone but the two opted out, so its
// explanation is exactly the one it would give (the medians still count
// everyone). The reasons start with "swapped by the coach"; a pair the
// engine would not make (no shared hours, paired too recently) gets weight
// 0 and the engine's reason.
func (s *Service) SwapPartners(ctx context.Context, a Actor, roundID, pairX, pairY int64) (PairingRoundView, error) {
	r, err := s.editableRound(ctx, a, roundID, "swap partners")
	if err != nil {
		return PairingRoundView{}, err
	}
	if r.Mode != string(pairing.ModePairs) {
		return PairingRoundView{}, domain.Invalid("pairs", "partners can be swapped in rounds of pairs only")
	}
	if pairX == pairY {
		return PairingRoundView{}, domain.Invalid("pairs", "choose two different pairs")
	}
	x, okX := findPair(r, pairX)
	y, okY := findPair(r, pairY)
	if !okX || !okY {
		return PairingRoundView{}, domain.NotFound("pair")
	}
	if x.State != domain.PairProposed || y.State != domain.PairProposed {
		return PairingRoundView{}, domain.Invalid("pairs", "a dropped pair cannot be swapped")
	}
	x.PersonB, y.PersonB = y.PersonB, x.PersonB
	dir, err := s.directory(ctx, a.Org.ID)
	if err != nil {
		return PairingRoundView{}, err
	}
	v, err := s.roundView(a, r, dir)
	if err != nil {
		return PairingRoundView{}, err
	}
	for _, p := range []*domain.PairingPair{&x, &y} {
		if p.Weight, p.Reasons, err = s.explainPair(ctx, a.Org.ID, v.Request, dir, p.PersonA, p.PersonB); err != nil {
			return PairingRoundView{}, err
		}
	}
	if err := s.store.UpdatePairingPairs(ctx, a.Org.ID, r.ID, []domain.PairingPair{x, y}); err != nil {
		return PairingRoundView{}, fmt.Errorf("swap partners: %w", err)
	}
	return s.PairingRound(ctx, a, r.ID)
}

// explainPair asks the engine for the weight and reasons of pairing a
// and b under the round's request.
func (s *Service) explainPair(ctx context.Context, orgID int64, req PairingRequest, dir directory, a, b int64) (float64, []string, error) {
	in, err := s.pairingInput(ctx, orgID, req, dir, []int64{a, b})
	if err != nil {
		return 0, nil, err
	}
	idA, idB := strconv.FormatInt(a, 10), strconv.FormatInt(b, 10)
	for i := range in.People {
		if id := in.People[i].ID; id != idA && id != idB {
			in.People[i].OptOut = true
		}
	}
	in.Options.Mode = pairing.ModePairs
	res, err := pairing.Propose(in)
	if err != nil {
		return 0, nil, fmt.Errorf("explain pair: %w", err)
	}
	if len(res.Pairs) == 1 {
		return res.Pairs[0].Weight, append([]string{"swapped by the coach"}, labelReasons(res.Pairs[0].Reasons)...), nil
	}
	reasons := []string{"swapped by the coach"}
	for _, u := range res.Unmatched {
		if u.ID == idA || u.ID == idB {
			reasons = append(reasons, fmt.Sprintf("Huddle would not pair them (%s: %s)", ref(dir, personID(u.ID)).Name, u.Reason))
			break
		}
	}
	return 0, reasons, nil
}

// PublishRound publishes a draft round: its proposed pairs (dropped ones
// excluded) become visible to the people in them and their managers, and
// count from now on in the rotation rule.
func (s *Service) PublishRound(ctx context.Context, a Actor, roundID int64) (PairingRoundView, error) {
	r, err := s.editableRound(ctx, a, roundID, "publish pairs")
	if err != nil {
		return PairingRoundView{}, err
	}
	if err := s.store.PublishPairingRound(ctx, a.Org.ID, r.ID, s.now()); err != nil {
		return PairingRoundView{}, fmt.Errorf("publish round: %w", err)
	}
	return s.PairingRound(ctx, a, r.ID)
}
