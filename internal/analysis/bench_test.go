package analysis

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"huddle/internal/transcript"
)

// syntheticCues is an hour-long two-person call of n cues.
func syntheticCues(n int) (*transcript.Transcript, int) {
	lines := []string{
		"Thanks for making the time today, I know the quarter is busy.",
		"Sure, happy to. We have about thirty minutes before my next meeting.",
		"How are you handling renewals right now, and what does that cost you?",
		"Honestly it is a lot of spreadsheets & manual follow up, and it's too expensive.",
		"Um, what would it mean for your team if that took half the time?",
		"We would probably close the quarter two weeks earlier, which matters to the board.",
	}
	speakers := []string{"Alice Johnson", "Bob Smith"}
	t := &transcript.Transcript{Format: transcript.FormatVTT, Timed: true}
	size := 0
	for i := 0; i < n; i++ {
		text := lines[i%len(lines)]
		t.Cues = append(t.Cues, transcript.Cue{Speaker: speakers[i%2], Start: float64(i) * 4, End: float64(i)*4 + 3.5, Text: text})
		size += len(text)
	}
	return t, size
}

// BenchmarkAnalyze measures the analysis alone; bytes are cue text bytes.
func BenchmarkAnalyze(b *testing.B) {
	t, size := syntheticCues(900)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default().Analyze(t, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeNew measures compiling the default configuration.
func BenchmarkAnalyzeNew(b *testing.B) {
	cfg := DefaultConfig()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// corpusDir finds shared/corpus next to the repository root, or skips.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("repository root not found")
		}
		dir = parent
	}
	corpus := filepath.Join(filepath.Dir(dir), "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		tb.Skipf("shared corpus not present: %v", err)
	}
	return corpus
}

// corpusTranscripts are the real call transcripts of the shared corpus.
var corpusTranscripts = []string{
	"zoom_vtt_ethereum_pm/acde233_2026-03-26_transcript.vtt",
	"zoom_vtt_ethereum_pm/oneoff1971_2026-03-17_transcript.vtt",
	"zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript.vtt",
	"zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript_corrected.vtt",
	"zoom_vtt_ethereum_pm/focil032_2026-04-07_transcript.vtt",
	"zoom_vtt_ethereum_pm/allwalletdevs039_2026-05-20_transcript.vtt",
	"qmsum/ES2004a.json",
	"qmsum/ES2004d.json",
	"qmsum/Bmr006.json",
	"qmsum/covid_2.json",
}

// endToEnd parses, analyses and encodes one file as `huddle analyze --json`
// does.
func endToEnd(enc *json.Encoder, name string, data []byte) error {
	t, err := transcript.Parse(data, name)
	if err != nil {
		return err
	}
	r, err := Default().Analyze(t, "")
	if err != nil {
		return err
	}
	return enc.Encode(r)
}

// BenchmarkAnalyzeEndToEnd runs bytes → parse → analyze → JSON over every
// real transcript in the shared corpus (1.1 MB); compare with `wc -w` via
// bench/analysis/wc_ratio.sh.
func BenchmarkAnalyzeEndToEnd(b *testing.B) {
	corpus := corpusDir(b)
	var names []string
	var files [][]byte
	total := 0
	for _, rel := range corpusTranscripts {
		data, err := os.ReadFile(filepath.Join(corpus, "transcripts", rel))
		if err != nil {
			b.Fatal(err)
		}
		names, files = append(names, rel), append(files, data)
		total += len(data)
	}
	enc := json.NewEncoder(io.Discard)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if err := endToEnd(enc, names[i], data); err != nil {
				b.Fatalf("%s: %v", names[i], err)
			}
		}
	}
}

// BenchmarkAnalyzeEndToEndZoomHour is the one-hour-call case: the 110 KB
// Zoom transcript of a 100-minute meeting.
func BenchmarkAnalyzeEndToEndZoomHour(b *testing.B) {
	corpus := corpusDir(b)
	rel := corpusTranscripts[0]
	data, err := os.ReadFile(filepath.Join(corpus, "transcripts", rel))
	if err != nil {
		b.Fatal(err)
	}
	enc := json.NewEncoder(io.Discard)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := endToEnd(enc, rel, data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCorpusEndToEnd(t *testing.T) {
	corpus := corpusDir(t)
	for _, rel := range corpusTranscripts {
		data, err := os.ReadFile(filepath.Join(corpus, "transcripts", rel))
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		if err := endToEnd(json.NewEncoder(&out), rel, data); err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		var r Report
		if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		timed := strings.HasSuffix(rel, ".vtt")
		if r.Timed != timed || (r.DurationSeconds != nil) != timed || r.TalkRatio == nil || *r.TalkRatio <= 0 || *r.TalkRatio > 1 {
			t.Errorf("%s: %s", rel, fmt.Sprint(r.Timed, r.DurationSeconds, r.TalkRatio))
		}
	}
}
