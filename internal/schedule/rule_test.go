package schedule

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		in, canon string
		want      Rule
	}{
		{"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
			Rule{Freq: Daily, Interval: 1, ByDay: []WeekdayNum{{0, time.Monday}, {0, time.Tuesday}, {0, time.Wednesday}, {0, time.Thursday}, {0, time.Friday}}}},
		{"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU",
			Rule{Freq: Weekly, Interval: 1, ByDay: []WeekdayNum{{0, time.Tuesday}}}},
		{"freq=weekly;interval=2;byday=mo,th;count=10", "FREQ=WEEKLY;INTERVAL=2;COUNT=10;BYDAY=MO,TH",
			Rule{Freq: Weekly, Interval: 2, Count: 10, ByDay: []WeekdayNum{{0, time.Monday}, {0, time.Thursday}}}},
		{"FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z", "FREQ=MONTHLY;UNTIL=20261231T235959Z;BYDAY=2TU",
			Rule{Freq: Monthly, Interval: 1, ByDay: []WeekdayNum{{2, time.Tuesday}}, Until: time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)}},
		{"FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20261231", "FREQ=MONTHLY;UNTIL=20261231;BYDAY=-1FR",
			Rule{Freq: Monthly, Interval: 1, ByDay: []WeekdayNum{{-1, time.Friday}}, Until: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), UntilDate: true}},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
			Rule{Freq: Monthly, Interval: 1, ByDay: []WeekdayNum{{0, time.Monday}, {0, time.Tuesday}, {0, time.Wednesday}, {0, time.Thursday}, {0, time.Friday}}, BySetPos: []int{-1}}},
		{"FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TH", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
			Rule{Freq: Monthly, Interval: 2, ByDay: []WeekdayNum{{1, time.Thursday}}}},
		{" FREQ=WEEKLY;WKST=SU;INTERVAL=2 ", "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
			Rule{Freq: Weekly, Interval: 2, WeekStart: time.Sunday, WeekStartSet: true}},
	} {
		got, err := ParseRule(tc.in)
		if err != nil {
			t.Errorf("ParseRule(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseRule(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		if s := got.String(); s != tc.canon {
			t.Errorf("ParseRule(%q).String() = %q, want %q", tc.in, s, tc.canon)
		}
		back, err := ParseRule(got.String())
		if err != nil || !reflect.DeepEqual(back, got) {
			t.Errorf("round trip of %q: %+v, %v", tc.in, back, err)
		}
	}
}

func TestParseRuleErrors(t *testing.T) {
	for _, tc := range []struct{ in, part, want string }{
		{"", "", "RRULE: empty rule"},
		{"FREQ=FORTNIGHTLY", "FREQ", "RRULE: FREQ=FORTNIGHTLY: unknown frequency"},
		{"FREQ=YEARLY", "FREQ", "RRULE: FREQ=YEARLY: not supported"},
		{"INTERVAL=2;BYDAY=MO", "", "RRULE: FREQ is missing"},
		{"FREQ=WEEKLY;INTERVAL=0", "INTERVAL", "RRULE: INTERVAL=0: must be from 1 to 1000"},
		{"FREQ=WEEKLY;INTERVAL=-2", "INTERVAL", "RRULE: INTERVAL=-2: must be from 1"},
		{"FREQ=WEEKLY;INTERVAL=two", "INTERVAL", "RRULE: INTERVAL=TWO: not a whole number"},
		{"FREQ=WEEKLY;BYDAY=9XX", "BYDAY", "RRULE: BYDAY=9XX: 9XX is not a weekday"},
		{"FREQ=WEEKLY;BYDAY=MO,,TU", "BYDAY", `RRULE: BYDAY=MO,,TU: "" is not a weekday`},
		{"FREQ=MONTHLY;BYDAY=6MO", "BYDAY", "RRULE: BYDAY=6MO: 6MO: the position must be 1 to 5 or -1 to -5"},
		{"FREQ=MONTHLY;BYDAY=0MO", "BYDAY", "RRULE: BYDAY=0MO: 0MO: the position must be"},
		{"FREQ=WEEKLY;BYDAY=2TU", "BYDAY", "RRULE: BYDAY=2TU: a position such as 2TU needs FREQ=MONTHLY"},
		{"FREQ=WEEKLY;BYDAY=MO,MO", "BYDAY", "RRULE: BYDAY=MO,MO: MO is listed twice"},
		{"FREQ=DAILY;COUNT=5;UNTIL=20261231", "", "RRULE: COUNT and UNTIL together"},
		{"FREQ=DAILY;COUNT=0", "COUNT", "RRULE: COUNT=0: must be from 1 to 10000"},
		{"FREQ=DAILY;COUNT=10001", "COUNT", "RRULE: COUNT=10001: must be from 1 to 10000"},
		{"FREQ=DAILY;UNTIL=20260101T090000", "UNTIL", "RRULE: UNTIL=20260101T090000: a local date-time is ambiguous"},
		{"FREQ=DAILY;UNTIL=tomorrow", "UNTIL", "RRULE: UNTIL=TOMORROW: not a date"},
		{"FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS", "RRULE: BYSETPOS=1: needs FREQ=MONTHLY with BYDAY"},
		{"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=40", "BYSETPOS", `RRULE: BYSETPOS=40: "40": each position must be 1 to 31`},
		{"FREQ=DAILY;FREQ=WEEKLY", "FREQ", "RRULE: FREQ=WEEKLY: FREQ is given twice"},
		{"FREQ=MONTHLY;BYMONTHDAY=15", "BYMONTHDAY", "RRULE: BYMONTHDAY=15: not supported"},
		{"FREQ=DAILY;COLOUR=RED", "COLOUR", "RRULE: COLOUR=RED: unknown rule part"},
		{"FREQ=DAILY;WKST=XX", "WKST", "RRULE: WKST=XX: XX is not a weekday"},
		{"FREQ=DAILY;BYDAY", "", `RRULE: "BYDAY" is not NAME=VALUE`},
	} {
		_, err := ParseRule(tc.in)
		var re *RuleError
		if !errors.As(err, &re) {
			t.Errorf("ParseRule(%q) = %v, want a *RuleError", tc.in, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) || re.Part != tc.part {
			t.Errorf("ParseRule(%q) = %q (part %q), want %q… (part %q)", tc.in, err, re.Part, tc.want, tc.part)
		}
	}
}

func TestRuleValidateInCode(t *testing.T) {
	for _, tc := range []struct {
		r    Rule
		want string
	}{
		{Rule{}, "RRULE: FREQ is missing"},
		{Rule{Freq: 9}, "RRULE: FREQ=Freq(9): unknown"},
		{Rule{Freq: Weekly, Interval: -1}, "RRULE: INTERVAL=-1"},
		{Rule{Freq: Daily, ByDay: []WeekdayNum{{1, time.Monday}}}, "RRULE: BYDAY=1MO: a position such as 1MO needs FREQ=MONTHLY"},
	} {
		if err := tc.r.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v.Validate() = %v, want %q…", tc.r, err, tc.want)
		}
	}
	if err := (Rule{Freq: Weekly}).Validate(); err != nil {
		t.Errorf("the zero Interval should read as 1: %v", err)
	}
}

func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=20",
		"FREQ=MONTHLY;BYDAY=2TU", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T000000Z",
		"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
		"FREQ=MONTHLY;BYDAY=5MO;COUNT=3", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "RRULE:FREQ=WEEKLY;WKST=SU;INTERVAL=3",
		"FREQ=DAILY;UNTIL=20260310", "FREQ=MONTHLY", "FREQ=DAILY;INTERVAL=1000;COUNT=10000", "BYDAY=9XX",
	} {
		f.Add(s)
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s)
		if err != nil {
			var re *RuleError
			if !errors.As(err, &re) || !strings.HasPrefix(err.Error(), "RRULE: ") {
				t.Fatalf("ParseRule(%q): error %v is not a *RuleError", s, err)
			}
			return
		}
		back, err := ParseRule(r.String())
		if err != nil || !reflect.DeepEqual(back, r) {
			t.Fatalf("ParseRule(%q).String() = %q reads back as %+v, %v; want %+v", s, r.String(), back, err, r)
		}
		// Expansion over thirty years must stay bounded and ordered.
		sr := Series{Start: start, Zone: ny, Duration: time.Hour, Rule: r}
		t0 := time.Now()
		_ = sr.Validate()
		occ := sr.Between(start.AddDate(-1, 0, 0), start.AddDate(30, 0, 0))
		if d := time.Since(t0); d > time.Second {
			t.Fatalf("%q: Validate and Between took %v", s, d)
		}
		if len(occ) > MaxOccurrences {
			t.Fatalf("%q: %d occurrences", s, len(occ))
		}
		for i, o := range occ {
			if o.LocalStart.Hour() != 9 && !o.Shifted || i > 0 && !occ[i-1].Start.Before(o.Start) {
				t.Fatalf("%q: occurrence %d %v out of order or off its time", s, i, o.LocalStart)
			}
		}
	})
}
