package web

import (
	"math"
	"testing"
)

func TestParseClock(t *testing.T) {
	good := map[string]float64{"65": 65, "1:05": 65, " 01:02:03 ": 3723, "0:07.5": 7.5, "12.25": 12.25}
	for in, want := range good {
		if got, err := parseClock(in); err != nil || got != want {
			t.Errorf("parseClock(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "NaN", "Inf", "-1", "1:60", "1e3", "0x10", "1.5:00", "1:2:3:4", ":30", "1:", "1.", ".5", "+5", "200:00:00"} {
		if got, err := parseClock(in); err == nil {
			t.Errorf("parseClock(%q) = %v, want an error", in, got)
		}
	}
}

// FuzzParseClock: whatever people type in a time field is either an
// error or a finite, non-negative number of seconds no longer than a week.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"65", "1:05", "01:02:03", "0:07.5", "NaN", "1e308", "99:59:59", "-0", "1:60"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseClock(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > maxClockSeconds {
			t.Fatalf("parseClock(%q) = %v", s, v)
		}
	})
}
