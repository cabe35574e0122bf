package api

import (
	"net/http"
	"strconv"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

func toItem(it service.ItemView) itemJSON {
	out := itemJSON{ID: it.ID, Person: personRefJSON(it.Person), Kind: it.Kind, DealName: it.DealName, Stage: it.Stage,
		Amount: it.Amount, Blocker: it.Blocker, CallID: it.CallID, Text: it.Text, Note: it.Note}
	for _, a := range it.Actions {
		out.Actions = append(out.Actions, a.ID)
	}
	return out
}

type skillConfidenceJSON struct {
	Skill       string   `json:"skill"`
	Before      *float64 `json:"average_before"`
	After       *float64 `json:"average_after"`
	BeforeCount int      `json:"answers_before"`
	AfterCount  int      `json:"answers_after"`
	MyBefore    *int     `json:"my_before"`
	MyAfter     *int     `json:"my_after"`
}

type skillSwapJSON struct {
	Teacher        *personRefJSON        `json:"teacher"`
	Skills         []skillConfidenceJSON `json:"skills"`
	CheatSheet     string                `json:"cheat_sheet"`      // Markdown
	CheatSheetHTML string                `json:"cheat_sheet_html"` // sanitised
	SurveyPhase    string                `json:"survey_open"`      // "before", "after" or ""
}

func scorePtr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func toSkillSwap(v *service.SkillSwapView) *skillSwapJSON {
	if v == nil {
		return nil
	}
	out := &skillSwapJSON{Skills: []skillConfidenceJSON{}}
	switch {
	case v.BeforeOpen:
		out.SurveyPhase = domain.SurveyBefore
	case v.AfterOpen:
		out.SurveyPhase = domain.SurveyAfter
	}
	if !v.Set {
		return out
	}
	teacher := personRefJSON(v.Teacher)
	out.Teacher, out.CheatSheet, out.CheatSheetHTML = &teacher, v.Swap.CheatSheet, v.CheatSheetHTML
	for _, k := range v.Skills {
		out.Skills = append(out.Skills, skillConfidenceJSON{Skill: k.Skill, Before: k.Before, After: k.After, BeforeCount: k.BeforeCount,
			AfterCount: k.AfterCount, MyBefore: scorePtr(k.MyBefore), MyAfter: scorePtr(k.MyAfter)})
	}
	return out
}

// putSkillSwap names the teacher and the skills of a skill swap session.
func (api *API) putSkillSwap(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		TeacherID int64    `json:"teacher_id"`
		Skills    []string `json:"skills"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := api.svc.SetSkillSwap(r.Context(), a, id, service.SkillSwapInput{TeacherID: in.TeacherID, Skills: in.Skills}); err != nil {
		return err
	}
	return api.getSession(w, r, a)
}

// putCheatSheet saves the cheat sheet's Markdown (the teacher).
func (api *API) putCheatSheet(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Markdown string `json:"markdown"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := api.svc.WriteCheatSheet(r.Context(), a, id, in.Markdown); err != nil {
		return err
	}
	return api.getSession(w, r, a)
}

// putSurvey records the token owner's confidence per skill.
func (api *API) putSurvey(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Phase  string         `json:"phase"`
		Scores map[string]int `json:"scores"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := api.svc.AnswerSurvey(r.Context(), a, id, in.Phase, in.Scores); err != nil {
		return err
	}
	return api.getSession(w, r, a)
}

// postItem brings a deal, a call, a challenge, an objection or a story.
func (api *API) postItem(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		Kind     string   `json:"kind"`
		DealName string   `json:"deal_name"`
		Stage    string   `json:"stage"`
		Amount   *float64 `json:"amount"`
		Blocker  string   `json:"blocker"`
		CallID   int64    `json:"call_id"`
		Text     string   `json:"text"`
		Note     string   `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	it, err := api.svc.BringItem(r.Context(), a, id, domain.SessionItem{Kind: in.Kind, DealName: in.DealName, Stage: in.Stage,
		Amount: in.Amount, Blocker: in.Blocker, CallID: in.CallID, Text: in.Text, Note: in.Note})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toItem(service.ItemView{SessionItem: it, Person: service.PersonRef{ID: a.Person.ID, Name: a.Person.Name}, Mine: true}))
	return nil
}

// patchItem changes the group's notes on an item.
func (api *API) patchItem(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	item, err := strconv.ParseInt(r.PathValue("item"), 10, 64)
	if err != nil {
		return domain.NotFound("item")
	}
	var in struct {
		Note string `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := api.svc.SetItemNote(r.Context(), a, id, item, in.Note); err != nil {
		return err
	}
	return api.getSession(w, r, a)
}

// postActionItem records a follow-up, optionally tied to a deal.
func (api *API) postActionItem(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		OwnerID int64  `json:"owner_id"`
		ItemID  int64  `json:"item_id"`
		Text    string `json:"text"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ai, err := api.svc.AddAction(r.Context(), a, id, service.ActionInput{OwnerID: in.OwnerID, ItemID: in.ItemID, Text: in.Text})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, actionJSON{ID: ai.ID, Owner: personRefJSON{ID: ai.OwnerID}, ItemID: ai.ItemID, Text: ai.Text, Done: ai.Done})
	return nil
}

type participationRowJSON struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	SessionsHeld   int      `json:"sessions_held"`
	Attended       int      `json:"attended"`
	Expected       int      `json:"expected"`
	AttendanceRate *float64 `json:"attendance_rate"`
	Commitments    rateJSON `json:"commitments"`
	Groups         *int     `json:"groups,omitempty"`
}

func toParticipationRows(rows []service.ParticipationRow, people bool) []participationRowJSON {
	out := make([]participationRowJSON, len(rows))
	for i, r := range rows {
		out[i] = participationRowJSON{ID: r.ID, Name: r.Name, SessionsHeld: r.Held, Attended: r.Attended, Expected: r.Expected,
			AttendanceRate: r.AttendanceRate(), Commitments: toRate(r.Commitments)}
		if people {
			n := r.Groups
			out[i].Groups = &n
		}
	}
	return out
}

// getParticipation returns counts and rates per team, group and person
// (managers: their teams; administrators: the organisation).
func (api *API) getParticipation(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	days := 0
	if q := r.URL.Query().Get("days"); q != "" {
		var err error
		if days, err = strconv.Atoi(q); err != nil || days <= 0 {
			return domain.Invalid("days", "count the last 1 to %d days, or leave it out for all time", service.MaxParticipationDays)
		}
	}
	v, err := api.svc.Participation(r.Context(), a, days)
	if err != nil {
		return err
	}
	scope := "teams"
	if v.Whole {
		scope = "organisation"
	}
	writeJSON(w, http.StatusOK, map[string]any{"scope": scope, "days": v.Days, "teams": toParticipationRows(v.Teams, false),
		"groups": toParticipationRows(v.Groups, false), "people": toParticipationRows(v.People, true)})
	return nil
}

type weekJSON struct {
	ID       int64          `json:"id"`
	StartsOn string         `json:"starts_on"`
	Days     []string       `json:"days"`
	Goals    []goalJSON     `json:"goals"`
	Debriefs []debriefJSON  `json:"debriefs"`
	Feedback []feedbackJSON `json:"feedback"`
}

type goalJSON struct {
	Person personRefJSON `json:"person"`
	Text   string        `json:"text"`
}

type debriefJSON struct {
	ID       int64         `json:"id"`
	Day      string        `json:"day"`
	Author   personRefJSON `json:"author"`
	Observed string        `json:"observed"`
	WillTry  string        `json:"will_try"`
}

type feedbackJSON struct {
	ID   int64         `json:"id"`
	From personRefJSON `json:"from"`
	To   personRefJSON `json:"to"`
	Text string        `json:"text"`
}

func toWeek(w service.WeekView) weekJSON {
	out := weekJSON{ID: w.ID, StartsOn: w.StartsOn.Format(domain.DateLayout), Days: []string{}, Goals: []goalJSON{},
		Debriefs: []debriefJSON{}, Feedback: []feedbackJSON{}}
	for _, d := range w.Days {
		out.Days = append(out.Days, d.Format(domain.DateLayout))
	}
	for _, g := range w.Goals {
		out.Goals = append(out.Goals, goalJSON{Person: personRefJSON(g.Person), Text: g.Text})
	}
	for _, d := range w.Debriefs {
		out.Debriefs = append(out.Debriefs, debriefJSON{ID: d.ID, Day: d.Day.Format(domain.DateLayout), Author: personRefJSON(d.Author),
			Observed: d.Observed, WillTry: d.WillTry})
	}
	for _, f := range w.Feedback {
		out.Feedback = append(out.Feedback, feedbackJSON{ID: f.ID, From: personRefJSON(f.From), To: personRefJSON(f.To), Text: f.Text})
	}
	return out
}

// getShadowing lists a pair's shadowing weeks with their logs (members).
func (api *API) getShadowing(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.Shadowing(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := listJSON[weekJSON]{Items: []weekJSON{}, Total: len(v.Weeks), Limit: len(v.Weeks)}
	for _, wk := range v.Weeks {
		out.Items = append(out.Items, toWeek(wk))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// writeWeek answers with one week of the group as it is now.
func (api *API) writeWeek(w http.ResponseWriter, r *http.Request, a service.Actor, groupID, weekID int64, status int) error {
	v, err := api.svc.Shadowing(r.Context(), a, groupID)
	if err != nil {
		return err
	}
	for _, wk := range v.Weeks {
		if wk.ID == weekID {
			writeJSON(w, status, toWeek(wk))
			return nil
		}
	}
	return domain.NotFound("shadowing week")
}

func parseDay(s, field string) (time.Time, error) {
	day, err := time.Parse(domain.DateLayout, s)
	if err != nil {
		return day, domain.Invalid(field, "use YYYY-MM-DD")
	}
	return day, nil
}

// postShadowingWeek plans a week of the pair.
func (api *API) postShadowingWeek(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in struct {
		StartsOn string `json:"starts_on"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	day, err := parseDay(in.StartsOn, "starts_on")
	if err != nil {
		return err
	}
	wk, err := api.svc.StartShadowingWeek(r.Context(), a, id, day)
	if err != nil {
		return err
	}
	return api.writeWeek(w, r, a, id, wk.ID, http.StatusCreated)
}

// weekAction decodes a body for a week's log and answers with the week.
func (api *API) weekAction(w http.ResponseWriter, r *http.Request, a service.Actor, in any, do func(weekID int64) error) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := decode(w, r, in); err != nil {
		return err
	}
	if err := do(id); err != nil {
		return err
	}
	wk, err := api.svc.ShadowingWeekGroup(r.Context(), a, id)
	if err != nil {
		return err
	}
	return api.writeWeek(w, r, a, wk, id, http.StatusOK)
}

func (api *API) putGoal(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in struct {
		Text string `json:"text"`
	}
	return api.weekAction(w, r, a, &in, func(week int64) error { return api.svc.SetLearningGoal(r.Context(), a, week, in.Text) })
}

func (api *API) postDebrief(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in struct {
		Day      string `json:"day"`
		Observed string `json:"observed"`
		WillTry  string `json:"will_try"`
	}
	return api.weekAction(w, r, a, &in, func(week int64) error {
		day, err := parseDay(in.Day, "day")
		if err == nil {
			_, err = api.svc.AddDebrief(r.Context(), a, week, day, in.Observed, in.WillTry)
		}
		return err
	})
}

func (api *API) postShadowFeedback(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in struct {
		ToID int64  `json:"to_id"`
		Text string `json:"text"`
	}
	return api.weekAction(w, r, a, &in, func(week int64) error {
		_, err := api.svc.AddShadowFeedback(r.Context(), a, week, in.ToID, in.Text)
		return err
	})
}
