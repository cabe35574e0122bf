// Package ical writes iCalendar (RFC 5545) feeds of Huddle's sessions: the
// calendar a person subscribes to from Google Calendar or Outlook, and the
// single-event file behind "add to calendar". It writes the text by hand —
// the part of RFC 5545 it needs is small — with VTIMEZONE definitions taken
// from the standard library's zone data for the years the events span.
package ical

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"
)

// ProdID names the program that made the calendar.
const ProdID = "-//Huddle//Huddle sessions//EN"

// maxYears bounds the years a VTIMEZONE covers.
const maxYears = 200

// Calendar is a VCALENDAR of events, published (METHOD:PUBLISH) for
// subscription.
type Calendar struct {
	// Name is shown by calendar programs as the calendar's name.
	Name string
	// Events are written in order. A moved occurrence follows its series.
	Events []Event
	// Refresh, when set, asks subscribers to fetch the feed again after
	// that long (REFRESH-INTERVAL and X-PUBLISHED-TTL).
	Refresh time.Duration
}

// WriteTo writes the calendar as RFC 5545 text: CRLF line ends, lines
// folded at 75 octets, a VTIMEZONE for each zone the events use, then the
// events. It checks every event first and writes nothing if one is
// invalid.
func (c Calendar) WriteTo(w io.Writer) (int64, error) {
	for i, e := range c.Events {
		if err := e.Validate(); err != nil {
			return 0, fmt.Errorf("calendar %q, event %d: %w", c.Name, i+1, err)
		}
	}
	lw := &lineWriter{w: w}
	lw.line("BEGIN:VCALENDAR")
	lw.prop("VERSION", "", "2.0")
	lw.prop("PRODID", "", ProdID)
	lw.prop("CALSCALE", "", "GREGORIAN")
	lw.prop("METHOD", "", "PUBLISH")
	if c.Name != "" {
		lw.prop("X-WR-CALNAME", "", text(c.Name))
	}
	if c.Refresh > 0 {
		d := "PT" + strconv.Itoa(max(1, int(c.Refresh/time.Minute))) + "M"
		lw.prop("REFRESH-INTERVAL", ";VALUE=DURATION", d)
		lw.prop("X-PUBLISHED-TTL", "", d)
	}
	for _, z := range c.zones() {
		writeTimezone(lw, z.loc, z.from, z.to)
	}
	for _, e := range c.Events {
		e.write(lw)
	}
	lw.line("END:VCALENDAR")
	return lw.n, lw.err
}

// WriteEvent writes a calendar holding e alone, named after its summary:
// the file behind "add to calendar".
func WriteEvent(w io.Writer, e Event) (int64, error) {
	return Calendar{Name: e.Summary, Events: []Event{e}}.WriteTo(w)
}

// zoneSpan is a zone and the whole years its VTIMEZONE covers.
type zoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

// zones returns each zone the events use, in order of first use, with the
// years its events span: from 1 January of the first to 1 January after
// the last.
func (c Calendar) zones() []zoneSpan {
	var out []zoneSpan
	for _, e := range c.Events {
		if !e.zoned() {
			continue
		}
		first, last := e.span()
		i := slices.IndexFunc(out, func(z zoneSpan) bool { return z.loc.String() == e.Zone.String() })
		if i < 0 {
			out = append(out, zoneSpan{loc: e.Zone, from: first, to: last})
			continue
		}
		if first.Before(out[i].from) {
			out[i].from = first
		}
		if last.After(out[i].to) {
			out[i].to = last
		}
	}
	for i, z := range out {
		y0, y1 := z.from.In(z.loc).Year(), z.to.In(z.loc).Year()+1
		y1 = min(y1, y0+maxYears)
		out[i].from = time.Date(y0, 1, 1, 0, 0, 0, 0, z.loc)
		out[i].to = time.Date(y1, 1, 1, 0, 0, 0, 0, z.loc)
	}
	return out
}
