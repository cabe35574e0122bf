package transcript

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticCall writes an hour-long two-person call of n cues in the given
// format, about 110 KB as WebVTT at n = 900.
func syntheticCall(format string, n int) []byte {
	lines := []string{
		"Thanks for making the time today, I know the quarter is busy.",
		"Sure, happy to. We have about thirty minutes before my next meeting.",
		"How are you handling renewals right now, and what does that cost you?",
		"Honestly it is a lot of spreadsheets &amp; manual follow up, and it's too expensive.",
		"Um, what would it mean for your team if that took half the time?",
		"We would probably close the quarter two weeks earlier, which matters to the board.",
	}
	speakers := []string{"Alice Johnson", "Bob Smith"}
	var b strings.Builder
	switch format {
	case FormatVTT:
		b.WriteString("WEBVTT\r\n\r\n")
	case FormatJSON:
		b.WriteString(`{"meeting":"demo","turns":[`)
	}
	ts := func(s float64, sep string) string {
		ms := int(s * 1000)
		return fmt.Sprintf("%02d:%02d:%02d%s%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
	}
	for i := 0; i < n; i++ {
		start := float64(i) * 4
		end := start + 3.5
		sp, text := speakers[i%2], lines[i%len(lines)]
		switch format {
		case FormatVTT:
			fmt.Fprintf(&b, "%d\r\n%s --> %s\r\n%s: %s\r\n\r\n", i+1, ts(start, "."), ts(end, "."), sp, text)
		case FormatSRT:
			fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i+1, ts(start, ","), ts(end, ","), sp, text)
		case FormatText:
			fmt.Fprintf(&b, "[%s] %s: %s\n", ts(start, "."), sp, text)
		case FormatJSON:
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "\n{\"speaker\":%q,\"text\":%q,\"start\":%g,\"end\":%g}", sp, text, start, end)
		}
	}
	if format == FormatJSON {
		b.WriteString("]}")
	}
	return []byte(b.String())
}

func benchParse(b *testing.B, data []byte, name string) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data, name); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseVTT(b *testing.B)  { benchParse(b, syntheticCall(FormatVTT, 900), "call.vtt") }
func BenchmarkParseSRT(b *testing.B)  { benchParse(b, syntheticCall(FormatSRT, 900), "call.srt") }
func BenchmarkParseText(b *testing.B) { benchParse(b, syntheticCall(FormatText, 900), "call.txt") }
func BenchmarkParseJSON(b *testing.B) { benchParse(b, syntheticCall(FormatJSON, 900), "call.json") }

// BenchmarkParseCorpus parses the real transcripts of the shared corpus.
func BenchmarkParseCorpus(b *testing.B) {
	corpus := corpusDir(b)
	for _, rel := range []string{
		"transcripts/zoom_vtt_ethereum_pm/acde233_2026-03-26_transcript.vtt",
		"transcripts/zoom_vtt_ethereum_pm/oneoff1971_2026-03-17_transcript.vtt",
		"transcripts/qmsum/Bmr006.json",
		"malformed_subtitles/pysrt/windows-1252.srt",
	} {
		data, err := os.ReadFile(filepath.Join(corpus, rel))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(rel), func(b *testing.B) { benchParse(b, data, rel) })
	}
}
