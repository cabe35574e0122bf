package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

func TestCriterionExamples(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		call := newCall(t, db, w.org.ID, w.ana.ID, "Halden discovery")
		key := w.rubric.Criteria[0].Key
		ex := domain.CriterionExample{RubricID: w.rubric.ID, CriterionKey: key, CallID: call.ID, OwnerID: w.ana.ID,
			ProposerID: w.ben.ID, Start: 12.5, End: 70, Note: "  She asks what a quarter of delay costs.  "}
		must(t, db.CreateExample(ctx, w.org.ID, &ex))
		if ex.ID == 0 || ex.Status != domain.ExampleProposed || ex.Note != "She asks what a quarter of delay costs." ||
			!ex.CreatedAt.Equal(t0) || !ex.DecidedAt.IsZero() {
			t.Fatalf("created %+v", ex)
		}
		// The same stretch for the same criterion by the same proposer is a
		// conflict; for another criterion it is a new example. (Another
		// proposer may store the same stretch: the service decides when to
		// refuse, so a refusal never reveals a hidden proposal.)
		dup := ex
		dup.ID = 0
		wantErr(t, db.CreateExample(ctx, w.org.ID, &dup), domain.ErrConflict)
		own := dup
		own.CriterionKey, own.ProposerID, own.Status = w.rubric.Criteria[1].Key, w.ana.ID, domain.ExampleApproved
		must(t, db.CreateExample(ctx, w.org.ID, &own))
		if !own.DecidedAt.Equal(t0) {
			t.Errorf("an example stored approved is decided at once: %+v", own)
		}

		*now = now.Add(time.Hour)
		must(t, db.SetExampleStatus(ctx, w.org.ID, ex.ID, domain.ExampleProposed, domain.ExampleApproved, *now))
		wantErr(t, db.SetExampleStatus(ctx, w.org.ID, ex.ID, domain.ExampleProposed, domain.ExampleDeclined, *now), domain.ErrConflict)
		wantErr(t, db.SetExampleStatus(ctx, w.other.ID, ex.ID, domain.ExampleApproved, domain.ExampleDeclined, *now), domain.ErrNotFound)
		got, err := db.CriterionExample(ctx, w.org.ID, ex.ID)
		must(t, err)
		if got.Status != domain.ExampleApproved || !got.DecidedAt.Equal(*now) || got.Start != 12.5 || got.End != 70 ||
			got.ProposerID != w.ben.ID || got.OwnerID != w.ana.ID || got.CriterionKey != key {
			t.Errorf("approved %+v", got)
		}

		// Filters.
		count := func(f domain.ExampleFilter) int {
			t.Helper()
			list, err := db.CriterionExamples(ctx, w.org.ID, f)
			must(t, err)
			return len(list)
		}
		for name, c := range map[string]struct {
			f    domain.ExampleFilter
			want int
		}{
			"all":               {domain.ExampleFilter{}, 2},
			"by rubric":         {domain.ExampleFilter{RubricID: w.rubric.ID, Status: domain.ExampleApproved}, 2},
			"by proposer":       {domain.ExampleFilter{PersonID: w.ben.ID}, 1},
			"by owner":          {domain.ExampleFilter{PersonID: w.ana.ID}, 2},
			"nobody's":          {domain.ExampleFilter{PersonID: w.cat.ID}, 0},
			"declined":          {domain.ExampleFilter{Status: domain.ExampleDeclined}, 0},
			"by call":           {domain.ExampleFilter{CallID: call.ID}, 2},
			"another rubric id": {domain.ExampleFilter{RubricID: w.otherOrgsRubric.ID}, 0},
		} {
			if got := count(c.f); got != c.want {
				t.Errorf("%s: %d examples, want %d", name, got, c.want)
			}
		}
		other, err := db.CriterionExamples(ctx, w.other.ID, domain.ExampleFilter{})
		must(t, err)
		if len(other) != 0 {
			t.Errorf("another organisation lists %d examples", len(other))
		}
		_, err = db.CriterionExample(ctx, w.other.ID, ex.ID)
		wantErr(t, err, domain.ErrNotFound)
		wantErr(t, db.DeleteExample(ctx, w.other.ID, ex.ID), domain.ErrNotFound)

		// Deleting the call deletes its examples.
		must(t, db.DeleteExample(ctx, w.org.ID, own.ID))
		wantErr(t, db.DeleteExample(ctx, w.org.ID, own.ID), domain.ErrNotFound)
		must(t, db.DeleteCall(ctx, w.org.ID, call.ID))
		if n := count(domain.ExampleFilter{}); n != 0 {
			t.Errorf("%d examples outlive their call", n)
		}
	})
}

func TestCriterionExampleBadInput(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock(db)
		w := newFeedbackWorld(t, db)
		call := newCall(t, db, w.org.ID, w.ana.ID, "Halden discovery")
		theirCall := newCall(t, db, w.other.ID, newPerson(t, db, w.other.ID, "Gil", "gil@other.com").ID, "Theirs")
		good := func() domain.CriterionExample {
			return domain.CriterionExample{RubricID: w.rubric.ID, CriterionKey: "trust", CallID: call.ID, OwnerID: w.ana.ID,
				ProposerID: w.ana.ID, Start: 10, End: 40, Note: "Tailored follow-up"}
		}
		for name, c := range map[string]struct {
			edit func(*domain.CriterionExample)
			want error
		}{
			"no criterion":          {func(e *domain.CriterionExample) { e.CriterionKey = " " }, domain.ErrInvalid},
			"negative start":        {func(e *domain.CriterionExample) { e.Start = -1 }, domain.ErrInvalid},
			"ends before it starts": {func(e *domain.CriterionExample) { e.End = 10 }, domain.ErrInvalid},
			"over three minutes":    {func(e *domain.CriterionExample) { e.End = 190.5 }, domain.ErrInvalid},
			"no note":               {func(e *domain.CriterionExample) { e.Note = "  " }, domain.ErrInvalid},
			"a long note":           {func(e *domain.CriterionExample) { e.Note = strings.Repeat("x", 501) }, domain.ErrInvalid},
			"unknown status":        {func(e *domain.CriterionExample) { e.Status = "hidden" }, domain.ErrInvalid},
			"another org's call":    {func(e *domain.CriterionExample) { e.CallID = theirCall.ID }, domain.ErrNotFound},
			"another org's rubric":  {func(e *domain.CriterionExample) { e.RubricID = w.otherOrgsRubric.ID }, domain.ErrInvalid},
			"another org's person":  {func(e *domain.CriterionExample) { e.ProposerID = theirCall.OwnerID }, domain.ErrInvalid},
			"no owner":              {func(e *domain.CriterionExample) { e.OwnerID = 0 }, domain.ErrInvalid},
		} {
			t.Run(name, func(t *testing.T) {
				e := good()
				c.edit(&e)
				wantErr(t, db.CreateExample(ctx, w.org.ID, &e), c.want)
				if e.ID != 0 {
					t.Errorf("a refused example got ID %d", e.ID)
				}
			})
		}
		list, err := db.CriterionExamples(ctx, w.org.ID, domain.ExampleFilter{})
		must(t, err)
		if len(list) != 0 {
			t.Errorf("refused examples were stored: %+v", list)
		}
	})
}

// TestCriterionScores: peer scores of a criterion count across the
// rubric's versions by key, skips and drafts are left out, and artefact
// requests have no call to suggest.
func TestCriterionScores(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := clock(db)
		w := newFeedbackWorld(t, db)
		great := newCall(t, db, w.org.ID, w.ana.ID, "Great call")
		fair := newCall(t, db, w.org.ID, w.ana.ID, "Fair call")
		v1 := w.rubric
		v2 := w.rubric
		v2.Criteria = append([]domain.RubricCriterion(nil), v1.Criteria...)
		must(t, db.AddRubricVersion(ctx, w.org.ID, &v2))
		ask := func(c domain.Call, version domain.Rubric) domain.FeedbackRequest {
			r := domain.FeedbackRequest{RequesterID: w.ana.ID, Title: c.Title, CallID: c.ID, RubricID: w.rubric.ID,
				VersionID: version.VersionID, DueAt: t0.Add(48 * time.Hour),
				Invites: []domain.FeedbackInvite{{PersonID: w.ben.ID}, {PersonID: w.cat.ID}}}
			must(t, db.CreateFeedbackRequest(ctx, w.org.ID, &r))
			return r
		}
		review := func(r domain.FeedbackRequest, who domain.Person, crit int64, score int, submit bool) {
			rv := domain.Review{RequestID: r.ID, ReviewerID: who.ID, Scores: []domain.ReviewScore{{CriterionID: crit, Score: score}}}
			if submit {
				rv.ObservedAt = *now
			}
			must(t, db.SaveReview(ctx, w.org.ID, &rv, domain.PhaseDraft))
		}
		rg1, rg2, rf := ask(great, v1), ask(great, v2), ask(fair, v1)
		review(rg1, w.ben, v1.Criteria[0].ID, 5, true)
		review(rg2, w.cat, v2.Criteria[0].ID, 4, true)
		review(rg1, w.cat, v1.Criteria[0].ID, 1, false) // a draft does not count
		review(rf, w.ben, v1.Criteria[0].ID, 3, true)
		review(rf, w.cat, v1.Criteria[0].ID, 0, true) // a skip does not count

		released := domain.AnonymousRelease{MinReviews: 2, Now: time.Now()}
		got, err := db.CriterionScores(ctx, w.org.ID, w.rubric.ID, v1.Criteria[0].Key, 4, released)
		must(t, err)
		if len(got) != 1 || got[0].CallID != great.ID || got[0].Average != 4.5 || got[0].Reviews != 2 {
			t.Errorf("scores ≥ 4: %+v", got)
		}
		all, err := db.CriterionScores(ctx, w.org.ID, w.rubric.ID, v1.Criteria[0].Key, 0, released)
		must(t, err)
		if len(all) != 2 || all[1].CallID != fair.ID || all[1].Average != 3 || all[1].Reviews != 1 {
			t.Errorf("all scores: %+v", all)
		}
		none, err := db.CriterionScores(ctx, w.other.ID, w.rubric.ID, v1.Criteria[0].Key, 0, released)
		must(t, err)
		if len(none) != 0 {
			t.Errorf("another organisation sees scores: %+v", none)
		}
	})
}

// TestExampleSchemaKeepsOrgsApart writes past the store: an example can
// point at neither a call, a rubric nor a person of another organisation.
func TestExampleSchemaKeepsOrgsApart(t *testing.T) {
	storetest.EnginesDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openMigrated(t, dsn)
		clock(db)
		w := newFeedbackWorld(t, db)
		gina := newPerson(t, db, w.other.ID, "Gina", "gina@other.com")
		call := newCall(t, db, w.org.ID, w.ana.ID, "Acme")
		theirs := newCall(t, db, w.other.ID, gina.ID, "Theirs")
		raw := rawWithForeignKeys(t, dsn)
		insert := func(org, rubric, callID, owner, proposer int64) string {
			return fmt.Sprintf(`INSERT INTO criterion_examples (org_id, rubric_id, criterion_key, call_id, owner_id, proposer_id,
				start_s, end_s, note, created_at) VALUES (%d, %d, 'trust', %d, %d, %d, 0, 10, 'x', '2026-03-02T09:30:00.000000Z')`,
				org, rubric, callID, owner, proposer)
		}
		for name, stmt := range map[string]string{
			"another org's call":     insert(w.org.ID, w.rubric.ID, theirs.ID, w.ana.ID, w.ana.ID),
			"another org's rubric":   insert(w.org.ID, w.otherOrgsRubric.ID, call.ID, w.ana.ID, w.ana.ID),
			"another org's owner":    insert(w.org.ID, w.rubric.ID, call.ID, gina.ID, w.ana.ID),
			"another org's proposer": insert(w.org.ID, w.rubric.ID, call.ID, w.ana.ID, gina.ID),
		} {
			if _, err := raw.ExecContext(ctx, stmt); err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") {
				t.Errorf("%s: err = %v, want a foreign-key violation", name, err)
			}
		}
		if _, err := raw.ExecContext(ctx, insert(w.org.ID, w.rubric.ID, call.ID, w.ana.ID, w.ana.ID)); err != nil {
			t.Errorf("a row within one organisation is refused: %v", err)
		}
	})
}
