package service

import (
	"context"
	"slices"

	"huddle/internal/domain"
)

// oneChallengeEach refuses a second challenge from the same member in a
// session: the micro-coaching breakout takes one challenge each, so that
// every member gets their share of the few minutes.
func (s *Service) oneChallengeEach(ctx context.Context, a Actor, sessionID int64) error {
	items, err := s.store.SessionItems(ctx, a.Org.ID, sessionID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(items, func(it domain.SessionItem) bool { return it.Kind == domain.ItemChallenge && it.PersonID == a.Person.ID }) {
		return &domain.Error{Kind: domain.ErrConflict, Field: "kind",
			Message: "you have brought your challenge to this session already; take it back to bring another"}
	}
	return nil
}

// SetItemNote records the group's notes on an item — the responses to an
// objection, what a story teaches (members).
func (s *Service) SetItemNote(ctx context.Context, a Actor, sessionID, itemID int64, note string) error {
	if _, _, err := s.memberSession(ctx, a, sessionID); err != nil {
		return err
	}
	return s.store.SetItemNote(ctx, a.Org.ID, sessionID, itemID, note)
}

// ActionInput is a follow-up agreed in a session.
type ActionInput struct {
	OwnerID int64 // 0: the actor; 0 with ItemID: the item's owner
	ItemID  int64 // the item (a deal) it came from; 0 when none
	Text    string
}

// AddAction records a follow-up for a member, optionally tied to an item
// of the session — the deal a clinic member leaves with action items on
// (members).
func (s *Service) AddAction(ctx context.Context, a Actor, sessionID int64, in ActionInput) (domain.ActionItem, error) {
	_, g, err := s.memberSession(ctx, a, sessionID)
	if err != nil {
		return domain.ActionItem{}, err
	}
	if in.ItemID != 0 {
		items, err := s.store.SessionItems(ctx, a.Org.ID, sessionID)
		if err != nil {
			return domain.ActionItem{}, err
		}
		i := slices.IndexFunc(items, func(it domain.SessionItem) bool { return it.ID == in.ItemID })
		if i < 0 {
			return domain.ActionItem{}, domain.Invalid("item_id", "choose a deal brought to this session")
		}
		if in.OwnerID == 0 {
			in.OwnerID = items[i].PersonID
		}
	}
	if in.OwnerID == 0 {
		in.OwnerID = a.Person.ID
	}
	if !isActiveMember(g, in.OwnerID) {
		return domain.ActionItem{}, domain.Invalid("owner_id", "action items are for members")
	}
	it := domain.ActionItem{SessionID: sessionID, OwnerID: in.OwnerID, ItemID: in.ItemID, Text: in.Text}
	err = s.store.AddActionItem(ctx, a.Org.ID, &it)
	return it, err
}

// fillSpecifics adds what the session's ritual brings to its run sheet:
// action items under the deals they came from, who has not yet brought a
// challenge or left with an action item, and the skill swap.
func (s *Service) fillSpecifics(ctx context.Context, a Actor, v *SessionView, names func(int64) PersonRef) error {
	byItem := map[int64][]ActionView{}
	for _, av := range v.Actions {
		if av.ItemID != 0 {
			byItem[av.ItemID] = append(byItem[av.ItemID], av)
		}
	}
	hasChallenge := map[int64]bool{}
	for i := range v.Items {
		it := &v.Items[i]
		it.Actions = byItem[it.ID]
		if it.Kind == domain.ItemDeal && len(it.Actions) == 0 {
			v.DealsWithoutActions = append(v.DealsWithoutActions, it.DealName)
		}
		hasChallenge[it.PersonID] = hasChallenge[it.PersonID] || it.Kind == domain.ItemChallenge
	}
	v.OneChallengeEach = slices.ContainsFunc(v.Session.Agenda, func(it domain.AgendaItem) bool { return it.Kind == domain.AgendaChallenge })
	if v.OneChallengeEach {
		for _, m := range v.Members {
			if !hasChallenge[m.ID] {
				v.WithoutChallenge = append(v.WithoutChallenge, m)
			}
		}
	}
	if !isSkillSwap(v.Template, v.Session) {
		return nil
	}
	swap, err := s.skillSwapView(ctx, a, v.Group, v.Session, names)
	v.Swap = swap
	return err
}

// ItemsOf returns the session's items of the given kinds, in order.
func (v SessionView) ItemsOf(kinds ...string) []ItemView {
	var out []ItemView
	for _, it := range v.Items {
		if slices.Contains(kinds, it.Kind) {
			out = append(out, it)
		}
	}
	return out
}

// HasAgenda reports whether the run sheet has an item of the given kind.
func (v SessionView) HasAgenda(kind string) bool {
	return slices.ContainsFunc(v.Agenda, func(l AgendaLine) bool { return l.Kind == kind })
}

// TopicList is a session's challenges, objections or stories, for the run
// sheet to show under the agenda item they belong to.
type TopicList struct {
	SessionID int64
	Kind      string
	Items     []ItemView
}

// Topics returns the session's items of one text kind.
func (v SessionView) Topics(kind string) TopicList {
	return TopicList{SessionID: v.Session.ID, Kind: kind, Items: v.ItemsOf(kind)}
}
