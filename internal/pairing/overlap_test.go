package pairing

import (
	"testing"
	"time"
)

func sched(t *testing.T, zone, hours string) Schedule {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseHours(hours)
	if err != nil {
		t.Fatal(err)
	}
	return Schedule{Loc: loc, Hours: h}
}

func day(s string) time.Time {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCommonSlot(t *testing.T) {
	cases := []struct {
		name       string
		date       string
		a, b       [2]string // zone, hours
		wantHours  float64
		wantStartU string // UTC start, "15:04"
	}{
		// Winter: New York is UTC-5, London UTC+0: 14:00-17:00 UTC.
		{"NY-London winter", "2026-02-10", [2]string{"America/New_York", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 3, "14:00"},
		// 2026-03-10: the US moved to EDT (UTC-4) on 8 March, the UK stays on
		// GMT until 29 March, so the overlap grows to 4 h.
		{"NY-London US DST only", "2026-03-10", [2]string{"America/New_York", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 4, "13:00"},
		// Summer: both shifted, back to 3 h (13:00-16:00 UTC).
		{"NY-London summer", "2026-06-09", [2]string{"America/New_York", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 3, "13:00"},
		// Kolkata is UTC+5:30: 03:30-11:30 UTC vs London 09:00-17:00 UTC.
		{"Kolkata-London", "2026-11-24", [2]string{"Asia/Kolkata", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 2.5, "09:00"},
		// St John's is UTC-3:30 in November: 12:30-20:30 UTC vs London.
		{"StJohns-London", "2026-11-24", [2]string{"America/St_Johns", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 4.5, "12:30"},
		// Across the date line: Sydney's Tuesday morning (Mon 22:00 UTC)
		// meets Los Angeles' Monday afternoon (ends Tue 01:00 UTC).
		{"LA-Sydney", "2026-11-24", [2]string{"America/Los_Angeles", "09:00-17:00"}, [2]string{"Australia/Sydney", "09:00-17:00"}, 3, "22:00"},
		{"no overlap", "2026-11-24", [2]string{"America/Los_Angeles", "09:00-17:00"}, [2]string{"Asia/Dubai", "09:00-17:00"}, 0, ""},
		{"weekend", "2026-11-28", [2]string{"Europe/London", "09:00-17:00"}, [2]string{"Europe/London", "09:00-17:00"}, 0, ""},
	}
	for _, c := range cases {
		a, b := sched(t, c.a[0], c.a[1]), sched(t, c.b[0], c.b[1])
		for _, order := range [][2]Schedule{{a, b}, {b, a}} {
			s := CommonSlot(day(c.date), order[0], order[1])
			if s.Hours() != c.wantHours && !(c.wantHours == 0 && s.Hours() <= 0) {
				t.Errorf("%s: %.2f h (%v), want %.2f", c.name, s.Hours(), s, c.wantHours)
			}
			if c.wantStartU != "" && s.Start.UTC().Format("15:04") != c.wantStartU {
				t.Errorf("%s: starts %s UTC, want %s", c.name, s.Start.UTC().Format("15:04"), c.wantStartU)
			}
		}
	}
}

func TestCommonSlotGroup(t *testing.T) {
	s := CommonSlot(day("2026-11-24"),
		sched(t, "Europe/London", "09:00-17:00"),
		sched(t, "America/New_York", "08:00-16:00"),
		sched(t, "Asia/Kolkata", "10:00-18:30"))
	// London 09-17, NY 13-21, Kolkata 04:30-13:00 UTC: nothing common.
	if s.Hours() > 0 {
		t.Errorf("three-way slot %v, want none", s)
	}
	s = CommonSlot(day("2026-11-24"),
		sched(t, "Europe/London", "09:00-17:00"),
		sched(t, "Europe/Berlin", "09:00-17:00"),
		sched(t, "America/New_York", "08:00-16:00"))
	// London 09-17, Berlin 08-16, NY 13-21 UTC: 13:00-16:00.
	if s.Hours() != 3 || s.String() != "Tue 13:00-16:00 UTC" {
		t.Errorf("three-way slot %v (%.1f h), want Tue 13:00-16:00 UTC", s, s.Hours())
	}
}

func TestParseHours(t *testing.T) {
	good := map[string]WorkingHours{
		"09:00-17:00": {540, 1020},
		"00:00-24:00": {0, 1440},
		"08:30-17:45": {510, 1065},
	}
	for in, want := range good {
		if got, err := ParseHours(in); err != nil || got != want {
			t.Errorf("ParseHours(%q) = %v, %v; want %v", in, got, err, want)
		}
		if want.String() != in {
			t.Errorf("String() = %q, want %q", want.String(), in)
		}
	}
	for _, bad := range []string{"", "9:00-17:00", "09:00-17", "17:00-09:00", "09:00-09:00", "25:00-26:00", "09:60-10:00", "24:00-24:00", "09:00 17:00", "ab:cd-ef:gh"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
}
