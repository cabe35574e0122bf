package api

import "huddle/internal/service"

// subjectSnippetJSON is a request's snippet: its range and its cues only.
type subjectSnippetJSON struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	CallTitle  string    `json:"call_title"`
	Start      float64   `json:"start"`
	End        float64   `json:"end"`
	Transcript []cueJSON `json:"transcript"`
}

func toSubjectSnippet(s service.SnippetSubject) *subjectSnippetJSON {
	out := &subjectSnippetJSON{ID: s.Snippet.ID, Title: s.Snippet.Title, CallTitle: s.CallTitle, Start: s.Snippet.Start,
		End: s.Snippet.End, Transcript: []cueJSON{}}
	for _, c := range s.Cues {
		out.Transcript = append(out.Transcript, cueJSON{Speaker: c.Speaker, Start: c.Start, Text: c.Text})
	}
	return out
}

// calibrationJSON is the spread of a request's released reviews: scores
// by value, never by reviewer.
type calibrationJSON struct {
	Reviews     int               `json:"reviews"`
	Criteria    []criterionSpread `json:"criteria"`
	Totals      []float64         `json:"totals"`
	TotalSpread float64           `json:"total_spread"`
}

type criterionSpread struct {
	CriterionID int64   `json:"criterion_id"`
	Name        string  `json:"name"`
	Scores      []int   `json:"scores"`
	N           int     `json:"n"`
	Min         int     `json:"min"`
	Max         int     `json:"max"`
	Mean        float64 `json:"mean"`
	Spread      int     `json:"spread"`
	Disagree    bool    `json:"disagree"`
}

func toCalibration(c *service.Calibration) *calibrationJSON {
	if c == nil {
		return nil
	}
	out := &calibrationJSON{Reviews: c.Reviews, Criteria: []criterionSpread{}, Totals: append([]float64{}, c.Totals...),
		TotalSpread: round1(c.TotalSpread)}
	for i := range out.Totals {
		out.Totals[i] = round1(out.Totals[i])
	}
	for _, cs := range c.Criteria {
		out.Criteria = append(out.Criteria, criterionSpread{CriterionID: cs.CriterionID, Name: cs.Name, Scores: cs.Scores, N: cs.N(),
			Min: cs.Min, Max: cs.Max, Mean: round1(cs.Mean), Spread: cs.Spread, Disagree: cs.Disagree})
	}
	return out
}

// round1 keeps one decimal: enough to read, no false precision.
func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }
