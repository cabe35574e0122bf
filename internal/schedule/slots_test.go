package schedule

import (
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
)

// find runs FindSlots or fails the test.
func find(tb testing.TB, q SlotQuery) Result {
	tb.Helper()
	r, err := FindSlots(q)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// starts lists the slots as "Mon 14:00".
func starts(r Result) string {
	var out []string
	for _, s := range r.Slots {
		out = append(out, s.Start.Format("Mon 15:04"))
	}
	return strings.Join(out, ", ")
}

// slotAt returns the placement of member i in the slot starting at start,
// out of every slot of the week.
func slotAt(tb testing.TB, q SlotQuery, start time.Time) Slot {
	tb.Helper()
	q.Top = 7 * 24 * 60
	for _, s := range find(tb, q).Slots {
		if s.Start.Equal(start) {
			return s
		}
	}
	tb.Fatalf("no slot at %v", start)
	return Slot{}
}

var (
	ana   = Member{ID: "ana", Name: "Ana", Zone: "America/New_York", Hours: "09:00-17:00"}
	ben   = Member{ID: "ben", Name: "Ben", Zone: "Europe/Berlin", Hours: "09:00-17:00"}
	kenji = Member{ID: "kenji", Name: "Kenji", Zone: "Asia/Tokyo", Hours: "09:00-17:00"}
	lucy  = Member{ID: "lucy", Name: "Lucy", Zone: "America/Los_Angeles", Hours: "09:00-17:00"}
	sam   = Member{ID: "sam", Name: "Sam", Zone: "Australia/Sydney", Hours: "09:00-17:00"}
	priya = Member{ID: "priya", Name: "Priya", Zone: "Asia/Kolkata", Hours: "09:00-17:00"}
	liam  = Member{ID: "liam", Name: "Liam", Zone: "Europe/London", Hours: "09:00-17:00"}
	nora  = Member{ID: "nora", Name: "Nora", Zone: "America/St_Johns", Hours: "09:00-17:00"}
)

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

// One member: the best slot is centred on the middle of their day, then
// the same time on the following days (equal scores, earliest first).
func TestFindSlotsRanking(t *testing.T) {
	r := find(t, SlotQuery{Members: []Member{ana}, Length: time.Hour, Week: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)})
	if got, want := starts(r), "Mon 17:30, Tue 17:30, Wed 17:30, Thu 17:30, Fri 17:30"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if r.Monday != (Date{2026, 1, 12}) || !r.FitsEveryone || r.Slots[0].Worst != 0 {
		t.Errorf("result %+v", r)
	}
	// Every slot of the week, in order: the order FindSlots documents.
	all := find(t, SlotQuery{Members: []Member{ana, ben, kenji}, Length: 45 * time.Minute, Week: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Top: 10000})
	if len(all.Slots) != 7*24*4 {
		t.Fatalf("%d slots, want %d", len(all.Slots), 7*24*4)
	}
	for i := 1; i < len(all.Slots); i++ {
		a, b := all.Slots[i-1], all.Slots[i]
		if a.Fits < b.Fits || a.Fits == b.Fits && (a.Worst > b.Worst || a.Worst == b.Worst && (a.Total > b.Total || a.Total == b.Total && !a.Start.Before(b.Start))) {
			t.Fatalf("slot %d (%v) ranked before slot %d (%v)", i-1, a, i, b)
		}
	}
}

// In the week of 2026-03-09 New York has moved its clocks and Berlin has
// not: five hours apart, not six, so the shared window is 13:00–16:00 UTC
// instead of 14:00–16:00 UTC.
func TestFindSlotsUSEuropeMismatch(t *testing.T) {
	q := SlotQuery{Members: []Member{ana, ben}, Length: 45 * time.Minute, Top: 2}
	for _, tc := range []struct {
		week  time.Time
		want  string
		first string // Ana's and Ben's local times in the best slot
	}{
		{time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), "Mon 14:30, Mon 14:45", "09:30 EST 15:30 CET"},
		{time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC), "Mon 14:00, Mon 14:15", "10:00 EDT 15:00 CET"},
		{time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), "Mon 13:30, Mon 13:45", "09:30 EDT 15:30 CEST"},
	} {
		q.Week = tc.week
		r := find(t, q)
		p := r.Slots[0].Members
		if got := starts(r); got != tc.want || p[0].Start.Format("15:04 MST")+" "+p[1].Start.Format("15:04 MST") != tc.first {
			t.Errorf("week of %s: %s (%s %s), want %s (%s)", r.Monday, got, p[0].Start.Format("15:04 MST"), p[1].Start.Format("15:04 MST"), tc.want, tc.first)
		}
	}
	// 13:00 UTC is 09:00 for Ana in the mismatch week, 08:00 the week before.
	q.Week = time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC)
	if s := slotAt(t, q, utc(2026, 3, 10, 13, 0)); s.Fits != 2 {
		t.Errorf("Tue 13:00 UTC in the week of 2026-03-09: %v", s)
	}
	q.Week = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	s := slotAt(t, q, utc(2026, 3, 3, 13, 0))
	if got := s.Members[0].Explain(); s.Fits != 1 || got != "Ana: Tue 08:00–08:45, 1 h before their day starts (09:00)" {
		t.Errorf("Tue 13:00 UTC in the week of 2026-03-02: %v; %s", s, got)
	}
}

// Kolkata is UTC+5:30 and St John's UTC−3:30: local times fall on the half
// hour, and a 15-minute grid still finds the quarter-hour slots.
func TestFindSlotsHalfHourZones(t *testing.T) {
	week := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	r := find(t, SlotQuery{Members: []Member{liam, priya}, Length: 45 * time.Minute, Week: week, Top: 1})
	// London 09:00–17:00 UTC, Kolkata 03:30–11:30 UTC: 09:00–11:30 shared;
	// the fairest 45 minutes start at 09:45 UTC (15:15 in Kolkata).
	if got, p := starts(r), r.Slots[0].Members[1]; got != "Mon 09:45" || p.Start.Format("15:04") != "15:15" || !r.FitsEveryone {
		t.Errorf("London+Kolkata: %s, Priya %s", got, p.Start.Format("15:04"))
	}
	r = find(t, SlotQuery{Members: []Member{nora, liam}, Length: 30 * time.Minute, Week: week, Top: 1})
	// St John's 12:30–20:30 UTC, London 09:00–17:00: 12:30–17:00 shared.
	if got, p := starts(r), r.Slots[0].Members[0]; got != "Mon 14:30" || p.Start.Format("15:04 MST") != "11:00 NST" {
		t.Errorf("St John's+London: %s, Nora %s", got, p.Start.Format("15:04 MST"))
	}
	// Kolkata and St John's share no hour: 9 h apart.
	r = find(t, SlotQuery{Members: []Member{priya, nora}, Length: 30 * time.Minute, Week: week})
	if r.FitsEveryone || r.Slots[0].Fits != 1 {
		t.Errorf("Kolkata+St John's: %s", r.Explain())
	}
	// In summer St John's is UTC−2:30: its day starts at 11:30 UTC.
	q := SlotQuery{Members: []Member{nora}, Length: 30 * time.Minute, Week: time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)}
	if s := slotAt(t, q, utc(2026, 7, 13, 11, 30)); s.Fits != 1 || s.Members[0].Start.Format("15:04 MST") != "09:00 NDT" {
		t.Errorf("St John's in July: %v %v", s, s.Members[0].Start)
	}
}

// A Monday-afternoon slot in Los Angeles is Tuesday morning in Sydney; a
// Friday-afternoon one is Saturday there, outside Sam's working days.
func TestFindSlotsDateLine(t *testing.T) {
	q := SlotQuery{Members: []Member{lucy, sam}, Length: 45 * time.Minute, Week: time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC), Top: 20}
	r := find(t, q)
	if !r.FitsEveryone {
		t.Fatal(r.Explain())
	}
	for _, s := range r.Slots {
		if s.Fits == 2 && (s.Members[0].Start.Weekday() == time.Friday || s.Members[1].Start.Weekday() == time.Monday) {
			t.Errorf("%v fits both: Lucy %v, Sam %v", s, s.Members[0].Start, s.Members[1].Start)
		}
	}
	best := r.Slots[0]
	if got := best.Members[0].Start.Format("Mon 15:04") + " / " + best.Members[1].Start.Format("Mon 15:04"); got != "Mon 15:30 / Tue 09:30" {
		t.Errorf("best: %s", got)
	}
	fri := slotAt(t, q, utc(2026, 3, 13, 22, 30))
	if got := fri.Members[1].Explain(); fri.Fits != 1 || !fri.Members[1].DayOff || got != "Sam: Sat 09:30–10:15, Saturday is not one of their working days" {
		t.Errorf("Friday in LA: %v: %s", fri, got)
	}
	// And Sunday afternoon in LA is Monday morning in Sydney.
	sun := slotAt(t, q, utc(2026, 3, 15, 22, 30))
	if !sun.Members[0].DayOff || !sun.Members[1].Inside {
		t.Errorf("Sunday in LA: %+v", sun.Members)
	}
}

// Sydney leaves summer time in the small hours of Sunday 2026-04-05 (UTC
// Saturday 16:00): its Monday 09:00 is 22:00 UTC the Sunday before the
// change and 23:00 UTC the Sunday after, both inside one UTC week.
func TestFindSlotsClockChangeInTheWeek(t *testing.T) {
	q := SlotQuery{Members: []Member{sam}, Length: time.Hour, Week: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}
	for _, tc := range []struct {
		start time.Time
		local string
		fits  int
	}{
		{utc(2026, 3, 30, 22, 0), "Tue 09:00 AEDT", 1},
		{utc(2026, 4, 4, 15, 0), "Sun 02:00 AEDT", 0},
		{utc(2026, 4, 5, 22, 0), "Mon 08:00 AEST", 0},
		{utc(2026, 4, 5, 23, 0), "Mon 09:00 AEST", 1},
	} {
		s := slotAt(t, q, tc.start)
		if got := s.Members[0].Start.Format("Mon 15:04 MST"); got != tc.local || s.Fits != tc.fits {
			t.Errorf("%v: %s fits %d, want %s fits %d", tc.start, got, s.Fits, tc.local, tc.fits)
		}
	}
	// A slot across the change: 02:30 AEDT plus an hour is 02:30 AEST.
	if s := slotAt(t, q, utc(2026, 4, 4, 15, 30)); s.Members[0].End.Format("15:04 MST") != "02:30 AEST" || s.Members[0].Late != 0 {
		t.Errorf("across the change: %+v", s.Members[0])
	}
}

func TestFindSlotsNoneFitsEveryone(t *testing.T) {
	r := find(t, SlotQuery{Members: []Member{ana, kenji}, Length: 45 * time.Minute, Week: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Top: 3})
	if r.FitsEveryone {
		t.Fatal("New York and Tokyo share no working hour")
	}
	want := `No slot in the week of 2026-01-12 fits every member's working hours; the best fits 1 of 2.
1. Mon 21:15–22:00 UTC, fits 1 of 2
   - Kenji: Tue 06:15–07:00, 2 h 45 min before their day starts (09:00)
2. Tue 00:00–00:45 UTC, fits 1 of 2
   - Ana: Mon 19:00–19:45, 2 h 45 min after their day ends (17:00)
3. Tue 21:15–22:00 UTC, fits 1 of 2
   - Kenji: Wed 06:15–07:00, 2 h 45 min before their day starts (09:00)`
	if got := r.Explain(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	out := r.Slots[0].Outside()
	if len(out) != 1 || out[0].ID != "kenji" || out[0].Early != 2*time.Hour+45*time.Minute || out[0].Late != 0 {
		t.Errorf("outside: %+v", out)
	}
}

func TestPlacementExplain(t *testing.T) {
	tokyo := zone(t, "Asia/Tokyo")
	at := func(h, m int) time.Time { return time.Date(2026, 3, 10, h, m, 0, 0, tokyo) }
	h := domain.WorkingHours{Start: 9 * 60, End: 17 * 60}
	for _, tc := range []struct {
		p    Placement
		want string
	}{
		{Placement{Name: "Kenji", Start: at(7, 30), End: at(8, 15), Hours: h, Early: 90 * time.Minute}, "Kenji: Tue 07:30–08:15, 1 h 30 min before their day starts (09:00)"},
		{Placement{Name: "Kenji", Start: at(17, 30), End: at(18, 15), Hours: h, Late: 75 * time.Minute}, "Kenji: Tue 17:30–18:15, 1 h 15 min after their day ends (17:00)"},
		{Placement{Name: "Kenji", Start: at(8, 0), End: at(18, 0), Hours: domain.WorkingHours{Start: 9 * 60, End: 16 * 60}, Early: time.Hour, Late: 2 * time.Hour}, "Kenji: Tue 08:00–18:00, 1 h before their day starts and 2 h after it ends (09:00-16:00)"},
	} {
		if got := tc.p.Explain(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	for d, want := range map[time.Duration]string{0: "0 min", 45 * time.Minute: "45 min", 2 * time.Hour: "2 h", 90*time.Minute + 30*time.Second: "1 h 30 min"} {
		if got := HumanDuration(d); got != want {
			t.Errorf("HumanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestFindSlotsSixMembers(t *testing.T) {
	r := find(t, sixMembers(SlotQuery{}))
	if !r.FitsEveryone || len(r.Slots) != DefaultTop || starts(r) != "Mon 14:15, Tue 14:15, Wed 14:15, Thu 14:15, Fri 14:15" {
		t.Fatalf("%s\n%s", starts(r), r.Explain())
	}
	for _, p := range r.Slots[0].Members {
		if !p.Inside {
			t.Errorf("%s", p.Explain())
		}
	}
}

// sixMembers is a team from Lagos to New York, who share 14:00–15:00 UTC
// in January.
func sixMembers(q SlotQuery) SlotQuery {
	q.Members = []Member{
		ana, ben, liam,
		{ID: "rui", Name: "Rui", Zone: "America/Sao_Paulo", Hours: "09:00-17:00"},
		{ID: "olu", Name: "Olu", Zone: "Africa/Lagos", Hours: "08:00-16:00"},
		{ID: "dana", Name: "Dana", Zone: "America/Chicago", Hours: "07:30-15:30"},
	}
	q.Length, q.Week = 30*time.Minute, time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	return q
}

func TestFindSlotsErrors(t *testing.T) {
	week := time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		q    SlotQuery
		want string
	}{
		{SlotQuery{Length: time.Hour, Week: week}, "members: none given"},
		{SlotQuery{Members: []Member{ana, {ID: "k", Name: "Kenji", Zone: "Asia/Tokio", Hours: "09:00-17:00"}}, Length: time.Hour, Week: week},
			`member 2 ("Kenji", id "k"): zone: unknown time zone "Asia/Tokio"`},
		{SlotQuery{Members: []Member{{ID: "k", Name: "Kenji", Hours: "09:00-17:00"}}, Length: time.Hour, Week: week},
			`member 1 ("Kenji", id "k"): zone: time zone ""`},
		{SlotQuery{Members: []Member{{ID: "k", Name: "Kenji", Zone: "Asia/Tokyo", Hours: "9-5"}}, Length: time.Hour, Week: week},
			`member 1 ("Kenji", id "k"): hours: working hours "9-5": use HH:MM-HH:MM`},
		{SlotQuery{Members: []Member{{ID: "k", Name: "Kenji", Zone: "Asia/Tokyo", Hours: "17:00-09:00"}}, Length: time.Hour, Week: week},
			`member 1 ("Kenji", id "k"): hours: working hours "17:00-09:00": the end must come after the start`},
		{SlotQuery{Members: []Member{ana, ana}, Length: time.Hour, Week: week}, `member 2 ("Ana", id "ana"): id: the same as member 1's`},
		{SlotQuery{Members: []Member{ana}, Week: week}, "length 0s: must be more than 0 and at most 8h0m0s"},
		{SlotQuery{Members: []Member{ana}, Length: -time.Hour, Week: week}, "length -1h0m0s"},
		{SlotQuery{Members: []Member{ana}, Length: 9 * time.Hour, Week: week}, "length 9h0m0s"},
		{SlotQuery{Members: []Member{ana}, Length: time.Hour, Week: week, Step: 7 * time.Minute}, "step 7m0s"},
		{SlotQuery{Members: []Member{ana}, Length: time.Hour, Week: week, Step: 90 * time.Second}, "step 1m30s"},
		{SlotQuery{Members: []Member{ana}, Length: time.Hour, Week: week, Top: -1}, "top -1"},
		{SlotQuery{Members: []Member{ana}, Length: time.Hour}, "week: missing"},
	} {
		if _, err := FindSlots(tc.q); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("got %v, want %q…", err, tc.want)
		}
	}
}

func BenchmarkFindSlots(b *testing.B) {
	q := sixMembers(SlotQuery{Step: 15 * time.Minute})
	for b.Loop() {
		if _, err := FindSlots(q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBetweenYear(b *testing.B) {
	ny := zone(b, "America/New_York")
	for _, rule := range []string{"FREQ=WEEKLY;BYDAY=MO", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYDAY=2TU"} {
		s := Series{Start: time.Date(2026, 1, 13, 9, 0, 0, 0, ny), Zone: ny, Duration: time.Hour, Rule: mustRule(b, rule)}
		from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, ny), time.Date(2027, 1, 1, 0, 0, 0, 0, ny)
		b.Run(rule, func(b *testing.B) {
			for b.Loop() {
				if len(s.Between(from, to)) == 0 {
					b.Fatal("none")
				}
			}
		})
	}
}
