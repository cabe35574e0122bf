package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/skillprofile"
)

// The skill profile pages: a person's own profile with the self-rating
// form, a person's profile as their manager sees it, and a team's heat map.
// Sparklines and heat map cells are SVG drawn here with attributes only:
// the CSP allows no inline style.

type skillProfileData struct {
	Profile service.SkillProfile
	Rubrics []skillRubricView
	Error   string
	// HalfLifeDays, TrendDays and the weights explain the numbers.
	HalfLifeDays, TrendDays            int
	PeerWeight, SelfWeight, CallWeight string
}

type skillRubricView struct {
	service.SkillRubric
	Criteria []skillCriterionView
}

type skillCriterionView struct {
	service.SkillCriterion
	RubricID int64
	Anchor   string // the html id
	Spark    sparkline
}

// StandingText is the standing to one decimal, or a dash without data.
func (c skillCriterionView) StandingText() string {
	if !c.HasData() {
		return "—"
	}
	return strconv.FormatFloat(c.Score, 'f', 1, 64)
}

// TrendText says how the standing moved over the trend window.
func (c skillCriterionView) TrendText() string {
	switch {
	case !c.HasData() || c.Previous.Points == 0:
		return "no earlier data"
	case c.Direction() > 0:
		return fmt.Sprintf("up %.1f from %.1f", c.Trend(), c.Previous.Score)
	case c.Direction() < 0:
		return fmt.Sprintf("down %.1f from %.1f", -c.Trend(), c.Previous.Score)
	}
	return fmt.Sprintf("steady (%.1f then)", c.Previous.Score)
}

// Arrow is the trend as an arrow.
func (c skillCriterionView) Arrow() string {
	switch {
	case !c.HasData() || c.Previous.Points == 0:
		return ""
	case c.Direction() > 0:
		return "↑"
	case c.Direction() < 0:
		return "↓"
	}
	return "→"
}

// meanText is a source's mean to one decimal, or a dash.
func meanText(m skillprofile.Mean) string {
	if m.Points == 0 {
		return "—"
	}
	return strconv.FormatFloat(m.Score, 'f', 1, 64)
}

// SourceRows are the sources the viewer may see, as text.
func (c skillCriterionView) SourceRows() []sourceRow {
	var out []sourceRow
	for _, s := range c.Sources {
		out = append(out, sourceRow{Label: s.Source.Label(), Key: string(s.Source), Mean: meanText(s.Mean), Points: s.Points,
			Weight: strconv.FormatFloat(s.Weight, 'f', 1, 64)})
	}
	return out
}

type sourceRow struct {
	Label, Key, Mean, Weight string
	Points                   int
}

// sparkline is a small SVG line of the monthly standings.
type sparkline struct {
	Points       string // the polyline's points attribute
	LastX, LastY string
	Label        string
	Empty        bool
}

const sparkW, sparkH = 96.0, 24.0

func newSparkline(series [skillprofile.SeriesLen]skillprofile.Mean) sparkline {
	var pts, labels []string
	var sp sparkline
	step := sparkW / float64(skillprofile.SeriesLen-1)
	for i, m := range series {
		if m.Points == 0 {
			continue
		}
		x := float64(i) * step
		y := sparkH - 2 - (m.Score-1)/4*(sparkH-4)
		sp.LastX, sp.LastY = strconv.FormatFloat(x, 'f', 1, 64), strconv.FormatFloat(y, 'f', 1, 64)
		pts = append(pts, sp.LastX+","+sp.LastY)
		labels = append(labels, strconv.FormatFloat(m.Score, 'f', 1, 64))
	}
	sp.Points, sp.Empty = strings.Join(pts, " "), len(pts) == 0
	sp.Label = "Monthly standing over the last six months: " + strings.Join(labels, ", ")
	return sp
}

func (h *Handler) mySkillProfile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	prof, err := h.svc.MySkillProfile(r.Context(), a)
	if err != nil {
		return err
	}
	notice := ""
	if r.URL.Query().Get("rated") == "1" {
		notice = "Rating saved. It joins your history; your standing and trend now include it."
	}
	h.renderSkillProfile(w, r, a, prof, notice, "", http.StatusOK)
	return nil
}

func (h *Handler) personSkillProfile(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	prof, err := h.svc.PersonSkillProfile(r.Context(), a, id)
	if err != nil {
		return err
	}
	h.renderSkillProfile(w, r, a, prof, "", "", http.StatusOK)
	return nil
}

func (h *Handler) renderSkillProfile(w http.ResponseWriter, r *http.Request, a service.Actor, prof service.SkillProfile, notice, problem string, status int) {
	d := skillProfileData{Profile: prof, Error: problem, HalfLifeDays: int(skillprofile.HalfLife.Hours() / 24),
		TrendDays: int(skillprofile.TrendWindow.Hours() / 24), PeerWeight: weightText(skillprofile.PeerWeight),
		SelfWeight: weightText(skillprofile.SelfWeight), CallWeight: weightText(skillprofile.AnalyticsWeight)}
	for _, sr := range prof.Rubrics {
		rv := skillRubricView{SkillRubric: sr}
		for _, c := range sr.Criteria {
			rv.Criteria = append(rv.Criteria, skillCriterionView{SkillCriterion: c, RubricID: sr.Rubric.ID,
				Anchor: fmt.Sprintf("c-%d-%s", sr.Rubric.ID, c.Criterion.Key), Spark: newSparkline(c.Series)})
		}
		d.Rubrics = append(d.Rubrics, rv)
	}
	title, nav := "My skill profile", "skills"
	if !prof.Own {
		title, nav = "Skill profile: "+prof.Person.Name, "people"
	}
	w.WriteHeader(status)
	h.render(w, r, "skill_profile", page{Title: title, Actor: &a, Nav: nav, Notice: notice, Data: d})
}

func weightText(w float64) string { return strconv.FormatFloat(w, 'f', 1, 64) }

// rateMySkill reads rubric_id, criterion and score.
func (h *Handler) rateMySkill(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		return domain.Invalid("form", "could not read the form")
	}
	rubricID, _ := strconv.ParseInt(r.PostForm.Get("rubric_id"), 10, 64)
	score, err := strconv.Atoi(strings.TrimSpace(r.PostForm.Get("score")))
	if err != nil {
		score = 0 // refused below with the field named
	}
	criterion := r.PostForm.Get("criterion")
	_, err = h.svc.RateMySkill(r.Context(), a, rubricID, criterion, score)
	if msg, ok := domain.UserMessage(err); ok && errors.Is(err, domain.ErrInvalid) {
		prof, perr := h.svc.MySkillProfile(r.Context(), a)
		if perr != nil {
			return perr
		}
		h.renderSkillProfile(w, r, a, prof, "", msg, http.StatusBadRequest)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/feedback/profile?rated=1#c-%d-%s", rubricID, url.PathEscape(strings.TrimSpace(criterion))),
		http.StatusSeeOther)
	return nil
}

// heatMapData is the team heat map page.
type heatMapData struct {
	Map      service.SkillHeatMap
	Rows     []heatRow
	Buckets  []heatLegend
	Criteria []domain.RubricCriterion
}

type heatRow struct {
	Person domain.Person
	Cells  []heatCell
}

type heatCell struct {
	service.SkillHeatCell
	Fill, Ink, Text, Label string
}

type heatLegend struct{ Fill, Ink, Text string }

// heatColours are the fills of buckets 1–5, red through amber to green,
// with a text colour that reads on each; index 0 is unused (blank cells
// draw nothing). app.css repeats them per heat-N class; keep both in step.
var heatColours = [6][2]string{{"", ""}, {"#c0392b", "#ffffff"}, {"#f08c4a", "#1a1a1a"}, {"#f2d15c", "#1a1a1a"},
	{"#9bd17a", "#1a1a1a"}, {"#24773a", "#ffffff"}}

func (h *Handler) teamSkills(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var rubricID int64
	if v := r.URL.Query().Get("rubric"); v != "" {
		if rubricID, err = strconv.ParseInt(v, 10, 64); err != nil || rubricID <= 0 {
			return domain.Invalid("rubric", "choose one of the rubrics in use")
		}
	}
	hm, err := h.svc.TeamSkillHeatMap(r.Context(), a, id, rubricID)
	if err != nil {
		return err
	}
	d := heatMapData{Map: hm, Criteria: hm.Rubric.Criteria}
	for b := 1; b <= 5; b++ {
		d.Buckets = append(d.Buckets, heatLegend{Fill: heatColours[b][0], Ink: heatColours[b][1], Text: strconv.Itoa(b)})
	}
	for _, row := range hm.Rows {
		hr := heatRow{Person: row.Person}
		for i, c := range row.Cells {
			hc := heatCell{SkillHeatCell: c, Fill: heatColours[c.Bucket][0], Ink: heatColours[c.Bucket][1], Text: meanText(c.Mean)}
			hc.Label = fmt.Sprintf("%s, %s: no data", row.Person.Name, hm.Rubric.Criteria[i].Name)
			if c.Points > 0 {
				hc.Label = fmt.Sprintf("%s, %s: %s from %d data points", row.Person.Name, hm.Rubric.Criteria[i].Name, hc.Text, c.Points)
			}
			hr.Cells = append(hr.Cells, hc)
		}
		d.Rows = append(d.Rows, hr)
	}
	h.render(w, r, "team_skills", page{Title: "Skills: " + hm.Team.Name, Actor: &a, Nav: "people", Data: d})
	return nil
}
