package api

import (
	"net/http"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

type templateJSON struct {
	Key          string              `json:"key"`
	Name         string              `json:"name"`
	Purpose      string              `json:"purpose"`
	MinSize      int                 `json:"min_size"`
	MaxSize      int                 `json:"max_size"`
	RRule        string              `json:"rrule"`
	CadenceLabel string              `json:"cadence_label"`
	Minutes      int                 `json:"minutes"`
	MinMinutes   int                 `json:"min_minutes"`
	MaxMinutes   int                 `json:"max_minutes"`
	Agenda       []domain.AgendaItem `json:"agenda"`
	Produces     []string            `json:"produces"`
	BringsDeals  bool                `json:"brings_deals"`
	BringsCalls  bool                `json:"brings_calls"`
	BuiltIn      bool                `json:"built_in"`
}

func toTemplate(t domain.RitualTemplate) templateJSON {
	return templateJSON{Key: t.Key, Name: t.Name, Purpose: t.Purpose, MinSize: t.MinSize, MaxSize: t.MaxSize, RRule: t.RRule,
		CadenceLabel: t.CadenceLabel, Minutes: t.Minutes, MinMinutes: t.MinMinutes, MaxMinutes: t.MaxMinutes, Agenda: t.Agenda,
		Produces: nonNil(t.Produces), BringsDeals: t.BringsDeals, BringsCalls: t.BringsCalls, BuiltIn: t.BuiltIn}
}

func (api *API) listTemplates(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	list, err := api.svc.Templates(r.Context(), a)
	if err != nil {
		return err
	}
	out := listJSON[templateJSON]{Items: make([]templateJSON, len(list)), Total: len(list), Limit: len(list)}
	for i, t := range list {
		out.Items[i] = toTemplate(t)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// putTemplate changes a built-in template for the organisation or saves
// one of its own (administrators).
func (api *API) putTemplate(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in templateJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	t := domain.RitualTemplate{Key: r.PathValue("key"), Name: in.Name, Purpose: in.Purpose, MinSize: in.MinSize, MaxSize: in.MaxSize,
		RRule: in.RRule, CadenceLabel: in.CadenceLabel, Minutes: in.Minutes, MinMinutes: in.MinMinutes, MaxMinutes: in.MaxMinutes,
		Agenda: in.Agenda, Produces: in.Produces, BringsDeals: in.BringsDeals, BringsCalls: in.BringsCalls}
	saved, err := api.svc.SaveTemplate(r.Context(), a, t)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toTemplate(saved))
	return nil
}

type memberJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	TimeZone string `json:"time_zone"`
	Accepted bool   `json:"accepted_ground_rules"`
}

type sessionSummaryJSON struct {
	ID          int64         `json:"id"`
	GroupID     int64         `json:"group_id"`
	StartsAt    time.Time     `json:"starts_at"`
	Minutes     int           `json:"minutes"`
	Status      string        `json:"status"`
	Facilitator personRefJSON `json:"facilitator"`
	Attended    int           `json:"attended"`
}

type rateJSON struct {
	Total   int      `json:"total"`
	Open    int      `json:"open"`
	Done    int      `json:"done"`
	Missed  int      `json:"missed"`
	Dropped int      `json:"dropped"`
	Rate    *float64 `json:"completion_rate"`
}

type statsJSON struct {
	Held           int              `json:"held"`
	Skipped        int              `json:"skipped"`
	NotHeld        int              `json:"not_held"`
	AttendanceRate float64          `json:"attendance_rate"`
	Commitments    rateJSON         `json:"commitments"`
	PerPerson      []personRateJSON `json:"per_person"`
}

type personRateJSON struct {
	Person personRefJSON `json:"person"`
	rateJSON
}

type ritualGroupJSON struct {
	ID          int64                `json:"id"`
	Name        string               `json:"name"`
	Template    string               `json:"template"`
	GroundRules []string             `json:"ground_rules"`
	VideoLink   string               `json:"video_link"`
	RRule       string               `json:"rrule"`
	Start       string               `json:"start_local"` // 2006-01-02T15:04 in time_zone
	TimeZone    string               `json:"time_zone"`
	Minutes     int                  `json:"minutes"`
	Access      string               `json:"access"` // member, pending or counts
	Members     []memberJSON         `json:"members"`
	Upcoming    []sessionSummaryJSON `json:"upcoming"`
	Stats       *statsJSON           `json:"stats,omitempty"`
}

func toRate(r service.CompletionRate) rateJSON {
	return rateJSON{Total: r.Total, Open: r.Open, Done: r.Done, Missed: r.Missed, Dropped: r.Dropped, Rate: r.Rate}
}

func toSummary(s service.SessionSummary) sessionSummaryJSON {
	return sessionSummaryJSON{ID: s.ID, GroupID: s.GroupID, StartsAt: s.StartsAt.UTC(), Minutes: s.Minutes, Status: s.Status,
		Facilitator: personRefJSON(s.Facilitator), Attended: s.Attended}
}

func toRitualGroup(v service.RitualGroupView) ritualGroupJSON {
	g := v.Group
	out := ritualGroupJSON{ID: g.ID, Name: g.Name, Template: g.TemplateKey, GroundRules: nonNil(g.GroundRules), VideoLink: g.VideoLink,
		RRule: g.RRule, TimeZone: g.TimeZone, Minutes: g.Minutes, Access: "counts", Members: []memberJSON{}, Upcoming: []sessionSummaryJSON{}}
	if g.Scheduled() {
		out.Start = g.Start.Format("2006-01-02T15:04")
	}
	switch {
	case v.Full:
		out.Access = "member"
	case v.Pending:
		out.Access = "pending"
	}
	for _, m := range v.Members {
		out.Members = append(out.Members, memberJSON{ID: m.ID, Name: m.Name, TimeZone: m.TimeZone, Accepted: m.Accepted})
	}
	for _, s := range v.Upcoming {
		out.Upcoming = append(out.Upcoming, toSummary(s))
	}
	st := statsJSON{Held: v.Stats.Held, Skipped: v.Stats.Skipped, NotHeld: v.Stats.NotHeld, AttendanceRate: v.Stats.AttendanceRate,
		Commitments: toRate(v.Stats.Commitments), PerPerson: []personRateJSON{}}
	for _, p := range v.Stats.PerPerson {
		st.PerPerson = append(st.PerPerson, personRateJSON{Person: personRefJSON(p.PersonRef), rateJSON: toRate(p.CompletionRate)})
	}
	out.Stats = &st
	return out
}

// listGroups lists the groups the token owner is a member of.
func (api *API) listGroups(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	home, err := api.svc.MySessions(r.Context(), a)
	if err != nil {
		return err
	}
	out := listJSON[ritualGroupJSON]{Items: []ritualGroupJSON{}}
	for _, g := range home.Groups {
		v, err := api.svc.Group(r.Context(), a, g.ID)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, toRitualGroup(v))
	}
	out.Total, out.Limit = len(out.Items), len(out.Items)
	writeJSON(w, http.StatusOK, out)
	return nil
}

type groupInputJSON struct {
	Name         string   `json:"name"`
	Template     string   `json:"template"`
	MemberIDs    []int64  `json:"member_ids"`
	GroundRules  []string `json:"ground_rules"`
	VideoLink    string   `json:"video_link"`
	TimeZone     string   `json:"time_zone"`
	JoinAsMember *bool    `json:"join_as_member"`
}

func (api *API) createGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	var in groupInputJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	join := in.JoinAsMember == nil || *in.JoinAsMember
	g, err := api.svc.CreateGroup(r.Context(), a, service.GroupInput{Name: in.Name, TemplateKey: in.Template, MemberIDs: in.MemberIDs,
		GroundRules: in.GroundRules, VideoLink: in.VideoLink, TimeZone: in.TimeZone, JoinAsMember: join})
	if err != nil {
		return err
	}
	v, err := api.svc.Group(r.Context(), a, g.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toRitualGroup(v))
	return nil
}

func (api *API) getGroup(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := api.svc.Group(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRitualGroup(v))
	return nil
}

type scheduleJSON struct {
	Date     string `json:"date"`
	Time     string `json:"time"`
	TimeZone string `json:"time_zone"`
	RRule    string `json:"rrule"`
	Minutes  int    `json:"minutes"`
}

func (api *API) putSchedule(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in scheduleJSON
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if _, err := api.svc.SetSchedule(r.Context(), a, id, service.ScheduleInput(in)); err != nil {
		return err
	}
	v, err := api.svc.Group(r.Context(), a, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toRitualGroup(v))
	return nil
}

type slotJSON struct {
	Start   time.Time `json:"start"`
	End     time.Time `json:"end"`
	Fits    int       `json:"fits"`
	Members int       `json:"members"`
	Outside []string  `json:"outside"`
}

func (api *API) getSlots(w http.ResponseWriter, r *http.Request, a service.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := api.svc.ProposeSlots(r.Context(), a, id)
	if err != nil {
		return err
	}
	out := struct {
		FitsEveryone bool       `json:"fits_everyone"`
		Summary      string     `json:"summary"`
		TimeZone     string     `json:"time_zone"`
		Slots        []slotJSON `json:"slots"`
	}{FitsEveryone: p.FitsEveryone, Summary: p.Summary, TimeZone: p.TimeZone, Slots: []slotJSON{}}
	for _, s := range p.Slots {
		out.Slots = append(out.Slots, slotJSON{Start: s.Start.UTC(), End: s.End.UTC(), Fits: s.Fits, Members: s.Members, Outside: nonNil(s.Outside)})
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
