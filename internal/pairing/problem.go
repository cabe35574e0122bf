package pairing

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"
)

// Limits that keep a round's cost bounded.
const (
	maxGroupSize = 12
	maxDays      = 36500
)

// member is a validated person with everything derived for the round.
type member struct {
	*Person
	index       int // position in Input.People
	spans       [3]interval
	class       int // people with the same zone and hours share a class
	tenureYears float64
	standing    standing
	active      int         // pairings from history still running
	lastPaired  map[int]int // other member index -> days since the latest pairing
}

// remaining is how many new pairings the member can take this round.
func (m *member) remaining() int { return m.Capacity - m.active }

// problem is a validated Input with derived data.
type problem struct {
	in      Input
	opts    Options
	date    civil // the round's date
	meet    civil // the weekday overlaps are computed for
	members []*member
	byID    map[string]int
	stats   []skillStat
	minSec  int64 // minimum overlap in seconds
	flat    flatTerms
}

// Validate checks an Input the way Propose does, without pairing anyone.
func (in Input) Validate() error {
	_, err := newProblem(in)
	return err
}

// withDefaults fills zero-valued options that have no meaningful zero.
func withDefaults(o Options) Options {
	d := DefaultOptions()
	if o.Mode == "" {
		o.Mode = d.Mode
	}
	if o.GroupMin == 0 && o.GroupMax == 0 {
		o.GroupMin, o.GroupMax = d.GroupMin, d.GroupMax
	}
	if o.Prefer == "" {
		o.Prefer = d.Prefer
	}
	if o.K == 0 {
		o.K = d.K
	}
	if o.Weights == (Weights{}) {
		o.Weights = d.Weights
	}
	if o.Date.IsZero() {
		o.Date = time.Now().UTC()
	}
	return o
}

func validateOptions(o Options) error {
	switch o.Mode {
	case ModePairs, ModeGroups:
	default:
		return fmt.Errorf("options: mode: want %q or %q, got %q", ModePairs, ModeGroups, o.Mode)
	}
	switch o.Prefer {
	case PreferNone, PreferCrossRegion, PreferCrossTeam:
	default:
		return fmt.Errorf("options: prefer: want %q, %q or %q, got %q", PreferCrossRegion, PreferCrossTeam, PreferNone, o.Prefer)
	}
	if o.GroupMin < 2 || o.GroupMax < o.GroupMin || o.GroupMax > maxGroupSize {
		return fmt.Errorf("options: group_size: want [min, max] with 2 <= min <= max <= %d, got [%d, %d]", maxGroupSize, o.GroupMin, o.GroupMax)
	}
	if math.IsNaN(o.MinOverlapHours) || o.MinOverlapHours < 0 || o.MinOverlapHours > 24 {
		return fmt.Errorf("options: min_overlap_hours: want 0 to 24, got %v", o.MinOverlapHours)
	}
	if o.RepeatAfterDays < 0 || o.RepeatAfterDays > maxDays {
		return fmt.Errorf("options: repeat_after_days: want 0 to %d, got %d", maxDays, o.RepeatAfterDays)
	}
	if o.ActiveDays < 0 || o.ActiveDays > maxDays {
		return fmt.Errorf("options: active_days: want 0 to %d, got %d", maxDays, o.ActiveDays)
	}
	if o.K < 1 {
		return fmt.Errorf("options: k: want at least 1, got %d", o.K)
	}
	w := o.Weights
	for _, f := range []struct {
		name string
		v    float64
	}{{"learning", w.Learning}, {"tenure", w.Tenure}, {"tenure_cap_years", w.TenureCapYears}, {"cross", w.Cross}, {"base", w.Base}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 || f.v > 1e6 {
			return fmt.Errorf("options: weights: %s: want a number from 0 to 1e6, got %v", f.name, f.v)
		}
	}
	return nil
}

// newProblem validates in and derives everything a round needs.
func newProblem(in Input) (*problem, error) {
	opts := withDefaults(in.Options)
	if err := validateOptions(opts); err != nil {
		return nil, err
	}
	p := &problem{in: in, opts: opts, byID: make(map[string]int, len(in.People))}
	p.date = civilOf(opts.Date)
	p.meet = meetingDay(p.date)
	p.minSec = int64(math.Round(opts.MinOverlapHours * 3600))

	locs := map[string]*time.Location{}
	classes := map[string]int{}
	criteria := map[string][]float64{}
	for i := range in.People {
		person := &in.People[i]
		label := personLabel(i, person.ID)
		if person.ID == "" {
			return nil, fmt.Errorf("%s: id: missing", label)
		}
		if j, dup := p.byID[person.ID]; dup {
			return nil, fmt.Errorf("%s: id: duplicate of people[%d]", label, j)
		}
		p.byID[person.ID] = i
		loc, err := loadZone(person.TimeZone, locs)
		if err != nil {
			return nil, fmt.Errorf("%s: timezone: %w", label, err)
		}
		h := person.Hours
		if h.Start < 0 || h.End <= h.Start || h.End > 24*60 {
			return nil, fmt.Errorf("%s: working_hours: invalid window %s", label, h)
		}
		if person.Capacity < 0 {
			return nil, fmt.Errorf("%s: capacity: must not be negative, got %d", label, person.Capacity)
		}
		if person.StartDate.IsZero() {
			return nil, fmt.Errorf("%s: start_date: missing", label)
		}
		for name, x := range person.Skills {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s: skills: %s: not a finite number", label, name)
			}
			criteria[name] = append(criteria[name], x)
		}
		copied := *person // defaults below must not write into the caller's Input
		m := &member{Person: &copied, index: i}
		if m.Capacity == 0 {
			m.Capacity = 1
		}
		if m.Name == "" {
			m.Name = m.ID
		}
		key := person.TimeZone + " " + h.String()
		if _, ok := classes[key]; !ok {
			classes[key] = len(classes)
		}
		m.class = classes[key]
		m.spans = workingSpans(Schedule{Loc: loc, Hours: h}, p.meet)
		m.tenureYears = max(0, float64(dayNumber(p.date)-dayNumber(civilOf(person.StartDate)))/365.25)
		p.members = append(p.members, m)
	}
	if err := p.setSkills(criteria); err != nil {
		return nil, err
	}
	if err := p.applyHistory(); err != nil {
		return nil, err
	}
	return p, nil
}

// setSkills picks the focus criteria and computes roster statistics.
func (p *problem) setSkills(criteria map[string][]float64) error {
	focus := p.opts.Skills
	if len(focus) == 0 {
		for name := range criteria {
			focus = append(focus, name)
		}
		sort.Strings(focus)
	}
	seen := map[string]bool{}
	for i, name := range focus {
		if _, ok := criteria[name]; !ok && len(p.opts.Skills) > 0 {
			return fmt.Errorf("options: skills[%d]: unknown criterion %q (no one has a score for it)", i, name)
		}
		if seen[name] {
			return fmt.Errorf("options: skills[%d]: %q listed twice", i, name)
		}
		seen[name] = true
		p.stats = append(p.stats, newSkillStat(name, criteria[name]))
	}
	for _, m := range p.members {
		m.standing = newStanding(m.Skills, p.stats)
	}
	p.buildFlat()
	return nil
}

// applyHistory counts active pairings and records when pairs last met.
func (p *problem) applyHistory() error {
	today := dayNumber(p.date)
	for i, h := range p.in.History {
		a, okA := p.byID[h.A]
		b, okB := p.byID[h.B]
		switch {
		case h.A == "":
			return fmt.Errorf("history[%d]: a: missing", i)
		case h.B == "":
			return fmt.Errorf("history[%d]: b: missing", i)
		case !okA:
			return fmt.Errorf("history[%d]: a: unknown person %q", i, h.A)
		case !okB:
			return fmt.Errorf("history[%d]: b: unknown person %q", i, h.B)
		case a == b:
			return fmt.Errorf("history[%d]: a and b are the same person %q", i, h.A)
		case h.Date.IsZero():
			return fmt.Errorf("history[%d]: date: missing", i)
		}
		days := today - dayNumber(civilOf(h.Date))
		ma, mb := p.members[a], p.members[b]
		if days < p.opts.ActiveDays {
			ma.active++
			mb.active++
		}
		for _, pr := range [2][2]*member{{ma, mb}, {mb, ma}} {
			if pr[0].lastPaired == nil {
				pr[0].lastPaired = map[int]int{}
			}
			if last, ok := pr[0].lastPaired[pr[1].index]; !ok || days < last {
				pr[0].lastPaired[pr[1].index] = days
			}
		}
	}
	return nil
}

// dayNumber counts days since 1970-01-01 for a calendar date.
func dayNumber(c civil) int {
	return int(time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// loadZone loads an IANA zone, caching by name. "Local" and "" are
// rejected: a roster must not depend on the server's zone.
func loadZone(name string, cache map[string]*time.Location) (*time.Location, error) {
	if loc, ok := cache[name]; ok {
		return loc, nil
	}
	if name == "" {
		return nil, errors.New(`missing, want an IANA name such as "Europe/London"`)
	}
	if name == "Local" {
		return nil, errors.New(`"Local" is not allowed, want an IANA name such as "Europe/London"`)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", name)
	}
	cache[name] = loc
	return loc, nil
}

// recentDays returns the days since a and b were last paired, if ever.
func (p *problem) recentDays(a, b *member) (int, bool) {
	if a.lastPaired == nil {
		return 0, false
	}
	d, ok := a.lastPaired[b.index]
	return d, ok
}

// tooRecent reports whether a and b were paired inside the repeat window.
func (p *problem) tooRecent(a, b *member) bool {
	d, ok := p.recentDays(a, b)
	return ok && d < p.opts.RepeatAfterDays
}
