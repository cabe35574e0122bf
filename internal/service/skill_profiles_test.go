package service_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// criterionOf finds a criterion's standing in a profile.
func criterionOf(t *testing.T, p service.SkillProfile, rubricID int64, key string) service.SkillCriterion {
	t.Helper()
	for _, r := range p.Rubrics {
		if r.Rubric.ID != rubricID {
			continue
		}
		for _, c := range r.Criteria {
			if c.Criterion.Key == key {
				return c
			}
		}
	}
	t.Fatalf("profile of %s has no criterion %s of rubric %d", p.Person.Name, key, rubricID)
	return service.SkillCriterion{}
}

// sourceOf finds one source's numbers, and whether the viewer sees it.
func sourceOf(c service.SkillCriterion, src domain.SkillSource) (service.SkillSourceView, bool) {
	for _, s := range c.Sources {
		if s.Source == src {
			return s, true
		}
	}
	return service.SkillSourceView{}, false
}

func TestSkillProfileCombinesSourcesAndHidesSelfFromManagers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		key := disc.Criteria[0].Key
		rita := w.actor(t, "rep1A")

		r := ask(t, w, "rep1A", disc, false, "rep2A")
		observe(t, w, "rep2A", r, disc, 4, "secret observation text")
		must(w.svc.RateMySkill(ctx, rita, disc.ID, key, 2))(t)
		w.clock.Advance(100 * 24 * time.Hour)
		must(w.svc.RateMySkill(ctx, rita, disc.ID, " "+key+" ", 3))(t)

		own := must(w.svc.MySkillProfile(ctx, rita))(t)
		c := criterionOf(t, own, disc.ID, key)
		peer, _ := sourceOf(c, domain.SourcePeer)
		self, seen := sourceOf(c, domain.SourceSelf)
		if !own.Own || c.Points != 3 || peer.Points != 1 || peer.Score != 4 || !seen || self.Points != 2 || c.MyRating != 3 {
			t.Errorf("own profile: own %v, points %d, peer %+v, self %+v (seen %v), my rating %d", own.Own, c.Points, peer, self, seen, c.MyRating)
		}
		if c.Previous.Points != 2 || c.Direction() == 0 {
			t.Errorf("trend: previous %+v, direction %d — the rating went from 2 to 3 with a 4 from a peer", c.Previous, c.Direction())
		}

		for _, viewer := range []string{"managerA", "adminA"} {
			team := must(w.svc.PersonSkillProfile(ctx, w.actor(t, viewer), rita.Person.ID))(t)
			tc := criterionOf(t, team, disc.ID, key)
			if _, seen := sourceOf(tc, domain.SourceSelf); seen || team.Own || tc.MyRating != 0 {
				t.Errorf("%s sees the self-assessment: own %v, sources %+v, rating %d", viewer, team.Own, tc.Sources, tc.MyRating)
			}
			if tc.Points != 1 || tc.Score != 4 {
				t.Errorf("%s: standing %+v, want the peer's 4 from 1 point", viewer, tc.Mean)
			}
			if strings.Contains(fmt.Sprintf("%+v", team), "secret observation") || strings.Contains(fmt.Sprintf("%+v", own), "secret observation") {
				t.Errorf("review text reached a profile")
			}
		}
	})
}

func TestSkillProfileAccessByRole(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		sysA := service.SystemActor(w.orgA)
		other := must(w.svc.CreateTeam(ctx, sysA, domain.Team{Name: "Alpha East"}))(t)
		w.people["managerOther"] = must(w.svc.CreatePerson(ctx, sysA, domain.Person{Name: "Otto", Email: "otto@alpha.example",
			Roles: domain.Roles{domain.RoleManager}, TeamID: other.ID}))(t)
		rita := w.people["rep1A"]

		for viewer, want := range map[string]error{
			"rep1A": nil, "managerA": nil, "adminA": nil,
			"rep2A":        domain.ErrNotFound, // a peer
			"managerOther": domain.ErrNotFound, // a manager, not of Rita's team
			"adminB":       domain.ErrNotFound, // another organisation's admin
			"repB":         domain.ErrNotFound,
		} {
			_, err := w.svc.PersonSkillProfile(ctx, w.actor(t, viewer), rita.ID)
			if want == nil && err != nil || want != nil && !errors.Is(err, want) {
				t.Errorf("%s opens Rita's profile: %v, want %v", viewer, err, want)
			}
		}
		for viewer, want := range map[string]error{
			"managerA": nil, "adminA": nil,
			"rep1A":        domain.ErrForbidden,
			"managerOther": domain.ErrForbidden,
			"adminB":       domain.ErrNotFound,
		} {
			_, err := w.svc.TeamSkillHeatMap(ctx, w.actor(t, viewer), w.teamA.ID, 0)
			if want == nil && err != nil || want != nil && !errors.Is(err, want) {
				t.Errorf("%s opens team A's heat map: %v, want %v", viewer, err, want)
			}
		}
		// A manager moved to another team loses the view at once.
		must(w.svc.UpdatePerson(ctx, sysA, w.people["managerA"].ID, domain.PersonPatch{TeamID: &other.ID}))(t)
		moved := w.actor(t, "managerA")
		wantErr(t, errOf(w.svc.PersonSkillProfile(ctx, moved, rita.ID)), domain.ErrNotFound)
		wantErr(t, errOf(w.svc.TeamSkillHeatMap(ctx, moved, w.teamA.ID, 0)), domain.ErrForbidden)
	})
}

func TestSkillAnalyticsFollowCallVisibility(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		must(w.svc.Rubrics(ctx, w.actor(t, "rep1A")))(t)
		disc := rubricByKey(t, w, "discovery")
		rita, manager := w.actor(t, "rep1A"), w.actor(t, "managerA")
		for i := range 5 { // the organisation's distribution
			upload(t, w.svc, w.actor(t, "rep2A"), fmt.Sprintf("Remy %d", i), domain.VisibilityPrivate)
		}
		before := must(w.svc.PersonSkillProfile(ctx, manager, rita.Person.ID))(t)
		upload(t, w.svc, rita, "Rita private", domain.VisibilityPrivate)

		mine := criterionOf(t, must(w.svc.MySkillProfile(ctx, rita))(t), disc.ID, "tailored_questions")
		if a, _ := sourceOf(mine, domain.SourceAnalytics); a.Points != 1 || a.Score < 1 || len(mine.Metrics) == 0 {
			t.Errorf("Rita's own analytics: %+v, metrics %v", a, mine.Metrics)
		}
		after := must(w.svc.PersonSkillProfile(ctx, manager, rita.Person.ID))(t)
		if fmt.Sprint(standings(before)) != fmt.Sprint(standings(after)) {
			t.Errorf("a private call moved the manager's numbers:\n%v\n%v", standings(before), standings(after))
		}
		upload(t, w.svc, rita, "Rita shared", domain.VisibilityPeers, manager.Person.ID)
		shared := criterionOf(t, must(w.svc.PersonSkillProfile(ctx, manager, rita.Person.ID))(t), disc.ID, "tailored_questions")
		if a, _ := sourceOf(shared, domain.SourceAnalytics); a.Points != 1 {
			t.Errorf("manager's analytics after Rita shared one call with them: %+v, want 1 point", a)
		}
	})
}

func TestSkillAnalyticsNeedFiveCallsInTheOrganisation(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		rita := w.actor(t, "rep1A")
		must(w.svc.Rubrics(ctx, rita))(t)
		disc := rubricByKey(t, w, "discovery")
		analytics := func() int {
			c := criterionOf(t, must(w.svc.MySkillProfile(ctx, rita))(t), disc.ID, "tailored_questions")
			a, _ := sourceOf(c, domain.SourceAnalytics)
			return a.Points
		}
		for i := range 4 {
			upload(t, w.svc, rita, fmt.Sprintf("Rita %d", i), domain.VisibilityPrivate)
		}
		if n := analytics(); n != 0 {
			t.Errorf("with 4 calls in the organisation: %d analytics points, want none", n)
		}
		upload(t, w.svc, w.actor(t, "rep2A"), "Remy's", domain.VisibilityPrivate)
		if n := analytics(); n != 4 {
			t.Errorf("with 5 calls in the organisation: %d analytics points, want Rita's 4", n)
		}
		if n := criterionOf(t, must(w.svc.MySkillProfile(ctx, w.actor(t, "repB")))(t), rubricIn(t, w, "repB", "discovery").ID,
			"tailored_questions"); n.Points != 0 {
			t.Errorf("org B's rep has %d points from org A's calls", n.Points)
		}
	})
}

func TestAnonymousScoresCountOnceReleased(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		must(0, w.svc.SetFeedbackSettings(ctx, w.actor(t, "adminA"), service.FeedbackSettings{Anonymous: true}))(t)
		r := ask(t, w, "rep1A", disc, true, "rep2A", "rep3A")
		observe(t, w, "rep2A", r, disc, 5, "first")
		points := func() int {
			return criterionOf(t, must(w.svc.MySkillProfile(ctx, w.actor(t, "rep1A")))(t), disc.ID, disc.Criteria[0].Key).Points
		}
		if n := points(); n != 0 {
			t.Errorf("a lone anonymous review shows in the profile (%d points) before it is released", n)
		}
		observe(t, w, "rep3A", r, disc, 3, "second")
		if n := points(); n != 2 {
			t.Errorf("after two anonymous reviews: %d points, want 2", n)
		}
	})
}

func TestRateMySkillRefusesBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		rita := w.actor(t, "rep1A")
		theirs := rubricIn(t, w, "repB", "discovery")
		wantField(t, errOf(w.svc.RateMySkill(ctx, rita, disc.ID, disc.Criteria[0].Key, 0)), "score")
		wantField(t, errOf(w.svc.RateMySkill(ctx, rita, disc.ID, disc.Criteria[0].Key, 6)), "score")
		wantField(t, errOf(w.svc.RateMySkill(ctx, rita, disc.ID, "no_such_criterion", 3)), "criterion")
		wantErr(t, errOf(w.svc.RateMySkill(ctx, rita, theirs.ID, disc.Criteria[0].Key, 3)), domain.ErrNotFound)
		must(w.svc.RetireRubric(ctx, w.actor(t, "adminA"), disc.ID, true))(t)
		wantField(t, errOf(w.svc.RateMySkill(ctx, rita, disc.ID, disc.Criteria[0].Key, 3)), "rubric_id")
		must(w.svc.RetireRubric(ctx, w.actor(t, "adminA"), disc.ID, false))(t)
		c := criterionOf(t, must(w.svc.MySkillProfile(ctx, rita))(t), disc.ID, disc.Criteria[0].Key)
		if c.Points != 0 || c.MyRating != 0 {
			t.Errorf("refused ratings were stored: %+v", c)
		}
	})
}

func TestTeamSkillHeatMap(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		disc := feedbackWorld(t, w)
		r := ask(t, w, "rep1A", disc, false, "rep2A")
		observe(t, w, "rep2A", r, disc, 4, "good")
		must(w.svc.RateMySkill(ctx, w.actor(t, "rep2A"), disc.ID, disc.Criteria[0].Key, 1))(t)

		hm := must(w.svc.TeamSkillHeatMap(ctx, w.actor(t, "managerA"), w.teamA.ID, 0))(t)
		if hm.Rubric.ID != disc.ID || len(hm.Rubrics) < 6 {
			t.Fatalf("heat map on %q of %d rubrics, want Discovery (the one with data)", hm.Rubric.Name, len(hm.Rubrics))
		}
		cells := map[string][]service.SkillHeatCell{}
		for _, row := range hm.Rows {
			cells[row.Person.Name] = row.Cells
		}
		if len(cells) != 4 || len(cells["Rita"]) != len(disc.Criteria) {
			t.Fatalf("rows %v", cells)
		}
		if c := cells["Rita"][0]; c.Points != 1 || c.Score != 4 || c.Bucket != 4 {
			t.Errorf("Rita's first cell %+v, want 4 from 1 point", c)
		}
		if c := cells["Remy"][0]; c.Points != 0 || c.Bucket != 0 {
			t.Errorf("Remy's self-rating shows in the heat map: %+v", c)
		}
		if c := cells["Rita"][1]; c.Points != 0 || c.Bucket != 0 {
			t.Errorf("a criterion without data is not blank: %+v", c)
		}
		outbound := rubricByKey(t, w, "outbound")
		if hm := must(w.svc.TeamSkillHeatMap(ctx, w.actor(t, "adminA"), w.teamA.ID, outbound.ID))(t); hm.Rubric.ID != outbound.ID {
			t.Errorf("chose %q, want Outbound", hm.Rubric.Name)
		}
		theirs := rubricIn(t, w, "repB", "discovery")
		wantField(t, errOf(w.svc.TeamSkillHeatMap(ctx, w.actor(t, "adminA"), w.teamA.ID, theirs.ID)), "rubric")
	})
}

// standings lists a profile's numbers, for comparing two views.
func standings(p service.SkillProfile) []string {
	var out []string
	for _, r := range p.Rubrics {
		for _, c := range r.Criteria {
			out = append(out, fmt.Sprintf("%s/%s %.4f %d %v", r.Rubric.Name, c.Criterion.Key, c.Score, c.Points, c.Sources))
		}
	}
	return out
}

func rubricByKey(t *testing.T, w *world, builtin string) domain.Rubric {
	t.Helper()
	return rubricIn(t, w, "rep1A", builtin)
}

// rubricIn finds a default rubric of the person's organisation.
func rubricIn(t *testing.T, w *world, who, builtin string) domain.Rubric {
	t.Helper()
	for _, r := range must(w.svc.Rubrics(context.Background(), w.actor(t, who)))(t) {
		if r.Builtin == builtin {
			return r
		}
	}
	t.Fatalf("no %s rubric", builtin)
	return domain.Rubric{}
}

func errOf[T any](_ T, err error) error { return err }
