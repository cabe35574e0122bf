package domain

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// WorkingHours is a person's working day in their own time zone, Monday to
// Friday, as minutes after local midnight.
type WorkingHours struct {
	Start, End int
}

// DefaultWorkingHours is 09:00–17:00.
var DefaultWorkingHours = WorkingHours{Start: 9 * 60, End: 17 * 60}

// ParseWorkingHours reads "09:00-17:00" (a hyphen or an en dash between).
func ParseWorkingHours(s string) (WorkingHours, error) {
	from, to, ok := strings.Cut(strings.ReplaceAll(strings.TrimSpace(s), "–", "-"), "-")
	start, err1 := parseClock(from)
	end, err2 := parseClock(to)
	if !ok || err1 != nil || err2 != nil {
		return WorkingHours{}, fmt.Errorf("working hours %q: use HH:MM-HH:MM, e.g. 09:00-17:00", s)
	}
	if end <= start {
		return WorkingHours{}, fmt.Errorf("working hours %q: the end must come after the start", s)
	}
	return WorkingHours{Start: start, End: end}, nil
}

// parseClock reads "9:30" or "09:30" as minutes after midnight (24:00 allowed).
func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if !ok || err1 != nil || err2 != nil || len(mm) != 2 || h < 0 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return h*60 + m, nil
}

// String renders the hours as "09:00-17:00".
func (w WorkingHours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", w.Start/60, w.Start%60, w.End/60, w.End%60)
}

// ParseTimeZone loads an IANA time zone such as "Europe/Berlin".
func ParseTimeZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("time zone %q: use an IANA name such as Europe/Berlin", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as America/New_York", name)
	}
	return loc, nil
}
