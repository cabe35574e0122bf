// Package schedule is Huddle's scheduling engine: RFC 5545 recurrence rules
// for recurring sessions (ParseRule, Rule), series of sessions anchored in a
// time zone so every occurrence keeps its local time across daylight-saving
// changes (Series, Occurrence), and a slot finder that proposes weekly
// meeting times inside the working hours of members spread over time zones
// (FindSlots).
//
// It is a pure engine: no HTTP, no SQL, no clock. Every instant it returns is
// computed from the time zone data of the standard library, so the results
// are those of the actual week or year asked about.
package schedule
