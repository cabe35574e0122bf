package schedule

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"huddle/internal/domain"
)

// Limits and defaults of the slot finder.
const (
	// MaxSlotLength is the longest meeting FindSlots places.
	MaxSlotLength = 8 * time.Hour
	// DefaultStep is the granularity used when SlotQuery.Step is 0.
	DefaultStep = 15 * time.Minute
	// DefaultTop is the number of slots returned when SlotQuery.Top is 0.
	DefaultTop = 5
	// dayOff is what a member whose local day is a Saturday or Sunday
	// counts as, in distance from the middle of their working day.
	dayOff = 24 * time.Hour
)

// Member is a person a meeting must suit.
type Member struct {
	ID   string
	Name string
	// Zone is an IANA time zone, e.g. "Asia/Kolkata".
	Zone string
	// Hours is the local working day, Monday to Friday, e.g. "09:00-17:00".
	Hours string
}

// SlotQuery asks for weekly meeting slots.
type SlotQuery struct {
	Members []Member
	// Length is the meeting's length, more than 0 and at most MaxSlotLength.
	Length time.Duration
	// Week is any date of the week to plan in, read as the calendar date it
	// holds. The search runs over that ISO week, Monday 00:00 to Sunday 24:00
	// UTC, with the real offsets of that week: the week of 2026-03-09, when
	// the US has moved its clocks and Europe not yet, differs from the week
	// before and the weeks after.
	Week time.Time
	// Step is the granularity of start times, a whole number of minutes that
	// divides an hour; 0 means DefaultStep.
	Step time.Duration
	// Top is how many slots to return; 0 means DefaultTop.
	Top int
}

// Result is the slots FindSlots proposes, best first.
type Result struct {
	// Monday is the first day of the week searched.
	Monday Date
	// Slots are the best slots, best first.
	Slots []Slot
	// FitsEveryone is true when the best slot lies inside every member's
	// working hours. When false, no slot of the week does.
	FitsEveryone bool
	// Members is the number of members the slots were fitted to.
	Members int
}

// Slot is one proposed meeting time.
type Slot struct {
	// Start and End are UTC instants in the week searched.
	Start, End time.Time
	// Weekday is Start's weekday in UTC; each member's own is in Members.
	Weekday time.Weekday
	// Fits is the number of members for whom the slot lies inside their
	// working hours.
	Fits int
	// Worst is the farthest any member is from the middle of their working
	// day (a member on a weekend counts as 24 h away), and Total the sum
	// over members: the two centrality measures slots are ranked by.
	Worst, Total time.Duration
	// Members places the slot in each member's day, in the query's order.
	Members []Placement
}

// Placement is a slot as one member lives it.
type Placement struct {
	ID, Name string
	// Start and End are the slot in the member's zone.
	Start, End time.Time
	// Hours is the member's working day.
	Hours domain.WorkingHours
	// Inside is true when the slot lies within the member's working hours
	// on one of their local working days (Monday to Friday).
	Inside bool
	// DayOff is true when the slot starts on the member's local Saturday or
	// Sunday.
	DayOff bool
	// Early is how long before the member's day starts the slot starts;
	// Late how long after their day ends it ends (0 when not).
	Early, Late time.Duration
	// FromMiddle is how far the slot's middle is from the middle of the
	// member's working day.
	FromMiddle time.Duration
}

// member is a Member with its zone and hours parsed, and the zone period
// last looked up.
type member struct {
	Member
	loc   *time.Location
	hours domain.WorkingHours
	// from, to and off cache the period of loc's clock last looked up:
	// [from, to) in Unix seconds, off seconds east of UTC.
	from, to int64
	off      int
}

// offset returns the offset of m's zone at Unix second u. Successive slots
// fall in the same period of the zone's clock, so the cache nearly always
// answers; a lookup in the zone data is slow for recent years, which Go
// computes from the zone's rule string each time.
func (m *member) offset(u int64) int {
	if u >= m.from && u < m.to {
		return m.off
	}
	t := time.Unix(u, 0).In(m.loc)
	_, m.off = t.Zone()
	start, end := t.ZoneBounds()
	m.from, m.to = math.MinInt64, math.MaxInt64
	if !start.IsZero() {
		m.from = start.Unix()
	}
	if !end.IsZero() {
		m.to = end.Unix()
	}
	return m.off
}

// FindSlots proposes the best weekly slots of q.Length for q.Members in the
// week of q.Week, trying every q.Step from Monday 00:00 UTC. Slots are
// ranked by
//
//  1. how many members they fit inside working hours, most first;
//  2. Worst, the largest distance of any member from the middle of their
//     working day, smallest first: min-max rather than a sum, so that a
//     slot fair to everyone beats one that is ideal for most and pushes
//     one member to the edge of their day;
//  3. Total, the sum of those distances, smallest first;
//  4. start, earliest first.
//
// Each member's hours apply to their local date: a slot on Monday afternoon
// in Los Angeles is Tuesday morning in Sydney. When no slot fits everyone,
// Result.FitsEveryone is false and each slot's Placements say who is
// outside their hours and by how much.
func FindSlots(q SlotQuery) (Result, error) {
	ms, err := parseMembers(q.Members)
	if err != nil {
		return Result{}, err
	}
	step, top, err := q.limits()
	if err != nil {
		return Result{}, err
	}
	monday := mondayOf(q.Week)
	from := time.Date(monday.Year, monday.Month, monday.Day, 0, 0, 0, 0, time.UTC)
	n := int(7 * 24 * time.Hour / step)
	cands := make([]candidate, n)
	for i := range cands {
		cands[i] = score(ms, i, from.Add(time.Duration(i)*step), q.Length)
	}
	slices.SortFunc(cands, compareCandidates)
	slots := make([]Slot, min(top, n))
	for i := range slots {
		c := cands[i]
		start := from.Add(time.Duration(c.index) * step)
		slots[i] = Slot{Start: start, End: start.Add(q.Length), Weekday: start.Weekday(),
			Fits: c.fits, Worst: c.worst, Total: c.total, Members: place(ms, start, q.Length)}
	}
	return Result{Monday: monday, Slots: slots, FitsEveryone: slots[0].Fits == len(ms), Members: len(ms)}, nil
}

// candidate is a start time's score: its index among the week's steps,
// then the ranking fields of Slot.
type candidate struct {
	index, fits  int
	worst, total time.Duration
}

// compareCandidates orders candidates best first, as FindSlots documents;
// a lower index is an earlier start.
func compareCandidates(a, b candidate) int {
	switch {
	case a.fits != b.fits:
		return b.fits - a.fits
	case a.worst != b.worst:
		return cmp.Compare(a.worst, b.worst)
	case a.total != b.total:
		return cmp.Compare(a.total, b.total)
	}
	return a.index - b.index
}

// score ranks the slot of length at start, the index-th step of the week.
func score(ms []member, index int, start time.Time, length time.Duration) candidate {
	c := candidate{index: index}
	for i := range ms {
		p := placeOne(&ms[i], start, length)
		if p.Inside {
			c.fits++
		}
		d := p.FromMiddle
		if p.DayOff {
			d += dayOff
		}
		c.worst = max(c.worst, d)
		c.total += d
	}
	return c
}

// place returns every member's Placement of the slot.
func place(ms []member, start time.Time, length time.Duration) []Placement {
	out := make([]Placement, len(ms))
	for i := range ms {
		out[i] = placeOne(&ms[i], start, length)
		out[i].Start, out[i].End = start.In(ms[i].loc), start.Add(length).In(ms[i].loc)
	}
	return out
}

// placeOne places the slot in m's local day, comparing wall clocks so that
// a slot over a change of clocks is read as the member's clock shows it.
// It works on Unix seconds shifted by the zone's offset, which is what the
// member's clock reads, rather than on broken-down times: FindSlots calls
// it for every step of the week and every member. Start and End are left
// for place to fill.
func placeOne(m *member, start time.Time, length time.Duration) Placement {
	u := start.Unix()
	v := u + int64(length/time.Second)
	wallStart, wallEnd := u+int64(m.offset(u)), v+int64(m.offset(v))
	// The slot's start and end as time after the member's local midnight.
	day := floorDiv(int(wallStart), 86400)
	startAt := time.Duration(wallStart-int64(day)*86400) * time.Second
	endAt := time.Duration(wallEnd-int64(day)*86400) * time.Second // past 24 h when it ends the next day
	dayStart := time.Duration(m.hours.Start) * time.Minute
	dayEnd := time.Duration(m.hours.End) * time.Minute
	wd := weekday(day)
	p := Placement{
		ID: m.ID, Name: m.Name, Hours: m.hours,
		DayOff:     wd == time.Saturday || wd == time.Sunday,
		Early:      max(0, dayStart-startAt),
		Late:       max(0, endAt-dayEnd),
		FromMiddle: absDur(startAt + length/2 - (dayStart+dayEnd)/2),
	}
	p.Inside = !p.DayOff && p.Early == 0 && p.Late == 0
	return p
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// mondayOf returns the Monday of the ISO week holding t's calendar date.
func mondayOf(t time.Time) Date {
	n := DateOf(t).days()
	return dateOfDays(n - floorMod(int(weekday(n))-int(time.Monday), 7))
}

// limits checks the query's length, step and top, filling in defaults.
func (q SlotQuery) limits() (step time.Duration, top int, err error) {
	step, top = q.Step, q.Top
	if step == 0 {
		step = DefaultStep
	}
	if top == 0 {
		top = DefaultTop
	}
	switch {
	case q.Length <= 0 || q.Length > MaxSlotLength:
		return 0, 0, fmt.Errorf("length %v: must be more than 0 and at most %v", q.Length, MaxSlotLength)
	case step < time.Minute || step%time.Minute != 0 || time.Hour%step != 0:
		return 0, 0, fmt.Errorf("step %v: must be a whole number of minutes that divides an hour, such as 15m", step)
	case top < 0:
		return 0, 0, fmt.Errorf("top %d: must be 0 (for %d) or more", top, DefaultTop)
	case q.Week.IsZero():
		return 0, 0, errors.New("week: missing: give any date of the week to plan")
	}
	return step, top, nil
}

// parseMembers checks and parses the members, naming the one at fault.
func parseMembers(in []Member) ([]member, error) {
	if len(in) == 0 {
		return nil, errors.New("members: none given: a slot needs at least one member")
	}
	out := make([]member, len(in))
	ids := make(map[string]int, len(in))
	for i, m := range in {
		who := fmt.Sprintf("member %d (%q, id %q)", i+1, m.Name, m.ID)
		if j, dup := ids[m.ID]; dup && m.ID != "" {
			return nil, fmt.Errorf("%s: id: the same as member %d's", who, j+1)
		}
		ids[m.ID] = i
		loc, err := domain.ParseTimeZone(m.Zone)
		if err != nil {
			return nil, fmt.Errorf("%s: zone: %w", who, err)
		}
		h, err := domain.ParseWorkingHours(m.Hours)
		if err != nil {
			return nil, fmt.Errorf("%s: hours: %w", who, err)
		}
		out[i] = member{Member: m, loc: loc, hours: h}
	}
	return out, nil
}
