package web

import "testing"

// TestFormTime: a suggested stretch goes into the form exactly, so that
// proposing it matches the suggestion (and parses back to the same time).
func TestFormTime(t *testing.T) {
	for sec, want := range map[float64]string{0: "0:00", 62: "1:02", 12.5: "0:12.5", 10.9996: "0:11", 3725.25: "1:02:05.25"} {
		got := formTime(sec)
		if got != want {
			t.Errorf("formTime(%v) = %q, want %q", sec, got, want)
		}
		if back, err := parseClock(got); err != nil || back != float64(int(sec*1000+0.5))/1000 {
			t.Errorf("parseClock(%q) = %v, %v", got, back, err)
		}
	}
}
