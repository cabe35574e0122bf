package schedule

import (
	"strings"
	"testing"
	"time"
)

// zone loads an IANA zone or fails the test.
func zone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// mustRule parses a rule or fails the test.
func mustRule(tb testing.TB, s string) Rule {
	tb.Helper()
	r, err := ParseRule(s)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// localDates lists the local start dates of occurrences as "2026-03-09".
func localDates(occ []Occurrence) string {
	var out []string
	for _, o := range occ {
		out = append(out, o.LocalStart.Format(time.DateOnly))
	}
	return strings.Join(out, " ")
}

func TestBetweenPatterns(t *testing.T) {
	ny := zone(t, "America/New_York")
	for _, tc := range []struct {
		name, rule string
		start      Date
		to         Date // window: start..to, exclusive
		want       string
	}{
		{"daily on weekdays", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", Date{2026, 3, 5}, Date{2026, 3, 13},
			"2026-03-05 2026-03-06 2026-03-09 2026-03-10 2026-03-11 2026-03-12"},
		{"weekly", "FREQ=WEEKLY;BYDAY=TU", Date{2026, 3, 3}, Date{2026, 3, 25},
			"2026-03-03 2026-03-10 2026-03-17 2026-03-24"},
		{"weekly, no BYDAY: start's weekday", "FREQ=WEEKLY;COUNT=3", Date{2026, 3, 4}, Date{2026, 6, 1},
			"2026-03-04 2026-03-11 2026-03-18"},
		{"bi-weekly, two days", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", Date{2026, 3, 2}, Date{2026, 4, 1},
			"2026-03-02 2026-03-05 2026-03-16 2026-03-19 2026-03-30"},
		{"bi-weekly from a Thursday: the Monday of the first week is before the start", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", Date{2026, 3, 5}, Date{2026, 3, 30},
			"2026-03-05 2026-03-16 2026-03-19"},
		{"monthly, second Tuesday", "FREQ=MONTHLY;BYDAY=2TU;COUNT=4", Date{2026, 1, 13}, Date{2027, 1, 1},
			"2026-01-13 2026-02-10 2026-03-10 2026-04-14"},
		{"monthly, last Friday", "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20260601T000000Z", Date{2026, 1, 30}, Date{2027, 1, 1},
			"2026-01-30 2026-02-27 2026-03-27 2026-04-24 2026-05-29"},
		{"monthly, last weekday (BYSETPOS)", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4", Date{2026, 1, 30}, Date{2027, 1, 1},
			"2026-01-30 2026-02-27 2026-03-31 2026-04-30"},
		{"monthly, fifth Monday only where there is one", "FREQ=MONTHLY;BYDAY=5MO;COUNT=3", Date{2026, 3, 30}, Date{2028, 1, 1},
			"2026-03-30 2026-06-29 2026-08-31"},
		{"bi-monthly, first Thursday", "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH", Date{2026, 1, 1}, Date{2026, 12, 31},
			"2026-01-01 2026-03-05 2026-05-07 2026-07-02 2026-09-03 2026-11-05"},
		{"monthly by day of month: skips months without a 31st", "FREQ=MONTHLY;COUNT=4", Date{2026, 1, 31}, Date{2027, 1, 1},
			"2026-01-31 2026-03-31 2026-05-31 2026-07-31"},
		{"UNTIL as a date includes that day", "FREQ=DAILY;UNTIL=20260304", Date{2026, 3, 1}, Date{2026, 4, 1},
			"2026-03-01 2026-03-02 2026-03-03 2026-03-04"},
		{"UNTIL as UTC is inclusive of an occurrence starting then", "FREQ=DAILY;UNTIL=20260303T140000Z", Date{2026, 3, 1}, Date{2026, 4, 1},
			"2026-03-01 2026-03-02 2026-03-03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Series{Start: time.Date(tc.start.Year, tc.start.Month, tc.start.Day, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour, Rule: mustRule(t, tc.rule)}
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			got := s.Between(s.Start, time.Date(tc.to.Year, tc.to.Month, tc.to.Day, 0, 0, 0, 0, ny))
			if localDates(got) != tc.want {
				t.Errorf("got  %s\nwant %s", localDates(got), tc.want)
			}
		})
	}
}

func TestBetweenJumpsAheadWithoutCount(t *testing.T) {
	ny := zone(t, "America/New_York")
	s := Series{Start: time.Date(2020, 1, 7, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour, Rule: mustRule(t, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")}
	got := s.Between(time.Date(2026, 3, 1, 0, 0, 0, 0, ny), time.Date(2026, 4, 1, 0, 0, 0, 0, ny))
	// 2020-01-07 plus a multiple of 14 days: 2026-03-03 is 2247 days later, 160.5 fortnights.
	if want := "2026-03-10 2026-03-24"; localDates(got) != want {
		t.Errorf("got %s, want %s", localDates(got), want)
	}
}

// A weekly 09:00 New York session is 14:00 UTC in winter and 13:00 UTC in
// summer; its local time never moves.
func TestDSTKeepsLocalTime(t *testing.T) {
	ny := zone(t, "America/New_York")
	s := Series{Start: time.Date(2026, 1, 5, 9, 0, 0, 0, ny), Zone: ny, Duration: 45 * time.Minute, Rule: mustRule(t, "FREQ=WEEKLY;BYDAY=MO")}
	occ := s.Between(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(occ) != 52 {
		t.Fatalf("%d occurrences in 2026, want 52", len(occ))
	}
	for _, o := range occ {
		if h, m, _ := o.LocalStart.Clock(); h != 9 || m != 0 || o.LocalEnd.Sub(o.LocalStart) != 45*time.Minute {
			t.Errorf("%s: local %v–%v, want 09:00–09:45", o.Date, o.LocalStart, o.LocalEnd)
		}
		wantUTC := 14
		if o.LocalStart.IsDST() {
			wantUTC = 13
		}
		if o.Start.Location() != time.UTC || o.Start.Hour() != wantUTC {
			t.Errorf("%s: UTC start %v, want %02d:00 UTC", o.Date, o.Start, wantUTC)
		}
	}
	for _, tc := range []struct {
		date string
		utc  int
	}{{"2026-03-02", 14}, {"2026-03-09", 13}, {"2026-10-26", 13}, {"2026-11-02", 14}} {
		found := false
		for _, o := range occ {
			if o.Date.String() == tc.date {
				found = true
				if o.Start.Hour() != tc.utc {
					t.Errorf("%s: %v, want %02d:00 UTC", tc.date, o.Start, tc.utc)
				}
			}
		}
		if !found {
			t.Errorf("no occurrence on %s", tc.date)
		}
	}
}

// 02:30 does not exist in New York on 2026-03-08: RFC 5545 reads it with
// the offset before the gap, so it becomes 03:30 EDT.
func TestSpringForwardGap(t *testing.T) {
	ny := zone(t, "America/New_York")
	s := Series{Start: time.Date(2026, 3, 7, 2, 30, 0, 0, ny), Zone: ny, Duration: 30 * time.Minute, Rule: mustRule(t, "FREQ=DAILY;COUNT=3")}
	occ := s.Between(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	want := []struct {
		local, utc string
		shifted    bool
	}{
		{"2026-03-07 02:30 EST", "07:30", false},
		{"2026-03-08 03:30 EDT", "07:30", true},
		{"2026-03-09 02:30 EDT", "06:30", false},
	}
	if len(occ) != len(want) {
		t.Fatalf("%d occurrences, want %d", len(occ), len(want))
	}
	for i, w := range want {
		o := occ[i]
		if got := o.LocalStart.Format("2006-01-02 15:04 MST"); got != w.local || o.Start.Format("15:04") != w.utc || o.Shifted != w.shifted {
			t.Errorf("occurrence %d: %s (%s UTC, shifted %v), want %s (%s UTC, shifted %v)", i, got, o.Start.Format("15:04"), o.Shifted, w.local, w.utc, w.shifted)
		}
	}
	if at := s.At(Date{2026, 3, 8}); at.Format("15:04 MST") != "03:30 EDT" {
		t.Errorf("At(2026-03-08) = %v", at)
	}
}

// 01:30 happens twice in New York on 2026-11-01: the first, EDT, is taken.
func TestFallBackAmbiguity(t *testing.T) {
	ny := zone(t, "America/New_York")
	s := Series{Start: time.Date(2026, 10, 31, 1, 30, 0, 0, ny), Zone: ny, Duration: time.Hour, Rule: mustRule(t, "FREQ=DAILY;COUNT=3")}
	occ := s.Between(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	want := []string{"2026-10-31 01:30 EDT 05:30Z", "2026-11-01 01:30 EDT 05:30Z", "2026-11-02 01:30 EST 06:30Z"}
	for i, o := range occ {
		if got := o.LocalStart.Format("2006-01-02 15:04 MST ") + o.Start.Format("15:04Z"); i >= len(want) || got != want[i] {
			t.Errorf("occurrence %d: %s", i, got)
		}
	}
	// The hour from 01:30 EDT runs to 01:30 EST on the local clock.
	if o := occ[1]; o.LocalEnd.Format("15:04 MST") != "01:30 EST" || o.End.Sub(o.Start) != time.Hour {
		t.Errorf("end %v", o.LocalEnd)
	}
}

// Lord Howe Island moves its clocks by half an hour: 02:15 on its
// spring-forward day is in the gap and moves to 02:45.
func TestHalfHourGap(t *testing.T) {
	lh := zone(t, "Australia/Lord_Howe")
	got, shifted := wallInstant(Date{2026, 10, 4}.days(), 2*3600+15*60, lh)
	if got.Format("15:04") != "02:45" || !shifted {
		t.Errorf("got %v shifted %v, want 02:45 shifted", got, shifted)
	}
}

func TestExceptions(t *testing.T) {
	ber := zone(t, "Europe/Berlin")
	s := Series{
		Start: time.Date(2026, 3, 2, 10, 0, 0, 0, ber), Zone: ber, Duration: time.Hour,
		Rule: mustRule(t, "FREQ=WEEKLY;BYDAY=MO"),
		Exceptions: Exceptions{
			Skip:  []Date{{2026, 3, 16}},
			Moves: []Move{{Date: Date{2026, 3, 9}, Start: time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC), Duration: 30 * time.Minute}, {Date: Date{2026, 4, 6}, Start: time.Date(2026, 3, 27, 9, 0, 0, 0, ber)}},
		},
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	occ := s.Between(time.Date(2026, 3, 1, 0, 0, 0, 0, ber), time.Date(2026, 4, 1, 0, 0, 0, 0, ber))
	var got []string
	for _, o := range occ {
		got = append(got, o.Date.String()+"@"+o.LocalStart.Format("01-02T15:04")+"/"+o.End.Sub(o.Start).String())
	}
	// The 6 April occurrence, moved into March, is in March's window.
	want := "2026-03-02@03-02T10:00/1h0m0s 2026-03-09@03-10T15:00/30m0s 2026-03-23@03-23T10:00/1h0m0s 2026-04-06@03-27T09:00/1h0m0s 2026-03-30@03-30T10:00/1h0m0s"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	if !occ[1].Moved || occ[0].Moved {
		t.Error("Moved flags wrong")
	}
	ex := s.ExDates()
	if len(ex) != 1 || !ex[0].Equal(time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("ExDates = %v", ex)
	}
	// April's window no longer holds the moved occurrence.
	if got := localDates(s.Between(time.Date(2026, 4, 1, 0, 0, 0, 0, ber), time.Date(2026, 4, 14, 0, 0, 0, 0, ber))); got != "2026-04-13" {
		t.Errorf("April: %s", got)
	}
}

func TestSeriesValidate(t *testing.T) {
	ny := zone(t, "America/New_York")
	ok := Series{Start: time.Date(2026, 3, 2, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour, Rule: mustRule(t, "FREQ=WEEKLY;BYDAY=MO;COUNT=4")}
	for _, tc := range []struct {
		name string
		edit func(*Series)
		want string
	}{
		{"no zone", func(s *Series) { s.Zone = nil }, "series: time zone missing"},
		{"no start", func(s *Series) { s.Start = time.Time{} }, "series: start missing"},
		{"no duration", func(s *Series) { s.Duration = 0 }, "series: duration 0s"},
		{"too long", func(s *Series) { s.Duration = 25 * time.Hour }, "series: duration 25h0m0s"},
		{"start off the rule", func(s *Series) { s.Start = s.Start.AddDate(0, 0, 1) },
			"series: the start 2026-03-03 (Tuesday) is not a date of FREQ=WEEKLY;COUNT=4;BYDAY=MO; its first is 2026-03-09 (Monday)"},
		{"UNTIL before start", func(s *Series) { s.Rule = mustRule(t, "FREQ=WEEKLY;UNTIL=20260301T000000Z") },
			"RRULE: UNTIL=20260301T000000Z: before the series starts (2026-03-02 09:00 America/New_York)"},
		{"UNTIL date before start", func(s *Series) { s.Rule = mustRule(t, "FREQ=WEEKLY;UNTIL=20260301") }, "RRULE: UNTIL=20260301: before"},
		{"never", func(s *Series) { s.Rule = mustRule(t, "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6") }, "RRULE: FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6 never gives a date"},
		{"skip off the rule", func(s *Series) { s.Exceptions.Skip = []Date{{2026, 3, 3}} }, "series: skip 2026-03-03: the series has no occurrence that day"},
		{"skip past COUNT", func(s *Series) { s.Exceptions.Skip = []Date{{2026, 3, 30}} }, "series: skip 2026-03-30: the series has no occurrence"},
		{"skip twice", func(s *Series) { s.Exceptions.Skip = []Date{{2026, 3, 9}, {2026, 3, 9}} }, "series: skip 2026-03-09: the occurrence is already in skip"},
		{"move a skipped one", func(s *Series) {
			s.Exceptions.Skip = []Date{{2026, 3, 9}}
			s.Exceptions.Moves = []Move{{Date: Date{2026, 3, 9}, Start: s.Start}}
		}, "series: move 2026-03-09: the occurrence is already in skip"},
		{"move nowhere", func(s *Series) { s.Exceptions.Moves = []Move{{Date: Date{2026, 3, 9}}} }, "series: move 2026-03-09: new start missing"},
	} {
		s := ok
		tc.edit(&s)
		if err := s.Validate(); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q…", tc.name, err, tc.want)
		}
	}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
}

// Hostile rules and windows stay bounded.
func TestBetweenBounded(t *testing.T) {
	utc := time.UTC
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, utc)
	for _, rule := range []string{"FREQ=DAILY", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "FREQ=MONTHLY;INTERVAL=1000;BYDAY=5FR"} {
		s := Series{Start: start, Zone: utc, Duration: time.Minute, Rule: mustRule(t, rule)}
		t0 := time.Now()
		occ := s.Between(time.Date(1, 1, 1, 0, 0, 0, 0, utc), time.Date(9999, 1, 1, 0, 0, 0, 0, utc))
		if len(occ) > MaxOccurrences || time.Since(t0) > 2*time.Second {
			t.Errorf("%s: %d occurrences in %v", rule, len(occ), time.Since(t0))
		}
	}
	if occ := (Series{Start: start, Zone: utc, Duration: time.Minute, Rule: mustRule(t, "FREQ=DAILY")}).Between(start, start.AddDate(100, 0, 0)); len(occ) != MaxOccurrences {
		t.Errorf("daily over a century: %d occurrences, want the cap %d", len(occ), MaxOccurrences)
	}
	if occ := (Series{Start: start, Duration: time.Minute, Rule: mustRule(t, "FREQ=DAILY")}).Between(start, start.AddDate(1, 0, 0)); occ != nil {
		t.Errorf("no zone: %d occurrences", len(occ))
	}
}

// An occurrence that began before the window and runs into it is returned.
func TestBetweenOverlap(t *testing.T) {
	utc := time.UTC
	s := Series{Start: time.Date(2026, 3, 2, 23, 0, 0, 0, utc), Zone: utc, Duration: 2 * time.Hour, Rule: mustRule(t, "FREQ=DAILY")}
	occ := s.Between(time.Date(2026, 3, 3, 0, 30, 0, 0, utc), time.Date(2026, 3, 3, 23, 0, 0, 0, utc))
	if localDates(occ) != "2026-03-02" {
		t.Errorf("got %s, want the one of 2026-03-02 only (the next starts at the window's end)", localDates(occ))
	}
}
