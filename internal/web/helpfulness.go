package web

import (
	"fmt"
	"strconv"
	"strings"

	"huddle/internal/service"
)

// helpfulnessChart is a reviewer's helpfulness over the last twelve
// months, drawn on the server: one bar per month, as tall as the month's
// average rating, with a table of the same figures beside it.
type helpfulnessChart struct {
	Width, Height, Base int
	MonthY              int // the baseline of the month labels
	Bars                []helpfulnessBar
	Label               string // for screen readers
	Rated               int    // ratings in the period
}

type helpfulnessBar struct {
	X, Y, W, H int
	Month      string // "Mar"
	MonthLong  string // "March 2026"
	TextX      int
	Average    string // "4.2", or "—"
	Count      int
}

const (
	chartBarWidth = 24
	chartGap      = 8
	chartTop      = 90 // the height of a 5
	chartPad      = 14 // room above a 5 for its value
)

// buildHelpfulness lays out the months; nil when there are none.
func buildHelpfulness(months []service.HelpfulnessMonth) *helpfulnessChart {
	if len(months) == 0 {
		return nil
	}
	c := &helpfulnessChart{Width: len(months) * (chartBarWidth + chartGap), Base: chartPad + chartTop}
	c.MonthY, c.Height = c.Base+12, c.Base+16
	var said []string
	for i, m := range months {
		b := helpfulnessBar{X: i*(chartBarWidth+chartGap) + chartGap/2, W: chartBarWidth, Month: m.Month.Format("Jan"),
			MonthLong: m.Month.Format("January 2006"), Average: "—", Count: m.Count}
		b.TextX = b.X + chartBarWidth/2
		if m.Count > 0 {
			b.H = max(2, int(m.Average/5*chartTop+0.5))
			b.Average = strconv.FormatFloat(m.Average, 'f', 1, 64)
			said = append(said, fmt.Sprintf("%s: %s from %d", b.MonthLong, b.Average, m.Count))
			c.Rated += m.Count
		}
		b.Y = c.Base - b.H
		c.Bars = append(c.Bars, b)
	}
	c.Label = "Average helpfulness per month, out of 5. "
	if len(said) == 0 {
		c.Label += "No ratings in the last twelve months."
	} else {
		c.Label += strings.Join(said, "; ") + "."
	}
	return c
}
