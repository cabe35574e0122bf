package demo

import (
	"context"
	"fmt"
	"path"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// seedCalls uploads the demo calls through the service, as their owners
// would, then adds a few peer comments and a snippet so that every call
// page has something to show.
func seedCalls(ctx context.Context, svc *service.Service, org domain.Org, seed int64) error {
	members := People(seed)
	sys := service.SystemActor(org)
	byEmail := map[string]domain.Person{}
	people, _, err := svc.People(ctx, sys, domain.PersonFilter{Page: domain.Page{Limit: 500}})
	if err != nil {
		return err
	}
	for _, p := range people {
		byEmail[p.Email] = p
	}
	now := svc.Now().UTC().Truncate(24 * time.Hour) // calls of the last weeks, whenever the demo is created
	for _, dc := range DemoCalls() {
		owner, err := dc.Owner(members)
		if err != nil {
			return err
		}
		data, err := dc.Transcript(owner)
		if err != nil {
			return err
		}
		p, ok := byEmail[owner.Email]
		if !ok {
			return fmt.Errorf("demo call %s: owner %s is not stored", dc.File, owner.Email)
		}
		actor := service.Actor{Org: org, Person: p}
		up := service.CallUpload{Title: dc.Title, FileName: path.Base(dc.File), Data: data, Rep: owner.Name,
			OccurredAt: now.AddDate(0, 0, -dc.OccurredDaysAgo).Add(time.Duration(9+dc.OccurredDaysAgo%6) * time.Hour),
			Visibility: domain.Visibility(dc.Visibility), SharedWith: teammates(people, p, dc.SharePeers)}
		c, err := svc.UploadTranscript(ctx, actor, up)
		if err != nil {
			return fmt.Errorf("demo call %s: %w", dc.File, err)
		}
		if err := seedFeedback(ctx, svc, org, c, up.SharedWith, byEmail); err != nil {
			return fmt.Errorf("demo call %s: %w", dc.File, err)
		}
	}
	return nil
}

// teammates picks n reps or coaches of p's team, in name order.
func teammates(people []domain.Person, p domain.Person, n int) []int64 {
	var ids []int64
	for _, q := range people {
		if len(ids) == n {
			break
		}
		if q.ID != p.ID && q.TeamID == p.TeamID && p.TeamID != 0 && !q.Roles.Has(domain.RoleManager) {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// seedFeedback has the first peer a call was shared with comment on its
// first teachable moment.
func seedFeedback(ctx context.Context, svc *service.Service, org domain.Org, c domain.Call, peers []int64, byEmail map[string]domain.Person) error {
	if len(peers) == 0 {
		return nil
	}
	var peer domain.Person
	for _, p := range byEmail {
		if p.ID == peers[0] {
			peer = p
		}
	}
	report, err := service.DecodeReport(c)
	if err != nil || report == nil || len(report.Moments) == 0 || report.Moments[0].AtSeconds == nil {
		return err
	}
	m := report.Moments[0]
	body := feedbackFor[m.Kind]
	if body == "" {
		body = "Nice moment — I'd love to hear how you prepared for this."
	}
	_, err = svc.AddComment(ctx, service.Actor{Org: org, Person: peer}, c.ID, 0, *m.AtSeconds, body)
	return err
}

var feedbackFor = map[string]string{
	"objection":                "I noticed you paused and asked a question before answering — the buyer opened up right after.",
	"monologue_after_question": "I noticed the buyer asked a direct question here and the answer ran for over two minutes; what did you want them to take away?",
	"no_next_step":             "I noticed the call ended without a date for the next conversation. What stopped you from proposing one?",
	"discovery_question":       "Great open question — the buyer talked for a long stretch after it and gave you the real pain.",
	"long_customer_story":      "You let the customer tell the whole story without interrupting. That's where the consequence of inaction came out.",
}
