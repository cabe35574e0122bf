package api

import (
	"net/http"
	"strconv"
	"time"

	"huddle/internal/service"
	"huddle/internal/skillprofile"
)

// meanJSON is a weighted mean and its data points; score is null without data.
type meanJSON struct {
	Score  *float64 `json:"score"`
	Points int      `json:"points"`
}

func toMean(m skillprofile.Mean) meanJSON {
	out := meanJSON{Points: m.Points}
	if m.Points > 0 {
		s := round2(m.Score)
		out.Score = &s
	}
	return out
}

func round2(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

type skillSourceJSON struct {
	Source string `json:"source"`
	meanJSON
	Weight float64 `json:"weight"`
}

type skillCriterionJSON struct {
	Key      string   `json:"key"`
	Name     string   `json:"name"`
	Standing meanJSON `json:"standing"`
	// Previous is the standing as of the trend window ago.
	Previous  meanJSON          `json:"previous"`
	Trend     string            `json:"trend"` // up, down, steady or none
	Series    []meanJSON        `json:"series"`
	Sources   []skillSourceJSON `json:"sources"`
	Metrics   []string          `json:"metrics"`
	MyRating  int               `json:"my_rating,omitempty"`
	MyRatedAt *time.Time        `json:"my_rated_at,omitempty"`
}

type skillRubricJSON struct {
	ID       int64                `json:"id"`
	Name     string               `json:"name"`
	Motion   string               `json:"motion"`
	Points   int                  `json:"points"`
	Criteria []skillCriterionJSON `json:"criteria"`
}

type skillProfileJSON struct {
	Person  personRefJSON     `json:"person"`
	Own     bool              `json:"own"`
	AsOf    time.Time         `json:"as_of"`
	Rubrics []skillRubricJSON `json:"rubrics"`
}

func trendWord(c service.SkillCriterion) string {
	switch {
	case c.Points == 0 || c.Previous.Points == 0:
		return "none"
	case c.Direction() > 0:
		return "up"
	case c.Direction() < 0:
		return "down"
	}
	return "steady"
}

func toSkillProfile(p service.SkillProfile) skillProfileJSON {
	out := skillProfileJSON{Person: personRefJSON{ID: p.Person.ID, Name: p.Person.Name}, Own: p.Own, AsOf: p.AsOf.UTC(),
		Rubrics: []skillRubricJSON{}}
	for _, r := range p.Rubrics {
		rj := skillRubricJSON{ID: r.Rubric.ID, Name: r.Rubric.Name, Motion: string(r.Rubric.Motion), Points: r.Points,
			Criteria: []skillCriterionJSON{}}
		for _, c := range r.Criteria {
			cj := skillCriterionJSON{Key: c.Criterion.Key, Name: c.Criterion.Name, Standing: toMean(c.Mean),
				Previous: toMean(c.Previous), Trend: trendWord(c), Series: []meanJSON{}, Sources: []skillSourceJSON{},
				Metrics: []string{}, MyRating: c.MyRating}
			for _, m := range c.Series {
				cj.Series = append(cj.Series, toMean(m))
			}
			for _, s := range c.Sources {
				cj.Sources = append(cj.Sources, skillSourceJSON{Source: string(s.Source), meanJSON: toMean(s.Mean), Weight: s.Weight})
			}
			for _, m := range c.Metrics {
				cj.Metrics = append(cj.Metrics, m.Key)
			}
			if !c.MyRatedAt.IsZero() {
				at := c.MyRatedAt.UTC()
				cj.MyRatedAt = &at
			}
			rj.Criteria = append(rj.Criteria, cj)
		}
		out.Rubrics = append(out.Rubrics, rj)
	}
	return out
}

func (api *API) getMySkillProfile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	p, err := api.svc.MySkillProfile(r.Context(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSkillProfile(p))
	return nil
}

func (api *API) getPersonSkillProfile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := api.svc.PersonSkillProfile(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toSkillProfile(p))
	return nil
}

type selfAssessmentJSON struct {
	ID        int64     `json:"id"`
	RubricID  int64     `json:"rubric_id"`
	Criterion string    `json:"criterion"`
	Score     int       `json:"score"`
	RatedAt   time.Time `json:"rated_at"`
}

// putSelfAssessment sets the actor's current rating of themselves on a
// criterion; the earlier ratings stay as history.
func (api *API) putSelfAssessment(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Score int `json:"score"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	sa, err := api.svc.RateMySkill(r.Context(), a, id, r.PathValue("key"), in.Score)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, selfAssessmentJSON{ID: sa.ID, RubricID: sa.RubricID, Criterion: sa.Criterion, Score: sa.Score,
		RatedAt: sa.RatedAt.UTC()})
	return nil
}

type heatCellJSON struct {
	meanJSON
	Bucket int `json:"bucket"`
}

type heatRowJSON struct {
	Person personRefJSON  `json:"person"`
	Cells  []heatCellJSON `json:"cells"`
}

type criterionRefJSON struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type heatMapJSON struct {
	Team     idNameJSON         `json:"team"`
	Rubric   idNameJSON         `json:"rubric"`
	Criteria []criterionRefJSON `json:"criteria"`
	Rows     []heatRowJSON      `json:"rows"`
	AsOf     time.Time          `json:"as_of"`
}

// idNameJSON names a team or a rubric.
type idNameJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func (api *API) getTeamSkills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rubricID, err := queryInt(r, "rubric")
	if err != nil {
		return err
	}
	hm, err := api.svc.TeamSkillHeatMap(r.Context(), a, id, int64(rubricID))
	if err != nil {
		return err
	}
	out := heatMapJSON{Team: idNameJSON{hm.Team.ID, hm.Team.Name}, Rubric: idNameJSON{hm.Rubric.ID, hm.Rubric.Name},
		Criteria: []criterionRefJSON{}, Rows: []heatRowJSON{}, AsOf: hm.AsOf.UTC()}
	for _, c := range hm.Rubric.Criteria {
		out.Criteria = append(out.Criteria, criterionRefJSON{Key: c.Key, Name: c.Name})
	}
	for _, row := range hm.Rows {
		rj := heatRowJSON{Person: personRefJSON{ID: row.Person.ID, Name: row.Person.Name}, Cells: []heatCellJSON{}}
		for _, c := range row.Cells {
			rj.Cells = append(rj.Cells, heatCellJSON{meanJSON: toMean(c.Mean), Bucket: c.Bucket})
		}
		out.Rows = append(out.Rows, rj)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
