package roster

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseForeignFile parses a real CRM file that is not a roster (sales
// agents with their managers' names, no e-mails) and checks that it is
// refused clearly. It runs when the shared corpus sits beside the repo.
func TestParseForeignFile(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "crm", "sales_teams.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no shared corpus: %v", err)
	}
	defer f.Close()
	_, err = Parse(f)
	var errs *Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Parse = %v; want *Errors", err)
	}
	want := []string{
		`line 1: header: no name column (found "sales_agent", "manager", "regional_office"); add a column named "name" (or "First Name" and "Last Name")`,
		`line 1: header: no e-mail column (found "sales_agent", "manager", "regional_office"); add a column named "email"`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
