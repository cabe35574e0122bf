package web

import (
	"strconv"
	"strings"

	"huddle/internal/service"
)

// calibrationView is a request's calibration ready to show.
type calibrationView struct {
	Reviews     int
	Rows        []calibrationRow
	Totals      string // the weighted totals, lowest first: "40 · 60 · 75"
	TotalSpread string // in points
	Disagree    int    // criteria flagged
}

type calibrationRow struct {
	Name     string
	Scores   string // by value: "2 · 4 · 5"
	N        int
	Min, Max int
	Mean     string
	Spread   int
	Disagree bool
}

func calibration(c *service.Calibration) *calibrationView {
	if c == nil {
		return nil
	}
	v := &calibrationView{Reviews: c.Reviews, TotalSpread: points(c.TotalSpread)}
	for _, cs := range c.Criteria {
		scores := make([]string, len(cs.Scores))
		for i, s := range cs.Scores {
			scores[i] = strconv.Itoa(s)
		}
		v.Rows = append(v.Rows, calibrationRow{Name: cs.Name, Scores: strings.Join(scores, " · "), N: cs.N(), Min: cs.Min, Max: cs.Max,
			Mean: strconv.FormatFloat(cs.Mean, 'f', 1, 64), Spread: cs.Spread, Disagree: cs.Disagree})
		if cs.Disagree {
			v.Disagree++
		}
	}
	totals := make([]string, len(c.Totals))
	for i, t := range c.Totals {
		totals[i] = points(t)
	}
	v.Totals = strings.Join(totals, " · ")
	return v
}

// points rounds a 0–100 figure to whole points.
func points(f float64) string { return strconv.FormatFloat(f, 'f', 0, 64) }
