package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"huddle/internal/domain"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// remarkLine is one remark as the request page shows it.
var remarkLine = regexp.MustCompile(`(?s)<li class="remark remark-[a-z]+">.*?</li>`)

// TestRemarkAnonymity: on an anonymous call review, the recipient reads
// every remark — on the page next to the transcript and in the API — with
// no author, no remark ref, no time of writing, listed by call time
// whatever order they were written in; the manager gets nothing.
func TestRemarkAnonymity(t *testing.T) {
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
		call := f.seedCall(t, "rep1A", "Plover discovery", domain.VisibilityPrivate, nil, time.Now().Add(-time.Hour), salesCall("ploverline"))
		r := mustDo(f.svc.RequestFeedback(ctx, rep1, service.FeedbackRequestInput{CallID: call.ID, RubricID: disc.ID, Anonymous: true,
			Invitees: []int64{f.id("rep2A"), f.id("coachA")}, DueAt: time.Now().Add(72 * time.Hour)}))(t)
		var refs []string
		write := func(key string, notes map[float64]string, order ...float64) {
			t.Helper()
			a := f.actorOf(key)
			if err := f.svc.RespondToRequest(ctx, a, r.ID, true); err != nil {
				t.Fatal(err)
			}
			for _, at := range order { // written late to early
				v := mustDo(f.svc.AddRemark(ctx, a, r.ID, service.RemarkInput{AtSeconds: &at, Kind: domain.RemarkHighlight, Note: notes[at]}))(t)
				for _, m := range v.Remarks {
					refs = append(refs, m.Ref)
				}
			}
			mustDo(f.svc.SubmitObservations(ctx, a, r.ID, service.ReviewInput{}))(t)
		}
		write("rep2A", map[float64]string{50: "plover-remy-late", 12: "plover-remy-early"}, 50, 12)
		write("coachA", map[float64]string{31: "plover-cole"}, 31)
		authors := []string{"Remy Rep", "Cole Coach"}

		res := f.do(t, "cookie:rep1A", "GET", fmt.Sprintf("/feedback/requests/%d", r.ID), "", "")
		if res.StatusCode != 200 || !strings.Contains(res.body, "plover-remy-early") || !strings.Contains(res.body, "plover-cole") {
			t.Fatalf("the recipient's page: %d\n%s", res.StatusCode, clip(res.body))
		}
		if containsAny(res.body, refs) {
			t.Error("the recipient's page carries a remark's ref")
		}
		lines := remarkLine.FindAllString(res.body, -1)
		if len(lines) != 6 { // three next to the transcript, three with the observations
			t.Errorf("%d remarks on the page, want 6", len(lines))
		}
		for _, l := range lines {
			if containsAny(l, authors) {
				t.Errorf("a remark names its author: %s", l)
			}
		}
		if !strings.Contains(res.body, "— Anonymous reviewer") {
			t.Error("the transcript's remarks are not marked anonymous")
		}

		api := f.do(t, "token:rep1A", "GET", fmt.Sprintf("/api/v1/feedback/requests/%d", r.ID), "", "")
		var got struct {
			Reviews []struct {
				Remarks []map[string]any `json:"remarks"`
			} `json:"reviews"`
		}
		if err := json.Unmarshal([]byte(api.body), &got); err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, rv := range got.Reviews {
			for _, m := range rv.Remarks {
				for k := range m {
					if k != "at_seconds" && k != "clock" && k != "kind" && k != "note" && k != "moment" {
						t.Errorf("a remark carries %q: %v", k, m)
					}
				}
				order = append(order, m["note"].(string))
			}
		}
		if strings.Join(order, " ") != "plover-remy-early plover-remy-late plover-cole" &&
			strings.Join(order, " ") != "plover-cole plover-remy-early plover-remy-late" {
			t.Errorf("remarks not by call time within each review: %v", order)
		}
		if containsAny(api.body, refs) || strings.Contains(api.body, `"reviewer"`) {
			t.Errorf("the API names a reviewer or carries a remark ref: %s", clip(api.body))
		}
		for _, who := range []string{"cookie:managerA", "token:managerA"} {
			p := fmt.Sprintf("/feedback/requests/%d", r.ID)
			if strings.HasPrefix(who, "token:") {
				p = "/api/v1" + p
			}
			if res := f.do(t, who, "GET", p, "", ""); res.StatusCode != 404 || strings.Contains(res.body, "plover-") {
				t.Errorf("the manager: %d", res.StatusCode)
			}
		}
	})
}
