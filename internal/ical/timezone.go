package ical

import (
	"fmt"
	"time"
)

// observance is one period of a zone's clock: from its onset on, the
// offset is to (seconds east of UTC), named name; before it, from.
type observance struct {
	onset    time.Time // UTC instant; zero for "since the zone's data begins"
	from, to int
	name     string
	dst      bool
}

// observances returns the periods of loc's clock that overlap [from, to):
// the one in force at from, then one per change of clocks before to. They
// come from the zone data through time.Time.ZoneBounds, which reports where
// each period begins and ends.
func observances(loc *time.Location, from, to time.Time) []observance {
	t := from.In(loc)
	name, off := t.Zone()
	start, end := t.ZoneBounds()
	first := observance{onset: start, from: off, to: off, name: name, dst: t.IsDST()}
	if !start.IsZero() {
		_, first.from = start.Add(-time.Second).In(loc).Zone()
	}
	out := []observance{first}
	for !end.IsZero() && end.Before(to) && len(out) < 10_000 {
		t = end.In(loc)
		name, next := t.Zone()
		last := out[len(out)-1]
		if next != last.to || name != last.name || t.IsDST() != last.dst {
			out = append(out, observance{onset: end, from: last.to, to: next, name: name, dst: t.IsDST()})
		}
		_, end = t.ZoneBounds()
	}
	return out
}

// writeTimezone writes a VTIMEZONE for loc covering [from, to): one
// STANDARD or DAYLIGHT sub-component per period, each with the local onset
// (read in the offset before it) and no RRULE, so the definition states
// exactly the offsets the zone data gives for those years.
func writeTimezone(lw *lineWriter, loc *time.Location, from, to time.Time) {
	lw.line("BEGIN:VTIMEZONE")
	lw.prop("TZID", "", text(loc.String()))
	lw.prop("X-LIC-LOCATION", "", text(loc.String()))
	for _, o := range observances(loc, from, to) {
		kind := "STANDARD"
		if o.dst {
			kind = "DAYLIGHT"
		}
		onset := "19700101T000000" // no change on record: the offset has always held
		if !o.onset.IsZero() {
			onset = o.onset.In(time.FixedZone("", o.from)).Format(localFormat)
		}
		lw.line("BEGIN:" + kind)
		lw.prop("DTSTART", "", onset)
		lw.prop("TZOFFSETFROM", "", utcOffset(o.from))
		lw.prop("TZOFFSETTO", "", utcOffset(o.to))
		if o.name != "" {
			lw.prop("TZNAME", "", text(o.name))
		}
		lw.line("END:" + kind)
	}
	lw.line("END:VTIMEZONE")
}

// utcOffset writes seconds east of UTC as +0530 or -0400 (+HHMMSS when
// the zone data has seconds, as some historic offsets do).
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	if s := sec % 60; s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, sec/3600, sec/60%60, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
}
