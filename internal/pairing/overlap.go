package pairing

import (
	"errors"
	"fmt"
	"time"
)

// WorkingHours is a daily local working window, Monday to Friday, in minutes
// after local midnight: 0 <= Start < End <= 24*60. Overnight shifts are not
// supported.
type WorkingHours struct {
	Start, End int
}

// ParseHours parses "HH:MM-HH:MM" (24-hour clock, "24:00" allowed as end).
func ParseHours(s string) (WorkingHours, error) {
	if s == "" {
		return WorkingHours{}, errors.New(`missing, want "HH:MM-HH:MM"`)
	}
	bad := fmt.Errorf("want \"HH:MM-HH:MM\", got %q", s)
	if len(s) != 11 || s[5] != '-' {
		return WorkingHours{}, bad
	}
	start, ok1 := parseClock(s[:5])
	end, ok2 := parseClock(s[6:])
	if !ok1 || !ok2 || start == 24*60 {
		return WorkingHours{}, bad
	}
	if end <= start {
		return WorkingHours{}, fmt.Errorf("%q ends before it starts (overnight shifts are not supported)", s)
	}
	return WorkingHours{Start: start, End: end}, nil
}

func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

// String formats the hours as "HH:MM-HH:MM".
func (h WorkingHours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", h.Start/60, h.Start%60, h.End/60, h.End%60)
}

// Schedule is someone's working pattern: the same local hours on every
// weekday in one time zone.
type Schedule struct {
	Loc   *time.Location
	Hours WorkingHours
}

// Slot is a span of absolute time; the zero Slot is empty.
type Slot struct {
	Start, End time.Time
}

// Hours returns the length of the slot in hours.
func (s Slot) Hours() float64 { return s.End.Sub(s.Start).Hours() }

// String formats the slot in UTC, e.g. "Tue 14:00-17:00 UTC".
func (s Slot) String() string {
	if !s.End.After(s.Start) {
		return "no common slot"
	}
	return s.Start.UTC().Format("Mon 15:04") + "-" + s.End.UTC().Format("15:04") + " UTC"
}

// CommonSlot returns the longest contiguous span in which everyone works,
// anchored on the calendar day of date: the span lies inside one person's
// working hours on their local date, and may use the others' hours on their
// local previous, same or next day (so Sydney's Tuesday morning meets Los
// Angeles' Monday afternoon). Time zones and daylight saving are resolved for
// those exact dates. Weekends are not working days, so a Saturday or Sunday
// date yields an empty slot (Propose moves weekend dates to the Monday).
func CommonSlot(date time.Time, people ...Schedule) Slot {
	day := civilOf(date)
	spans := make([][3]interval, len(people))
	for i, p := range people {
		spans[i] = workingSpans(p, day)
	}
	return slotOf(longestCommon(spans))
}

// interval is a half-open span of Unix seconds.
type interval struct{ start, end int64 }

func (iv interval) empty() bool   { return iv.end <= iv.start }
func (iv interval) length() int64 { return max(0, iv.end-iv.start) }

// civil is a calendar date without a zone.
type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

// addDays returns the date n days later, normalised.
func (c civil) addDays(n int) civil {
	return civilOf(time.Date(c.y, c.m, c.d+n, 12, 0, 0, 0, time.UTC))
}

func (c civil) weekday() time.Weekday {
	return time.Date(c.y, c.m, c.d, 12, 0, 0, 0, time.UTC).Weekday()
}

func (c civil) isWeekday() bool {
	wd := c.weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// String formats the date as "Tue 2026-11-24".
func (c civil) String() string {
	return time.Date(c.y, c.m, c.d, 12, 0, 0, 0, time.UTC).Format("Mon " + DateLayout)
}

// meetingDay is the first weekday on or after c.
func meetingDay(c civil) civil {
	for !c.isWeekday() {
		c = c.addDays(1)
	}
	return c
}

// workingSpans returns s's working intervals on local dates day-1, day and
// day+1; weekend dates give empty intervals.
func workingSpans(s Schedule, day civil) [3]interval {
	var out [3]interval
	for i := range out {
		c := day.addDays(i - 1)
		if !c.isWeekday() {
			continue
		}
		out[i] = interval{
			start: time.Date(c.y, c.m, c.d, 0, s.Hours.Start, 0, 0, s.Loc).Unix(),
			end:   time.Date(c.y, c.m, c.d, 0, s.Hours.End, 0, 0, s.Loc).Unix(),
		}
	}
	return out
}

// longestCommon returns the longest span inside everyone's working intervals
// and inside some member's own day (index 1). Ties go to the earliest start.
func longestCommon(members [][3]interval) interval {
	var best interval
	var bufA, bufB [16]interval
	for a := range members {
		anchor := members[a][1]
		if anchor.empty() {
			continue
		}
		pieces := append(bufA[:0], anchor)
		for b := range members {
			if b == a || len(pieces) == 0 {
				continue
			}
			next := bufB[:0]
			for _, p := range pieces {
				for _, q := range members[b] {
					iv := interval{max(p.start, q.start), min(p.end, q.end)}
					if !iv.empty() && len(next) < len(bufB) {
						next = append(next, iv)
					}
				}
			}
			pieces = append(bufA[:0], next...)
		}
		for _, p := range pieces {
			if p.length() > best.length() || (p.length() == best.length() && p.start < best.start) {
				best = p
			}
		}
	}
	return best
}
