package demo

import (
	"context"
	"fmt"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// demoGroup is one standing group of the demo.
type demoGroup struct {
	Name     string
	Template string
	Teams    []string // members are taken, in name order, from these teams
	Size     int      // members besides Ana, when she is in it
	WithAna  bool
	Zone     string
	Clock    string // local start time
	Weekday  time.Weekday
	Rule     string
	Video    string
}

// demoGroups span the rituals and the demo's time zones.
var demoGroups = []demoGroup{
	{Name: "EMEA call review circle", Template: "call_review_circle", Teams: []string{"EMEA Enterprise"}, Size: 4, WithAna: true,
		Zone: "Europe/Madrid", Clock: "11:00", Weekday: time.Tuesday, Rule: "FREQ=WEEKLY;INTERVAL=2", Video: "https://meet.example.com/emea-circle"},
	{Name: "Americas deal clinic", Template: "deal_clinic", Teams: []string{"Americas Mid-Market"}, Size: 4,
		Zone: "America/Chicago", Clock: "12:00", Weekday: time.Thursday, Rule: "FREQ=WEEKLY", Video: "https://meet.example.com/amer-clinic"},
	{Name: "APAC micro-coaching pod", Template: "micro_coaching", Teams: []string{"APAC Growth"}, Size: 3,
		Zone: "Asia/Singapore", Clock: "10:00", Weekday: time.Wednesday, Rule: "FREQ=WEEKLY"},
	{Name: "Global objection forum", Template: "objection_forum", Teams: []string{"Outbound SDR", "EMEA Enterprise"}, Size: 4, WithAna: true,
		Zone: "Europe/London", Clock: "15:00", Weekday: time.Monday, Rule: "FREQ=WEEKLY", Video: "https://meet.example.com/objections"},
	{Name: "EMEA skill swap", Template: "skill_swap_workshop", Teams: []string{"EMEA Enterprise"}, Size: 3, WithAna: true,
		Zone: "Europe/Berlin", Clock: "14:00", Weekday: time.Wednesday, Rule: "FREQ=MONTHLY", Video: "https://meet.example.com/skill-swap"},
	{Name: "EMEA shadowing pair", Template: "peer_shadowing", Teams: []string{"EMEA Enterprise"}, Size: 1, WithAna: true,
		Zone: "Europe/Madrid", Clock: "17:00", Weekday: time.Monday, Rule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=5"},
	{Name: "Americas success showcase", Template: "success_showcase", Teams: []string{"Americas Mid-Market"}, Size: 4,
		Zone: "America/New_York", Clock: "13:00", Weekday: time.Friday, Rule: "FREQ=MONTHLY;INTERVAL=2"},
}

// demoNotes and demoPromises give past sessions something to show.
var (
	demoNotes = []string{
		"Two calls reviewed. Strong discovery questions in the first; in the second the price objection came before value was established. Observations first, then advice worked well.",
		"Deals walked through: the blocker is the same in three of them — no champion above the buyer. Role-played the ask for an executive sponsor.",
		"Short session. Everyone named one win; the challenge was follow-up after demos going quiet. Agreed a two-touch follow-up pattern.",
	}
	demoPromises = []struct {
		Text   string
		Target float64
	}{
		{"20 prospecting calls by Friday", 20}, {"Ask for an executive sponsor on two open deals", 2},
		{"Send a recap within an hour of every demo", 0}, {"Try the new pricing reframe on three calls", 3},
	}
)

// seedRituals starts the demo's groups with a schedule each, records the
// sessions of the last weeks as held, with notes, attendance and
// commitments (some kept, some missed), and leaves open commitments on the
// agenda of the next sessions.
func seedRituals(ctx context.Context, svc *service.Service, org domain.Org) error {
	sys := service.SystemActor(org)
	people, _, err := svc.People(ctx, sys, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	var ana domain.Person
	for _, p := range people {
		if p.Email == SignInEmail {
			ana = p
		}
	}
	if ana.ID == 0 {
		return fmt.Errorf("demo rituals: %s is not stored", SignInEmail)
	}
	anaActor := service.Actor{Org: org, Person: ana}
	teamOf := map[int64]string{}
	teams, err := svc.Teams(ctx, sys)
	if err != nil {
		return err
	}
	for _, t := range teams {
		teamOf[t.ID] = t.Name
	}
	now := svc.Now()
	for gi, dg := range demoGroups {
		var ids []int64
		for _, team := range dg.Teams {
			for _, p := range people {
				if len(ids) < dg.Size && teamOf[p.TeamID] == team && p.ID != ana.ID && p.Roles.Has(domain.RoleRep) && !p.Roles.Has(domain.RoleManager) {
					ids = append(ids, p.ID)
				}
			}
		}
		g, err := svc.CreateGroup(ctx, anaActor, service.GroupInput{Name: dg.Name, TemplateKey: dg.Template, MemberIDs: ids,
			VideoLink: dg.Video, TimeZone: dg.Zone, JoinAsMember: dg.WithAna})
		if err != nil {
			return fmt.Errorf("demo group %s: %w", dg.Name, err)
		}
		actors := map[int64]service.Actor{}
		for _, id := range ids {
			for _, p := range people {
				if p.ID == id {
					actors[id] = service.Actor{Org: org, Person: p}
				}
			}
			if err := svc.AcceptGroundRules(ctx, actors[id], g.ID); err != nil {
				return fmt.Errorf("demo group %s: %w", dg.Name, err)
			}
		}
		if dg.WithAna {
			actors[ana.ID] = anaActor
			ids = append([]int64{ana.ID}, ids...)
		}
		loc, err := time.LoadLocation(dg.Zone)
		if err != nil {
			return err
		}
		first := now.In(loc).AddDate(0, 0, -35)
		for first.Weekday() != dg.Weekday {
			first = first.AddDate(0, 0, 1)
		}
		if _, err := svc.SetSchedule(ctx, anaActor, g.ID, service.ScheduleInput{Date: first.Format(domain.DateLayout), Time: dg.Clock,
			TimeZone: dg.Zone, RRule: dg.Rule}); err != nil {
			return fmt.Errorf("demo group %s: schedule: %w", dg.Name, err)
		}
		member := actors[ids[0]]
		past, err := svc.SessionsBetween(ctx, member, g.ID, now.AddDate(0, 0, -40), now.Add(-3*time.Hour))
		if err != nil {
			return fmt.Errorf("demo group %s: %w", dg.Name, err)
		}
		for si, sess := range past {
			if !sess.Ends().Before(now) {
				continue
			}
			attended := ids
			if si%2 == 1 && len(ids) > 2 {
				attended = ids[:len(ids)-1] // one member missed it
			}
			sc := sessionContent{svc: svc, group: g, session: sess, index: si, last: si == len(past)-1, ids: ids, actors: actors}
			if err := sc.before(ctx); err != nil {
				return fmt.Errorf("demo group %s: %w", dg.Name, err)
			}
			if _, err := svc.RecordHeld(ctx, member, sess.ID, attended); err != nil {
				return fmt.Errorf("demo group %s: held: %w", dg.Name, err)
			}
			if err := sc.after(ctx); err != nil {
				return fmt.Errorf("demo group %s: %w", dg.Name, err)
			}
			notes := demoNotes[(gi+si)%len(demoNotes)]
			if _, err := svc.UpdateSessionNotes(ctx, member, sess.ID, service.SessionNotesInput{Notes: &notes}); err != nil {
				return err
			}
			if _, err := svc.AddActionItem(ctx, member, sess.ID, ids[si%len(ids)], "Share the call snippet with the group before next time"); err != nil {
				return err
			}
			last := si == len(past)-1
			for mi, id := range ids {
				pr := demoPromises[(gi+si+mi)%len(demoPromises)]
				in := service.CommitmentInput{To: fmt.Sprintf("group:%d", g.ID), Text: pr.Text, SessionID: sess.ID,
					Due: sess.StartsAt.AddDate(0, 0, 4)}
				if pr.Target > 0 {
					target := pr.Target
					in.Target = &target
				}
				c, err := svc.MakeCommitment(ctx, actors[id], in)
				if err != nil {
					return fmt.Errorf("demo group %s: commitment: %w", dg.Name, err)
				}
				if last {
					if pr.Target > 0 {
						if _, err := svc.CheckIn(ctx, actors[id], c.ID, pr.Target/2, "halfway there"); err != nil {
							return err
						}
					}
					continue // open: on the next session's agenda
				}
				status := domain.CommitmentDone
				if (si+mi)%4 == 3 {
					status = domain.CommitmentMissed
				}
				if _, err := svc.SetCommitmentStatus(ctx, actors[id], c.ID, status); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
