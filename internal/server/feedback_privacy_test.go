package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

var (
	reviewArticle = regexp.MustCompile(`(?s)<article class="review".*?</article>`)
	clockTime     = regexp.MustCompile(`\b[0-2]?[0-9]:[0-5][0-9]\b`)
)

// TestFeedbackAnonymity checks every channel through which the recipient
// of an anonymous request, or their manager, might learn who wrote which
// review: the request page, the overview, the API's request, list and
// review answers, counts, timestamps, order and error messages. (Huddle
// sends no notifications and has no exports of reviews yet; when it does,
// they belong here.)
func TestFeedbackAnonymity(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		ctx := context.Background()
		rep1 := f.actorOf("rep1A")
		if err := f.svc.SetFeedbackSettings(ctx, f.actorOf("adminA"), service.FeedbackSettings{Anonymous: true}); err != nil {
			t.Fatal(err)
		}
		var disc domain.Rubric
		for _, r := range mustDo(f.svc.Rubrics(ctx, rep1))(t) {
			if r.Builtin == "discovery" {
				disc = r
			}
		}
		r := mustDo(f.svc.RequestFeedback(ctx, rep1, service.FeedbackRequestInput{Title: "Anon e-mail", ArtefactKind: "email",
			ArtefactText: "anon text", RubricID: disc.ID, Invitees: []int64{f.id("rep2A"), f.id("coachA")},
			DueAt: time.Now().Add(72 * time.Hour), Anonymous: true}))(t)
		write := func(key, obs string) service.ReviewView {
			t.Helper()
			a := f.actorOf(key)
			if err := f.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
				t.Fatal(err)
			}
			mustDo(f.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{Highlights: obs,
				Scores: []domain.ReviewScore{{CriterionID: disc.Criteria[0].ID, Score: 3}}}))(t)
			return mustDo(f.svc.SubmitRecommendations(ctx, a, r.ID, obs+" advice"))(t)
		}
		authors := []string{"Remy Rep", "Cole Coach"}
		page := fmt.Sprintf("/feedback/requests/%d", r.ID)
		apiReq := fmt.Sprintf("/api/v1/feedback/requests/%d", r.ID)

		// One review of two: nothing of it, and no progress, reaches the recipient.
		first := write("rep2A", "firstobs")
		t.Run("one review is held back on the page", func(t *testing.T) {
			res := f.do(t, "cookie:rep1A", "GET", page, "", "")
			for _, s := range []string{"firstobs", "reviews so far", "accepted", "declined", "pending", "1 of"} {
				if strings.Contains(res.body, s) {
					t.Errorf("the page shows %q before release", s)
				}
			}
		})
		t.Run("one review is held back on the overview", func(t *testing.T) {
			res := f.do(t, "cookie:rep1A", "GET", "/feedback", "", "")
			if !strings.Contains(res.body, "2 invited") || strings.Contains(res.body, "reviews so far") {
				t.Errorf("overview progress: %s", clip(res.body))
			}
			api := f.do(t, "token:rep1A", "GET", "/api/v1/feedback/requests", "", "")
			if strings.Contains(api.body, "reviews_so_far") || strings.Contains(api.body, `"status"`) {
				t.Errorf("API list leaks progress: %s", clip(api.body))
			}
		})
		t.Run("one review is held back in the API and errors say nothing", func(t *testing.T) {
			res := f.do(t, "token:rep1A", "GET", apiReq, "", "")
			if strings.Contains(res.body, "firstobs") || strings.Contains(res.body, "reviews_so_far") || strings.Contains(res.body, `"status"`) {
				t.Errorf("API request before release: %s", clip(res.body))
			}
			held := f.do(t, "token:rep1A", "GET", "/api/v1/feedback/reviews/"+first.Ref, "", "")
			unknown := f.do(t, "token:rep1A", "GET", "/api/v1/feedback/reviews/0123456789abcdef", "", "")
			if held.StatusCode != 404 || held.body != unknown.body {
				t.Errorf("a held-back review answers %d %q; an unknown one %q", held.StatusCode, held.body, unknown.body)
			}
			rate := f.do(t, "token:rep1A", "PUT", "/api/v1/feedback/reviews/"+first.Ref+"/rating", `{"helpfulness":3}`, jsonType)
			if rate.StatusCode != 404 || containsAny(rate.body, authors) {
				t.Errorf("rating a held-back review: %d %s", rate.StatusCode, rate.body)
			}
			ack := f.do(t, "token:rep1A", "POST", apiReq+"/acknowledge", `{"seen":1}`, jsonType)
			if ack.StatusCode != 409 || containsAny(ack.body, authors) || strings.Contains(ack.body, "firstobs") {
				t.Errorf("acknowledging before release: %d %s", ack.StatusCode, ack.body)
			}
		})

		// The second review releases both.
		second := write("coachA", "secondobs")
		if err := f.svc.AcknowledgeObservations(ctx, rep1, r.ID, 2); err != nil {
			t.Fatal(err)
		}
		t.Run("the page names no author and shows dates only", func(t *testing.T) {
			res := f.do(t, "cookie:rep1A", "GET", page, "", "")
			arts := reviewArticle.FindAllString(res.body, -1)
			if len(arts) != 4 { // two observation cards, two recommendation cards
				t.Fatalf("%d review cards, want 4:\n%s", len(arts), clip(res.body))
			}
			for _, a := range arts {
				if containsAny(a, authors) || clockTime.MatchString(a) {
					t.Errorf("a review card names its author or a time:\n%s", a)
				}
			}
			if !strings.Contains(res.body, "firstobs advice") || !strings.Contains(res.body, "reviews so far: 2") ||
				strings.Contains(res.body, "accepted") {
				t.Errorf("page after release:\n%s", clip(res.body))
			}
		})
		t.Run("the API carries no author, no times, a ref order", func(t *testing.T) {
			res := f.do(t, "token:rep1A", "GET", apiReq, "", "")
			var got struct {
				Reviews []map[string]any `json:"reviews"`
				Invites []map[string]any `json:"invitees"`
			}
			if err := json.Unmarshal([]byte(res.body), &got); err != nil {
				t.Fatal(err)
			}
			var refs []string
			for _, rv := range got.Reviews {
				for _, k := range []string{"reviewer", "observed_at", "recommended_at", "reviewer_id", "id"} {
					if _, ok := rv[k]; ok {
						t.Errorf("review carries %q: %v", k, rv)
					}
				}
				if on, _ := rv["observed_on"].(string); len(on) != len(domain.DateLayout) {
					t.Errorf("observed_on %q is not a date", on)
				}
				refs = append(refs, rv["ref"].(string))
			}
			if len(refs) != 2 || !slices.IsSorted(refs) {
				t.Errorf("refs %v: want two, sorted", refs)
			}
			for _, in := range got.Invites {
				if _, ok := in["status"]; ok {
					t.Errorf("invitee carries a status: %v", in)
				}
			}
			for _, ref := range []string{first.Ref, second.Ref} {
				one := f.do(t, "token:rep1A", "GET", "/api/v1/feedback/reviews/"+ref, "", "")
				if one.StatusCode != 200 || containsAny(one.body, authors) || strings.Contains(one.body, `"reviewer"`) ||
					strings.Contains(one.body, "observed_at") {
					t.Errorf("review %s: %d %s", ref, one.StatusCode, one.body)
				}
			}
		})
		t.Run("the recipient's manager learns nothing", func(t *testing.T) {
			for _, p := range []string{page, apiReq, "/api/v1/feedback/reviews/" + first.Ref} {
				who := "cookie:managerA"
				if strings.HasPrefix(p, "/api/") {
					who = "token:managerA"
				}
				if res := f.do(t, who, "GET", p, "", ""); res.StatusCode != 404 || strings.Contains(res.body, "obs") {
					t.Errorf("GET %s as the manager: %d", p, res.StatusCode)
				}
			}
			res := f.do(t, "cookie:managerA", "GET", "/feedback", "", "")
			if strings.Contains(res.body, "firstobs") || strings.Contains(res.body, "secondobs") || strings.Contains(res.body, "Anon e-mail") {
				t.Errorf("the manager's overview carries review content:\n%s", clip(res.body))
			}
		})
		t.Run("authors still see their own review", func(t *testing.T) {
			res := f.do(t, "token:rep2A", "GET", "/api/v1/feedback/reviews/"+first.Ref, "", "")
			if !strings.Contains(res.body, "Remy Rep") || strings.Contains(res.body, "secondobs") {
				t.Errorf("the author's view: %s", res.body)
			}
			if res := f.do(t, "token:rep2A", "GET", "/api/v1/feedback/reviews/"+second.Ref, "", ""); res.StatusCode != 404 {
				t.Errorf("a co-reviewer reads the other review: %d", res.StatusCode)
			}
		})
	})
}

// TestFeedbackNamedReviews is the control: without anonymity the recipient
// sees who wrote what, with times, and who accepted.
func TestFeedbackNamedReviews(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		s := seedFeedback(t, f)
		res := f.do(t, "cookie:rep1A", "GET", fmt.Sprintf("/feedback/requests/%d", s.r1.ID), "", "")
		arts := reviewArticle.FindAllString(res.body, -1)
		if len(arts) != 1 || !strings.Contains(arts[0], "Remy Rep") || !clockTime.MatchString(arts[0]) {
			t.Errorf("named review cards: %v", arts)
		}
		if !strings.Contains(res.body, "Remy Rep — accepted") {
			t.Errorf("invitee statuses missing:\n%s", clip(res.body))
		}
		api := f.do(t, "token:rep1A", "GET", "/api/v1/feedback/reviews/"+s.r1Review.Ref, "", "")
		if !strings.Contains(api.body, `"reviewer"`) || !strings.Contains(api.body, `"observed_at"`) {
			t.Errorf("named review in the API: %s", api.body)
		}
	})
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
