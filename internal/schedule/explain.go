package schedule

import (
	"fmt"
	"strings"
	"time"
)

// Outside returns the placements of the members the slot does not fit.
func (s Slot) Outside() []Placement {
	var out []Placement
	for _, p := range s.Members {
		if !p.Inside {
			out = append(out, p)
		}
	}
	return out
}

// String describes the slot, e.g. "Mon 14:00–14:45 UTC, fits 5 of 6".
func (s Slot) String() string {
	return fmt.Sprintf("%s %s–%s UTC, fits %d of %d", s.Start.Format("Mon"), s.Start.Format("15:04"), s.End.Format("15:04"), s.Fits, len(s.Members))
}

// Explain says how the slot sits in the member's day, e.g.
// "Kenji: Tue 07:30–08:15, 1 h 30 min before their day starts (09:00)".
func (p Placement) Explain() string {
	when := fmt.Sprintf("%s: %s %s–%s", p.Name, p.Start.Format("Mon"), p.Start.Format("15:04"), p.End.Format("15:04"))
	switch {
	case p.DayOff:
		return fmt.Sprintf("%s, %s is not one of their working days", when, p.Start.Weekday())
	case p.Early > 0 && p.Late > 0:
		return fmt.Sprintf("%s, %s before their day starts and %s after it ends (%s)", when, HumanDuration(p.Early), HumanDuration(p.Late), p.Hours)
	case p.Early > 0:
		return fmt.Sprintf("%s, %s before their day starts (%s)", when, HumanDuration(p.Early), clockOf(p.Hours.Start))
	case p.Late > 0:
		return fmt.Sprintf("%s, %s after their day ends (%s)", when, HumanDuration(p.Late), clockOf(p.Hours.End))
	}
	return fmt.Sprintf("%s, inside their hours (%s)", when, p.Hours)
}

// Summary says in one sentence whether the week has a slot for everyone,
// e.g. "No slot in the week of 2026-03-09 fits every member's working
// hours; the best fits 5 of 6."
func (r Result) Summary() string {
	if len(r.Slots) == 0 {
		return "No slots."
	}
	if r.FitsEveryone {
		n := 0
		for _, s := range r.Slots {
			if s.Fits == r.Members {
				n++
			}
		}
		return fmt.Sprintf("%d of the %d slots offered in the week of %s fit every member's working hours.", n, len(r.Slots), r.Monday)
	}
	return fmt.Sprintf("No slot in the week of %s fits every member's working hours; the best fits %d of %d.", r.Monday, r.Slots[0].Fits, r.Members)
}

// Explain writes the summary, then each slot with, for those it does not
// fit, where it falls in their day: the text to show when no slot fits
// everyone.
func (r Result) Explain() string {
	var b strings.Builder
	b.WriteString(r.Summary())
	for i, s := range r.Slots {
		fmt.Fprintf(&b, "\n%d. %s", i+1, s)
		for _, p := range s.Outside() {
			b.WriteString("\n   - " + p.Explain())
		}
	}
	return b.String()
}

// HumanDuration writes d in hours and minutes, e.g. "1 h 30 min", "45 min",
// "2 h"; seconds are dropped.
func HumanDuration(d time.Duration) string {
	d = d.Truncate(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// clockOf writes minutes after midnight as 09:00.
func clockOf(min int) string {
	return fmt.Sprintf("%02d:%02d", min/60, min%60)
}
