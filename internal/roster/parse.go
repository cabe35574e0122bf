// Package roster reads roster CSV files — people with their teams,
// managers, roles, regions, time zones, start dates and working hours —
// and works out what importing one would change. It is pure: no SQL and
// no HTTP; the service layer stores the plan it returns.
//
// The format is a CSV file with a header row naming the columns in
// Columns, in any order; name and email are required. Headers from
// Salesforce and HubSpot user exports are understood too ("Full Name",
// "First Name" + "Last Name", "Email Address", "TimeZoneSidKey",
// "Manager.Email", "Profile", "Division" …). A file is accepted whole or
// not at all, and a refusal lists every problem with its line.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"huddle/internal/domain"
)

// MaxRows is the most people one roster file may hold. Callers limit the
// file's size in bytes.
const MaxRows = 50_000

// Row is one person read from a roster file.
//
// Person holds exactly what the file says, normalised: Name with white
// space collapsed, Email lower-case, Roles via domain.ParseRoles, TimeZone
// checked, StartDate at UTC midnight. An empty optional cell leaves the
// zero value (nil Roles, "" TimeZone and Region, zero WorkingHours and
// StartDate); Plan decides what that means (defaults for new people, the
// stored value for existing ones). Person.Validate succeeds on every Row.
type Row struct {
	Line         int // physical line of the file where the record starts
	Person       domain.Person
	TeamName     string // "" when the cell is empty
	ManagerEmail string // lower-case; "" when the cell is empty
}

// Result is a parsed roster file with what was ignored in it.
type Result struct {
	Rows []Row
	// IgnoredColumns are header cells Huddle does not read: unknown
	// columns, and second columns for a field already read (e.g.
	// "Department" when "Division" is there). Show them as warnings.
	IgnoredColumns []string
	// Delimiter is the field separator found in the header: ',', ';' or '\t'.
	Delimiter rune
}

// Parse reads a roster CSV file. It returns an *Errors listing every
// problem when anything is wrong; otherwise one Row per person, in file
// order. Blank rows are skipped.
func Parse(r io.Reader) ([]Row, error) {
	res, err := Read(r)
	if err != nil {
		return nil, err
	}
	return res.Rows, nil
}

// Read is Parse that also reports the columns it ignored. Any error other
// than *Errors comes from reading r.
func Read(r io.Reader) (*Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read roster file: %w", err)
	}
	text, delim := excelSep(decode(data))
	if delim == 0 {
		delim = sniffDelimiter(text)
	}
	ps := &problems{}

	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = delim
	cr.FieldsPerRecord = -1 // ragged rows are reported per line below
	// Allow `a, "b, c"`; with tabs this would swallow empty fields.
	cr.TrimLeadingSpace = delim != '\t'

	header, err := cr.Read()
	if err == io.EOF {
		ps.add(1, "header", "the file is empty; the first line must name the columns, e.g. %s", strings.Join(Columns, ","))
		return nil, ps.err()
	}
	if err != nil {
		ps.add(csvLine(err), "header", "%s", csvMessage(err))
		return nil, ps.err()
	}
	headerLine, _ := cr.FieldPos(0)
	lay := mapHeader(header, headerLine, ps)
	if !ps.empty() {
		return nil, ps.err()
	}

	res := &Result{IgnoredColumns: lay.ignored, Delimiter: delim}
	rr := &rowReader{layout: lay, ps: ps, zones: map[string]error{}}
	seen := map[string]int{} // e-mail → line
	records := 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, fmt.Errorf("read roster file: %w", err)
			}
			ps.add(csvLine(err), "row", "%s", csvMessage(err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if records++; records > MaxRows {
			ps.add(line, "row", "the file has more than %d people; split it into several files", MaxRows)
			break
		}
		if len(rec) != lay.width {
			ps.add(line, "row", "has %d fields but the header has %d; check for a missing or extra %s, or quote fields that contain one", len(rec), lay.width, delimiterName(delim))
			continue
		}
		row, ok := rr.row(rec, line)
		if !ok {
			continue
		}
		if first, dup := seen[row.Person.Email]; dup {
			ps.add(line, "email", "%s is also on line %d; list each person once", row.Person.Email, first)
			continue
		}
		seen[row.Person.Email] = line
		res.Rows = append(res.Rows, row)
	}
	if records == 0 && ps.empty() {
		ps.add(headerLine, "header", "the file has a header but no people; add one row per person below it")
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return res, nil
}

// decode turns the file into UTF-8 text with "\n" line ends: it strips a
// UTF-8 byte order mark, decodes UTF-16 (Excel's "Unicode Text") and
// turns CRLF and lone CR into LF, keeping the count of physical lines.
func decode(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		data = []byte(decodeUTF16(data[2:], false))
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		data = []byte(decodeUTF16(data[2:], true))
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// excelSep blanks out the "sep=;" first line Excel may write and returns
// the delimiter it names (0 when there is none). The line stays, empty, so
// that line numbers still match the file.
func excelSep(text string) (string, rune) {
	first, rest, _ := strings.Cut(text, "\n")
	if v, ok := strings.CutPrefix(strings.ToLower(strings.Trim(first, " ")), "sep="); ok {
		switch v {
		case ",", ";", "\t":
			return "\n" + rest, rune(v[0])
		}
	}
	return text, 0
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// sniffDelimiter picks ',', ';' or tab: whichever occurs most often
// outside quotes in the first non-blank line, commas winning ties.
func sniffDelimiter(text string) rune {
	line := ""
	for l := range strings.Lines(text) {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func delimiterName(r rune) string {
	switch r {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// blank reports whether every field of rec is empty or white space, as in
// the trailing ",,,,," rows spreadsheets leave behind.
func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// csvLine is the line where the record with a CSV syntax error starts.
func csvLine(err error) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return max(pe.StartLine, 1)
	}
	return 1
}

// csvMessage explains a CSV syntax error and how to fix it.
func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("a double quote (\") on line %d is inside a field that does not start with one; put the whole field in double quotes and double the quote inside it (\"\")", pe.Line)
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Sprintf("a quoted field is not closed properly (by line %d); check that every field that starts with \" ends with \" and that quotes inside it are doubled (\"\")", pe.Line)
		}
		return fmt.Sprintf("line %d is not valid CSV: %v", pe.Line, pe.Err)
	}
	return err.Error()
}
