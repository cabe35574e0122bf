package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var analyzeFixtures = map[string]string{
	"call.vtt":  "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nAlice: How is your quarter going?\n\n2\n00:00:05.000 --> 00:00:07.000\nBob: Too expensive, honestly.\n",
	"notes.txt": "Alice: Hi Bob.\nBob: Hello there, Alice.\nAlice: Let's meet next week?\n",
	"bad.srt":   "1\n00:00:01,000 --> 00:00:0x,000\nbroken\n",
}

func runAnalyze(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = analyzeCmd(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestAnalyzeJSONWithOneBadFile(t *testing.T) {
	dir := writeFiles(t, analyzeFixtures)
	call, bad, notes := filepath.Join(dir, "call.vtt"), filepath.Join(dir, "bad.srt"), filepath.Join(dir, "notes.txt")
	missing := filepath.Join(dir, "missing.vtt")
	// Flags after the files work too.
	code, stdout, stderr := runAnalyze(call, bad, missing, notes, "--json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantErr := bad + ": line 2: bad timestamp \"00:00:0x,000\"\n" + missing + ": no such file or directory\n"
	if stderr != wantErr {
		t.Errorf("stderr %q, want %q", stderr, wantErr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines, got %q", stdout)
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "format", "timed", "rep", "duration_seconds", "speakers", "talk_ratio",
		"longest_monologue_seconds", "longest_customer_story_seconds", "interactivity", "patience_seconds",
		"questions", "open_questions", "words_per_minute", "filler_words_per_minute", "next_steps", "objections",
		"trackers", "moments"} {
		if _, ok := first[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	if first["file"] != call || first["format"] != "vtt" || first["timed"] != true || first["duration_seconds"] != 6.0 || first["rep"] != "Alice" {
		t.Errorf("first line %s", lines[0])
	}
	if second["file"] != notes || second["timed"] != false || second["duration_seconds"] != nil || second["patience_seconds"] != nil {
		t.Errorf("second line %s", lines[1])
	}
}

func TestAnalyzeTextSummary(t *testing.T) {
	dir := writeFiles(t, analyzeFixtures)
	code, stdout, stderr := runAnalyze("--rep", "al", filepath.Join(dir, "call.vtt"))
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		"call.vtt (vtt, timed)\n",
		"  Rep                     Alice\n",
		"  Talk ratio              60%\n",
		"  Questions               1 (1 open)\n",
		"  Objections              1: price 1\n",
		"    Alice  3.0 s  5 words  1 turns\n",
		"    0:05  objection     Bob raised a price objection (\"too expensive\"); the rep did not answer it.\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
}

func TestAnalyzeUsage(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}} {
		code, stdout, _ := runAnalyze(args...)
		if code != 0 || !strings.HasPrefix(stdout, "usage: huddle analyze") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	if code, _, stderr := runAnalyze(); code != 2 || !strings.Contains(stderr, "no files given") {
		t.Errorf("no files: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runAnalyze("--bogus", "x"); code != 2 || !strings.Contains(stderr, "flag provided but not defined: -bogus") {
		t.Errorf("bad flag: exit %d, stderr %q", code, stderr)
	}
	dir := writeFiles(t, analyzeFixtures)
	code, _, stderr := runAnalyze("--rep", "zed", filepath.Join(dir, "call.vtt"))
	if code != 1 || !strings.Contains(stderr, `call.vtt: no speaker matches rep "zed"; speakers: "Alice", "Bob"`) {
		t.Errorf("bad rep: exit %d, stderr %q", code, stderr)
	}
	// After "--" everything is a file, even if it looks like a flag.
	code, _, stderr = runAnalyze("--", "--json")
	if code != 1 || !strings.HasPrefix(stderr, "--json: ") {
		t.Errorf("after --: exit %d, stderr %q", code, stderr)
	}
}
