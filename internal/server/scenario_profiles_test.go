package server_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
)

// profileScenarios cover skill profiles and the team heat map. The seed:
// rep2A reviewed an e-mail of rep1A (observations "quokkatext", a 4 on the
// discovery rubric's first criterion), and rep1A rated herself once. By the
// time these run, the feedback scenarios have cut the discovery rubric to
// its first criterion in a version 2: its key, and so its data, stays.
func profileScenarios(t *testing.T, f *fixture) []scenario {
	ctx := context.Background()
	rep1, rep2 := f.actorOf("rep1A"), f.actorOf("rep2A")
	var disc domain.Rubric
	for _, r := range mustDo(f.svc.Rubrics(ctx, rep1))(t) {
		if r.Builtin == "discovery" {
			disc = r
		}
	}
	theirs := mustDo(f.svc.Rubrics(ctx, f.actorOf("repB")))(t)[0]
	key := disc.Criteria[0].Key
	req := mustDo(f.svc.RequestFeedback(ctx, rep1, service.FeedbackRequestInput{Title: "Quokka e-mail", ArtefactKind: domain.ArtefactEmail,
		ArtefactText: "Hi", RubricID: disc.ID, DueAt: time.Now().Add(72 * time.Hour), Invitees: []int64{rep2.Person.ID}}))(t)
	if err := f.svc.RespondToRequest(ctx, rep2, req.ID, true); err != nil {
		t.Fatal(err)
	}
	mustDo(f.svc.SubmitObservations(ctx, rep2, req.ID, service.ReviewInput{Highlights: "quokkatext",
		Scores: []domain.ReviewScore{{CriterionID: disc.Criteria[0].ID, Score: 4, Note: "quokkanote"}}}))(t)
	mustDo(f.svc.RateMySkill(ctx, rep1, disc.ID, key, 2))(t)

	selfState := func(t testing.TB) string {
		list, err := f.db.SelfAssessments(ctx, f.orgA.ID, []int64{rep1.Person.ID})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(len(list))
	}
	rita := fmt.Sprint(rep1.Person.ID)
	team := fmt.Sprint(f.teamA.ID)
	put := fmt.Sprintf("/api/v1/me/skill-profile/rubrics/%d/criteria/%s", disc.ID, key)
	post := func(name, who string, status int, kv ...string) scenario {
		body, ctype := form(kv...)
		return scenario{name: name, who: who, method: "POST", path: "/feedback/profile/ratings", body: body, ctype: ctype, status: status}
	}
	refused := func(c scenario, contains ...string) scenario {
		c.unchanged, c.contains = selfState, contains
		return c
	}
	rated := post("skills: rate oneself", "cookie:rep1A", http.StatusSeeOther, "rubric_id", fmt.Sprint(disc.ID), "criterion", key, "score", "3")
	rated.location = fmt.Sprintf("/feedback/profile?rated=1#c-%d-%s", disc.ID, key)
	noReviewText := []string{"quokkatext", "quokkanote"}
	return []scenario{
		{name: "skills: anonymous visitors sign in first", method: "GET", path: "/feedback/profile", status: http.StatusSeeOther,
			location: "/signin?next=%2Ffeedback%2Fprofile"},
		{name: "skills: one's own profile shows every source and the rating form", who: "cookie:rep1A", method: "GET",
			path: "/feedback/profile", status: 200, contains: []string{"My skill profile", `data-source="self"`, `data-source="peer"`,
				`data-source="analytics"`, "Pain with consequence of inaction", "A next step agreed", `name="score"`, "bottom fifth scores 1"},
			excludes: noReviewText},
		rated,
		refused(post("skills: a score off the scale is refused", "cookie:rep1A", http.StatusBadRequest,
			"rubric_id", fmt.Sprint(disc.ID), "criterion", key, "score", "9"), "score: rate yourself from 1 to 5"),
		refused(post("skills: an unknown criterion is refused", "cookie:rep1A", http.StatusBadRequest,
			"rubric_id", fmt.Sprint(disc.ID), "criterion", "juggling", "score", "3"), "criterion"),
		refused(post("skills: another organisation's rubric is not found", "cookie:rep1A", http.StatusNotFound,
			"rubric_id", fmt.Sprint(theirs.ID), "criterion", key, "score", "3")),
		{name: "skills: the manager sees numbers without the self-assessment", who: "cookie:managerA", method: "GET",
			path: "/people/" + rita + "/skill-profile", status: 200, contains: []string{"Skill profile: Rita", "team-view-note", `data-source="peer"`},
			excludes: append([]string{`data-source="self"`, `name="score"`}, noReviewText...)},
		{name: "skills: an admin sees the team view", who: "cookie:adminA", method: "GET", path: "/people/" + rita + "/skill-profile",
			status: 200, excludes: []string{`data-source="self"`}},
		{name: "skills: a peer cannot open a colleague's profile", who: "cookie:rep2A", method: "GET",
			path: "/people/" + rita + "/skill-profile", status: http.StatusNotFound, excludes: []string{"Skill profile: Rita"}},
		{name: "skills: another organisation's admin finds nobody", who: "cookie:adminB", method: "GET",
			path: "/people/" + rita + "/skill-profile", status: http.StatusNotFound},
		{name: "skills: the team's manager sees the heat map", who: "cookie:managerA", method: "GET", path: fmt.Sprintf("/teams/%s/skills?rubric=%d", team, disc.ID),
			status: 200, contains: []string{"Skills: Alpha Sales", `id="heatmap"`, `href="/people/` + rita + `/skill-profile"`, "n="},
			excludes: noReviewText},
		{name: "skills: a heat map of another rubric", who: "cookie:adminA", method: "GET",
			path: fmt.Sprintf("/teams/%s/skills?rubric=%d", team, mustDo(f.svc.Rubrics(ctx, rep1))(t)[0].ID), status: 200},
		{name: "skills: a junk rubric is refused", who: "cookie:adminA", method: "GET", path: "/teams/" + team + "/skills?rubric=x",
			status: http.StatusBadRequest},
		{name: "skills: a rep does not see the team's heat map", who: "cookie:rep1A", method: "GET", path: "/teams/" + team + "/skills",
			status: http.StatusForbidden, excludes: []string{`id="heatmap"`}},
		{name: "skills: another organisation's heat map is not found", who: "cookie:adminB", method: "GET",
			path: "/teams/" + team + "/skills", status: http.StatusNotFound},

		{name: "skills: a person's page links their profile for a manager", who: "cookie:managerA", method: "GET", path: "/people/" + rita,
			status: 200, contains: []string{`href="/people/` + rita + `/skill-profile"`}},
		{name: "skills: but not for a peer", who: "cookie:rep2A", method: "GET", path: "/people/" + rita,
			status: 200, excludes: []string{"/skill-profile"}},
		{name: "skills: the team page links the heat map for its manager", who: "cookie:managerA", method: "GET", path: "/teams/" + team,
			status: 200, contains: []string{`href="/teams/` + team + `/skills"`}},
		{name: "skills: but not for a rep", who: "cookie:rep2A", method: "GET", path: "/teams/" + team,
			status: 200, excludes: []string{"/skills\""}},

		{name: "skills api: one's own profile", who: "token:rep1A", method: "GET", path: "/api/v1/me/skill-profile", status: 200,
			contains: []string{`"own": true`, `"source": "self"`, `"key": "pain_consequence"`, `"next_step_agreed"`},
			excludes: noReviewText},
		{name: "skills api: rate oneself", who: "token:rep1A", method: "PUT", path: put, body: `{"score":4}`, ctype: jsonType,
			status: 200, contains: []string{`"score": 4`, `"criterion": "` + key + `"`}},
		{name: "skills api: a score off the scale is refused", who: "token:rep1A", method: "PUT", path: put, body: `{"score":0}`,
			ctype: jsonType, status: http.StatusBadRequest, unchanged: selfState},
		{name: "skills api: the manager's view has no self-assessment", who: "token:managerA", method: "GET",
			path: "/api/v1/people/" + rita + "/skill-profile", status: 200, contains: []string{`"own": false`, `"source": "peer"`},
			excludes: append([]string{`"source": "self"`, `"my_rating"`}, noReviewText...)},
		{name: "skills api: a peer gets not found", who: "token:rep2A", method: "GET", path: "/api/v1/people/" + rita + "/skill-profile",
			status: http.StatusNotFound},
		{name: "skills api: the team heat map", who: "token:managerA", method: "GET", path: "/api/v1/teams/" + team + "/skills",
			status: 200, contains: []string{`"bucket": 4`}},
		{name: "skills api: a rep is refused the heat map", who: "token:rep2A", method: "GET", path: "/api/v1/teams/" + team + "/skills",
			status: http.StatusForbidden},
		{name: "skills api: another organisation's team is not found", who: "token:repB", method: "GET",
			path: "/api/v1/teams/" + team + "/skills", status: http.StatusNotFound},
	}
}
