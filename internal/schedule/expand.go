package schedule

import (
	"iter"
	"slices"
	"time"
)

// maxPeriods bounds how many periods (days, weeks or months) one expansion
// looks at, so that a rule selecting nothing (BYSETPOS=5 of one weekday in
// a month, say) cannot loop for long over a wide window.
const maxPeriods = 200_000

// Date is a calendar date without a time or a zone: the local date an
// occurrence falls on.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date t reads in its own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String returns the date as 2026-03-09.
func (d Date) String() string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return weekday(d.days())
}

// days returns the number of days from 1970-01-01 to d.
func (d Date) days() int {
	return floorDiv(int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix()), 86400)
}

// dateOfDays is the inverse of Date.days.
func dateOfDays(n int) Date {
	return DateOf(time.Unix(int64(n)*86400, 0).UTC())
}

// weekday returns the weekday of day number n (day 0, 1970-01-01, was a
// Thursday).
func weekday(n int) time.Weekday {
	return time.Weekday(floorMod(n+4, 7))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}

// monthIndex returns the months since year 0 of day number n.
func monthIndex(n int) int {
	d := dateOfDays(n)
	return d.Year*12 + int(d.Month) - 1
}

// expansion enumerates the dates a rule gives from a start date. It works
// on dates only: the time of day is added by Series, in its zone.
type expansion struct {
	rule   Rule
	start  int // day number of the first occurrence
	week0  int // first day of the week (per WKST) holding start
	month0 int // monthIndex of start
	mday   int // start's day of the month
}

func newExpansion(r Rule, start Date) *expansion {
	s := start.days()
	return &expansion{
		rule:   r,
		start:  s,
		week0:  s - floorMod(int(weekday(s))-int(r.weekStart()), 7),
		month0: monthIndex(s),
		mday:   dateOfDays(s).Day,
	}
}

// periodOf returns the index of the period holding day n (negative before
// the start's period).
func (e *expansion) periodOf(n int) int {
	iv := e.rule.interval()
	switch e.rule.Freq {
	case Daily:
		return floorDiv(n-e.start, iv)
	case Weekly:
		return floorDiv(n-e.week0, 7*iv)
	default:
		return floorDiv(monthIndex(n)-e.month0, iv)
	}
}

// periodStart returns the first day of period k.
func (e *expansion) periodStart(k int) int {
	iv := e.rule.interval()
	switch e.rule.Freq {
	case Daily:
		return e.start + k*iv
	case Weekly:
		return e.week0 + 7*k*iv
	default:
		mi := e.month0 + k*iv
		return Date{floorDiv(mi, 12), time.Month(floorMod(mi, 12) + 1), 1}.days()
	}
}

// period appends the days of period k the rule selects to buf, in order.
func (e *expansion) period(k int, buf []int) []int {
	r := e.rule
	first := e.periodStart(k)
	switch r.Freq {
	case Daily:
		if len(r.ByDay) == 0 || slices.ContainsFunc(r.ByDay, func(w WeekdayNum) bool { return w.Weekday == weekday(first) }) {
			buf = append(buf, first)
		}
		return buf
	case Weekly:
		if len(r.ByDay) == 0 {
			return append(buf, first+floorMod(int(weekday(e.start))-int(r.weekStart()), 7))
		}
		for _, w := range r.ByDay {
			buf = append(buf, first+floorMod(int(w.Weekday)-int(r.weekStart()), 7))
		}
		slices.Sort(buf)
		return slices.Compact(buf)
	}
	d := dateOfDays(first)
	n := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day() // days in the month
	if len(r.ByDay) == 0 {
		if e.mday <= n { // RFC 5545: a month without that day is skipped
			buf = append(buf, first+e.mday-1)
		}
		return buf
	}
	from := len(buf)
	for _, w := range r.ByDay {
		off := floorMod(int(w.Weekday)-int(weekday(first)), 7) // first such weekday, 0-based
		switch {
		case w.Nth == 0:
			for i := off; i < n; i += 7 {
				buf = append(buf, first+i)
			}
		case w.Nth > 0:
			if i := off + 7*(w.Nth-1); i < n {
				buf = append(buf, first+i)
			}
		default:
			last := n - 1 - floorMod(int(weekday(first+n-1))-int(w.Weekday), 7)
			if i := last + 7*(w.Nth+1); i >= 0 {
				buf = append(buf, first+i)
			}
		}
	}
	set := buf[from:]
	slices.Sort(set)
	set = slices.Compact(set)
	if len(r.BySetPos) == 0 {
		return buf[:from+len(set)]
	}
	n = len(set)
	buf = buf[:from+n]
	for _, p := range r.BySetPos { // the picks go after the set, then replace it
		i := p - 1
		if p < 0 {
			i = n + p
		}
		if i >= 0 && i < n {
			buf = append(buf, set[i])
		}
	}
	sel := buf[from+n:]
	slices.Sort(sel)
	sel = slices.Compact(sel)
	return append(buf[:from], sel...)
}

// days yields, in order, the days from day number from to to (both
// included) that the rule gives, honouring COUNT and a date-form UNTIL. A
// UTC UNTIL is left to the caller, which knows the time of day and zone.
func (e *expansion) days(from, to int) iter.Seq[int] {
	return func(yield func(int) bool) {
		r := e.rule
		if r.UntilDate {
			to = min(to, Date{r.Until.Year(), r.Until.Month(), r.Until.Day()}.days())
		}
		k := 0
		if r.Count == 0 {
			k = max(0, e.periodOf(from))
		}
		seen := 0
		var buf []int
		for n := 0; n < maxPeriods; n, k = n+1, k+1 {
			if e.periodStart(k) > to {
				return
			}
			buf = e.period(k, buf[:0])
			for _, d := range buf {
				if d < e.start {
					continue
				}
				if r.Count > 0 {
					if seen == r.Count {
						return
					}
					seen++
				}
				if d > to {
					return
				}
				if d >= from && !yield(d) {
					return
				}
			}
		}
	}
}

// wallInstant returns the instant at which loc's clocks read day number
// day at clock seconds after midnight, as RFC 5545 §3.3.5 reads local
// times: a time skipped by a spring-forward change is read with the offset
// in force before the change, so it moves forward by the gap (02:30 on the
// US change day becomes 03:30 EDT), and shifted is true; a time that occurs
// twice when clocks fall back is the first of the two.
func wallInstant(day, clock int, loc *time.Location) (t time.Time, shifted bool) {
	wall := int64(day)*86400 + int64(clock)
	_, before := time.Unix(wall-86400, 0).In(loc).Zone()
	_, after := time.Unix(wall+86400, 0).In(loc).Zone()
	best, found := int64(0), false
	for _, off := range [2]int{before, after} {
		u := wall - int64(off)
		if _, got := time.Unix(u, 0).In(loc).Zone(); got == off && (!found || u < best) {
			best, found = u, true
		}
	}
	if !found {
		best, shifted = wall-int64(before), true
	}
	return time.Unix(best, 0).In(loc), shifted
}
