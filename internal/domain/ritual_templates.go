package domain

// The agenda item kinds a run sheet knows. "commitments_review" opens a
// session with the open commitments of its members; the others are plain
// time boxes.
const (
	AgendaCommitmentsReview = "commitments_review"
	AgendaWins              = "wins"
	AgendaChallenge         = "challenge"
	AgendaRolePlay          = "role_play"
	AgendaCommitments       = "commitments"
	AgendaDeals             = "deals"
	AgendaCalls             = "calls"
	AgendaTeach             = "teach"
	AgendaDebrief           = "debrief"
	AgendaObjections        = "objections"
	AgendaStory             = "story"
)

// standardAgenda is the session format of the seeds: a brief win review,
// one specific challenge, a role-play or scenario, and a commitment
// before the next meeting, fitted to minutes.
func standardAgenda(minutes int, challenge string, challengeKind string) []AgendaItem {
	wins := max(minutes/10, 3)
	commit := max(minutes/10, 3)
	rest := minutes - wins - commit
	challengeMin := rest * 55 / 100
	return []AgendaItem{
		{Kind: AgendaWins, Title: "Win review: one recent win each, briefly", Minutes: wins},
		{Kind: challengeKind, Title: challenge, Minutes: challengeMin},
		{Kind: AgendaRolePlay, Title: "Role-play or scenario: practise the better move", Minutes: rest - challengeMin},
		{Kind: AgendaCommitments, Title: "Commitments before the next meeting", Minutes: commit},
	}
}

// BuiltInTemplates are the seven rituals of the seeds. Organisations may
// override any of them (by Key) and add their own.
func BuiltInTemplates() []RitualTemplate {
	return []RitualTemplate{
		{Key: "deal_clinic", Name: "Deal clinic", BuiltIn: true,
			Purpose: "Each member brings an active deal; peers ask probing questions and leave the owner with action items.",
			MinSize: 3, MaxSize: 5, RRule: "FREQ=WEEKLY", CadenceLabel: "weekly", Minutes: 60, MinMinutes: 60, MaxMinutes: 60,
			BringsDeals: true,
			Agenda:      standardAgenda(60, "One specific challenge: a deal each — stage, amount, the blocker; probing questions", AgendaDeals),
			Produces:    []string{"Probing questions per deal", "Action items per deal owner", "Commitments"}},
		{Key: "call_review_circle", Name: "Call review circle", BuiltIn: true,
			Purpose: "One or two calls are spotlighted; peers score against the rubric, giving observations before advice.",
			MinSize: 4, MaxSize: 6, RRule: "FREQ=WEEKLY;INTERVAL=2", CadenceLabel: "bi-weekly", Minutes: 60, MinMinutes: 45, MaxMinutes: 60,
			BringsCalls: true,
			Agenda:      standardAgenda(60, "One specific challenge: 1–2 spotlighted calls — observations first, then advice", AgendaCalls),
			Produces:    []string{"Rubric scorecards", "Observations, then advice", "Commitments"}},
		{Key: "skill_swap_workshop", Name: "Skill swap workshop", BuiltIn: true,
			Purpose: "A volunteer teaches a skill they are strong in; the group leaves with a cheat sheet.",
			RRule:   "FREQ=MONTHLY", CadenceLabel: "monthly", Minutes: 45, MinMinutes: 30, MaxMinutes: 45,
			Agenda:   standardAgenda(45, "One specific challenge: the volunteer teaches one skill", AgendaTeach),
			Produces: []string{"A cheat sheet", "Confidence survey before and after", "Commitments"}},
		{Key: "peer_shadowing", Name: "Peer shadowing pairing", BuiltIn: true,
			Purpose: "Two peers shadow each other for one week with learning goals and a short daily debrief.",
			MinSize: 2, MaxSize: 2, RRule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=5", CadenceLabel: "daily for one week",
			Minutes: 20, MinMinutes: 15, MaxMinutes: 30,
			Agenda: []AgendaItem{
				{Kind: AgendaWins, Title: "What went well today", Minutes: 3},
				{Kind: AgendaDebrief, Title: "One specific challenge from the shadowed calls", Minutes: 9},
				{Kind: AgendaRolePlay, Title: "Replay one moment differently", Minutes: 5},
				{Kind: AgendaCommitments, Title: "Tomorrow's learning goal", Minutes: 3},
			},
			Produces: []string{"Learning goals", "Daily debrief log", "Mutual feedback log"}},
		{Key: "objection_forum", Name: "Objection handling forum", BuiltIn: true,
			Purpose: "Members bring objections they met; peers share responses, vote and role-play them for the living playbook, 10–15 minutes per objection.",
			RRule:   "FREQ=WEEKLY", CadenceLabel: "weekly or ad hoc", Minutes: 30, MinMinutes: 15, MaxMinutes: 45, // 10–15 min per objection
			Agenda: []AgendaItem{
				{Kind: AgendaWins, Title: "A response that worked this week", Minutes: 3},
				{Kind: AgendaObjections, Title: "One specific challenge: objection 1 — responses and votes", Minutes: 12},
				{Kind: AgendaRolePlay, Title: "Role-play the best response", Minutes: 12},
				{Kind: AgendaCommitments, Title: "Commit to try one response", Minutes: 3},
			},
			Produces: []string{"Responses with votes", "Role-plays", "Entries for the living playbook"}},
		{Key: "micro_coaching", Name: "Micro-coaching breakout", BuiltIn: true,
			Purpose: "Two or three peers take one challenge each and leave with a commitment to follow up.",
			MinSize: 2, MaxSize: 3, RRule: "FREQ=WEEKLY", CadenceLabel: "daily or weekly", Minutes: 20, MinMinutes: 15, MaxMinutes: 20,
			Agenda:   standardAgenda(20, "One specific challenge each", AgendaChallenge),
			Produces: []string{"One challenge each", "Commitments for follow-up"}},
		{Key: "success_showcase", Name: "Success story showcase", BuiltIn: true,
			Purpose: "A member documents a win — context, approach, result, learnings — tied to a competency.",
			RRule:   "FREQ=MONTHLY;INTERVAL=2", CadenceLabel: "bi-monthly", Minutes: 45, MinMinutes: 45, MaxMinutes: 45,
			Agenda:   standardAgenda(45, "One specific story: context, approach, result, learnings", AgendaStory),
			Produces: []string{"A documented success story tied to a competency", "Commitments"}},
	}
}

// DefaultGroundRules are what members accept on joining a group.
var DefaultGroundRules = []string{
	"Confidentiality: what is said in the group stays in the group.",
	"Observations before advice: say what you saw before what you would do.",
	"Bring real work: a live deal, a real call, an honest challenge.",
	"Keep the commitments you make to your peers, or say early that you cannot.",
}
