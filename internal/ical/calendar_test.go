package ical

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/arran4/golang-ical"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func zone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

var stamp = time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)

// sessions is a feed with a weekly series in New York (one occurrence
// cancelled, one moved), a single session in Kolkata and one in UTC.
func sessions(tb testing.TB) Calendar {
	ny, kol := zone(tb, "America/New_York"), zone(tb, "Asia/Kolkata")
	moved := time.Date(2026, 3, 23, 9, 0, 0, 0, ny)
	return Calendar{Name: "Ana's sessions, EMEA; \"deal\" clinic", Refresh: time.Hour, Events: []Event{
		{
			UID: "series-7@huddle.example", Summary: "Deal clinic", Sequence: 2, Stamp: stamp,
			Description: "Agenda: https://huddle.example/s/7\nVideo: https://meet.example/abc",
			Location:    "https://meet.example/abc", URL: "https://huddle.example/s/7",
			Start: time.Date(2026, 3, 2, 9, 0, 0, 0, ny), Zone: ny, Duration: 45 * time.Minute,
			RRule:   "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260601T000000Z",
			ExDates: []time.Time{time.Date(2026, 3, 16, 9, 0, 0, 0, ny), time.Date(2026, 4, 6, 9, 0, 0, 0, ny)},
		},
		{
			UID: "series-7@huddle.example", Summary: "Deal clinic (moved)", Sequence: 2, Stamp: stamp,
			Start: time.Date(2026, 3, 24, 14, 30, 0, 0, ny), Zone: ny, Duration: 45 * time.Minute, RecurrenceID: &moved,
		},
		{
			UID: "session-9@huddle.example", Summary: `Skill swap: "discovery" \ objections, pricing; next steps`, Stamp: stamp,
			Start: time.Date(2026, 3, 5, 16, 30, 0, 0, kol), Zone: kol, Duration: 30 * time.Minute,
		},
		{
			UID: "session-10@huddle.example", Summary: "Objection forum", Stamp: stamp,
			Start: time.Date(2026, 3, 6, 15, 0, 0, 0, time.UTC), Zone: time.UTC, Duration: 15 * time.Minute,
		},
	}}
}

func write(tb testing.TB, c Calendar) []byte {
	tb.Helper()
	var b bytes.Buffer
	n, err := c.WriteTo(&b)
	if err != nil {
		tb.Fatal(err)
	}
	if n != int64(b.Len()) {
		tb.Fatalf("WriteTo returned %d, wrote %d", n, b.Len())
	}
	return b.Bytes()
}

func parse(tb testing.TB, b []byte) *goical.Calendar {
	tb.Helper()
	cal, err := goical.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("golang-ical: %v\n%s", err, b)
	}
	return cal
}

func prop(e *goical.VEvent, p goical.ComponentProperty) string {
	if v := e.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

// The feed parses back with golang-ical to the same events, times (TZID
// resolved to the zone), RRULE, EXDATE and RECURRENCE-ID.
func TestRoundTrip(t *testing.T) {
	c := sessions(t)
	cal := parse(t, write(t, c))
	evs := cal.Events()
	if len(evs) != len(c.Events) {
		t.Fatalf("%d events, want %d", len(evs), len(c.Events))
	}
	for i, want := range c.Events {
		got := evs[i]
		if got.Id() != want.UID || prop(got, goical.ComponentPropertySummary) != want.Summary || prop(got, goical.ComponentPropertyDescription) != want.Description {
			t.Errorf("event %d: UID %q summary %q description %q", i, got.Id(), prop(got, goical.ComponentPropertySummary), prop(got, goical.ComponentPropertyDescription))
		}
		start, err := got.GetStartAt()
		if err != nil || !start.Equal(want.Start) {
			t.Errorf("event %d: start %v (%v), want %v", i, start, err, want.Start)
		}
		if want.Zone != time.UTC && start.Location().String() != want.Zone.String() {
			t.Errorf("event %d: start in %v, want %v", i, start.Location(), want.Zone)
		}
		end, err := got.GetEndAt()
		if err != nil || !end.Equal(want.Start.Add(want.Duration)) {
			t.Errorf("event %d: end %v (%v)", i, end, err)
		}
		if stamp, err := got.GetDtStampTime(); err != nil || !stamp.Equal(want.Stamp) {
			t.Errorf("event %d: DTSTAMP %v (%v)", i, stamp, err)
		}
		if seq := prop(got, goical.ComponentPropertySequence); seq != map[bool]string{true: "2", false: "0"}[want.Sequence == 2] {
			t.Errorf("event %d: SEQUENCE %q", i, seq)
		}
	}
	series := evs[0]
	if r := prop(series, goical.ComponentPropertyRrule); r != c.Events[0].RRule {
		t.Errorf("RRULE %q", r)
	}
	if u := prop(series, goical.ComponentPropertyUrl); u != c.Events[0].URL {
		t.Errorf("URL %q", u)
	}
	var ex []time.Time
	for _, p := range series.Properties {
		if p.IANAToken == string(goical.ComponentPropertyExdate) {
			loc := zone(t, p.ICalParameters["TZID"][0])
			x, err := time.ParseInLocation(localFormat, p.Value, loc)
			if err != nil {
				t.Fatal(err)
			}
			ex = append(ex, x)
		}
	}
	if len(ex) != 2 || !ex[0].Equal(c.Events[0].ExDates[0]) || !ex[1].Equal(c.Events[0].ExDates[1]) {
		t.Errorf("EXDATE %v, want %v", ex, c.Events[0].ExDates)
	}
	// EXDATE 2026-04-06 09:00 is after the change to EDT: 13:00 UTC.
	if ex[1].UTC().Hour() != 13 || ex[0].UTC().Hour() != 13 {
		t.Errorf("EXDATE in UTC: %v", ex)
	}
	rid := evs[1].GetProperty(goical.ComponentPropertyRecurrenceId)
	if rid == nil || rid.Value != "20260323T090000" || rid.ICalParameters["TZID"][0] != "America/New_York" {
		t.Errorf("RECURRENCE-ID %+v", rid)
	}
	if v := cal.CalendarProperties; len(v) == 0 {
		t.Error("no calendar properties")
	}
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "X-WR-CALNAME" && p.Value != c.Name {
			t.Errorf("X-WR-CALNAME %q, want %q", p.Value, c.Name)
		}
	}
	if tz := cal.Timezones(); len(tz) != 2 || tz[0].GetProperty(goical.ComponentPropertyTzid).Value != "America/New_York" || tz[1].GetProperty(goical.ComponentPropertyTzid).Value != "Asia/Kolkata" {
		t.Errorf("%d VTIMEZONEs", len(tz))
	}
}

// The VTIMEZONE of New York for 2026 has the real offsets and the real
// dates of the year's changes: EST since 2 November 2025, EDT from 8 March
// 2026 02:00, EST again from 1 November 2026 02:00.
func TestTimezoneNewYork(t *testing.T) {
	ny := zone(t, "America/New_York")
	cal := parse(t, write(t, Calendar{Events: []Event{{UID: "a", Stamp: stamp, Start: time.Date(2026, 6, 1, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour}}}))
	tz := cal.Timezones()
	if len(tz) != 1 {
		t.Fatalf("%d VTIMEZONEs", len(tz))
	}
	var got []string
	for _, sub := range tz[0].Components {
		var kind string
		switch sub.(type) {
		case *goical.Standard:
			kind = "STANDARD"
		case *goical.Daylight:
			kind = "DAYLIGHT"
		}
		line := kind
		for _, p := range []goical.ComponentProperty{goical.ComponentPropertyDtStart, "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"} {
			for _, q := range sub.UnknownPropertiesIANAProperties() {
				if q.IANAToken == string(p) {
					line += " " + q.Value
				}
			}
		}
		got = append(got, line)
	}
	want := []string{
		"STANDARD 20251102T020000 -0400 -0500 EST",
		"DAYLIGHT 20260308T020000 -0500 -0400 EDT",
		"STANDARD 20261101T020000 -0400 -0500 EST",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Every observance written agrees with Go's zone data: just before its
// onset the zone's offset is TZOFFSETFROM, at it TZOFFSETTO — for zones
// north and south of the equator, on the half hour and without changes.
func TestTimezoneMatchesZoneData(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Australia/Sydney", "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata", "Pacific/Apia"} {
		loc := zone(t, name)
		obs := observances(loc, time.Date(2010, 1, 1, 0, 0, 0, 0, loc), time.Date(2031, 1, 1, 0, 0, 0, 0, loc))
		for i, o := range obs {
			if o.onset.IsZero() {
				continue
			}
			_, before := o.onset.Add(-time.Second).In(loc).Zone()
			name, at := o.onset.In(loc).Zone()
			if before != o.from || at != o.to || name != o.name {
				t.Errorf("%s observance %d at %v: %s %d→%d, zone data %s %d→%d", loc, i, o.onset, o.name, o.from, o.to, name, before, at)
			}
			if i > 0 && obs[i-1].to != o.from {
				t.Errorf("%s observance %d does not follow on", loc, i)
			}
		}
		if name == "Europe/Berlin" && len(obs) != 1+2*21 {
			t.Errorf("%s: %d observances over 21 years, want 43", name, len(obs))
		}
	}
	for sec, want := range map[int]string{-4 * 3600: "-0400", 19800: "+0530", -12600: "-0330", 0: "+0000", -(17*60 + 30): "-001730"} {
		if got := utcOffset(sec); got != want {
			t.Errorf("utcOffset(%d) = %s, want %s", sec, got, want)
		}
	}
}

// Long lines fold at 75 octets and never inside a UTF-8 sequence, and
// unfold to the original.
func TestFolding(t *testing.T) {
	long := strings.Repeat("Überprüfung der Einwände — 日本語の議事録 🤝 ", 12)
	ber := zone(t, "Europe/Berlin")
	b := write(t, Calendar{Name: long, Events: []Event{{UID: "fold", Stamp: stamp, Summary: long, Description: long + "\n" + long, Start: time.Date(2026, 3, 2, 9, 0, 0, 0, ber), Zone: ber, Duration: time.Hour}}})
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Error("no final CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if len(l) > 75 {
			t.Errorf("line %d: %d octets", i, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare line break", i)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 20 {
		t.Errorf("only %d continuation lines", folded)
	}
	ev := parse(t, b).Events()[0]
	if got := prop(ev, goical.ComponentPropertySummary); got != long {
		t.Errorf("summary came back as %q", got)
	}
	if got := prop(ev, goical.ComponentPropertyDescription); got != long+"\n"+long {
		t.Error("description did not come back whole")
	}
	// Exactly at the limit: 75 octets stay on one line, 76 fold.
	for n, want := range map[int]string{75: strings.Repeat("a", 75) + "\r\n", 76: strings.Repeat("a", 75) + "\r\n a\r\n"} {
		if got := string(appendFolded(nil, strings.Repeat("a", n))); got != want {
			t.Errorf("%d octets: %q", n, got)
		}
	}
	// A three-octet rune straddling octet 75 moves whole to the next line.
	if got := string(appendFolded(nil, strings.Repeat("a", 73)+"語b")); got != strings.Repeat("a", 73)+"\r\n 語b\r\n" {
		t.Errorf("straddling rune: %q", got)
	}
}

func TestEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`a\b;c,d`:           `a\\b\;c\,d`,
		"one\ntwo\r\nthree": `one\ntwo\nthree`,
		"tab\there\x00\x07": "tab\there",
		"bad \xff utf8":     "bad \uFFFD utf8",
		`\n is not a break`: `\\n is not a break`,
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := param("Europe/Berlin"); got != "Europe/Berlin" {
		t.Error(got)
	}
	if got := param(`a:b;"c"`); got != `"a:b;c"` {
		t.Error(got)
	}
	if got := uri("https://x.example/a b\n"); got != "https://x.example/ab" {
		t.Error(got)
	}
}

func TestValidate(t *testing.T) {
	ny := zone(t, "America/New_York")
	ok := Event{UID: "u", Stamp: stamp, Start: time.Date(2026, 3, 2, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour}
	for _, tc := range []struct {
		edit func(*Event)
		want string
	}{
		{func(e *Event) { e.UID = " " }, "event: UID missing"},
		{func(e *Event) { e.Start = time.Time{} }, `event "u": start missing`},
		{func(e *Event) { e.Stamp = time.Time{} }, `event "u": stamp (DTSTAMP) missing`},
		{func(e *Event) { e.Duration = 0 }, `event "u": duration 0s`},
		{func(e *Event) { e.Sequence = -1 }, `event "u": sequence -1`},
		{func(e *Event) { e.Zone = time.Local }, `event "u": zone "Local"`},
		{func(e *Event) { e.RRule = "FREQ=DAILY\r\nX-EVIL:1" }, `event "u": RRULE holds a line break`},
		{func(e *Event) { e.RRule = "BYDAY=MO" }, `event "u": RRULE "BYDAY=MO": FREQ missing`},
	} {
		e := ok
		tc.edit(&e)
		var b bytes.Buffer
		n, err := Calendar{Name: "c", Events: []Event{ok, e}}.WriteTo(&b)
		if err == nil || !strings.HasPrefix(err.Error(), `calendar "c", event 2: `+tc.want) || n != 0 || b.Len() != 0 {
			t.Errorf("got %v (%d octets), want %q", err, n, tc.want)
		}
	}
}

// A series without an end gets zone definitions five years past its start
// or stamp; one with COUNT, as far as COUNT periods reach.
func TestTimezoneYears(t *testing.T) {
	ber := zone(t, "Europe/Berlin")
	for _, tc := range []struct {
		rule     string
		from, to int
	}{
		{"", 2026, 2027},
		{"FREQ=WEEKLY", 2026, 2032},
		{"FREQ=MONTHLY;INTERVAL=2;COUNT=12", 2026, 2029},
		{"RRULE:FREQ=DAILY;UNTIL=20280301", 2026, 2029},
	} {
		z := Calendar{Events: []Event{{UID: "u", Stamp: stamp, Start: time.Date(2026, 3, 2, 9, 0, 0, 0, ber), Zone: ber, Duration: time.Hour, RRule: tc.rule}}}.zones()
		if len(z) != 1 || z[0].from.Year() != tc.from || z[0].to.Year() != tc.to {
			t.Errorf("%q: %v–%v, want %d–%d", tc.rule, z[0].from, z[0].to, tc.from, tc.to)
		}
	}
}

func TestWriteEventGolden(t *testing.T) {
	var b bytes.Buffer
	c := sessions(t)
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n") // two files in one: the feed, then a single event
	if _, err := WriteEvent(&b, c.Events[2]); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sessions.ics")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n%s", golden, b.Bytes())
	}
}

func BenchmarkWriteTo(b *testing.B) {
	c := sessions(b)
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			b.Fatal(err)
		}
	}
}
