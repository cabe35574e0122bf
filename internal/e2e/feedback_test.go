package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huddle/internal/demo"
	"huddle/internal/domain"
)

// peerOfAna is an EMEA teammate of Ana whom the demo's own feedback does
// not involve: the last rep of her team by name.
func peerOfAna(t *testing.T) demo.Member {
	t.Helper()
	var mates []demo.Member
	for _, m := range demo.People(1) {
		if m.Team == "EMEA Enterprise" && m.Email != demo.SignInEmail && !m.Roles.Has(domain.RoleManager) {
			mates = append(mates, m)
		}
	}
	if len(mates) < 4 {
		t.Fatalf("only %d EMEA teammates", len(mates))
	}
	slices.SortFunc(mates, func(a, b demo.Member) int { return strings.Compare(a.Name, b.Name) })
	return mates[len(mates)-1]
}

// signOut ends the browser's session.
func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.me form button`)), chromedp.WaitVisible(chromedp.CSS("#email"))); err != nil {
		t.Fatalf("sign out: %v", err)
	}
}

// TestFeedbackRequestToHelpfulness: Ana asks a teammate for feedback on
// her discovery call; the teammate accepts, adds a remark at a moment of
// the call and writes observations (autosaved), then recommendations; Ana
// reads the observations first, the remark with them and next to its line
// of the transcript — the recommendations stay hidden until she says she
// has read them — and rates the review's helpfulness, which the teammate
// then sees, charted month by month.
func TestFeedbackRequestToHelpfulness(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	peer := peerOfAna(t)
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	peerZone, err := time.LoadLocation(peer.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	due := time.Now().In(madrid).Add(48 * time.Hour).Truncate(time.Minute)
	const (
		title  = "Browser test — Halden discovery call"
		high   = "You open with her problem, not our product."
		imp    = "The ask at the end is vague."
		rec    = "End with one question she can answer in a single line."
		remark = "Here the price came up before the pain had a number."
	)

	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/feedback"),
		chromedp.WaitVisible(chromedp.CSS("#asked")),
		chromedp.Click(chromedp.CSS("#ask > summary")),
		chromedp.WaitVisible(chromedp.CSS("#fr-title")),
		chromedp.SendKeys(chromedp.CSS("#fr-title"), title),
		chromedp.Click(chromedp.CSS(`input[name="subject"][value="call"]`)),
	)
	if err != nil {
		t.Fatalf("fill in the request: %v", err)
	}
	evaluate[bool](t, ctx, `(function(){
			var r = document.querySelector('#fr-rubric');
			r.value = Array.from(r.options).find(o => o.text.indexOf('Discovery') === 0).value;
			var c = document.querySelector('#fr-call');
			c.value = Array.from(c.options).find(o => o.text.indexOf('Halden Logistics — discovery') === 0).value;
			Array.from(document.querySelector('#fr-invitees').options).forEach(o => { o.selected = o.text === `+jsString(peer.Name)+` });
			document.querySelector('#fr-due').value = `+jsString(due.Format("2006-01-02T15:04"))+`;
			return true })()`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/feedback/requests"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#progress")),
	)
	if err != nil {
		t.Fatalf("ask for feedback: %v", err)
	}
	requestURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text(t, ctx, "#due"), due.Format("Mon 2 Jan 2006, 15:04 MST"); got != want {
		t.Errorf("Ana sees the due time %q, want %q (Madrid)", got, want)
	}
	if p := text(t, ctx, "#progress"); !strings.Contains(p, peer.Name+" — pending") {
		t.Errorf("progress %q", p)
	}
	signOut(t, ctx)

	// The peer accepts and writes observations; the draft saves itself.
	if err := SignIn(ctx, d.URL, peer.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(requestURL),
		chromedp.WaitVisible(chromedp.CSS("#accept")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := text(t, ctx, "#due"), due.In(peerZone).Format("Mon 2 Jan 2006, 15:04 MST"); got != want {
		t.Errorf("the peer sees the due time %q, want %q (%s)", got, want, peer.TimeZone)
	}
	// A remark at 1:05 of the call, marked as something to work on; htmx
	// swaps the remarks in place.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#accept")),
		chromedp.WaitVisible(chromedp.CSS("#remark-form")),
		chromedp.SetValue(chromedp.CSS("#remark-at"), "1:05"),
		chromedp.Click(chromedp.CSS("#remark-improvement")),
		chromedp.SendKeys(chromedp.CSS("#remark-note"), remark),
		chromedp.Click(chromedp.CSS("#add-remark")),
	)
	if err != nil {
		t.Fatalf("add a remark: %v", err)
	}
	waitText(t, ctx, "#my-remarks", remark)
	Screenshot(t, ctx, "feedback-remarks")
	if got := text(t, ctx, "#my-remarks"); !strings.Contains(got, "1:05") || !strings.Contains(got, "To work on") {
		t.Errorf("the peer's remarks: %q", got)
	}
	if line := text(t, ctx, "#transcript .cue-remarks"); !strings.Contains(line, remark) || !strings.Contains(line, "You") {
		t.Errorf("the new remark is not next to its line of the transcript: %q", line)
	}
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("#observations-form")),
		chromedp.Click(chromedp.CSS(`#observations-form fieldset.criterion input[type="radio"][value="4"]`)),
		chromedp.SendKeys(chromedp.CSS("#highlights"), high),
		chromedp.SendKeys(chromedp.CSS("#improvements"), imp),
		chromedp.Click(chromedp.CSS("h1")), // leave the field: change fires, htmx autosaves
	)
	if err != nil {
		t.Fatalf("write observations: %v", err)
	}
	waitText(t, ctx, "#draft-status", "Draft saved")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#submit-observations")),
		chromedp.WaitVisible(chromedp.CSS("#recommendations-form")),
		chromedp.SendKeys(chromedp.CSS("#recommendations"), rec),
		chromedp.Click(chromedp.CSS("#submit-recommendations")),
		chromedp.WaitVisible(chromedp.CSS("span.recommendation")),
	)
	if err != nil {
		t.Fatalf("submit the review: %v", err)
	}
	if mine := text(t, ctx, "#my-review"); !strings.Contains(mine, high) || !strings.Contains(mine, rec) || !strings.Contains(mine, "4/5") {
		t.Errorf("the peer's submitted review:\n%s", mine)
	}
	signOut(t, ctx)

	// Ana reads the observations first.
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(requestURL), chromedp.WaitVisible(chromedp.CSS("#reviews"))); err != nil {
		t.Fatal(err)
	}
	page := text(t, ctx, "main")
	if !strings.Contains(page, high) || !strings.Contains(page, imp) {
		t.Errorf("the observations are missing:\n%s", page)
	}
	if strings.Contains(page, rec) {
		t.Error("the recommendations show before Ana said she read the observations")
	}
	if obs := text(t, ctx, "#reviews .remarks"); !strings.Contains(obs, "1:05") || !strings.Contains(obs, remark) || !strings.Contains(obs, "To work on") {
		t.Errorf("the remark is not with the observations: %q", obs)
	}
	if line := text(t, ctx, "#transcript .cue-remarks"); !strings.Contains(line, remark) || !strings.Contains(line, peer.Name) {
		t.Errorf("the remark is not next to its line of the transcript: %q", line)
	}
	// Its time jumps to the line of the transcript.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#reviews .remark-time"))); err != nil {
		t.Fatal(err)
	}
	if ok := evaluate[bool](t, ctx, `(function(){ var l = document.querySelector(location.hash);
			return !!l && l.closest('#transcript') !== null && l.textContent.indexOf(`+jsString(remark)+`) >= 0 })()`); !ok {
		t.Errorf("the remark's time does not lead to its transcript line (%s)", evaluate[string](t, ctx, `location.hash`))
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll('#recommendations').length`); n != 0 {
		t.Error("the recommendations section is on the page before the acknowledgement")
	}
	Screenshot(t, ctx, "feedback-observations")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#ack")),
		chromedp.WaitVisible(chromedp.CSS("#recommendations")),
	)
	if err != nil {
		t.Fatalf("acknowledge: %v", err)
	}
	if recs := text(t, ctx, "#recommendations"); !strings.Contains(recs, rec) || !strings.Contains(recs, peer.Name) {
		t.Errorf("recommendations after the acknowledgement:\n%s", recs)
	}
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#recommendations select[name="helpfulness"]`), "5"),
		chromedp.SendKeys(chromedp.CSS(`#recommendations input[name="note"]`), "Exactly what I needed"),
		chromedp.Click(chromedp.CSS(`#recommendations form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#recommendations .rated")),
	)
	if err != nil {
		t.Fatalf("rate the review: %v", err)
	}
	if r := text(t, ctx, "#recommendations .rated"); r != "You rated it 5/5." {
		t.Errorf("rating shown as %q", r)
	}
	noFormatErrors(t, ctx)
	signOut(t, ctx)

	// The peer sees their helpfulness.
	if err := SignIn(ctx, d.URL, peer.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/feedback"), chromedp.WaitVisible(chromedp.CSS("#helpfulness"))); err != nil {
		t.Fatal(err)
	}
	if h := text(t, ctx, "#helpfulness"); !strings.Contains(h, "5.0 out of 5, from 1 rated review") {
		t.Errorf("the peer's helpfulness: %q", h)
	}
	month := time.Now().In(peerZone).Format("January 2006")
	if n := evaluate[int](t, ctx, `document.querySelectorAll('#helpfulness-chart rect.bar').length`); n != 1 {
		t.Errorf("the helpfulness chart has %d bars, want this month's only", n)
	}
	Screenshot(t, ctx, "feedback-helpfulness")
	if rows := evaluate[string](t, ctx, `document.querySelector('#helpfulness-months').textContent`); !strings.Contains(rows, month) {
		t.Errorf("the monthly figures lack %s: %q", month, rows)
	}
}

// waitText waits up to ten seconds for the element's text to contain want.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := evaluate[string](t, ctx, `(document.querySelector(`+jsString(sel)+`) || {textContent: ''}).textContent`)
		if strings.Contains(got, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s says %q, want %q", sel, got, want)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
