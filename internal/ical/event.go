package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Time formats of DATE-TIME values: local (with a TZID) and UTC.
const (
	localFormat = "20060102T150405"
	utcFormat   = "20060102T150405Z"
)

// Event is a VEVENT: one session, a recurring series (RRule), or one
// moved occurrence of a series (same UID, RecurrenceID set).
type Event struct {
	// UID identifies the event for good; calendar programs match updates
	// and moved occurrences to it. Keep it stable, e.g. "session-42@huddle".
	UID string
	// Summary is the title; Description the text, e.g. the agenda link and
	// the video link, one per line; Location where it happens (a room or
	// the video link); URL the page of the session.
	Summary, Description, URL, Location string
	// Start is the (first) start. It is written as a local time in Zone
	// with Zone's TZID, or in UTC when Zone is nil or UTC.
	Start time.Time
	// Zone is the IANA zone the event keeps its local time in.
	Zone *time.Location
	// Duration is the length of the event (of each occurrence).
	Duration time.Duration
	// RRule is a recurrence rule such as "FREQ=WEEKLY;BYDAY=MO", written
	// as given (with or without "RRULE:"); schedule.Rule.String makes one.
	RRule string
	// ExDates are the starts of cancelled occurrences of the series.
	ExDates []time.Time
	// RecurrenceID, on an event with the UID of a series, is the original
	// start of the occurrence it replaces (a moved occurrence).
	RecurrenceID *time.Time
	// Sequence is the revision, raised each time the event changes.
	Sequence int
	// Stamp is when this version of the event was made (DTSTAMP).
	Stamp time.Time
}

// Validate reports an event that cannot be written: no UID, start or stamp,
// a duration not above zero, a negative sequence, a zone without an IANA
// name, or an RRULE holding line breaks or no FREQ.
func (e Event) Validate() error {
	who := fmt.Sprintf("event %q", e.UID)
	switch {
	case strings.TrimSpace(e.UID) == "":
		return errors.New("event: UID missing")
	case e.Start.IsZero():
		return fmt.Errorf("%s: start missing", who)
	case e.Stamp.IsZero():
		return fmt.Errorf("%s: stamp (DTSTAMP) missing", who)
	case e.Duration <= 0:
		return fmt.Errorf("%s: duration %v: must be more than 0", who, e.Duration)
	case e.Sequence < 0:
		return fmt.Errorf("%s: sequence %d: must be 0 or more", who, e.Sequence)
	case e.Zone != nil && (e.Zone.String() == "" || e.Zone.String() == "Local"):
		return fmt.Errorf("%s: zone %q: use an IANA zone such as Europe/Berlin", who, e.Zone.String())
	case strings.ContainsAny(e.RRule, "\r\n"):
		return fmt.Errorf("%s: RRULE holds a line break", who)
	case e.RRule != "" && !strings.Contains(strings.ToUpper(e.RRule), "FREQ="):
		return fmt.Errorf("%s: RRULE %q: FREQ missing", who, e.RRule)
	}
	return nil
}

// zoned reports whether times of the event are written with a TZID.
func (e Event) zoned() bool {
	return e.Zone != nil && e.Zone != time.UTC && e.Zone.String() != "UTC"
}

// timeProp writes NAME;TZID=zone:local or NAME:utcZ for t.
func (e Event) timeProp(lw *lineWriter, name string, t time.Time) {
	if e.zoned() {
		lw.prop(name, ";TZID="+param(e.Zone.String()), t.In(e.Zone).Format(localFormat))
		return
	}
	lw.prop(name, "", t.UTC().Format(utcFormat))
}

// write writes the VEVENT.
func (e Event) write(lw *lineWriter) {
	lw.line("BEGIN:VEVENT")
	lw.prop("UID", "", text(e.UID))
	lw.prop("DTSTAMP", "", e.Stamp.UTC().Format(utcFormat))
	e.timeProp(lw, "DTSTART", e.Start)
	e.timeProp(lw, "DTEND", e.Start.Add(e.Duration))
	if e.RRule != "" {
		r := strings.TrimSpace(e.RRule)
		if len(r) >= 6 && strings.EqualFold(r[:6], "RRULE:") {
			r = r[6:]
		}
		lw.prop("RRULE", "", r)
	}
	for _, x := range e.ExDates {
		e.timeProp(lw, "EXDATE", x)
	}
	if e.RecurrenceID != nil {
		e.timeProp(lw, "RECURRENCE-ID", *e.RecurrenceID)
	}
	lw.prop("SEQUENCE", "", strconv.Itoa(e.Sequence))
	if e.Summary != "" {
		lw.prop("SUMMARY", "", text(e.Summary))
	}
	if e.Description != "" {
		lw.prop("DESCRIPTION", "", text(e.Description))
	}
	if e.Location != "" {
		lw.prop("LOCATION", "", text(e.Location))
	}
	if u := uri(e.URL); u != "" {
		lw.prop("URL", "", u)
	}
	lw.line("END:VEVENT")
}

// span returns the first and last instants the event's VTIMEZONE must
// cover: its start, end, exceptions and moved occurrence, and for a series
// its end as far as the rule tells (UNTIL, or COUNT periods), or five
// years past its start or stamp, whichever is later, when it has no end.
func (e Event) span() (first, last time.Time) {
	first, last = e.Start, e.Start.Add(e.Duration)
	widen := func(t time.Time) {
		if t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	for _, x := range e.ExDates {
		widen(x)
	}
	if e.RecurrenceID != nil {
		widen(*e.RecurrenceID)
	}
	if e.RRule != "" {
		widen(ruleEnd(e.RRule, e.Start, e.Stamp))
	}
	return first, last
}

// ruleEnd bounds the last start of a series from its rule text, without
// expanding it: UNTIL if given; with COUNT, COUNT periods of INTERVAL
// units of FREQ (each period holds at least one occurrence); else five
// years past the later of start and stamp.
func ruleEnd(rule string, start, stamp time.Time) time.Time {
	parts := map[string]string{}
	for _, p := range strings.Split(strings.ToUpper(rule), ";") {
		if k, v, ok := strings.Cut(p, "="); ok {
			parts[strings.TrimPrefix(strings.TrimSpace(k), "RRULE:")] = strings.TrimSpace(v)
		}
	}
	if u := parts["UNTIL"]; len(u) >= 8 {
		if t, err := time.Parse("20060102", u[:8]); err == nil {
			return t.AddDate(0, 0, 1)
		}
	}
	if c, err := strconv.Atoi(parts["COUNT"]); err == nil && c > 0 {
		iv, err := strconv.Atoi(parts["INTERVAL"])
		if err != nil || iv < 1 {
			iv = 1
		}
		n := min(c*iv, 100_000)
		switch parts["FREQ"] {
		case "DAILY":
			return start.AddDate(0, 0, n)
		case "WEEKLY":
			return start.AddDate(0, 0, 7*n)
		case "MONTHLY":
			return start.AddDate(0, n, 0)
		case "YEARLY":
			return start.AddDate(min(n, 200), 0, 0)
		}
	}
	return later(start, stamp).AddDate(5, 0, 0)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
