package roster

import (
	"fmt"
	"strings"
	"unicode"
)

// column is a field Huddle reads from a roster file.
type column int

const (
	colName column = iota
	colFirstName
	colLastName
	colEmail
	colTeam
	colManagerEmail
	colRoles
	colRegion
	colTimeZone
	colStartDate
	colWorkingHours
	numColumns
)

// Columns lists the canonical column names of a roster file, in the order
// Huddle writes them. Name and email are required; the rest are optional.
var Columns = []string{"name", "email", "team", "manager_email", "roles", "region", "timezone", "start_date", "working_hours"}

// columnNames names each column in problems: the canonical CSV header.
var columnNames = [numColumns]string{
	colName: "name", colFirstName: "first_name", colLastName: "last_name",
	colEmail: "email", colTeam: "team", colManagerEmail: "manager_email",
	colRoles: "roles", colRegion: "region", colTimeZone: "timezone",
	colStartDate: "start_date", colWorkingHours: "working_hours",
}

func (c column) String() string { return columnNames[c] }

// aliases lists, per column, the header spellings Huddle recognises after
// headerKey has normalised them, best first. They cover Huddle's own
// format and Salesforce and HubSpot user exports. When a file has two
// columns for one field, the better-ranked one is read and the other is
// ignored.
var aliases = [numColumns][]string{
	colName:         {"name", "fullname", "personname", "displayname", "employeename"},
	colFirstName:    {"firstname", "givenname", "forename"},
	colLastName:     {"lastname", "surname", "familyname"},
	colEmail:        {"email", "emailaddress", "workemail", "useremail", "primaryemail", "businessemail", "mail"},
	colTeam:         {"team", "teamname", "salesteam", "primaryteam", "teams", "division", "department"},
	colManagerEmail: {"manageremail", "manageremailaddress", "managersemail", "reportstoemail"},
	colRoles:        {"roles", "role", "huddleroles", "userrole", "userrolename", "rolename", "profile", "profilename"},
	colRegion:       {"region", "salesregion", "territory", "territoryname", "regionaloffice", "office"},
	colTimeZone:     {"timezone", "tz", "timezonesidkey", "ianatimezone", "timezonename"},
	colStartDate:    {"startdate", "hiredate", "datestarted", "startedon", "createddate", "createdate"},
	colWorkingHours: {"workinghours", "workhours", "businesshours", "hours"},
}

type aliasRank struct {
	col  column
	rank int
}

var aliasIndex = func() map[string]aliasRank {
	m := map[string]aliasRank{}
	for c, names := range aliases {
		for rank, name := range names {
			m[name] = aliasRank{column(c), rank}
		}
	}
	return m
}()

// headerKey folds a header cell so that "E-mail", "Email Address",
// "Manager: Email" and "TimeZoneSidKey" compare by letters and digits only.
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// layout says which record index holds each column; -1 when absent.
type layout struct {
	index   [numColumns]int
	width   int      // number of header cells
	ignored []string // header cells not read
}

func (l *layout) has(c column) bool { return l.index[c] >= 0 }

// mapHeader works out the layout from the header record and reports the
// missing required columns as problems on line.
func mapHeader(header []string, line int, ps *problems) *layout {
	l := &layout{width: len(header)}
	rank := [numColumns]int{}
	for c := range l.index {
		l.index[c] = -1
	}
	for i, cell := range header {
		a, ok := aliasIndex[headerKey(cell)]
		if !ok {
			if strings.TrimSpace(cell) != "" {
				l.ignored = append(l.ignored, strings.TrimSpace(cell))
			}
			continue
		}
		switch prev := l.index[a.col]; {
		case prev < 0:
			l.index[a.col], rank[a.col] = i, a.rank
		case a.rank < rank[a.col]:
			l.ignored = append(l.ignored, strings.TrimSpace(header[prev]))
			l.index[a.col], rank[a.col] = i, a.rank
		default:
			l.ignored = append(l.ignored, strings.TrimSpace(cell))
		}
	}
	if !l.has(colName) && !l.has(colFirstName) && !l.has(colLastName) {
		ps.add(line, "header", "no name column (found %s); add a column named \"name\" (or \"First Name\" and \"Last Name\")", listHeader(header))
	}
	if !l.has(colEmail) {
		ps.add(line, "header", "no e-mail column (found %s); add a column named \"email\"", listHeader(header))
	}
	return l
}

// listHeader renders header cells for a message, shortened when long.
func listHeader(header []string) string {
	const most = 12
	var parts []string
	for _, h := range header {
		h = strings.TrimSpace(h)
		if r := []rune(h); len(r) > 40 {
			h = string(r[:40]) + "…"
		}
		parts = append(parts, fmt.Sprintf("%q", h))
		if len(parts) == most && len(header) > most {
			parts = append(parts, fmt.Sprintf("and %d more", len(header)-most))
			break
		}
	}
	if len(parts) == 0 {
		return "no columns"
	}
	return strings.Join(parts, ", ")
}
