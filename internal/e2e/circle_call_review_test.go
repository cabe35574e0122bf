package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestSpotlightedCallGoesToTheCircleRubric is the call review circle's
// flow from the run sheet into the rubric: Ana spotlights one of her calls
// in the next session of her circle, follows "ask the circle to score it",
// finds the request form with that call and that circle already chosen,
// and asks; the request goes to the circle.
func TestSpotlightedCallGoesToTheCircleRubric(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/sessions"), chromedp.WaitVisible(chromedp.CSS("#my-groups"))); err != nil {
		t.Fatalf("open /sessions: %v", err)
	}
	group := evaluate[string](t, ctx, `(Array.from(document.querySelectorAll('#my-groups a')).find(a => a.textContent === 'EMEA call review circle') || {}).href || ''`)
	if group == "" {
		t.Fatal("the demo's call review circle is not among Ana's groups")
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(group),
		chromedp.WaitVisible(chromedp.CSS("#upcoming tr.upcoming a")),
		chromedp.Click(chromedp.CSS("#upcoming tr.upcoming a")),
		chromedp.WaitVisible(chromedp.CSS("#bring-call")),
	)
	if err != nil {
		t.Fatalf("open the next session: %v", err)
	}
	call := evaluate[string](t, ctx, `document.querySelector('#bring-call select[name="call_id"]').value`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#bring-call button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("a.circle-review")),
		chromedp.Click(chromedp.CSS("a.circle-review")),
		chromedp.WaitVisible(chromedp.CSS("#fr-title")),
	)
	if err != nil {
		t.Fatalf("spotlight a call and follow the link: %v", err)
	}
	if got := evaluate[string](t, ctx, `document.querySelector('#fr-call').value`); got != call {
		t.Errorf("the form chose call %q, want the spotlighted %q", got, call)
	}
	circle := evaluate[string](t, ctx, `document.querySelector('#fr-circle').selectedOptions[0].text`)
	if circle != "EMEA call review circle" {
		t.Errorf("the form chose the circle %q", circle)
	}
	due := time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")
	evaluate[bool](t, ctx, `(function(){
			var r = document.querySelector('#fr-rubric');
			r.value = Array.from(r.options).find(o => o.text.indexOf('Discovery') === 0).value;
			document.querySelector('#fr-due').value = `+jsString(due)+`;
			return true })()`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/feedback/requests"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#circle")),
	)
	if err != nil {
		t.Fatalf("ask the circle: %v", err)
	}
	if c := text(t, ctx, "#circle"); !strings.Contains(c, "EMEA call review circle") {
		t.Errorf("the request names its circle as %q", c)
	}
	noFormatErrors(t, ctx)
}
