package web

import (
	"strings"
	"testing"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// TestTranscriptRemarksInCallOrder: on the transcript, the remarks of
// several reviews at one line are ordered by call time, then kind and
// text — the same whichever review comes first — so that on an anonymous
// request their order says nothing about who wrote which.
func TestTranscriptRemarksInCallOrder(t *testing.T) {
	cues := []service.TranscriptCue{{Speaker: "Rep", Start: 0, End: 9}, {Speaker: "Buyer", Start: 10, End: 30}}
	at := newAnchors(service.CallTranscript{Cues: cues})
	a := reviewCard{Remarks: remarkLines([]service.RemarkView{{AtSeconds: 25, Kind: domain.RemarkHighlight, Note: "late"}}, at, "Anonymous reviewer")}
	b := reviewCard{Remarks: remarkLines([]service.RemarkView{
		{AtSeconds: 12, Kind: domain.RemarkImprovement, Note: "early"}, {AtSeconds: 3, Kind: domain.RemarkHighlight, Note: "opening"}}, at, "Anonymous reviewer")}
	order := func(lines []cueLine) string {
		var out []string
		for _, l := range lines {
			for _, m := range l.Remarks {
				out = append(out, l.Anchor+":"+m.Note)
			}
		}
		return strings.Join(out, " ")
	}
	ab, ba := order(transcriptLines(cues, at, []reviewCard{a, b})), order(transcriptLines(cues, at, []reviewCard{b, a}))
	if want := "t-0:opening t-10:early t-10:late"; ab != want || ba != want {
		t.Errorf("remarks by line: %q and %q, want %q", ab, ba, want)
	}
}

// TestHelpfulnessChart: a bar per month as tall as its average, none for
// a month without ratings, and a label that says it all in words.
func TestHelpfulnessChart(t *testing.T) {
	if buildHelpfulness(nil) != nil {
		t.Error("a chart without months")
	}
	months := make([]service.HelpfulnessMonth, 12)
	months[3] = service.HelpfulnessMonth{Average: 5, Count: 2}
	months[11] = service.HelpfulnessMonth{Average: 2.5, Count: 1}
	c := buildHelpfulness(months)
	if c.Rated != 3 || c.Bars[3].H != chartTop || c.Bars[11].H != chartTop/2 || c.Bars[0].H != 0 || c.Bars[3].Y != chartPad {
		t.Errorf("chart %+v", c)
	}
	if !strings.Contains(c.Label, "5.0 from 2") || !strings.Contains(c.Label, "2.5 from 1") {
		t.Errorf("label %q", c.Label)
	}
}
