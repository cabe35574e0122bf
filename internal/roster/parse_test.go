package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
)

const header = "name,email,team,manager_email,roles,region,timezone,start_date,working_hours\n"

// problemsOf parses text and returns its problems as strings, failing the
// test when the parse succeeds or fails some other way.
func problemsOf(t *testing.T, text string) []string {
	t.Helper()
	rows, err := Parse(strings.NewReader(text))
	if err == nil {
		t.Fatalf("Parse succeeded with %d rows; want problems", len(rows))
	}
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Parse error is %T (%v); want *Errors", err, err)
	}
	if !errors.Is(err, domain.ErrInvalid) {
		t.Errorf("errors.Is(err, domain.ErrInvalid) = false")
	}
	var out []string
	for _, p := range errs.Problems {
		out = append(out, p.String())
	}
	return out
}

func mustParse(t *testing.T, text string) []Row {
	t.Helper()
	rows, err := Parse(strings.NewReader(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return rows
}

func date(s string) time.Time {
	d, err := time.Parse(domain.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseGoodFile(t *testing.T) {
	rows := mustParse(t, header+
		"Maria López,maria@acme.test,EMEA Enterprise,,manager,EMEA,Europe/Madrid,2019-05-06,08:00-16:00\n"+
		"  Ben   Okoye ,BEN@Acme.Test,EMEA Enterprise,Maria@acme.test,\"rep, coach\",EMEA,Europe/London,2024-03-01,\n"+
		",,,,,,,,\n"+
		"Chen Wei,chen@acme.test,,,,,,,\n")
	want := []Row{
		{Line: 2, TeamName: "EMEA Enterprise", Person: domain.Person{
			Name: "Maria López", Email: "maria@acme.test", Roles: domain.Roles{domain.RoleManager},
			Region: "EMEA", TimeZone: "Europe/Madrid", StartDate: date("2019-05-06"),
			WorkingHours: domain.WorkingHours{Start: 8 * 60, End: 16 * 60},
		}},
		{Line: 3, TeamName: "EMEA Enterprise", ManagerEmail: "maria@acme.test", Person: domain.Person{
			Name: "Ben Okoye", Email: "ben@acme.test", Roles: domain.Roles{domain.RoleRep, domain.RoleCoach},
			Region: "EMEA", TimeZone: "Europe/London", StartDate: date("2024-03-01"),
		}},
		{Line: 5, Person: domain.Person{Name: "Chen Wei", Email: "chen@acme.test"}},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if !sameRow(rows[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], want[i])
		}
	}
}

func sameRow(a, b Row) bool {
	return a.Line == b.Line && a.TeamName == b.TeamName && a.ManagerEmail == b.ManagerEmail &&
		a.Person.Name == b.Person.Name && a.Person.Email == b.Person.Email &&
		slices.Equal(a.Person.Roles, b.Person.Roles) && a.Person.Region == b.Person.Region &&
		a.Person.TimeZone == b.Person.TimeZone && a.Person.StartDate.Equal(b.Person.StartDate) &&
		a.Person.WorkingHours == b.Person.WorkingHours
}

// TestParseProblems has one case per kind of problem, with the exact text
// the person importing will read.
func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"unknown time zone", header + "Ben,ben@x.test,,,,,Mars/Olympus,,\n",
			[]string{`line 2: timezone: unknown time zone "Mars/Olympus": use an IANA name such as America/New_York`}},
		{"bad date", header + "Ben,ben@x.test,,,,,,2024-13-01,\n",
			[]string{`line 2: start_date: "2024-13-01" is not a date; write dates as YYYY-MM-DD, e.g. 2024-03-01`}},
		{"ambiguous date", header + "Ben,ben@x.test,,,,,,03/01/2024,\n",
			[]string{`line 2: start_date: "03/01/2024" is ambiguous (is it day/month or month/day?); write dates as YYYY-MM-DD, e.g. 2024-03-01`}},
		{"date out of range", header + "Ben,ben@x.test,,,,,,0001-01-01,\n",
			[]string{`line 2: start_date: "0001-01-01" is out of range; write dates as YYYY-MM-DD, e.g. 2024-03-01`}},
		{"bad working hours", header + "Ben,ben@x.test,,,,,,,9-5\n",
			[]string{`line 2: working_hours: working hours "9-5": use HH:MM-HH:MM, e.g. 09:00-17:00`}},
		{"working hours backwards", header + "Ben,ben@x.test,,,,,,,17:00-09:00\n",
			[]string{`line 2: working_hours: working hours "17:00-09:00": the end must come after the start`}},
		{"bad roles", header + "Ben,ben@x.test,,,ninja,,,,\n",
			[]string{`line 2: roles: unknown role "ninja" (use rep, coach, manager or admin)`}},
		{"missing e-mail", header + "Ben,,,,,,,,\n",
			[]string{`line 2: email: is empty; every person needs an e-mail address`}},
		{"invalid e-mail", header + "Ben,ben@,,,,,,,\n",
			[]string{`line 2: email: "ben@" is not an e-mail address`}},
		{"missing name", header + ",ben@x.test,,,,,,,\n",
			[]string{`line 2: name: is empty; every person needs a name`}},
		{"name too long", header + strings.Repeat("a", 201) + ",ben@x.test,,,,,,,\n",
			[]string{`line 2: name: is too long; keep names under 200 characters`}},
		{"duplicate e-mail", header + "Ben,ben@x.test,,,,,,,\nAna,ana@x.test,,,,,,,\nBenjamin,BEN@x.test,,,,,,,\n",
			[]string{`line 4: email: ben@x.test is also on line 2; list each person once`}},
		{"own manager", header + "Ben,ben@x.test,,Ben@X.test,,,,,\n",
			[]string{`line 2: manager_email: is the person's own e-mail; leave it empty or give their manager's e-mail`}},
		{"invalid manager e-mail", header + "Ben,ben@x.test,,Maria,,,,,\n",
			[]string{`line 2: manager_email: "Maria" is not an e-mail address`}},
		{"ragged row", header + "Ben,ben@x.test,EMEA\n",
			[]string{`line 2: row: has 3 fields but the header has 9; check for a missing or extra comma, or quote fields that contain one`}},
		{"empty file", "",
			[]string{`line 1: header: the file is empty; the first line must name the columns, e.g. name,email,team,manager_email,roles,region,timezone,start_date,working_hours`}},
		{"header only", header,
			[]string{`line 1: header: the file has a header but no people; add one row per person below it`}},
		{"header and blank rows only", header + ",,,,,,,,\n\n",
			[]string{`line 1: header: the file has a header but no people; add one row per person below it`}},
		{"missing required columns", "team,region\nEMEA,EMEA\n",
			[]string{
				`line 1: header: no name column (found "team", "region"); add a column named "name" (or "First Name" and "Last Name")`,
				`line 1: header: no e-mail column (found "team", "region"); add a column named "email"`,
			}},
		{"bare quote", header + "Ben \"The Closer\" Okoye,ben@x.test,,,,,,,\n",
			[]string{`line 2: row: a double quote (") on line 2 is inside a field that does not start with one; put the whole field in double quotes and double the quote inside it ("")`}},
		{"unclosed quote", header + "Ana,ana@x.test,,,,,,,\n\"Ben,ben@x.test,,,,,,,\nCy,cy@x.test,,,,,,,\n",
			[]string{`line 3: row: a quoted field is not closed properly (by line 4); check that every field that starts with " ends with " and that quotes inside it are doubled ("")`}},
		{"cell too long", header + "Ben,ben@x.test,,,,\"" + strings.Repeat("r", 501) + "\",,,\n",
			[]string{`line 2: region: is 501 characters long; keep every cell under 500 characters`}},
		{"not UTF-8", header + "Ben,ben@x.test,M\xfcnchen,,,,,,\n",
			[]string{`line 2: team: is not UTF-8 text; save the file as "CSV UTF-8"`}},
		{"control characters", header + "Ben\x00,ben@x.test,,,,,,,\n",
			[]string{`line 2: name: contains control characters; remove them`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseListsEveryProblem(t *testing.T) {
	got := problemsOf(t, header+
		"Ben,ben@x.test,,,,,Europe/Atlantis,1/2/2024,9-5\n"+
		"Ana,ana@x.test,,,,,,,\n"+
		",,,,,,,,\n"+
		"Cy,not-an-email,,,boss,,,,\n"+
		"Di,ana@x.test,too,many,fields,,,,,,\n")
	want := []string{
		`line 2: timezone: unknown time zone "Europe/Atlantis": use an IANA name such as America/New_York`,
		`line 2: working_hours: working hours "9-5": use HH:MM-HH:MM, e.g. 09:00-17:00`,
		`line 2: start_date: "1/2/2024" is ambiguous (is it day/month or month/day?); write dates as YYYY-MM-DD, e.g. 2024-03-01`,
		`line 5: email: "not-an-email" is not an e-mail address`,
		`line 5: roles: unknown role "boss" (use rep, coach, manager or admin)`,
		`line 6: row: has 11 fields but the header has 9; check for a missing or extra comma, or quote fields that contain one`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	_, err := Parse(strings.NewReader(header + "Ben,ben@x.test,,,,,Europe/Atlantis,,9-5\n"))
	if msg := err.Error(); !strings.Contains(msg, "New_York\nline 2: working_hours") {
		t.Errorf("Error() does not put one problem per line:\n%s", msg)
	}
}

func TestParseCapsProblemsAndRows(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for i := range MaxProblems + 50 {
		fmt.Fprintf(&b, "P%d,bad%d,,,,,,,\n", i, i)
	}
	_, err := Parse(strings.NewReader(b.String()))
	var errs *Errors
	if !errors.As(err, &errs) || len(errs.Problems) != MaxProblems || errs.Omitted != 50 {
		t.Fatalf("got %d problems, %d omitted; want %d and 50", len(errs.Problems), errs.Omitted, MaxProblems)
	}
	if !strings.HasSuffix(err.Error(), "… and 50 more problems; fix these and import the file again") {
		t.Errorf("Error() does not say problems were omitted")
	}

	b.Reset()
	b.WriteString("name,email\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&b, "P,p%d@x.test\n", i)
	}
	got := problemsOf(t, b.String())
	want := []string{fmt.Sprintf("line %d: row: the file has more than 50000 people; split it into several files", MaxRows+2)}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}

func TestParseBOMAndLineEndings(t *testing.T) {
	for name, text := range map[string]string{
		"BOM and CRLF": "\ufeff" + strings.ReplaceAll(header, "\n", "\r\n") +
			"Ana,ana@x.test,,,,,,,\r\n\r\nBen,ben@x.test,,,,,Europe/Berlin,,\r\n",
		"CR only":  strings.ReplaceAll(header, "\n", "\r") + "Ana,ana@x.test,,,,,,,\r\rBen,ben@x.test,,,,,Europe/Berlin,,\r",
		"UTF-16LE": utf16LE("\ufeff" + strings.ReplaceAll(header, ",", "\t") + "Ana\tana@x.test\t\t\t\t\t\t\t\n\nBen\tben@x.test\t\t\t\t\tEurope/Berlin\t\t\n"),
	} {
		t.Run(name, func(t *testing.T) {
			rows := mustParse(t, text)
			if len(rows) != 2 || rows[0].Person.Name != "Ana" || rows[1].Line != 4 || rows[1].Person.TimeZone != "Europe/Berlin" {
				t.Errorf("rows = %+v", rows)
			}
		})
	}
	// Line numbers in problems are the file's own with CRLF too.
	got := problemsOf(t, "\ufeffname,email\r\nAna,ana@x.test\r\nBen,\r\n")
	if want := []string{"line 3: email: is empty; every person needs an e-mail address"}; !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8)) // the test text is in the BMP
	}
	return string(b)
}

func TestParseDelimiters(t *testing.T) {
	for name, text := range map[string]string{
		"semicolon":     "Name;E-mail;Team;Roles\nAna Lima;ana@x.test;EMEA;\"rep, coach\"\nBen, Jr.;ben@x.test;EMEA;rep\n",
		"tab":           "Name\tEmail\tTeam\tRoles\nAna Lima\tana@x.test\tEMEA\trep,coach\nBen, Jr.\tben@x.test\t\trep\n",
		"excel sep":     "sep=;\nName;Email;Team;Roles\nAna Lima;ana@x.test;EMEA;rep,coach\nBen, Jr.;ben@x.test;EMEA;\n",
		"comma, spaces": "Name, Email, Team, Roles\nAna Lima, ana@x.test, EMEA, \"rep, coach\"\n\"Ben, Jr.\", ben@x.test, EMEA, rep\n",
	} {
		t.Run(name, func(t *testing.T) {
			rows := mustParse(t, text)
			if len(rows) != 2 || rows[0].Person.Name != "Ana Lima" || rows[1].Person.Name != "Ben, Jr." ||
				rows[0].Person.Roles.String() != "rep,coach" || rows[0].TeamName != "EMEA" {
				t.Errorf("rows = %+v", rows)
			}
		})
	}
}

func TestParseMultilineFieldLines(t *testing.T) {
	text := header +
		"\"Ana\nLima\",ana@x.test,\"EMEA\nEnterprise\",,,,,,\n" + // lines 2–4
		"Ben,ben@x.test,,,,\"Europe\n\nand Africa\",,,\n" + // lines 5–7
		"Cy,cy@x.test,,,,,Mars/Base,,\n" // line 8
	got := problemsOf(t, text)
	if want := []string{`line 8: timezone: unknown time zone "Mars/Base": use an IANA name such as America/New_York`}; !slices.Equal(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	rows := mustParse(t, strings.Replace(text, "Mars/Base", "UTC", 1))
	var lines []int
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if !slices.Equal(lines, []int{2, 5, 8}) || rows[0].Person.Name != "Ana Lima" || rows[0].TeamName != "EMEA Enterprise" || rows[1].Person.Region != "Europe and Africa" {
		t.Errorf("lines %v, rows %+v", lines, rows)
	}
}

func TestParseSalesforceExport(t *testing.T) {
	text := "\"Full Name\",\"Email\",\"Division\",\"Department\",\"Manager.Email\",\"Profile\",\"Role\",\"TimeZoneSidKey\",\"Created Date\",\"IsActive\"\n" +
		"\"Maria Lopez\",\"maria@acme.test\",\"EMEA Enterprise\",\"Sales\",\"\",\"System Administrator\",\"Sales Manager\",\"Europe/Madrid\",\"2019-05-06T09:15:00.000+0000\",\"true\"\n" +
		"\"Ben Okoye\",\"ben@acme.test\",\"EMEA Enterprise\",\"Sales\",\"maria@acme.test\",\"Standard User\",\"AE\",\"Europe/London\",\"2024-03-01T00:00:00Z\",\"true\"\n"
	res, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Department", "Profile", "IsActive"}; !slices.Equal(res.IgnoredColumns, want) {
		t.Errorf("IgnoredColumns = %q, want %q", res.IgnoredColumns, want)
	}
	ben := res.Rows[1]
	if ben.Person.Name != "Ben Okoye" || ben.TeamName != "EMEA Enterprise" || ben.ManagerEmail != "maria@acme.test" ||
		ben.Person.Roles.String() != "rep" || ben.Person.TimeZone != "Europe/London" || !ben.Person.StartDate.Equal(date("2024-03-01")) {
		t.Errorf("Ben = %+v", ben)
	}
	if got := res.Rows[0]; got.Person.Roles.String() != "manager" || !got.Person.StartDate.Equal(date("2019-05-06")) {
		t.Errorf("Maria = %+v", got)
	}
	// "Manager: Email" and "Email Address" are the report spellings.
	rows := mustParse(t, "Full Name,Email Address,Manager: Email,User Role,Time Zone,Hire Date,Territory\n"+
		"Ben Okoye,ben@acme.test,maria@acme.test,Account Executive,Europe/London,1 Mar 2024,UK&I\n")
	if r := rows[0]; r.ManagerEmail != "maria@acme.test" || r.Person.Region != "UK&I" || !r.Person.StartDate.Equal(date("2024-03-01")) {
		t.Errorf("row = %+v", r)
	}
}

func TestParseHubSpotExport(t *testing.T) {
	text := "First Name,Last Name,E-mail,Primary Team,Additional Teams,Role,Time Zone,Create Date,User ID\n" +
		"Ana,Lima,ana@acme.test,APAC Growth,,Sales Manager,Asia/Singapore,\"Mar 1, 2024\",101\n" +
		"Ravi,,ravi@acme.test,APAC Growth,EMEA,SDR,Asia/Kolkata,2024/03/04,102\n"
	res, err := Read(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Additional Teams", "User ID"}; !slices.Equal(res.IgnoredColumns, want) {
		t.Errorf("IgnoredColumns = %q, want %q", res.IgnoredColumns, want)
	}
	ana, ravi := res.Rows[0], res.Rows[1]
	if ana.Person.Name != "Ana Lima" || ana.TeamName != "APAC Growth" || ana.Person.Roles.String() != "manager" || !ana.Person.StartDate.Equal(date("2024-03-01")) {
		t.Errorf("Ana = %+v", ana)
	}
	if ravi.Person.Name != "Ravi" || ravi.Person.TimeZone != "Asia/Kolkata" || !ravi.Person.StartDate.Equal(date("2024-03-04")) {
		t.Errorf("Ravi = %+v", ravi)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{
		"2024-03-01", "2024-3-1", "2024/03/01", "2024.03.01", "2024-03-01T00:00:00Z",
		"2024-03-01T23:30:00-08:00", "2024-03-01T09:15:00.000+0000", "2024-03-01 10:15:00",
		"1 Mar 2024", "01 March 2024", "1-Mar-2024", "Mar 1, 2024", "March 1, 2024", "mar 1 2024",
	} {
		got, err := ParseDate(s)
		if err != nil || !got.Equal(date("2024-03-01")) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want 2024-03-01 UTC", s, got, err)
		}
	}
	for _, s := range []string{"03/01/2024", "3.1.24", "13/01/2024", "01-03-2024 10:15", "45352", "yesterday", "2024-02-30"} {
		if got, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v; want an error", s, got)
		}
	}
}

func TestParseHeaderKeys(t *testing.T) {
	for h, want := range map[string]column{
		"Full Name": colName, "E-mail": colEmail, "Email Address": colEmail, "Time Zone": colTimeZone,
		"TimeZoneSidKey": colTimeZone, "Manager Email": colManagerEmail, "Manager.Email": colManagerEmail,
		"Manager: Email": colManagerEmail, "Roles": colRoles, "User Role": colRoles, "Profile": colRoles,
		"Team Name": colTeam, "Division": colTeam, "Department": colTeam, "Territory": colRegion,
		"Start Date": colStartDate, "Hire Date": colStartDate, "Created Date": colStartDate,
		"Working Hours": colWorkingHours, "WORKING_HOURS": colWorkingHours, "first_name": colFirstName,
	} {
		if got, ok := aliasIndex[headerKey(h)]; !ok || got.col != want {
			t.Errorf("header %q maps to %v (%v), want %v", h, got.col, ok, want)
		}
	}
}
