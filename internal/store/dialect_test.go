package store

import (
	"testing"
	"time"
)

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT 1":                             "SELECT 1",
		"a = ? AND b = ?":                      "a = $1 AND b = $2",
		"x LIKE '?%' AND y = ? AND \"q?\" = ?": "x LIKE '?%' AND y = $1 AND \"q?\" = $2",
		"s = 'it''s ?' OR t = ?":               "s = 'it''s ?' OR t = $1",
	} {
		if got := postgresDialect.rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
		if got := sqliteDialect.rebind(in); got != in {
			t.Errorf("sqlite rebind(%q) = %q", in, got)
		}
	}
}

func TestLikeContains(t *testing.T) {
	for in, want := range map[string]string{
		"Ana":    "%ana%",
		"100%":   `%100\%%`,
		"a_b":    `%a\_b%`,
		`c:\dir`: `%c:\\dir%`,
	} {
		if got := likeContains(in); got != want {
			t.Errorf("likeContains(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTimeRoundTrip(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip(err)
	}
	in := time.Date(2026, 7, 1, 23, 59, 58, 123456789, berlin)
	var out time.Time
	if err := (timeScanner{&out}).Scan(sqliteDialect.timeArg(in)); err != nil {
		t.Fatal(err)
	}
	if want := in.UTC().Truncate(time.Microsecond); out != want {
		t.Errorf("time round trip = %v, want %v", out, want)
	}
	if err := (timeScanner{&out}).Scan(sqliteDialect.dateArg(in)); err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC); out != want {
		t.Errorf("date round trip = %v, want %v", out, want)
	}
	if sqliteDialect.timeArg(time.Time{}) != nil || postgresDialect.dateArg(time.Time{}) != nil {
		t.Error("zero time is not NULL")
	}
}

// TestMigrationsInStep checks that both engines have the same migrations.
func TestMigrationsInStep(t *testing.T) {
	lite, err := migrations(sqliteDialect)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrations(postgresDialect)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 || len(lite) != len(pg) {
		t.Fatalf("sqlite has %d migrations, postgres %d", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].Version != pg[i].Version || lite[i].Name != pg[i].Name {
			t.Errorf("migration %d: sqlite %04d_%s, postgres %04d_%s", i, lite[i].Version, lite[i].Name, pg[i].Version, pg[i].Name)
		}
	}
}
