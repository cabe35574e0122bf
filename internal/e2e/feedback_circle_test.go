package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huddle/internal/demo"
)

// TestCircleFeedbackOnADealShowsTheSpread: Ana asks her call review circle
// for feedback on a deal; two members accept and score it far apart; the
// second sees the first's observations only after submitting their own;
// Ana then sees the calibration flag the criteria they disagree on and the
// spread of their totals in points.
func TestCircleFeedbackOnADealShowsTheSpread(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	const (
		blocker = "Browser test: the CFO has not been met"
		first   = "Browser test: the champion is strong."
		second  = "Browser test: no economic buyer yet."
	)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	due := time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/feedback"),
		chromedp.WaitVisible(chromedp.CSS("#asked")),
		chromedp.Click(chromedp.CSS("#ask > summary")),
		chromedp.WaitVisible(chromedp.CSS("#fr-title")),
		chromedp.Click(chromedp.CSS("#fr-subject-deal")),
		chromedp.SendKeys(chromedp.CSS("#fr-deal-name"), "Browser test — Halden rollout"),
		chromedp.SendKeys(chromedp.CSS("#fr-deal-stage"), "Proposal"),
		chromedp.SendKeys(chromedp.CSS("#fr-deal-amount"), "48000"),
		chromedp.SendKeys(chromedp.CSS("#fr-deal-currency"), "EUR"),
		chromedp.SetValue(chromedp.CSS("#fr-deal-close"), "2026-12-15"),
		chromedp.SendKeys(chromedp.CSS("#fr-deal-blocker"), blocker),
	)
	if err != nil {
		t.Fatalf("describe the deal: %v", err)
	}
	evaluate[bool](t, ctx, `(function(){
			var r = document.querySelector('#fr-rubric');
			r.value = Array.from(r.options).find(o => o.text.indexOf('Discovery') === 0).value;
			var c = document.querySelector('#fr-circle');
			c.value = Array.from(c.options).find(o => o.text.indexOf('call review circle') >= 0).value;
			document.querySelector('#fr-due').value = `+jsString(due)+`;
			return true })()`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/feedback/requests"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#progress")),
	)
	if err != nil {
		t.Fatalf("ask the circle: %v", err)
	}
	requestURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if c := text(t, ctx, "#circle"); !strings.Contains(c, "call review circle") {
		t.Errorf("the request names its circle as %q", c)
	}
	names := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll('#progress li')).map(li => li.textContent.split(' — ')[0].trim())`)
	if len(names) < 2 {
		t.Fatalf("the circle request invited %v", names)
	}
	signOut(t, ctx)

	// Two members score it far apart: 5 and 1 on the first criterion.
	review(t, ctx, d, requestURL, memberEmail(t, names[0]), 5, first, "")
	review(t, ctx, d, requestURL, memberEmail(t, names[1]), 1, second, first)

	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(requestURL), chromedp.WaitVisible(chromedp.CSS("#calibration"))); err != nil {
		t.Fatalf("Ana's calibration: %v", err)
	}
	cal := text(t, ctx, "#calibration")
	if !strings.Contains(cal, "1 · 5") || !strings.Contains(cal, "reviewers disagree") || !strings.Contains(cal, "100 points") {
		t.Errorf("Ana's calibration:\n%s", cal)
	}
	Screenshot(t, ctx, "feedback-calibration")
	noFormatErrors(t, ctx)
}

// memberEmail finds a demo person's e-mail by name.
func memberEmail(t *testing.T, name string) string {
	t.Helper()
	for _, m := range demo.People(1) {
		if m.Name == name {
			return m.Email
		}
	}
	t.Fatalf("no demo person called %q", name)
	return ""
}

// review signs in as a circle member, checks the deal, accepts, scores
// the first criterion and submits observations; sees must (or, when "",
// nothing of the others' must) show only after they are in.
func review(t *testing.T, ctx context.Context, d *Demo, requestURL, email string, score int, highlight, sees string) {
	t.Helper()
	if err := SignIn(ctx, d.URL, email, d.Password); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(requestURL),
		chromedp.WaitVisible(chromedp.CSS("#deal")),
		chromedp.Click(chromedp.CSS("#accept")),
		chromedp.WaitVisible(chromedp.CSS("#observations-form")),
	)
	if err != nil {
		t.Fatalf("%s accepts: %v", email, err)
	}
	if sees != "" && strings.Contains(text(t, ctx, "main"), sees) {
		t.Errorf("%s sees another member's observations before writing their own", email)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#observations-form fieldset.criterion input[type="radio"][value="%d"]`, score))),
		chromedp.SendKeys(chromedp.CSS("#highlights"), highlight),
	)
	if err != nil {
		t.Fatalf("%s writes: %v", email, err)
	}
	waitText(t, ctx, "#draft-status", "Draft saved") // typing alone autosaves
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#submit-observations")),
		chromedp.WaitVisible(chromedp.CSS("#recommendations-form")),
	)
	if err != nil {
		t.Fatalf("%s submits: %v", email, err)
	}
	if sees != "" {
		if others := text(t, ctx, "#circle-reviews"); !strings.Contains(others, sees) {
			t.Errorf("%s does not see the other member's observations after their own:\n%s", email, others)
		}
	}
	signOut(t, ctx)
}
