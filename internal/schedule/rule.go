package schedule

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Freq is how often a rule repeats: the unit its INTERVAL counts.
type Freq int

// The frequencies Huddle schedules sessions with.
const (
	Daily Freq = iota + 1
	Weekly
	Monthly
)

// String returns the RFC 5545 name: DAILY, WEEKLY or MONTHLY.
func (f Freq) String() string {
	switch f {
	case Daily:
		return "DAILY"
	case Weekly:
		return "WEEKLY"
	case Monthly:
		return "MONTHLY"
	}
	return "Freq(" + strconv.Itoa(int(f)) + ")"
}

// Limits that keep rules and their expansion bounded.
const (
	// MaxInterval is the largest INTERVAL accepted.
	MaxInterval = 1000
	// MaxCount is the largest COUNT accepted.
	MaxCount = 10000
)

// WeekdayNum is one BYDAY entry: a weekday, optionally with its position in
// the month (Nth 2 is "2TU", the second Tuesday; -1 is "-1FR", the last
// Friday; 0 means every such weekday).
type WeekdayNum struct {
	Nth     int
	Weekday time.Weekday
}

// String returns the RFC 5545 form, e.g. "MO", "2TU" or "-1FR".
func (w WeekdayNum) String() string {
	if w.Nth == 0 {
		return dayCodes[w.Weekday]
	}
	return strconv.Itoa(w.Nth) + dayCodes[w.Weekday]
}

// dayCodes are the two-letter RFC 5545 weekday codes, by time.Weekday.
var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// Rule is an RFC 5545 recurrence rule (RRULE), restricted to what sessions
// need: DAILY, WEEKLY or MONTHLY, with INTERVAL, BYDAY (positions such as
// 2TU or -1FR with MONTHLY only), BYSETPOS (MONTHLY only), WKST, and COUNT
// or UNTIL. The zero Interval means 1.
type Rule struct {
	Freq     Freq
	Interval int
	ByDay    []WeekdayNum
	BySetPos []int
	// Count is the number of occurrences (0: no limit).
	Count int
	// Until is the last instant an occurrence may start (zero: no limit). It
	// is written as a UTC date-time (…Z) unless UntilDate is set.
	Until time.Time
	// UntilDate means Until was given as a date (UNTIL=20261231): the rule
	// ends with that local date, which Until holds at midnight UTC.
	UntilDate bool
	// WeekStart is WKST, the first day of the week for WEEKLY rules with an
	// INTERVAL above 1. The zero value, Sunday, is read as RFC 5545's
	// default, Monday, unless WeekStartSet.
	WeekStart    time.Weekday
	WeekStartSet bool
}

// RuleError is a rule that cannot be parsed or used, naming the part at
// fault.
type RuleError struct {
	Part   string // e.g. "BYDAY", or "" for the whole rule
	Value  string // the part's value as written
	Reason string
}

// Error reads "RRULE: BYDAY=9XX: 9XX is not a weekday …".
func (e *RuleError) Error() string {
	if e.Part == "" {
		return "RRULE: " + e.Reason
	}
	return "RRULE: " + e.Part + "=" + e.Value + ": " + e.Reason
}

// ParseRule reads a recurrence rule such as "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
// with or without the "RRULE:" prefix; part names and values are read
// without regard to case. Errors are *RuleError values naming the part.
func ParseRule(s string) (Rule, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 6 && strings.EqualFold(s[:6], "RRULE:") {
		s = s[6:]
	}
	if s == "" {
		return Rule{}, &RuleError{Reason: "empty rule: start with FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"}
	}
	if len(s) > 1000 {
		return Rule{}, &RuleError{Reason: "rule longer than 1000 characters"}
	}
	r := Rule{Interval: 1}
	seen := map[string]bool{}
	for _, part := range strings.Split(s, ";") {
		name, value, ok := strings.Cut(part, "=")
		name, value = strings.ToUpper(strings.TrimSpace(name)), strings.ToUpper(strings.TrimSpace(value))
		if !ok || name == "" {
			return Rule{}, &RuleError{Reason: fmt.Sprintf("%q is not NAME=VALUE", part)}
		}
		if seen[name] {
			return Rule{}, &RuleError{Part: name, Value: value, Reason: name + " is given twice"}
		}
		seen[name] = true
		if err := r.setPart(name, value); err != nil {
			return Rule{}, &RuleError{Part: name, Value: value, Reason: err.Error()}
		}
	}
	if err := r.Validate(); err != nil {
		return Rule{}, err
	}
	return r, nil
}

// setPart reads one NAME=VALUE part into r.
func (r *Rule) setPart(name, value string) error {
	var err error
	switch name {
	case "FREQ":
		r.Freq, err = parseFreq(value)
	case "INTERVAL":
		r.Interval, err = parseInt(value, 1, MaxInterval)
	case "COUNT":
		r.Count, err = parseInt(value, 1, MaxCount)
	case "UNTIL":
		r.Until, r.UntilDate, err = parseUntil(value)
	case "BYDAY":
		r.ByDay, err = parseByDay(value)
	case "BYSETPOS":
		r.BySetPos, err = parseSetPos(value)
	case "WKST":
		r.WeekStart, err = parseWeekday(value)
		r.WeekStartSet = true
	case "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND":
		err = fmt.Errorf("not supported: sessions repeat daily, weekly or monthly, by weekday (BYDAY)")
	default:
		err = fmt.Errorf("unknown rule part")
	}
	return err
}

func parseFreq(v string) (Freq, error) {
	switch v {
	case "DAILY":
		return Daily, nil
	case "WEEKLY":
		return Weekly, nil
	case "MONTHLY":
		return Monthly, nil
	case "YEARLY", "HOURLY", "MINUTELY", "SECONDLY":
		return 0, fmt.Errorf("not supported: use DAILY, WEEKLY or MONTHLY")
	}
	return 0, fmt.Errorf("unknown frequency: use DAILY, WEEKLY or MONTHLY")
}

func parseInt(v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || strings.HasPrefix(v, "+") {
		return 0, fmt.Errorf("not a whole number")
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("must be from %d to %d", lo, hi)
	}
	return n, nil
}

// parseUntil reads a UTC date-time (20261231T170000Z) or a date (20261231).
func parseUntil(v string) (time.Time, bool, error) {
	if t, err := time.Parse("20060102", v); err == nil {
		return t, true, nil
	}
	if t, err := time.Parse("20060102T150405Z", v); err == nil {
		return t, false, nil
	}
	if _, err := time.Parse("20060102T150405", v); err == nil {
		return time.Time{}, false, fmt.Errorf("a local date-time is ambiguous here: write it in UTC with a trailing Z (20261231T170000Z) or as a date (20261231)")
	}
	return time.Time{}, false, fmt.Errorf("not a date (20261231) or UTC date-time (20261231T170000Z)")
}

func parseWeekday(v string) (time.Weekday, error) {
	if i := slices.Index(dayCodes[:], v); i >= 0 {
		return time.Weekday(i), nil
	}
	return 0, fmt.Errorf("%s is not a weekday: use MO, TU, WE, TH, FR, SA or SU", v)
}

func parseByDay(v string) ([]WeekdayNum, error) {
	var out []WeekdayNum
	for _, item := range strings.Split(v, ",") {
		if len(item) < 2 {
			return nil, fmt.Errorf("%q is not a weekday: use MO…SU, optionally with a position such as 2TU or -1FR", item)
		}
		num, code := item[:len(item)-2], item[len(item)-2:]
		wd, err := parseWeekday(code)
		if err != nil {
			return nil, fmt.Errorf("%s is not a weekday: use MO…SU, optionally with a position such as 2TU or -1FR", item)
		}
		w := WeekdayNum{Weekday: wd}
		if num != "" {
			n, err := strconv.Atoi(num)
			if err != nil || n == 0 || n < -5 || n > 5 {
				return nil, fmt.Errorf("%s: the position must be 1 to 5 or -1 to -5 (2TU is the second Tuesday, -1FR the last Friday)", item)
			}
			w.Nth = n
		}
		if slices.Contains(out, w) {
			return nil, fmt.Errorf("%s is listed twice", item)
		}
		out = append(out, w)
	}
	return out, nil
}

func parseSetPos(v string) ([]int, error) {
	var out []int
	for _, item := range strings.Split(v, ",") {
		n, err := strconv.Atoi(item)
		if err != nil || n == 0 || n < -31 || n > 31 {
			return nil, fmt.Errorf("%q: each position must be 1 to 31 or -1 to -31", item)
		}
		if slices.Contains(out, n) {
			return nil, fmt.Errorf("%d is listed twice", n)
		}
		out = append(out, n)
	}
	return out, nil
}

// Validate reports a rule that cannot be expanded: an unknown frequency, an
// INTERVAL below 1, BYDAY positions outside MONTHLY, BYSETPOS without a
// MONTHLY BYDAY, or both COUNT and UNTIL. ParseRule calls it; call it for a
// Rule built in code.
func (r Rule) Validate() error {
	switch {
	case r.Freq == 0:
		return &RuleError{Reason: "FREQ is missing: add FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY"}
	case r.Freq < Daily || r.Freq > Monthly:
		return &RuleError{Part: "FREQ", Value: r.Freq.String(), Reason: "unknown: use DAILY, WEEKLY or MONTHLY"}
	case r.Interval < 0 || r.Interval > MaxInterval:
		return &RuleError{Part: "INTERVAL", Value: strconv.Itoa(r.Interval), Reason: fmt.Sprintf("must be from 1 to %d", MaxInterval)}
	case r.Count < 0 || r.Count > MaxCount:
		return &RuleError{Part: "COUNT", Value: strconv.Itoa(r.Count), Reason: fmt.Sprintf("must be from 1 to %d", MaxCount)}
	case r.Count > 0 && !r.Until.IsZero():
		return &RuleError{Reason: "COUNT and UNTIL together: a rule ends after a number of occurrences or at a date, not both"}
	case r.WeekStart < time.Sunday || r.WeekStart > time.Saturday:
		return &RuleError{Part: "WKST", Value: strconv.Itoa(int(r.WeekStart)), Reason: "not a weekday"}
	}
	for _, d := range r.ByDay {
		if d.Weekday < time.Sunday || d.Weekday > time.Saturday || d.Nth < -5 || d.Nth > 5 {
			return &RuleError{Part: "BYDAY", Value: r.byDayValue(), Reason: "weekday or position out of range"}
		}
		if d.Nth != 0 && r.Freq != Monthly {
			return &RuleError{Part: "BYDAY", Value: r.byDayValue(), Reason: fmt.Sprintf("a position such as %s needs FREQ=MONTHLY; with FREQ=%s list plain weekdays", d, r.Freq)}
		}
	}
	if len(r.BySetPos) > 0 {
		if r.Freq != Monthly || len(r.ByDay) == 0 {
			return &RuleError{Part: "BYSETPOS", Value: intsValue(r.BySetPos), Reason: "needs FREQ=MONTHLY with BYDAY, e.g. FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 for the last weekday"}
		}
		for _, p := range r.BySetPos {
			if p == 0 || p < -31 || p > 31 {
				return &RuleError{Part: "BYSETPOS", Value: intsValue(r.BySetPos), Reason: "each position must be 1 to 31 or -1 to -31"}
			}
		}
	}
	return nil
}

// interval returns INTERVAL, reading 0 as 1.
func (r Rule) interval() int {
	return max(r.Interval, 1)
}

// weekStart returns WKST, Monday unless set.
func (r Rule) weekStart() time.Weekday {
	if r.WeekStartSet {
		return r.WeekStart
	}
	return time.Monday
}

// String returns the rule in RFC 5545 form without the "RRULE:" prefix, in
// a fixed order (FREQ, INTERVAL, COUNT or UNTIL, BYDAY, BYSETPOS, WKST) and
// leaving out defaults; ParseRule reads it back to an equal Rule.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString("FREQ=" + r.Freq.String())
	if r.interval() != 1 {
		b.WriteString(";INTERVAL=" + strconv.Itoa(r.Interval))
	}
	if r.Count > 0 {
		b.WriteString(";COUNT=" + strconv.Itoa(r.Count))
	}
	if !r.Until.IsZero() {
		if r.UntilDate {
			b.WriteString(";UNTIL=" + r.Until.Format("20060102"))
		} else {
			b.WriteString(";UNTIL=" + r.Until.UTC().Format("20060102T150405Z"))
		}
	}
	if len(r.ByDay) > 0 {
		b.WriteString(";BYDAY=" + r.byDayValue())
	}
	if len(r.BySetPos) > 0 {
		b.WriteString(";BYSETPOS=" + intsValue(r.BySetPos))
	}
	if r.WeekStartSet {
		b.WriteString(";WKST=" + dayCodes[r.WeekStart])
	}
	return b.String()
}

func (r Rule) byDayValue() string {
	parts := make([]string, len(r.ByDay))
	for i, d := range r.ByDay {
		parts[i] = d.String()
	}
	return strings.Join(parts, ",")
}

func intsValue(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}
