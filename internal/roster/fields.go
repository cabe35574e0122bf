package roster

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"huddle/internal/domain"
)

// Field limits. Names and team names follow domain validation.
const (
	MaxFieldLen = 500 // characters in any cell
	maxNameLen  = 200 // bytes, as domain.Person.Validate counts
	maxTeamLen  = 120 // bytes, as domain.Team.Validate counts
)

// rowReader turns records into Rows, reporting problems per cell.
type rowReader struct {
	layout *layout
	ps     *problems
	zones  map[string]error // time zones already checked
}

// row reads one record that starts on line. ok is false when the record
// has problems (which are reported).
func (rr *rowReader) row(rec []string, line int) (Row, bool) {
	before := rr.ps.count()
	row := Row{Line: line}
	p := &row.Person

	p.Name = rr.text(rec, line, colName)
	if p.Name == "" {
		first, last := rr.text(rec, line, colFirstName), rr.text(rec, line, colLastName)
		p.Name = strings.TrimSpace(first + " " + last)
	}
	switch {
	case p.Name == "" && rr.ps.count() == before:
		rr.ps.add(line, "name", "is empty; every person needs a name")
	case len(p.Name) > maxNameLen:
		rr.ps.add(line, "name", "is too long; keep names under %d characters", maxNameLen)
	}

	n := rr.ps.count()
	if raw := rr.cell(rec, line, colEmail); raw == "" {
		if rr.ps.count() == n {
			rr.ps.add(line, "email", "is empty; every person needs an e-mail address")
		}
	} else if email, err := domain.NormalizeEmail(raw); err != nil {
		rr.ps.add(line, "email", "%q is not an e-mail address", raw)
	} else {
		p.Email = email
	}

	if raw := rr.cell(rec, line, colManagerEmail); raw != "" {
		switch email, err := domain.NormalizeEmail(raw); {
		case err != nil:
			rr.ps.add(line, "manager_email", "%q is not an e-mail address", raw)
		case email == p.Email:
			rr.ps.add(line, "manager_email", "is the person's own e-mail; leave it empty or give their manager's e-mail")
		default:
			row.ManagerEmail = email
		}
	}

	row.TeamName = rr.text(rec, line, colTeam)
	if len(row.TeamName) > maxTeamLen {
		rr.ps.add(line, "team", "is too long; keep team names under %d characters", maxTeamLen)
	}
	p.Region = rr.text(rec, line, colRegion)

	if raw := rr.cell(rec, line, colRoles); raw != "" {
		roles, err := domain.ParseRoles(raw)
		if err != nil {
			rr.ps.add(line, "roles", "%s", err.Error())
		}
		p.Roles = roles
	}
	if raw := rr.cell(rec, line, colTimeZone); raw != "" {
		if err := rr.zone(raw); err != nil {
			rr.ps.add(line, "timezone", "%s", err.Error())
		}
		p.TimeZone = raw
	}
	if raw := rr.cell(rec, line, colWorkingHours); raw != "" {
		hours, err := domain.ParseWorkingHours(raw)
		if err != nil {
			rr.ps.add(line, "working_hours", "%s", err.Error())
		}
		p.WorkingHours = hours
	}
	if raw := rr.cell(rec, line, colStartDate); raw != "" {
		date, err := ParseDate(raw)
		if err != nil {
			rr.ps.add(line, "start_date", "%s", err.Error())
		}
		p.StartDate = date
	}

	if rr.ps.count() != before {
		return Row{}, false
	}
	// A last check against the domain's own rules, so that every Row
	// returned passes Person.Validate.
	check := row.Person
	if err := check.Validate(); err != nil {
		msg, _ := domain.UserMessage(err)
		rr.ps.add(line, "row", "%s", msg)
		return Row{}, false
	}
	return row, true
}

// cell returns the trimmed text of column c, or "" when the file has no
// such column. Cells that are too long, not UTF-8 or hold control
// characters are reported and read as "".
func (rr *rowReader) cell(rec []string, line int, c column) string {
	i := rr.layout.index[c]
	if i < 0 || i >= len(rec) {
		return ""
	}
	s := strings.TrimSpace(rec[i])
	switch {
	case !utf8.ValidString(s):
		rr.ps.add(line, c.String(), "is not UTF-8 text; save the file as \"CSV UTF-8\"")
		return ""
	case utf8.RuneCountInString(s) > MaxFieldLen:
		rr.ps.add(line, c.String(), "is %d characters long; keep every cell under %d characters", utf8.RuneCountInString(s), MaxFieldLen)
		return ""
	case strings.IndexFunc(s, isBadControl) >= 0:
		rr.ps.add(line, c.String(), "contains control characters; remove them")
		return ""
	}
	return s
}

// text is cell with runs of white space (including line breaks inside
// quoted cells) collapsed to one space, for names, teams and regions.
func (rr *rowReader) text(rec []string, line int, c column) string {
	return strings.Join(strings.Fields(rr.cell(rec, line, c)), " ")
}

// isBadControl reports control characters other than white space.
func isBadControl(r rune) bool {
	return unicode.IsControl(r) && !unicode.IsSpace(r)
}

// zone checks a time zone name, remembering the answer: loading a zone
// reads the time zone database.
func (rr *rowReader) zone(name string) error {
	if err, ok := rr.zones[name]; ok {
		return err
	}
	_, err := domain.ParseTimeZone(name)
	rr.zones[name] = err
	return err
}

// dateLayouts are the unambiguous date forms ParseDate accepts, besides
// ISO 8601 with a time of day.
var dateLayouts = []string{
	"2006-1-2", "2006/1/2", "2006.1.2",
	time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"2 Jan 2006", "2 January 2006", "2-Jan-2006", "2 Jan. 2006",
	"Jan 2, 2006", "January 2, 2006", "Jan 2 2006", "January 2 2006", "Jan. 2, 2006",
	"Mon, 2 Jan 2006", "Monday, January 2, 2006",
}

// numericDMY matches day/month/year forms whose order depends on the
// country: 03/01/2024, 3.1.24, 03-01-2024 10:15.
var numericDMY = regexp.MustCompile(`^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}\b`)

// ParseDate reads a start date: ISO 2024-03-01 (also with a time, as CRM
// exports write it), 2024/03/01, 1 Mar 2024 or Mar 1, 2024. Numeric
// day/month orders such as 03/01/2024 are refused: they mean different
// days in different countries. The result is UTC midnight of the date as
// written, whatever offset a time of day carries.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if numericDMY.MatchString(s) {
		return time.Time{}, fmt.Errorf("%q is ambiguous (is it day/month or month/day?); write dates as YYYY-MM-DD, e.g. 2024-03-01", s)
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		y, m, d := t.Date()
		if y < 1900 || y > 2200 {
			return time.Time{}, fmt.Errorf("%q is out of range; write dates as YYYY-MM-DD, e.g. 2024-03-01", s)
		}
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write dates as YYYY-MM-DD, e.g. 2024-03-01", s)
}
