package schedule

import (
	"fmt"
	"slices"
	"time"
)

// MaxOccurrences is the most occurrences Between returns in one call.
const MaxOccurrences = 10_000

// MaxDuration is the longest a session may last.
const MaxDuration = 24 * time.Hour

// Series is a recurring session anchored in a time zone: every occurrence
// starts at the same local time in Zone, whatever daylight saving does to
// its UTC instant.
type Series struct {
	// Start is the first occurrence, as a wall clock: its date and time of
	// day are read as they stand and placed in Zone; its own location is
	// ignored. time.Date(2026, 3, 9, 9, 0, 0, 0, zone) is the usual form.
	// Seconds count, fractions of a second do not.
	Start time.Time
	// Zone is the IANA time zone the series keeps its local time in.
	Zone *time.Location
	// Duration is the length of each occurrence, at most MaxDuration.
	Duration time.Duration
	// Rule is the recurrence. Start must be one of its dates.
	Rule Rule
	// Exceptions are occurrences cancelled or moved.
	Exceptions Exceptions
}

// Exceptions are changes to single occurrences of a series. Each names an
// occurrence by the date the rule gives it (its RECURRENCE-ID).
type Exceptions struct {
	Skip  []Date
	Moves []Move
}

// Move reschedules one occurrence.
type Move struct {
	// Date is the occurrence's date as the rule gives it.
	Date Date
	// Start is its new start, a wall clock read in the series' zone like
	// Series.Start.
	Start time.Time
	// Duration is its new length; 0 keeps the series' Duration.
	Duration time.Duration
}

// Occurrence is one session of a series.
type Occurrence struct {
	// Date is the date the rule gives the occurrence, kept when it is
	// moved: it identifies the occurrence (RECURRENCE-ID).
	Date Date
	// Start and End are UTC instants.
	Start, End time.Time
	// LocalStart and LocalEnd are the same instants in the series' zone.
	LocalStart, LocalEnd time.Time
	// Moved is set for an occurrence rescheduled by a Move.
	Moved bool
	// Shifted is set when the local start did not exist that day (clocks
	// sprang forward over it) and the occurrence starts later by the gap.
	Shifted bool
}

// clock returns the seconds after midnight of t's wall clock.
func clock(t time.Time) int {
	h, m, s := t.Clock()
	return h*3600 + m*60 + s
}

// At returns the instant, in the series' zone, at which the rule places an
// occurrence on date d (whether or not the rule gives d): the value of
// EXDATE and RECURRENCE-ID for it.
func (s Series) At(d Date) time.Time {
	t, _ := wallInstant(d.days(), clock(s.Start), s.Zone)
	return t
}

// ExDates returns the instants of the skipped occurrences, for EXDATE.
func (s Series) ExDates() []time.Time {
	out := make([]time.Time, 0, len(s.Exceptions.Skip))
	for _, d := range s.Exceptions.Skip {
		out = append(out, s.At(d))
	}
	return out
}

// Validate reports a series that cannot be expanded as meant: no zone, no
// start, a duration outside (0, MaxDuration], an invalid rule, an UNTIL
// before the start, a start that is not one of the rule's dates (RFC 5545
// leaves such a series undefined, and calendar programs disagree on it), a
// rule that never gives a date, and exceptions naming dates that are not
// occurrences or naming one twice.
func (s Series) Validate() error {
	switch {
	case s.Zone == nil:
		return fmt.Errorf("series: time zone missing")
	case s.Start.IsZero():
		return fmt.Errorf("series: start missing")
	case s.Duration <= 0 || s.Duration > MaxDuration:
		return fmt.Errorf("series: duration %v: must be more than 0 and at most %v", s.Duration, MaxDuration)
	}
	if err := s.Rule.Validate(); err != nil {
		return err
	}
	first, _ := wallInstant(DateOf(s.Start).days(), clock(s.Start), s.Zone)
	if r := s.Rule; !r.Until.IsZero() {
		if r.UntilDate && r.Until.Format(time.DateOnly) < DateOf(s.Start).String() || !r.UntilDate && r.Until.Before(first) {
			return &RuleError{Part: "UNTIL", Value: untilValue(r), Reason: fmt.Sprintf("before the series starts (%s %s)", first.Format("2006-01-02 15:04"), s.Zone)}
		}
	}
	e := newExpansion(s.Rule, DateOf(s.Start))
	next, ok := e.first(e.start, e.start+400*366)
	switch {
	case !ok:
		return &RuleError{Reason: fmt.Sprintf("%s never gives a date: check BYDAY and BYSETPOS", s.Rule)}
	case next != e.start:
		d := dateOfDays(next)
		return fmt.Errorf("series: the start %s (%s) is not a date of %s; its first is %s (%s): start the series then",
			DateOf(s.Start), DateOf(s.Start).Weekday(), s.Rule, d, d.Weekday())
	}
	return s.validateExceptions()
}

func (s Series) validateExceptions() error {
	seen := map[Date]string{}
	check := func(d Date, what string) error {
		if prev, ok := seen[d]; ok {
			return fmt.Errorf("series: %s %s: the occurrence is already in %s", what, d, prev)
		}
		seen[d] = what
		if !s.occurs(d) {
			return fmt.Errorf("series: %s %s: the series has no occurrence that day", what, d)
		}
		return nil
	}
	for _, d := range s.Exceptions.Skip {
		if err := check(d, "skip"); err != nil {
			return err
		}
	}
	for _, m := range s.Exceptions.Moves {
		if err := check(m.Date, "move"); err != nil {
			return err
		}
		if m.Start.IsZero() {
			return fmt.Errorf("series: move %s: new start missing", m.Date)
		}
		if m.Duration < 0 || m.Duration > MaxDuration {
			return fmt.Errorf("series: move %s: duration %v: must be at most %v (0 keeps the series')", m.Date, m.Duration, MaxDuration)
		}
	}
	return nil
}

// first returns the first day from..to the expansion gives.
func (e *expansion) first(from, to int) (int, bool) {
	for d := range e.days(from, to) {
		return d, true
	}
	return 0, false
}

// occurs reports whether the rule gives date d, within COUNT and UNTIL.
func (s Series) occurs(d Date) bool {
	e := newExpansion(s.Rule, DateOf(s.Start))
	n := d.days()
	got, ok := e.first(n, n)
	if !ok || got != n {
		return false
	}
	return !s.afterUntil(s.At(d))
}

// afterUntil reports whether an occurrence starting at t is past a UTC
// UNTIL (a date UNTIL is applied to dates by the expansion).
func (s Series) afterUntil(t time.Time) bool {
	return !s.Rule.Until.IsZero() && !s.Rule.UntilDate && t.After(s.Rule.Until)
}

func untilValue(r Rule) string {
	if r.UntilDate {
		return r.Until.Format("20060102")
	}
	return r.Until.UTC().Format("20060102T150405Z")
}

// Between returns the occurrences that overlap [from, to) — those ending
// after from and starting before to — in order of start, skipped ones left
// out and moved ones at their new time. It returns at most MaxOccurrences;
// to read on, call it again from the last one's End. Call Validate first:
// for a series that fails it Between returns what it can (nil without a
// zone or a known frequency) but never loops long or panics.
func (s Series) Between(from, to time.Time) []Occurrence {
	if s.Zone == nil || s.Rule.Validate() != nil || s.Duration <= 0 || !from.Before(to) {
		return nil
	}
	dur := min(s.Duration, MaxDuration)
	e := newExpansion(s.Rule, DateOf(s.Start))
	// Local days that can hold an occurrence overlapping the window: two
	// days of margin cover the longest duration and any offset change.
	fromDay := DateOf(from.In(s.Zone)).days() - 2
	toDay := DateOf(to.In(s.Zone)).days() + 1
	var skip map[int]bool
	if n := len(s.Exceptions.Skip) + len(s.Exceptions.Moves); n > 0 {
		skip = make(map[int]bool, n)
		for _, d := range s.Exceptions.Skip {
			skip[d.days()] = true
		}
		for _, m := range s.Exceptions.Moves {
			skip[m.Date.days()] = true
		}
	}
	var out []Occurrence
	clk := clock(s.Start)
	for day := range e.days(fromDay, toDay) {
		start, shifted := wallInstant(day, clk, s.Zone)
		if s.afterUntil(start) || len(out) == MaxOccurrences {
			break
		}
		if skip[day] {
			continue
		}
		if o := occurrence(dateOfDays(day), start, dur, s.Zone); o.End.After(from) && o.Start.Before(to) {
			o.Shifted = shifted
			out = append(out, o)
		}
	}
	for _, m := range s.Exceptions.Moves {
		if m.Start.IsZero() || !s.occurs(m.Date) {
			continue
		}
		d := dur
		if m.Duration > 0 {
			d = min(m.Duration, MaxDuration)
		}
		start, shifted := wallInstant(DateOf(m.Start).days(), clock(m.Start), s.Zone)
		if o := occurrence(m.Date, start, d, s.Zone); o.End.After(from) && o.Start.Before(to) {
			o.Moved, o.Shifted = true, shifted
			out = append(out, o)
		}
	}
	if len(s.Exceptions.Moves) > 0 {
		slices.SortStableFunc(out, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
		out = out[:min(len(out), MaxOccurrences)]
	}
	return out
}

func occurrence(d Date, start time.Time, dur time.Duration, zone *time.Location) Occurrence {
	end := start.Add(dur)
	return Occurrence{Date: d, Start: start.UTC(), End: end.UTC(), LocalStart: start.In(zone), LocalEnd: end.In(zone)}
}
