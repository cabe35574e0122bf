package service

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"huddle/internal/domain"
	"huddle/internal/pairing"
)

// PairingRequest is what a coach asks for: pairs (or groups) of the
// people in a scope, around focus skills, with the engine's options.
type PairingRequest struct {
	ScopeKind       string   `json:"scope"`       // domain.ScopeOrg, ScopeTeam or ScopeRegion
	ScopeValue      string   `json:"scope_value"` // a team ID or a region; empty for the org
	Mode            string   `json:"mode"`        // "pairs" (default) or "groups"
	FocusSkills     []string `json:"focus_skills"`
	Prefer          string   `json:"prefer"` // "none" (default), "cross_region" or "cross_team"
	MinOverlapHours float64  `json:"min_overlap_hours"`
	RepeatAfterDays int      `json:"repeat_after_days"`
	// Date is the round's day (YYYY-MM-DD), set by ProposePairing.
	Date string `json:"date,omitempty"`
}

// Limits on a request.
const (
	maxOverlapHours = 12
	maxRepeatDays   = 3650
	// exhaustiveUpTo is the pool size up to which every eligible pair is a
	// candidate, so the matching is the true optimum.
	exhaustiveUpTo = 300
)

// normalize checks the request and fills defaults.
func (s *Service) normalize(ctx context.Context, a Actor, r *PairingRequest) error {
	r.ScopeKind, r.ScopeValue = strings.TrimSpace(r.ScopeKind), strings.TrimSpace(r.ScopeValue)
	switch r.ScopeKind {
	case "", domain.ScopeOrg:
		r.ScopeKind, r.ScopeValue = domain.ScopeOrg, ""
	case domain.ScopeTeam:
		id, err := strconv.ParseInt(r.ScopeValue, 10, 64)
		if err != nil {
			return domain.Invalid("scope_value", "choose a team")
		}
		if _, err := s.store.Team(ctx, a.Org.ID, id); err != nil {
			return domain.Invalid("scope_value", "there is no such team in this organisation")
		}
	case domain.ScopeRegion:
		if r.ScopeValue == "" {
			return domain.Invalid("scope_value", "choose a region")
		}
	default:
		return domain.Invalid("scope", "use org, team or region")
	}
	switch r.Mode {
	case "":
		r.Mode = string(pairing.ModePairs)
	case string(pairing.ModePairs), string(pairing.ModeGroups):
	default:
		return domain.Invalid("mode", "use pairs or groups")
	}
	switch r.Prefer {
	case "":
		r.Prefer = string(pairing.PreferNone)
	case string(pairing.PreferNone), string(pairing.PreferCrossRegion), string(pairing.PreferCrossTeam):
	default:
		return domain.Invalid("prefer", "use none, cross_region or cross_team")
	}
	seen := map[string]bool{}
	for _, k := range r.FocusSkills {
		if !domain.IsCriterion(k) {
			return domain.Invalid("focus_skills", "unknown skill %q", k)
		}
		if seen[k] {
			return domain.Invalid("focus_skills", "%s is listed twice", domain.CriterionLabel(k))
		}
		seen[k] = true
	}
	if math.IsNaN(r.MinOverlapHours) || r.MinOverlapHours < 0 || r.MinOverlapHours > maxOverlapHours {
		return domain.Invalid("min_overlap_hours", "use 0 to %d hours", maxOverlapHours)
	}
	if r.RepeatAfterDays < 0 || r.RepeatAfterDays > maxRepeatDays {
		return domain.Invalid("repeat_after_days", "use 0 to %d days", maxRepeatDays)
	}
	return nil
}

// ProposePairing runs the pairing engine for the people in the request's
// scope and stores the proposal as a draft round. Coaches and admins only.
//
// The roster is every active person with the rep or coach role in the
// scope (managers and admins who are neither are not peers to pair), with
// their time zone, working hours, start date (the day they were added when
// unknown), team, region, self-assessed skills, a capacity of 1 and their
// opt-out. History is every published pair of the organisation, dated by
// its round's publication: people paired in the last 30 days are at
// capacity, and pairs inside RepeatAfterDays are not proposed again.
func (s *Service) ProposePairing(ctx context.Context, a Actor, req PairingRequest) (PairingRoundView, error) {
	if err := requirePairing(a, "propose pairs"); err != nil {
		return PairingRoundView{}, err
	}
	if a.Person.ID == 0 {
		return PairingRoundView{}, domain.Forbidden("pairing rounds are proposed by a signed-in coach or admin")
	}
	if err := s.normalize(ctx, a, &req); err != nil {
		return PairingRoundView{}, err
	}
	now := s.now().UTC()
	req.Date = now.Format(domain.DateLayout)
	dir, err := s.directory(ctx, a.Org.ID)
	if err != nil {
		return PairingRoundView{}, err
	}
	in, err := s.pairingInput(ctx, a.Org.ID, req, dir, nil)
	if err != nil {
		return PairingRoundView{}, err
	}
	res, err := pairing.Propose(in)
	if err != nil {
		return PairingRoundView{}, domain.Invalid("options", "%s", err.Error())
	}
	round := domain.PairingRound{CreatedBy: a.Person.ID, ScopeKind: req.ScopeKind, ScopeValue: req.ScopeValue,
		Mode: req.Mode, Status: domain.RoundDraft, TotalWeight: res.TotalWeight, GreedyWeight: res.GreedyWeight,
		RandomWeight: res.RandomBaseline}
	if req.Mode == string(pairing.ModePairs) {
		round.RandomWeight = randomPairsBaseline(in)
	}
	for _, p := range res.Pairs {
		round.Pairs = append(round.Pairs, domain.PairingPair{PersonA: personID(p.A), PersonB: personID(p.B),
			Weight: p.Weight, Reasons: labelReasons(p.Reasons)})
	}
	doc := roundDoc{Date: res.Date, MeetingDay: res.MeetingDay, UpperBound: res.UpperBound,
		People: res.Stats.People, Available: res.Stats.Available}
	for _, g := range res.Groups {
		gd := groupDoc{Weight: g.Weight, Slot: g.Slot, Hours: g.Hours, Reasons: labelReasons(g.Reasons)}
		for _, m := range g.Members {
			gd.Members = append(gd.Members, personID(m))
		}
		doc.Groups = append(doc.Groups, gd)
	}
	for _, u := range res.Unmatched {
		doc.Unmatched = append(doc.Unmatched, unmatchedDoc{PersonID: personID(u.ID), Reason: u.Reason})
	}
	if round.Options, err = json.Marshal(req); err != nil {
		return PairingRoundView{}, err
	}
	if round.Result, err = json.Marshal(doc); err != nil {
		return PairingRoundView{}, err
	}
	if err := s.store.CreatePairingRound(ctx, a.Org.ID, &round); err != nil {
		return PairingRoundView{}, fmt.Errorf("store pairing round: %w", err)
	}
	return s.roundView(a, round, dir)
}

// roundDoc is the part of the engine's answer kept in a round's result.
type roundDoc struct {
	Date       string         `json:"date"`
	MeetingDay string         `json:"meeting_day"`
	Groups     []groupDoc     `json:"groups,omitempty"`
	Unmatched  []unmatchedDoc `json:"unmatched,omitempty"`
	UpperBound float64        `json:"upper_bound,omitempty"`
	People     int            `json:"people"`
	Available  int            `json:"available"`
}

type groupDoc struct {
	Members []int64  `json:"members"`
	Weight  float64  `json:"weight"`
	Slot    string   `json:"slot"`
	Hours   float64  `json:"slot_hours"`
	Reasons []string `json:"reasons"`
}

type unmatchedDoc struct {
	PersonID int64  `json:"person_id"`
	Reason   string `json:"reason"`
}

// pairingInput builds the engine's input for the request from the
// people in scope; extra people (by ID) join even when outside it.
func (s *Service) pairingInput(ctx context.Context, orgID int64, req PairingRequest, dir directory, extra []int64) (pairing.Input, error) {
	skills, err := s.store.OrgSkills(ctx, orgID)
	if err != nil {
		return pairing.Input{}, err
	}
	past, err := s.store.PastPairings(ctx, orgID)
	if err != nil {
		return pairing.Input{}, err
	}
	day, err := time.Parse(domain.DateLayout, req.Date)
	if err != nil {
		return pairing.Input{}, fmt.Errorf("round date %q: %w", req.Date, err)
	}
	in := pairing.Input{Options: pairing.DefaultOptions()}
	o := &in.Options
	o.Mode, o.Prefer, o.Date = pairing.Mode(req.Mode), pairing.Preference(req.Prefer), day
	o.MinOverlapHours, o.RepeatAfterDays = req.MinOverlapHours, req.RepeatAfterDays
	included := map[int64]bool{}
	for _, p := range dir.people {
		if !(inScope(p, req, dir) || containsID(extra, p.ID)) {
			continue
		}
		included[p.ID] = true
		in.People = append(in.People, enginePerson(p, dir, skills[p.ID]))
	}
	if len(in.People) < 2 {
		return pairing.Input{}, domain.Invalid("scope", "there are fewer than two active reps and coaches in this scope")
	}
	scored := map[string]bool{}
	for _, p := range in.People {
		for k := range p.Skills {
			scored[k] = true
		}
	}
	for _, k := range req.FocusSkills {
		if !scored[k] {
			return pairing.Input{}, domain.Invalid("focus_skills",
				"no one in this scope has rated themselves on %s yet", strings.ToLower(domain.CriterionLabel(k)))
		}
		o.Skills = append(o.Skills, k)
	}
	for _, h := range past {
		if included[h.PersonA] && included[h.PersonB] {
			in.History = append(in.History, pairing.Pairing{A: strconv.FormatInt(h.PersonA, 10),
				B: strconv.FormatInt(h.PersonB, 10), Date: h.PublishedAt})
		}
	}
	o.Exhaustive = len(in.People) <= exhaustiveUpTo
	return in, nil
}

// inScope reports whether an active peer (rep or coach) is in the scope.
func inScope(p domain.Person, req PairingRequest, dir directory) bool {
	if !p.Active || !(p.Roles.Has(domain.RoleRep) || p.Roles.Has(domain.RoleCoach)) {
		return false
	}
	switch req.ScopeKind {
	case domain.ScopeTeam:
		return strconv.FormatInt(p.TeamID, 10) == req.ScopeValue
	case domain.ScopeRegion:
		return strings.EqualFold(personRegion(p, dir), req.ScopeValue)
	}
	return true
}

// personRegion is the person's region, or their team's when they have none.
func personRegion(p domain.Person, dir directory) string {
	if p.Region == "" && p.TeamID != 0 {
		return dir.teams[p.TeamID].Region
	}
	return p.Region
}

func enginePerson(p domain.Person, dir directory, sk domain.PersonSkills) pairing.Person {
	start := p.StartDate
	if start.IsZero() {
		start = p.CreatedAt
	}
	out := pairing.Person{ID: strconv.FormatInt(p.ID, 10), Name: p.Name, StartDate: start,
		Region: personRegion(p, dir), Team: dir.teams[p.TeamID].Name, TimeZone: p.TimeZone,
		Hours: pairing.WorkingHours{Start: p.WorkingHours.Start, End: p.WorkingHours.End}, Capacity: 1, OptOut: sk.OptOut,
		Skills: map[string]float64{}}
	for k, v := range sk.Scores {
		out.Skills[k] = float64(v)
	}
	return out
}

// randomPairsBaseline is what pairing the same people at random reaches:
// the engine's random baseline for groups of exactly two (constraints
// ignored), averaged over its shuffles.
func randomPairsBaseline(in pairing.Input) float64 {
	in.Options.Mode, in.Options.GroupMin, in.Options.GroupMax = pairing.ModeGroups, 2, 2
	res, err := pairing.Propose(in)
	if err != nil {
		return 0
	}
	return res.RandomBaseline
}

// labelReasons writes criterion keys in reasons as people read them:
// "on objection_handling" becomes "on objection handling".
func labelReasons(reasons []string) []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		for _, c := range domain.SkillCriteria {
			r = strings.ReplaceAll(r, " on "+c.Key, " on "+strings.ToLower(c.Label))
		}
		out[i] = r
	}
	return out
}

func personID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// directory is everyone in the organisation and its teams, by ID.
type directory struct {
	people []domain.Person
	byID   map[int64]domain.Person
	teams  map[int64]domain.Team
}

// directory loads every person and team of the organisation.
func (s *Service) directory(ctx context.Context, orgID int64) (directory, error) {
	d := directory{byID: map[int64]domain.Person{}, teams: map[int64]domain.Team{}}
	for offset := 0; ; {
		page, total, err := s.store.People(ctx, orgID, domain.PersonFilter{Page: domain.Page{Limit: 500, Offset: offset}})
		if err != nil {
			return d, err
		}
		d.people = append(d.people, page...)
		offset += len(page)
		if len(page) == 0 || offset >= total {
			break
		}
	}
	for _, p := range d.people {
		d.byID[p.ID] = p
	}
	teams, err := s.store.Teams(ctx, orgID)
	if err != nil {
		return d, err
	}
	for _, t := range teams {
		d.teams[t.ID] = t
	}
	return d, nil
}
