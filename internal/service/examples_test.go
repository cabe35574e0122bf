package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// exampleWorld adds Tess (rep3A) and a coach, Cleo, to org A's team, and
// has Rita bring a team-shared and a private call. It returns the
// discovery rubric and the two calls.
func exampleWorld(t *testing.T, w *world) (domain.Rubric, domain.Call, domain.Call) {
	t.Helper()
	rubric := feedbackWorld(t, w)
	w.people["coachA"] = must(w.svc.CreatePerson(context.Background(), service.SystemActor(w.orgA), domain.Person{Name: "Cleo",
		Email: "cleo@alpha.example", Roles: domain.Roles{domain.RoleCoach}, TeamID: w.teamA.ID}))(t)
	rita := w.actor(t, "rep1A")
	return rubric, upload(t, w.svc, rita, "Team call", domain.VisibilityTeam), upload(t, w.svc, rita, "Private call", domain.VisibilityPrivate)
}

// pricing is the stretch of discoveryVTT where Rita asks about pricing and
// the buyer answers; its first and last cues are outside it.
func pricing(rubric domain.Rubric, c domain.Call) service.ExampleInput {
	return service.ExampleInput{RubricID: rubric.ID, CriterionKey: "pain_consequence", CallID: c.ID, Start: 21, End: 45,
		Note: "Asks how the pricing worked out and lets the buyer explain."}
}

func excerptText(v service.ExampleView) string {
	var b strings.Builder
	for _, c := range v.Cues {
		b.WriteString(c.Text + "\n")
	}
	return b.String()
}

// rubricExamples lists the approved examples as the member sees them.
func rubricExamples(t *testing.T, w *world, who string, rubric domain.Rubric) []service.ExampleView {
	t.Helper()
	return must(w.svc.RubricExamples(context.Background(), w.actor(t, who), rubric.ID))(t)
}

func TestExampleNeedsTheOwnersConsent(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rubric, team, _ := exampleWorld(t, w)
		remy, rita := w.actor(t, "rep2A"), w.actor(t, "rep1A")
		team.Recording = "recordings/team-call.mp3" // as if it came as audio
		if err := w.db.UpdateCall(ctx, w.orgA.ID, team); err != nil {
			t.Fatal(err)
		}

		ex := must(w.svc.ProposeExample(ctx, remy, pricing(rubric, team)))(t)
		if ex.Status != domain.ExampleProposed || ex.OwnerID != rita.Person.ID || ex.ProposerID != remy.Person.ID {
			t.Fatalf("proposed %+v", ex)
		}
		// Nobody sees a proposal on the rubric page, the owner included.
		for _, who := range []string{"rep1A", "rep2A", "managerA", "adminA", "coachA"} {
			if got := rubricExamples(t, w, who, rubric); len(got) != 0 {
				t.Errorf("%s sees an unconsented example: %+v", who, got)
			}
		}
		// The owner sees it waiting for them, with its excerpt.
		mine := must(w.svc.MyExamples(ctx, rita))(t)
		if len(mine.Awaiting) != 1 || !mine.Awaiting[0].Mine || mine.Awaiting[0].ProposerName != "Remy" ||
			!strings.Contains(excerptText(mine.Awaiting[0]), "How did the pricing work out") {
			t.Fatalf("Rita's examples %+v", mine)
		}
		if n := must(w.svc.AwaitingConsent(ctx, rita))(t); n != 1 {
			t.Errorf("Rita has %d awaiting, want 1", n)
		}
		if n := must(w.svc.AwaitingConsent(ctx, remy))(t); n != 0 {
			t.Errorf("the proposer is asked for consent %d times", n)
		}
		// Only the owner consents: the proposer is told so, others may not
		// know the proposal exists.
		_, err := w.svc.DecideExample(ctx, remy, ex.ID, true)
		wantErr(t, err, domain.ErrForbidden)
		for _, who := range []string{"managerA", "adminA", "coachA", "repB", "adminB"} {
			_, err := w.svc.DecideExample(ctx, w.actor(t, who), ex.ID, true)
			wantErr(t, err, domain.ErrNotFound)
			_, err = w.svc.Example(ctx, w.actor(t, who), ex.ID)
			wantErr(t, err, domain.ErrNotFound)
			wantErr(t, w.svc.RemoveExample(ctx, w.actor(t, who), ex.ID), domain.ErrNotFound)
		}

		must(w.svc.DecideExample(ctx, rita, ex.ID, true))(t)
		// Everyone in the organisation now sees the excerpt, and only the
		// excerpt; the call only those who may see it anyway.
		for who, seesCall := range map[string]bool{"rep2A": true, "coachA": true, "managerA": false, "adminA": false, "rep1A": true} {
			got := rubricExamples(t, w, who, rubric)
			if len(got) != 1 {
				t.Fatalf("%s sees %d examples, want 1", who, len(got))
			}
			v, text := got[0], excerptText(got[0])
			if v.OwnerName != "Rita" || v.CriterionName != "Pain with consequence of inaction" || v.Note != ex.Note ||
				!strings.Contains(text, "How did the pricing") || !strings.Contains(text, "nobody could say why") {
				t.Errorf("%s sees %+v", who, v)
			}
			if strings.Contains(text, "Thanks for your time") || strings.Contains(text, "send over a proposal") {
				t.Errorf("%s sees transcript outside the example: %q", who, text)
			}
			if (v.CallID != 0) != seesCall || (v.CallTitle != "") != seesCall || v.Audio != seesCall {
				t.Errorf("%s: call %d %q, audio %v; sees the call: %v", who, v.CallID, v.CallTitle, v.Audio, seesCall)
			}
			if v.ProposerName != "" && who != "rep1A" && who != "rep2A" {
				t.Errorf("%s learns who proposed it", who)
			}
		}
		_, err = w.svc.RubricExamples(ctx, w.actor(t, "repB"), rubric.ID)
		wantErr(t, err, domain.ErrNotFound)

		// The owner withdraws consent: it leaves the rubric page, and may
		// come back.
		must(w.svc.DecideExample(ctx, rita, ex.ID, false))(t)
		if got := rubricExamples(t, w, "managerA", rubric); len(got) != 0 {
			t.Errorf("a withdrawn example is still shown: %+v", got)
		}
		_, err = w.svc.Example(ctx, w.actor(t, "adminA"), ex.ID)
		wantErr(t, err, domain.ErrNotFound)
		must(w.svc.DecideExample(ctx, rita, ex.ID, true))(t)

		// Removing: not the proposer once approved, nor another org; an
		// administrator may.
		wantErr(t, w.svc.RemoveExample(ctx, remy, ex.ID), domain.ErrForbidden)
		wantErr(t, w.svc.RemoveExample(ctx, w.actor(t, "coachA"), ex.ID), domain.ErrForbidden)
		wantErr(t, w.svc.RemoveExample(ctx, w.actor(t, "adminB"), ex.ID), domain.ErrNotFound)
		if err := w.svc.RemoveExample(ctx, w.actor(t, "adminA"), ex.ID); err != nil {
			t.Fatal(err)
		}
		if got := rubricExamples(t, w, "rep2A", rubric); len(got) != 0 {
			t.Errorf("a removed example is still shown: %+v", got)
		}
	})
}

func TestExampleProposalsAreChecked(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rubric, team, private := exampleWorld(t, w)
		remy, rita := w.actor(t, "rep2A"), w.actor(t, "rep1A")
		long := must(w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "Long call", FileName: "long.vtt",
			Data: []byte(longVTT), Rep: "Rita", Visibility: domain.VisibilityTeam}))(t)
		var meddpicc domain.Rubric
		for _, r := range must(w.svc.Rubrics(ctx, rita))(t) {
			if r.Builtin == "meddpicc" {
				meddpicc = r
			}
		}
		edit := func(f func(*service.ExampleInput)) service.ExampleInput {
			in := pricing(rubric, team)
			f(&in)
			return in
		}
		for name, c := range map[string]struct {
			in    service.ExampleInput
			field string
		}{
			"ends before it starts":             {edit(func(in *service.ExampleInput) { in.End = 21 }), "end"},
			"after the call ends":               {edit(func(in *service.ExampleInput) { in.End = 75 }), "end"},
			"longer than three minutes":         {edit(func(in *service.ExampleInput) { in.CallID, in.Start, in.End = long.ID, 5, 200 }), "end"},
			"a criterion the rubric lacks":      {edit(func(in *service.ExampleInput) { in.CriterionKey = "metrics" }), "criterion"},
			"a criterion of another rubric":     {edit(func(in *service.ExampleInput) { in.RubricID = meddpicc.ID }), "criterion"},
			"a call the proposer cannot see":    {edit(func(in *service.ExampleInput) { in.CallID = private.ID }), "call_id"},
			"no call":                           {edit(func(in *service.ExampleInput) { in.CallID = 0 }), "call_id"},
			"no note":                           {edit(func(in *service.ExampleInput) { in.Note = " " }), "note"},
			"a note too long":                   {edit(func(in *service.ExampleInput) { in.Note = strings.Repeat("x", 501) }), "note"},
			"no rubric":                         {edit(func(in *service.ExampleInput) { in.RubricID = 0 }), "rubric_id"},
			"a snippet the proposer cannot see": {edit(func(in *service.ExampleInput) { in.SnippetID = 999 }), "snippet_id"},
		} {
			t.Run(name, func(t *testing.T) {
				_, err := w.svc.ProposeExample(ctx, remy, c.in)
				wantField(t, err, c.field)
			})
		}
		// Another organisation's rubric and call are nowhere to be found.
		_, err := w.svc.ProposeExample(ctx, w.actor(t, "repB"), pricing(rubric, team))
		wantField(t, err, "rubric_id")
		// The same stretch for the same criterion twice is a clear conflict
		// for whoever can see the first proposal: its proposer, and the
		// call's owner.
		must(w.svc.ProposeExample(ctx, remy, pricing(rubric, team)))(t)
		for _, who := range []service.Actor{remy, rita} {
			_, err = w.svc.ProposeExample(ctx, who, pricing(rubric, team))
			wantErr(t, err, domain.ErrConflict)
			if msg, _ := domain.UserMessage(err); !strings.Contains(msg, "already proposed") {
				t.Errorf("duplicate: %q", msg)
			}
		}
		// A retired rubric takes no new examples.
		must(w.svc.RetireRubric(ctx, w.actor(t, "adminA"), rubric.ID, true))(t)
		_, err = w.svc.ProposeExample(ctx, rita, edit(func(in *service.ExampleInput) { in.Start = 0 }))
		wantField(t, err, "rubric_id")
		mine := must(w.svc.MyExamples(ctx, remy))(t)
		if len(mine.Proposed) != 1 {
			t.Errorf("refused proposals were stored: %+v", mine)
		}
	})
}

// longVTT is a call of over four minutes.
var longVTT = func() string {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i := 0; i < 26; i++ {
		who := "Rita"
		if i%2 == 1 {
			who = "Buyer"
		}
		fmt.Fprintf(&b, "00:%02d:%02d.000 --> 00:%02d:%02d.000\n%s: Line %d of a long call.\n\n", i*10/60, i*10%60, (i*10+8)/60, (i*10+8)%60, who, i)
	}
	return b.String()
}()

func TestExamplesAfterTheCallChanges(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rubric, team, private := exampleWorld(t, w)
		remy, rita, tess := w.actor(t, "rep2A"), w.actor(t, "rep1A"), w.actor(t, "rep3A")

		// The owner's own proposal is approved at once.
		own := must(w.svc.ProposeExample(ctx, rita, pricing(rubric, team)))(t)
		if own.Status != domain.ExampleApproved {
			t.Fatalf("own example %+v", own)
		}
		pending := pricing(rubric, team)
		pending.CriterionKey = "tailored_questions"
		proposal := must(w.svc.ProposeExample(ctx, remy, pending))(t)

		// Rita makes the call private: the consented excerpt stays for
		// everyone, the call itself leaves Remy's view, and Remy no longer
		// sees the excerpt of his unconsented proposal.
		private2 := domain.VisibilityPrivate
		must(w.svc.UpdateCallSharing(ctx, rita, team.ID, service.CallSharing{Visibility: &private2}))(t)
		got := rubricExamples(t, w, "rep2A", rubric)
		if len(got) != 1 || got[0].CallID != 0 || got[0].Audio || !strings.Contains(excerptText(got[0]), "pricing") {
			t.Errorf("after making the call private Remy sees %+v", got)
		}
		v := must(w.svc.Example(ctx, remy, proposal.ID))(t)
		if !v.Withheld || v.Cues != nil || v.Note == "" {
			t.Errorf("Remy's proposal on a call he no longer sees: %+v", v)
		}

		// A snippet shared with Tess lets her propose its range, and see
		// its excerpt, without seeing the call.
		sn := must(w.svc.CreateSnippet(ctx, rita, private.ID, "Pricing", 20, 46, []int64{tess.Person.ID}))(t)
		fromSnippet := must(w.svc.ProposeExample(ctx, tess, service.ExampleInput{RubricID: rubric.ID,
			CriterionKey: "pain_consequence", SnippetID: sn.ID, Note: "Good follow-up"}))(t)
		if fromSnippet.CallID != private.ID || fromSnippet.Start != 20 || fromSnippet.End != 46 {
			t.Errorf("from a snippet %+v", fromSnippet)
		}
		v = must(w.svc.Example(ctx, tess, fromSnippet.ID))(t)
		if v.Withheld || v.CallID != 0 || !strings.Contains(excerptText(v), "pricing") {
			t.Errorf("Tess's proposal %+v", v)
		}
		// The proposer may take back a proposal not yet approved.
		if err := w.svc.RemoveExample(ctx, tess, fromSnippet.ID); err != nil {
			t.Fatal(err)
		}

		// A declined example is seen by the two people concerned only.
		must(w.svc.DecideExample(ctx, rita, proposal.ID, false))(t)
		mine := must(w.svc.MyExamples(ctx, rita))(t)
		if len(mine.Declined) != 1 || len(mine.Shared) != 1 || len(mine.Awaiting) != 0 {
			t.Errorf("Rita's examples after declining %+v", mine)
		}
		for _, who := range []string{"adminA", "managerA", "coachA", "rep3A"} {
			_, err := w.svc.Example(ctx, w.actor(t, who), proposal.ID)
			wantErr(t, err, domain.ErrNotFound)
		}

		// Deleting the call deletes its examples.
		if err := w.svc.DeleteCall(ctx, rita, team.ID); err != nil {
			t.Fatal(err)
		}
		if got := rubricExamples(t, w, "rep2A", rubric); len(got) != 0 {
			t.Errorf("examples outlive their call: %+v", got)
		}
		if mine := must(w.svc.MyExamples(ctx, remy))(t); len(mine.Proposed) != 0 {
			t.Errorf("Remy's proposals outlive the call: %+v", mine)
		}
	})
}

func TestExampleSuggestions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rubric, team, _ := exampleWorld(t, w)
		rita, coach := w.actor(t, "rep1A"), w.actor(t, "coachA")
		key := rubric.Criteria[0].Key

		// Peer reviewers rate the team call highly on the criterion.
		r := must(w.svc.RequestFeedback(ctx, rita, service.FeedbackRequestInput{CallID: team.ID, RubricID: rubric.ID,
			DueAt: w.clock.Now().Add(72 * time.Hour), Invitees: []int64{w.people["rep2A"].ID}}))(t)
		observe(t, w, "rep2A", r, rubric, 5, "clear cost of inaction")

		for _, who := range []string{"rep2A", "managerA"} {
			_, err := w.svc.ExampleSuggestions(ctx, w.actor(t, who), rubric.ID, key)
			wantErr(t, err, domain.ErrForbidden)
		}
		_, err := w.svc.ExampleSuggestions(ctx, coach, rubric.ID, "nope")
		wantField(t, err, "criterion")
		got := must(w.svc.ExampleSuggestions(ctx, coach, rubric.ID, key))(t)
		if len(got) == 0 || got[0].CallID != team.ID || !got[0].RatedHigh || got[0].OwnerName != "Rita" ||
			got[0].End <= got[0].Start || got[0].End-got[0].Start > domain.MaxExampleSeconds {
			t.Fatalf("suggestions %+v", got)
		}
		for _, s := range got {
			if strings.Contains(s.Reason, "5") || strings.Contains(s.Reason, "clear cost") || strings.Contains(s.Reason, "Remy") {
				t.Errorf("a suggestion reveals the review: %q", s.Reason)
			}
		}
		// An administrator who cannot see the call gets nothing from it.
		for _, s := range must(w.svc.ExampleSuggestions(ctx, w.actor(t, "adminA"), rubric.ID, key))(t) {
			t.Errorf("the admin is offered a call they cannot see: %+v", s)
		}
		// A suggestion proposed is no longer suggested.
		first := got[0]
		must(w.svc.ProposeExample(ctx, coach, service.ExampleInput{RubricID: rubric.ID, CriterionKey: key, CallID: first.CallID,
			Start: first.Start, End: first.End, Note: "Great"}))(t)
		for _, s := range must(w.svc.ExampleSuggestions(ctx, coach, rubric.ID, key))(t) {
			if s.CallID == first.CallID && s.Start == first.Start && s.End == first.End {
				t.Errorf("a proposed stretch is suggested again")
			}
		}
	})
}
