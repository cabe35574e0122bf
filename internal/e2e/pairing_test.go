package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestProposeDropAndPublishPairs runs a pairing round as Ana, a coach and
// administrator of the demo: she asks for pairs for her team with a focus
// on objection handling, reads the proposals and their reasons, drops one
// pair, publishes the rest and finds the round in the history.
func TestProposeDropAndPublishPairs(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in with the printed credentials: %v", err)
	}

	// The form starts on Ana's own team, EMEA Enterprise.
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/pairing"),
		chromedp.WaitVisible(chromedp.CSS("#propose")),
	)
	if err != nil {
		t.Fatalf("open /pairing: %v", err)
	}
	if scope := selectedText(t, ctx, "#scope"); scope != "Team EMEA Enterprise" {
		t.Errorf("the scope starts at %q, want Ana's team", scope)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#propose input[name="focus"][value="objection_handling"]`)),
		chromedp.Click(chromedp.CSS(`#propose button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#proposals")),
	)
	if err != nil {
		t.Fatalf("propose pairs: %v", err)
	}
	Screenshot(t, ctx, "pairing-proposals")
	if h1 := text(t, ctx, "h1"); h1 != "Pairs for team EMEA Enterprise" {
		t.Errorf("round heading %q", h1)
	}
	totals := text(t, ctx, "#totals")
	for _, want := range []string{"optimal", "greedy", "random"} {
		if !strings.Contains(totals, want) {
			t.Errorf("totals %q lack %q", totals, want)
		}
	}
	proposals := strings.Join(strings.Fields(text(t, ctx, "#proposals")), " ")
	for _, want := range []string{"below the team median on objection handling", "of shared working hours", "never paired"} {
		if !strings.Contains(proposals, want) {
			t.Errorf("proposals lack %q:\n%s", want, proposals)
		}
	}
	pairs := count(t, ctx, "#proposals tr.pair")
	if pairs < 4 {
		t.Fatalf("%d pairs proposed for a team of 12 peers, want at least 4", pairs)
	}

	// Drop the first pair: it stays listed, marked dropped.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#proposals tr.pair button.drop")),
		chromedp.WaitVisible(chromedp.CSS("#proposals tr.pair.dropped")),
	)
	if err != nil {
		t.Fatalf("drop a pair: %v", err)
	}
	if n := count(t, ctx, "#proposals tr.pair.dropped"); n != 1 {
		t.Errorf("%d pairs dropped, want 1", n)
	}
	if notice := text(t, ctx, ".notice"); !strings.Contains(notice, "Pair dropped") {
		t.Errorf("notice after dropping: %q", notice)
	}

	// Publish: the page turns read-only.
	// The page before publishing has a notice too: wait for the button to
	// go, which only the published page does.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#publish")),
		chromedp.WaitNotPresent(chromedp.CSS("#publish")),
		chromedp.WaitVisible(chromedp.CSS("p.lead")),
	)
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	Screenshot(t, ctx, "pairing-published")
	if lead := text(t, ctx, "p.lead"); !strings.Contains(lead, "published") {
		t.Errorf("round lead after publishing %q", lead)
	}
	if n := count(t, ctx, "#publish, button.drop"); n != 0 {
		t.Errorf("a published round still offers %d edit buttons", n)
	}

	// The history lists the published round.
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/pairing"), chromedp.WaitVisible(chromedp.CSS("#history table"))); err != nil {
		t.Fatalf("open history: %v", err)
	}
	history := strings.Join(strings.Fields(text(t, ctx, "#history")), " ")
	if !strings.Contains(history, "team EMEA Enterprise") || !strings.Contains(history, "published") {
		t.Errorf("history lacks the published round:\n%s", history)
	}
}

// count returns how many elements match a CSS selector.
func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+quoteJS(sel)+`).length`))
	if err != nil {
		t.Fatalf("count %s: %v", sel, err)
	}
	return n
}

// selectedText returns the label of a select's chosen option.
func selectedText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function(s){return s.options[s.selectedIndex].text})(document.querySelector(`+quoteJS(sel)+`))`))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// quoteJS writes s as a single-quoted JavaScript string literal.
func quoteJS(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
