package pairing

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestParseRosterExample(t *testing.T) {
	data, err := os.ReadFile("testdata/roster.json")
	if err != nil {
		t.Fatal(err)
	}
	in, err := ParseRoster(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.People) != 10 || len(in.History) != 3 {
		t.Fatalf("got %d people, %d history", len(in.People), len(in.History))
	}
	o := in.Options
	if o.Mode != ModePairs || o.GroupMin != 3 || o.GroupMax != 4 || o.Prefer != PreferCrossRegion || o.RepeatAfterDays != 90 || dateString(civilOf(o.Date)) != "2026-11-24" {
		t.Errorf("options %+v", o)
	}
	if p := in.People[4]; p.Capacity != 2 || p.Hours != (WorkingHours{540, 1020}) || p.TimeZone != "Europe/Berlin" {
		t.Errorf("eli = %+v", p)
	}
	if !in.People[7].OptOut || in.People[0].Capacity != 1 {
		t.Error("opt_out or default capacity lost")
	}
}

const goodPerson = `{"id": "p1", "skills": {"x": 1}, "start_date": "2024-01-01", "timezone": "Europe/London", "working_hours": "09:00-17:00"}`
const goodPerson2 = `{"id": "p2", "skills": {"x": 2}, "start_date": "2024-01-01", "timezone": "Europe/London", "working_hours": "09:00-17:00"}`

func TestParseRosterErrors(t *testing.T) {
	person := func(field string) string {
		return `{"people": [` + goodPerson + `, ` + goodPerson2 + `, {"id": "p3", "skills": {"x": 3}, "start_date": "2024-01-01", "timezone": "Europe/London", "working_hours": "09:00-17:00", ` + field + `}]}`
	}
	cases := []struct {
		roster string
		want   string
	}{
		{person(`"timezone": "Mars/Base"`), `people[2] (id "p3"): timezone: unknown time zone "Mars/Base"`},
		{person(`"working_hours": "9-5"`), `people[2] (id "p3"): working_hours: want "HH:MM-HH:MM", got "9-5"`},
		{person(`"start_date": "2024-13-01"`), `people[2] (id "p3"): start_date: want "YYYY-MM-DD", got "2024-13-01"`},
		{person(`"capacity": 0`), `people[2] (id "p3"): capacity: must be at least 1`},
		{person(`"capacity": "two"`), `people[2] (id "p3"): capacity: want a number, got string`},
		{person(`"skills": {"x": "high"}`), `people[2] (id "p3"): skills: want a number, got string`},
		{person(`"colour": "red"`), `people[2] (id "p3"): invalid JSON: json: unknown field "colour"`},
		{`{"people": [` + goodPerson + `, ` + goodPerson + `]}`, `people[1] (id "p1"): id: duplicate of people[0]`},
		{`{"people": [{"skills": {}}]}`, `people[0]: id: missing`},
		{`{"people": [` + goodPerson + `], "history": [{"a": "p1", "b": "zz", "date": "2026-01-01"}]}`, `history[0]: b: unknown person "zz"`},
		{`{"people": [` + goodPerson + `], "history": [{"a": "p1", "b": "p1", "date": "2026-01-01"}]}`, `history[0]: a and b are the same person "p1"`},
		{`{"people": [` + goodPerson + `], "options": {"mode": "trios"}}`, `options: mode: want "pairs" or "groups", got "trios"`},
		{`{"people": [` + goodPerson + `], "options": {"group_size": [5, 3]}}`, `options: group_size: want [min, max]`},
		{`{"people": [` + goodPerson + `], "options": {"skills": ["y"]}}`, `options: skills[0]: unknown criterion "y"`},
		{`{"people": [` + goodPerson + `], "options": {"prefer": "cross_country"}}`, `options: prefer: want`},
		{`{"people": [` + goodPerson + `], "options": {"min_overlap_hours": 30}}`, `options: min_overlap_hours: want 0 to 24, got 30`},
		{`{"people": [` + goodPerson + `]} trailing`, `roster: invalid JSON`},
		{`{"persons": []}`, `roster: invalid JSON: json: unknown field "persons"`},
		{`{}`, `roster: "people" is missing`},
		{`[]`, `roster: `},
	}
	for _, c := range cases {
		_, err := ParseRoster(strings.NewReader(c.roster))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseRoster(%s)\n  error %v\n  want  %q", c.roster, err, c.want)
		}
	}
}

func FuzzParseRoster(f *testing.F) {
	if data, err := os.ReadFile("testdata/roster.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"people": [` + goodPerson + `, ` + goodPerson2 + `], "options": {"mode": "groups", "group_size": [2, 2]}}`))
	f.Add([]byte(`{"people": [` + goodPerson + `], "history": [{"a": "p1", "b": "p1", "date": "2026-01-01"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ParseRoster(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(in.People) > 40 {
			return // keep each input cheap
		}
		res, err := Propose(in)
		if err != nil {
			t.Fatalf("valid roster rejected by Propose: %v", err)
		}
		placed := len(res.Unmatched) + 2*len(res.Pairs)
		for _, g := range res.Groups {
			placed += len(g.Members)
		}
		if placed != len(in.People) {
			t.Fatalf("%d people, %d accounted for", len(in.People), placed)
		}
	})
}
