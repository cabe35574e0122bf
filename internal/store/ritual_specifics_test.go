package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// specificsWorld is a group of Ana and Ben in acme with one session, and
// another organisation with Olga.
type specificsWorld struct {
	acme, other    domain.Org
	ana, ben, olga domain.Person
	group          domain.Group
	session        domain.GroupSession
}

func newSpecificsWorld(t *testing.T, db *store.DB) specificsWorld {
	t.Helper()
	ctx := context.Background()
	var w specificsWorld
	w.acme, w.other = newOrg(t, db, "acme"), newOrg(t, db, "other")
	w.ana = newPerson(t, db, w.acme.ID, "Ana", "ana@acme.com")
	w.ben = newPerson(t, db, w.acme.ID, "Ben", "ben@acme.com")
	w.olga = newPerson(t, db, w.other.ID, "Olga", "olga@other.com")
	w.group = domain.Group{Name: "Pair", TemplateKey: "peer_shadowing", CreatedBy: w.ana.ID,
		Members: []domain.GroupMember{{PersonID: w.ana.ID, AcceptedAt: t0}, {PersonID: w.ben.ID, AcceptedAt: t0}}}
	must(t, db.CreateGroup(ctx, w.acme.ID, &w.group))
	occ := time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)
	w.session = domain.GroupSession{GroupID: w.group.ID, Occurrence: occ, StartsAt: occ, Minutes: 45}
	must(t, db.EnsureSession(ctx, w.acme.ID, &w.session))
	return w
}

func TestSkillSwapsAndSurveyAnswers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newSpecificsWorld(t, db)
		sid := w.session.ID

		_, err := db.SkillSwap(ctx, w.acme.ID, sid)
		wantErr(t, err, domain.ErrNotFound)
		swap := domain.SkillSwap{SessionID: sid, TeacherID: w.ana.ID, Skills: []string{" Discovery ", "Pricing", "discovery"}, CheatSheet: "# Hi\r\n"}
		must(t, db.SaveSkillSwap(ctx, w.acme.ID, &swap))
		swap.CheatSheet = "# Changed"
		must(t, db.SaveSkillSwap(ctx, w.acme.ID, &swap))
		got, err := db.SkillSwap(ctx, w.acme.ID, sid)
		must(t, err)
		if got.TeacherID != w.ana.ID || !reflect.DeepEqual(got.Skills, []string{"Discovery", "Pricing"}) || got.CheatSheet != "# Changed" {
			t.Errorf("swap = %+v", got)
		}
		// Another organisation neither reads nor writes it.
		_, err = db.SkillSwap(ctx, w.other.ID, sid)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.SaveSkillSwap(ctx, w.other.ID, &domain.SkillSwap{SessionID: sid, TeacherID: w.olga.ID, Skills: []string{"x"}}), domain.ErrNotFound)
		wantErr(t, db.SaveSkillSwap(ctx, w.acme.ID, &domain.SkillSwap{SessionID: sid, TeacherID: w.olga.ID, Skills: []string{"x"}}), domain.ErrInvalid)
		wantErr(t, db.SaveSkillSwap(ctx, w.acme.ID, &domain.SkillSwap{SessionID: sid, TeacherID: w.ana.ID}), domain.ErrInvalid)

		// Answers replace earlier ones; a bad one stores none.
		ans := func(p domain.Person, skill, phase string, score int) domain.SurveyAnswer {
			return domain.SurveyAnswer{SessionID: sid, PersonID: p.ID, Skill: skill, Phase: phase, Score: score}
		}
		must(t, db.SaveSurveyAnswers(ctx, w.acme.ID, []domain.SurveyAnswer{ans(w.ana, "Discovery", "before", 2), ans(w.ana, "Pricing", "before", 3)}))
		must(t, db.SaveSurveyAnswers(ctx, w.acme.ID, []domain.SurveyAnswer{ans(w.ana, "Discovery", "before", 4)}))
		wantErr(t, db.SaveSurveyAnswers(ctx, w.acme.ID, []domain.SurveyAnswer{ans(w.ben, "Discovery", "after", 5), ans(w.ben, "Pricing", "after", 9)}), domain.ErrInvalid)
		wantErr(t, db.SaveSurveyAnswers(ctx, w.acme.ID, []domain.SurveyAnswer{ans(w.olga, "Discovery", "after", 5)}), domain.ErrInvalid)
		wantErr(t, db.SaveSurveyAnswers(ctx, w.other.ID, []domain.SurveyAnswer{ans(w.olga, "Discovery", "after", 5)}), domain.ErrNotFound)
		list, err := db.SurveyAnswers(ctx, w.acme.ID, sid)
		must(t, err)
		if len(list) != 2 || list[0].Skill != "Discovery" || list[0].Score != 4 || list[1].Score != 3 {
			t.Errorf("answers = %+v", list)
		}
		if none, err := db.SurveyAnswers(ctx, w.other.ID, sid); err != nil || len(none) != 0 {
			t.Errorf("other org's answers = %v, %v", none, err)
		}
	})
}

func TestShadowingWeeksAndLogs(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newSpecificsWorld(t, db)
		wed := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)

		week := domain.ShadowingWeek{GroupID: w.group.ID, StartsOn: wed.Add(15 * time.Hour), CreatedBy: w.ana.ID}
		must(t, db.CreateShadowingWeek(ctx, w.acme.ID, &week))
		wantErr(t, db.CreateShadowingWeek(ctx, w.acme.ID, &domain.ShadowingWeek{GroupID: w.group.ID, StartsOn: wed, CreatedBy: w.ben.ID}), domain.ErrConflict)
		wantErr(t, db.CreateShadowingWeek(ctx, w.acme.ID, &domain.ShadowingWeek{GroupID: w.group.ID, StartsOn: wed.AddDate(0, 0, 3), CreatedBy: w.ben.ID}), domain.ErrInvalid)
		wantErr(t, db.CreateShadowingWeek(ctx, w.other.ID, &domain.ShadowingWeek{GroupID: w.group.ID, StartsOn: wed, CreatedBy: w.olga.ID}), domain.ErrNotFound)

		must(t, db.SetLearningGoal(ctx, w.acme.ID, week.ID, w.ana.ID, " Sharper openers "))
		must(t, db.SetLearningGoal(ctx, w.acme.ID, week.ID, w.ana.ID, "Sharper openers, and a time check"))
		must(t, db.SetLearningGoal(ctx, w.acme.ID, week.ID, w.ben.ID, "Let silences run"))
		wantErr(t, db.SetLearningGoal(ctx, w.acme.ID, week.ID, w.olga.ID, "x"), domain.ErrInvalid)
		wantErr(t, db.SetLearningGoal(ctx, w.other.ID, week.ID, w.olga.ID, "x"), domain.ErrNotFound)

		mon := wed.AddDate(0, 0, 5)
		d := domain.Debrief{WeekID: week.ID, Day: mon.Add(9 * time.Hour), AuthorID: w.ben.ID, Observed: " Ana paused ", WillTry: "Pause too"}
		must(t, db.AddDebrief(ctx, w.acme.ID, &d))
		for _, bad := range []time.Time{wed.AddDate(0, 0, 3), wed.AddDate(0, 0, 7), wed.AddDate(0, 0, -1)} { // Sat, the next Wed, Tue before
			wantErr(t, db.AddDebrief(ctx, w.acme.ID, &domain.Debrief{WeekID: week.ID, Day: bad, AuthorID: w.ben.ID, Observed: "x"}), domain.ErrInvalid)
		}
		wantErr(t, db.AddDebrief(ctx, w.acme.ID, &domain.Debrief{WeekID: week.ID, Day: mon, AuthorID: w.olga.ID, Observed: "x"}), domain.ErrInvalid)
		wantErr(t, db.AddDebrief(ctx, w.other.ID, &domain.Debrief{WeekID: week.ID, Day: mon, AuthorID: w.olga.ID, Observed: "x"}), domain.ErrNotFound)

		f := domain.ShadowFeedback{WeekID: week.ID, FromID: w.ana.ID, ToID: w.ben.ID, Text: "Great recap"}
		must(t, db.AddShadowFeedback(ctx, w.acme.ID, &f))
		wantErr(t, db.AddShadowFeedback(ctx, w.acme.ID, &domain.ShadowFeedback{WeekID: week.ID, FromID: w.ana.ID, ToID: w.ana.ID, Text: "x"}), domain.ErrInvalid)
		wantErr(t, db.AddShadowFeedback(ctx, w.acme.ID, &domain.ShadowFeedback{WeekID: week.ID, FromID: w.ana.ID, ToID: w.olga.ID, Text: "x"}), domain.ErrInvalid)

		got, err := db.ShadowingWeek(ctx, w.acme.ID, week.ID)
		must(t, err)
		if !got.StartsOn.Equal(wed) || len(got.Goals) != 2 || got.Goals[0].Text != "Sharper openers, and a time check" ||
			len(got.Debriefs) != 1 || !got.Debriefs[0].Day.Equal(mon) || got.Debriefs[0].Observed != "Ana paused" ||
			len(got.Feedback) != 1 || got.Feedback[0].ToID != w.ben.ID {
			t.Errorf("week = %+v", got)
		}
		if days := got.Days(); len(days) != 5 || !days[4].Equal(wed.AddDate(0, 0, 6)) {
			t.Errorf("days = %v", days)
		}
		_, err = db.ShadowingWeek(ctx, w.other.ID, week.ID)
		wantErr(t, err, domain.ErrNotFound)
		weeks, err := db.ShadowingWeeks(ctx, w.acme.ID, w.group.ID)
		must(t, err)
		if len(weeks) != 1 || weeks[0].ID != week.ID {
			t.Errorf("weeks = %+v", weeks)
		}
		if none, err := db.ShadowingWeeks(ctx, w.other.ID, w.group.ID); err != nil || len(none) != 0 {
			t.Errorf("other org's weeks = %v, %v", none, err)
		}
	})
}

func TestTextItemsNotesAndDealActions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newSpecificsWorld(t, db)
		sid := w.session.ID

		obj := domain.SessionItem{SessionID: sid, PersonID: w.ana.ID, Kind: domain.ItemObjection, Text: " Too expensive ", DealName: "ignored"}
		must(t, db.AddSessionItem(ctx, w.acme.ID, &obj))
		wantErr(t, db.AddSessionItem(ctx, w.acme.ID, &domain.SessionItem{SessionID: sid, PersonID: w.ana.ID, Kind: domain.ItemStory}), domain.ErrInvalid)
		must(t, db.SetItemNote(ctx, w.acme.ID, sid, obj.ID, " Reframe on cost of delay "))
		wantErr(t, db.SetItemNote(ctx, w.other.ID, sid, obj.ID, "x"), domain.ErrNotFound)
		deal := domain.SessionItem{SessionID: sid, PersonID: w.ben.ID, Kind: domain.ItemDeal, DealName: "Globex"}
		must(t, db.AddSessionItem(ctx, w.acme.ID, &deal))
		items, err := db.SessionItems(ctx, w.acme.ID, sid)
		must(t, err)
		if len(items) != 2 || items[0].Text != "Too expensive" || items[0].DealName != "" || items[0].Note != "Reframe on cost of delay" {
			t.Errorf("items = %+v", items)
		}

		act := domain.ActionItem{SessionID: sid, OwnerID: w.ben.ID, ItemID: deal.ID, Text: "Call the CFO"}
		must(t, db.AddActionItem(ctx, w.acme.ID, &act))
		wantErr(t, db.AddActionItem(ctx, w.acme.ID, &domain.ActionItem{SessionID: sid, OwnerID: w.ben.ID, ItemID: 999999, Text: "x"}), domain.ErrInvalid)
		acts, err := db.ActionItems(ctx, w.acme.ID, sid)
		must(t, err)
		if len(acts) != 1 || acts[0].ItemID != deal.ID {
			t.Errorf("actions = %+v", acts)
		}
		// Taking the deal back keeps the action item, unlinked.
		must(t, db.DeleteSessionItem(ctx, w.acme.ID, sid, deal.ID))
		acts, err = db.ActionItems(ctx, w.acme.ID, sid)
		must(t, err)
		if len(acts) != 1 || acts[0].ItemID != 0 {
			t.Errorf("actions after the deal went = %+v", acts)
		}
	})
}
