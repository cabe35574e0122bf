package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCircleSlotRunSheetAndCommitment runs a call review circle as Ana, a
// coach of the demo: she starts a circle with peers in London, Berlin and
// New York, accepts the slot Huddle proposes inside everyone's working
// hours, opens the first session's run sheet, commits to something before
// the next meeting, and finds the commitment opening the next session's
// agenda.
func TestCircleSlotRunSheetAndCommitment(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in with the printed credentials: %v", err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/sessions"),
		chromedp.WaitVisible(chromedp.CSS("#new-group")),
	)
	if err != nil {
		t.Fatalf("open /sessions: %v", err)
	}
	// One peer from each of three time zones: the label says the zone.
	labels := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll('#new-group label.check')).map(l => l.textContent + '|' + (l.querySelector('input') || {}).value)`)
	picked := map[string]string{}
	for _, l := range labels {
		text, id, _ := strings.Cut(l, "|")
		for _, zone := range []string{"Europe/London", "Europe/Berlin", "America/New_York"} {
			if strings.Contains(text, zone) && picked[zone] == "" && id != "" {
				picked[zone] = id
			}
		}
	}
	if len(picked) != 3 {
		t.Fatalf("could not find peers in three zones among %d people: %v", len(labels), picked)
	}
	actions := []chromedp.Action[chromedp.Void]{
		chromedp.SendKeys(chromedp.CSS("#g-name"), "Three-zone review circle"),
		chromedp.SetValue(chromedp.CSS("#g-template"), "call_review_circle"),
	}
	for _, id := range picked {
		actions = append(actions, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#new-group input[name="members"][value="%s"]`, id))))
	}
	actions = append(actions,
		chromedp.Click(chromedp.CSS(`#new-group button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#slots")),
	)
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("start the circle: %v", err)
	}
	Screenshot(t, ctx, "rituals-slots")
	if h1 := text(t, ctx, "h1"); h1 != "Three-zone review circle" {
		t.Errorf("group heading %q", h1)
	}
	summary := text(t, ctx, "#slot-summary")
	if strings.Contains(summary, "No slot") || count(t, ctx, "#slots li.slot") == 0 {
		t.Fatalf("no slot for London, Berlin, Madrid and New York: %q", summary)
	}

	// Accept the best slot: the series is set and the sessions appear.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#slots li.slot button.accept-slot")),
		chromedp.WaitVisible(chromedp.CSS("#series")),
	)
	if err != nil {
		t.Fatalf("accept a slot: %v", err)
	}
	if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "Schedule saved") {
		t.Errorf("notice after accepting: %q", notice)
	}
	if series := text(t, ctx, "#series"); !strings.Contains(series, "every 2 weeks") {
		t.Errorf("series %q", series)
	}
	if n := count(t, ctx, "#upcoming tr.upcoming"); n < 2 {
		t.Fatalf("%d upcoming sessions, want at least 2", n)
	}

	// The run sheet of the first session.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#upcoming tr.upcoming a")),
		chromedp.WaitVisible(chromedp.CSS("#agenda")),
	)
	if err != nil {
		t.Fatalf("open the run sheet: %v", err)
	}
	agenda := text(t, ctx, "#agenda")
	for _, want := range []string{"Open commitments since last time", "Win review", "observations first", "Commitments before the next meeting", "min"} {
		if !strings.Contains(agenda, want) {
			t.Errorf("run sheet lacks %q:\n%s", want, agenda)
		}
	}
	if n := count(t, ctx, "#agenda li.agenda-item"); n != 5 {
		t.Errorf("%d agenda items, want 5", n)
	}
	Screenshot(t, ctx, "rituals-run-sheet")

	// Start it: the elapsed time runs without inline script.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#start")),
		chromedp.WaitVisible(chromedp.CSS("#elapsed")),
	)
	if err != nil {
		t.Fatalf("start the session: %v", err)
	}
	waitForText(t, ctx, "#elapsed", "Elapsed 0:")

	// Commit before the next meeting.
	const promise = "Fifteen discovery calls with a quantified pain"
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#c-text"), promise),
		chromedp.SendKeys(chromedp.CSS("#c-target"), "15"),
		chromedp.Click(chromedp.CSS("#commit-button")),
		chromedp.WaitVisible(chromedp.CSS("#made")),
	)
	if err != nil {
		t.Fatalf("commit: %v", err)
	}
	if made := text(t, ctx, "#made"); !strings.Contains(made, promise) {
		t.Errorf("the commitment is not listed: %q", made)
	}

	// The next occurrence opens with it.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#next")),
		chromedp.WaitVisible(chromedp.CSS("#review")),
	)
	if err != nil {
		t.Fatalf("open the next session: %v", err)
	}
	if review := text(t, ctx, "#review"); !strings.Contains(review, promise) || !strings.Contains(review, "Ana Navarro") {
		t.Errorf("the next agenda opens with %q", review)
	}
	Screenshot(t, ctx, "rituals-next-agenda")
}
