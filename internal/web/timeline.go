package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"huddle/internal/analysis"
	"huddle/internal/service"
)

// timeline is the speaker timeline of a call, drawn to scale: one lane per
// speaker, a bar per cue, a marker per teachable moment that jumps to it.
type timeline struct {
	Width, Height int
	Lanes         []lane
	Markers       []marker
	Ticks         []tick
}

type lane struct {
	Name  string
	Y     int
	Color string
	Bars  []bar
}

type bar struct{ X, W float64 }

type marker struct {
	X      float64
	Anchor string
	Title  string
	Kind   string
}

type tick struct {
	X     float64
	Label string
}

const (
	timelineWidth = 1000
	laneHeight    = 22
	laneGap       = 6
)

var laneColors = []string{"#2f5bd3", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2"}

// buildTimeline lays out the transcript on a 1000-unit wide canvas. It
// returns nil for untimed transcripts, which have no time to draw.
func buildTimeline(doc service.CallTranscript, report *analysis.Report) *timeline {
	if !doc.Timed || len(doc.Cues) == 0 {
		return nil
	}
	start, end := 0.0, 0.0 // recordings start at 0:00, whenever the first word is
	for _, c := range doc.Cues {
		start, end = min(start, c.Start), max(end, c.End)
	}
	anchors := newAnchors(doc)
	span := end - start
	if span <= 0 {
		return nil
	}
	scale := func(t float64) float64 { return (t - start) / span * timelineWidth }
	t := &timeline{Width: timelineWidth}
	index := map[string]int{}
	for _, c := range doc.Cues {
		i, ok := index[c.Speaker]
		if !ok {
			i = len(t.Lanes)
			index[c.Speaker] = i
			t.Lanes = append(t.Lanes, lane{Name: speakerName(c.Speaker), Y: i * (laneHeight + laneGap), Color: laneColors[i%len(laneColors)]})
		}
		t.Lanes[i].Bars = append(t.Lanes[i].Bars, bar{X: scale(c.Start), W: max(scale(c.End)-scale(c.Start), 0.8)})
	}
	t.Height = len(t.Lanes)*(laneHeight+laneGap) + 18
	if report != nil {
		for _, m := range report.Moments {
			if m.AtSeconds != nil {
				t.Markers = append(t.Markers, marker{X: scale(*m.AtSeconds), Anchor: anchors.For(*m.AtSeconds), Title: service.Clock(*m.AtSeconds) + " " + m.Reason, Kind: m.Kind})
			}
		}
	}
	step := tickStep(span)
	for s := 0.0; s <= span; s += step {
		t.Ticks = append(t.Ticks, tick{X: scale(start + s), Label: service.Clock(start + s)})
	}
	return t
}

// tickStep picks a round interval giving at most about ten ticks.
func tickStep(span float64) float64 {
	for _, s := range []float64{30, 60, 120, 300, 600, 900, 1800, 3600} {
		if span/s <= 10 {
			return s
		}
	}
	return 7200
}

func speakerName(s string) string {
	if s == "" {
		return "Unknown speaker"
	}
	return s
}

// cueAnchor is the id of the transcript line that starts at sec.
func cueAnchor(sec float64) string { return "t-" + strconv.Itoa(int(sec)) }

// anchors finds the transcript line to jump to for any time: the line being
// spoken then, or the last one before it. Moments and comments rarely fall
// on the exact second a line starts.
type anchors struct{ starts []float64 }

func newAnchors(doc service.CallTranscript) anchors {
	a := anchors{starts: make([]float64, len(doc.Cues))}
	for i, c := range doc.Cues {
		a.starts[i] = c.Start
	}
	slices.Sort(a.starts)
	return a
}

// For returns the fragment of the line to jump to at sec.
func (a anchors) For(sec float64) string {
	if len(a.starts) == 0 {
		return cueAnchor(sec)
	}
	i, _ := slices.BinarySearch(a.starts, sec+0.5)
	return cueAnchor(a.starts[max(i-1, 0)])
}

// parseClock reads "1:05", "01:02:03" or "65" (seconds may have a
// decimal part) as seconds. Only digits and one decimal point are read,
// so "NaN", "Inf", "1e9" and "0x10" are mistakes, not times.
func parseClock(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty time")
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	total := 0.0
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || !plainNumber(p) || (i > 0 && v >= 60) || (i < len(parts)-1 && strings.Contains(p, ".")) {
			return 0, fmt.Errorf("bad time %q: use m:ss, e.g. 4:30", s)
		}
		total = total*60 + v
	}
	if total > maxClockSeconds {
		return 0, fmt.Errorf("bad time %q: that is longer than any call", s)
	}
	return total, nil
}

// maxClockSeconds bounds a time in a call: a week.
const maxClockSeconds = 7 * 24 * 3600

// plainNumber reports whether s is digits with at most one decimal point
// between digits.
func plainNumber(s string) bool {
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// fmtMetric renders an optional metric for people.
func fmtMetric(v *float64, percent bool) string {
	if v == nil {
		return "—"
	}
	if percent {
		return strconv.FormatFloat(*v*100, 'f', 0, 64) + "%"
	}
	return strconv.FormatFloat(*v, 'f', 1, 64)
}

// fmtCount renders a count such as questions asked.
func fmtCount(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 0, 64)
}
