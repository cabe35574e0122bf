package transcript

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// Seeds written for this project; the shared corpus is never copied here.
var (
	vttSeeds = []string{
		"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAlice: hi &amp; <b>bye</b>\n",
		"WEBVTT\r\n\r\n0:0:0.0 --> 0:0:1.5\r\n<v Bob>yo</v>\r\n<v.loud Ann>hey</v>\r\n",
		"WEBVTT\rNOTE x\r\rSTYLE\r::cue{}\r\r00:01.000 --> 00:02.000 align:start\rtext<00:01.500><c>more</c>\r",
		"\xEF\xBB\xBFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n00:00:02.000 --> 00:00:03.000\nx\n",
		"WEBVTT\n\nRegion: id=a\n\nid\n00:00:01.000 --> 00:00:0x.000\n",
	}
	srtSeeds = []string{
		"1\n00:00:01,000 --> 00:00:02,000\nRep: Hello\n\n2\n00:00:03,000 --> 00:00:04,000\nBye\n",
		"00:00:01.5 --> 00:00:02,04 X1:40\nMAN:\ntext\n3\n00:00:03 --> 00:00:04\nx",
		"1\r\n00:00:0,000 --> 00:00:01,000\r\n<font color=\"red\">{\\an8}red</font>\r\n",
		"\xFF\xFE1\x00\n\x000\x000\x00:\x000\x000\x00:\x000\x001\x00,\x000\x000\x000\x00 \x00-\x00-\x00>\x00 \x000\x000\x00:\x000\x000\x00:\x000\x002\x00,\x000\x000\x000\x00\n\x00h\x00i\x00",
		"1\nsome text",
	}
	sbvSeeds = []string{
		"0:00:00.378,0:00:11.378\nHost: One\n\n0:00:17.484,0:00:16.543\nTwo\n",
		"0:00:13.f89,0:00:15.489\nx\n",
	}
	textSeeds = []string{
		"Alice: Hi there.\nmore\n\nBob: Hello?\n",
		"[00:00:01] Alice: Hi.\n[00:00:04] Bob: Yo.\n[00:00:10] ok\n",
		"00:03:48\tJustin:\tGm\n00:03:58\tStefan:\tHello\nQuote: x\n",
		"Alice Smith  0:02\nHi Bob.\n\nBob\t1:05\nGood.\n",
		"caf\xE9: \x93quoted\x94\r\rBob: (00:01) x",
	}
	jsonSeeds = []string{
		`[{"speaker":"A","text":"Hi \u00e9\ud83d\ude00","start":1,"end":2.5},{"text":"more","start":"0:00:03"}]`,
		`{"x":[{"y":1}],"t":{"turns":[{"speaker":"PM","content":"{vocalsound} so ."},{"speaker":null,"content":"x"}]}}`,
		`[{"speaker":7,"text":"a","start":-1e400}]`,
		`[[[{"speaker":"a","text":"b","n":[true,false,null,{"k":"\/"}]}]]]`,
		"[\n{\"speaker\":\"a\",\"text\":\"b\"}\n{\"x\":1}]",
	}
)

// checkParse asserts the invariants of any parse result.
func checkParse(t *testing.T, tr *Transcript, err error) {
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("error %v is %T, not *Error", err, err)
		}
		if pe.Line < 0 || pe.Msg == "" {
			t.Fatalf("bad error %+v", pe)
		}
		return
	}
	if len(tr.Cues) == 0 {
		t.Fatal("success with no cues")
	}
	for _, c := range tr.Cues {
		if c.Text == "" || strings.TrimSpace(c.Text) != c.Text || c.Line <= 0 {
			t.Fatalf("bad cue %+v", c)
		}
		if c.End < c.Start || math.IsNaN(c.Start) || math.IsInf(c.End, 0) || c.Start < 0 {
			t.Fatalf("bad times %+v", c)
		}
		if !tr.Timed && (c.Start != 0 || c.End != 0) {
			t.Fatalf("untimed cue with times %+v", c)
		}
	}
}

func fuzzFormat(f *testing.F, format string, seeds []string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseFormat(data, format)
		checkParse(t, tr, err)
	})
}

func FuzzParseVTT(f *testing.F)  { fuzzFormat(f, FormatVTT, vttSeeds) }
func FuzzParseSRT(f *testing.F)  { fuzzFormat(f, FormatSRT, srtSeeds) }
func FuzzParseSBV(f *testing.F)  { fuzzFormat(f, FormatSBV, sbvSeeds) }
func FuzzParseText(f *testing.F) { fuzzFormat(f, FormatText, textSeeds) }
func FuzzParseJSON(f *testing.F) { fuzzFormat(f, FormatJSON, jsonSeeds) }

// FuzzParse exercises detection and every parser together.
func FuzzParse(f *testing.F) {
	names := []string{"a.vtt", "a.srt", "a.sbv", "a.txt", "a.json", ""}
	for i, group := range [][]string{vttSeeds, srtSeeds, sbvSeeds, textSeeds, jsonSeeds} {
		for _, s := range group {
			f.Add([]byte(s), names[i])
			f.Add([]byte(s), "")
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		tr, err := Parse(data, name)
		checkParse(t, tr, err)
	})
}
