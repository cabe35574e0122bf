package roster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"huddle/internal/domain"
)

// MaxProblems is how many problems an *Errors lists; the rest are counted
// in Errors.Omitted so that a wholly wrong 50,000-row file stays readable.
const MaxProblems = 200

// Problem is one thing wrong with a roster file, at the physical line of
// the file where the offending record starts (1 is the header).
type Problem struct {
	Line    int
	Field   string // a column name ("email", "timezone" …), "header" or "row"
	Message string // says what is wrong and what to do
}

// String renders the problem as "line N: field: message".
func (p Problem) String() string {
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.Field, p.Message)
}

// Errors is every problem found in a roster file. Parse and Plan return it
// instead of stopping at the first problem so that the person importing
// can fix the file in one pass. It unwraps to domain.ErrInvalid.
type Errors struct {
	Problems []Problem // sorted by line, at most MaxProblems
	Omitted  int       // problems found beyond MaxProblems
}

// Error lists the problems one per line.
func (e *Errors) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n… and %d more problems; fix these and import the file again", e.Omitted)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, domain.ErrInvalid) true.
func (e *Errors) Unwrap() error { return domain.ErrInvalid }

// problems collects Problems, keeping at most MaxProblems.
type problems struct {
	list    []Problem
	omitted int
}

func (ps *problems) add(line int, field, format string, args ...any) {
	if len(ps.list) >= MaxProblems {
		ps.omitted++
		return
	}
	ps.list = append(ps.list, Problem{Line: max(line, 1), Field: field, Message: fmt.Sprintf(format, args...)})
}

func (ps *problems) empty() bool { return ps.count() == 0 }

// count is the number of problems found so far, listed or not.
func (ps *problems) count() int { return len(ps.list) + ps.omitted }

// err returns the collected problems as an *Errors, or nil when there are
// none.
func (ps *problems) err() error {
	if ps.empty() {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	return &Errors{Problems: list, Omitted: ps.omitted}
}
