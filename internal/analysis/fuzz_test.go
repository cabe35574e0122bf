package analysis

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"huddle/internal/transcript"
)

// FuzzAnalyze runs the analysis on whatever the parsers accept and checks
// that the report is well formed.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAlice: How is it going?? Um, we could send over a proposal.\n\n00:00:03.000 --> 00:00:09.000\nBob: Too expensive.\n",
		"Alice: So, what do you need?\nBob: We already use HubSpot. Sounds good, next week.\n",
		`[{"speaker":"A","text":"naïve Ça va? ’tis SOC-2","start":5,"end":5},{"speaker":"B","text":"?","start":1,"end":400}]`,
	} {
		f.Add([]byte(s), "")
		f.Add([]byte(s), "a")
	}
	f.Fuzz(func(t *testing.T, data []byte, rep string) {
		tr, err := transcript.Parse(data, "")
		if err != nil {
			return
		}
		r, err := Default().Analyze(tr, rep)
		if err != nil {
			return
		}
		if r.TalkRatio != nil && (*r.TalkRatio < 0 || *r.TalkRatio > 1 || math.IsNaN(*r.TalkRatio)) {
			t.Fatalf("talk ratio %v", *r.TalkRatio)
		}
		if r.Questions < r.OpenQuestions || r.Turns < len(r.Speakers) {
			t.Fatalf("questions %d < open %d or turns %d < speakers %d", r.Questions, r.OpenQuestions, r.Turns, len(r.Speakers))
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

func TestAnalyzeRejectsNothingParsed(t *testing.T) {
	if _, err := Default().Analyze(nil, ""); err == nil {
		t.Error("nil transcript accepted")
	}
}

func TestAnalyzeRejectsBadTimes(t *testing.T) {
	for _, cue := range []transcript.Cue{
		{Speaker: "A", Start: math.NaN(), End: 1, Text: "x", Line: 3},
		{Speaker: "A", Start: 0, End: math.Inf(1), Text: "x", Line: 3},
		{Speaker: "A", Start: 2, End: 1, Text: "x", Line: 3},
		{Speaker: "A", Start: -1, End: 1, Text: "x", Line: 3},
	} {
		_, err := Default().Analyze(&transcript.Transcript{Timed: true, Cues: []transcript.Cue{cue}}, "")
		if err == nil || !strings.HasPrefix(err.Error(), "cue 1 (line 3): bad times") {
			t.Errorf("%+v: %v", cue, err)
		}
	}
}
