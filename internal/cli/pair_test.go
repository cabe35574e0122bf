package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const pairRoster = "../pairing/testdata/roster.json"

func runPair(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := pairCmd(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestPairJSON(t *testing.T) {
	code, out, errOut := runPair(pairRoster, "--json", "--candidates")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Pairs []struct {
			A, B    string
			Weight  float64
			Reasons []string
		}
		Groups     []json.RawMessage
		Unmatched  []struct{ ID, Reason string }
		Total      float64 `json:"total_weight"`
		Candidates []struct {
			A, B   string
			Weight float64
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	if len(doc.Pairs) == 0 || doc.Groups == nil || len(doc.Candidates) == 0 {
		t.Fatalf("missing pairs, groups or candidates: %s", out)
	}
	sum := 0.0
	for _, p := range doc.Pairs {
		sum += p.Weight
		if p.A == "" || p.B == "" || len(p.Reasons) == 0 {
			t.Errorf("incomplete pair %+v", p)
		}
	}
	if diff := sum - doc.Total; diff > 1e-6 || diff < -1e-6 {
		t.Errorf("total_weight %.3f, pairs sum to %.3f", doc.Total, sum)
	}
	reasons := map[string]string{}
	for _, u := range doc.Unmatched {
		reasons[u.ID] = u.Reason
	}
	if reasons["hana"] != "opted out" || !strings.HasPrefix(reasons["gus"], "capacity reached") {
		t.Errorf("unmatched reasons %v", reasons)
	}
	// Without --candidates the field is absent.
	_, out, _ = runPair("--json", pairRoster)
	if strings.Contains(out, `"candidates"`) {
		t.Error("candidates printed without --candidates")
	}
}

func TestPairText(t *testing.T) {
	code, out, errOut := runPair("--k", "3", pairRoster)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"PAIRS (", "UNMATCHED (", "Hana (hana): opted out", "greedy on the same candidates", "shared working hours on Tue 2026-11-24"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
}

func TestPairGroups(t *testing.T) {
	data, err := os.ReadFile(pairRoster)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "groups.json")
	if err := os.WriteFile(path, bytes.Replace(data, []byte(`"mode": "pairs"`), []byte(`"mode": "groups"`), 1), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runPair(path)
	if code != 0 || !strings.Contains(out, "GROUPS (") || !strings.Contains(out, "random grouping baseline") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
}

func TestPairBadRoster(t *testing.T) {
	data, err := os.ReadFile(pairRoster)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(data, []byte(`"timezone": "America/Chicago"`), []byte(`"timezone": "Mars/Base"`), 1)
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runPair("--json", path)
	if code != 1 || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	if want := `people[2] (id "chloe"): timezone: unknown time zone "Mars/Base"`; !strings.Contains(errOut, want) {
		t.Errorf("stderr %q lacks %q", errOut, want)
	}
	if code, _, errOut := runPair(filepath.Join(t.TempDir(), "missing.json")); code != 1 || errOut == "" {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func TestPairUsage(t *testing.T) {
	if code, _, errOut := runPair("-h"); code != 0 || !strings.Contains(errOut, "usage: huddle pair") {
		t.Errorf("-h: exit %d, %q", code, errOut)
	}
	if code, _, _ := runPair(); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code, _, _ := runPair("a.json", "b.json"); code != 2 {
		t.Errorf("two files: exit %d, want 2", code)
	}
	if code, _, _ := runPair("--bogus", pairRoster); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
}
