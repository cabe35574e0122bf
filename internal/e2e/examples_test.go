package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"huddle/internal/demo"
)

// ownerOfDemoCall is the person who brought a demo call, with seed 1.
func ownerOfDemoCall(t *testing.T, file string) demo.Member {
	t.Helper()
	for _, dc := range demo.DemoCalls() {
		if dc.File == file {
			m, err := dc.Owner(demo.People(1))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("no demo call %s", file)
	return demo.Member{}
}

// TestExampleOfGreatWithConsent: Ana proposes a moment of her private
// pricing call as an example of objection handling (shown at once: it is
// her call) and consents to a teammate's proposal of a moment of her
// discovery call. A rep of another team then reads both excerpts on the
// rubric pages — the note, Ana's name, the excerpt — with no way into the
// calls themselves.
func TestExampleOfGreatWithConsent(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	const note = "Browser test: asks what the budget concern is really about before answering."
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	// From a teachable moment of her private call to the proposal form.
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/calls?owner=me&q=commercials"),
		chromedp.Click(chromedp.CSS(`#call-list a[href^="/calls/"]`)),
		chromedp.WaitVisible(chromedp.CSS("#moments")),
	)
	if err != nil {
		t.Fatalf("open Ana's pricing call: %v", err)
	}
	callURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	callPath := strings.TrimPrefix(callURL, d.URL)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#moments a.propose-example")),
		chromedp.WaitVisible(chromedp.CSS("#propose")),
	)
	if err != nil {
		t.Fatalf("open the proposal form: %v", err)
	}
	if start := attr(t, ctx, "#ex-start", "value"); start == "" {
		t.Fatal("the moment's start is not filled in")
	}
	evaluate[bool](t, ctx, `(function(){
		var s = document.querySelector('#ex-criterion');
		s.value = Array.from(s.querySelectorAll('optgroup[label="Objection handling"] option')).find(o => o.text.indexOf('Clarifies') === 0).value;
		return true })()`)
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#ex-note"), note),
		chromedp.Click(chromedp.CSS("#propose-submit")),
		chromedp.WaitVisible(chromedp.CSS("#examples-clarify")),
	)
	if err != nil {
		t.Fatalf("propose: %v", err)
	}
	objectionRubric, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	excerpt := evaluate[string](t, ctx, `(function(){
		var li = Array.from(document.querySelectorAll('#examples li[id^="example-"]')).find(l => l.textContent.indexOf(`+jsString(note)+`) >= 0);
		return li ? li.querySelector('.excerpt').textContent.trim() : '' })()`)
	if excerpt == "" {
		t.Fatalf("Ana's own example is not shown on %s", objectionRubric)
	}
	noFormatErrors(t, ctx)

	// The teammate's proposal waits for her consent; she gives it.
	err = chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/feedback/examples"),
		chromedp.WaitVisible(chromedp.CSS("#awaiting")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#awaiting"); !strings.Contains(got, "What happened that quarter?") {
		t.Fatalf("awaiting Ana's consent: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#awaiting button[id^="approve-"]`))); err != nil {
		t.Fatalf("consent: %v", err)
	}
	waitText(t, ctx, "main", "Shown on the rubric page.")
	Screenshot(t, ctx, "examples-mine")
	if got := text(t, ctx, "#shared"); !strings.Contains(got, "What happened that quarter?") {
		t.Errorf("shown from Ana's calls: %q", got)
	}
	discoveryRubric := d.URL + evaluate[string](t, ctx, `(function(){
		var li = Array.from(document.querySelectorAll('#shared li')).find(l => l.textContent.indexOf('What happened that quarter?') >= 0);
		return li ? li.querySelector('a[href^="/feedback/rubrics/"]').getAttribute('href') : '' })()`)
	signOut(t, ctx)

	// A rep of another team sees both excerpts, not the calls.
	kwame := ownerOfDemoCall(t, "02-discovery-brightline-dental.vtt")
	if err := SignIn(ctx, d.URL, kwame.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(objectionRubric), chromedp.WaitVisible(chromedp.CSS("#examples"))); err != nil {
		t.Fatal(err)
	}
	Screenshot(t, ctx, "examples-rubric-for-another-team")
	page := text(t, ctx, "#examples")
	for _, want := range []string{note, excerpt[:min(len(excerpt), 60)], "Ana Navarro"} {
		if !strings.Contains(page, want) {
			t.Errorf("the objection-handling rubric lacks %q for %s", want, kwame.Name)
		}
	}
	if n := count(t, ctx, `#examples a[href="`+callPath+`"]`); n != 0 {
		t.Errorf("%s gets %d links to Ana's private call", kwame.Name, n)
	}
	if n := count(t, ctx, `#examples audio`); n != 0 {
		t.Errorf("%s gets %d audio players", kwame.Name, n)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(discoveryRubric), chromedp.WaitVisible(chromedp.CSS("#examples"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#examples-pain_consequence ~ ul"); !strings.Contains(got, "What happened that quarter?") {
		t.Errorf("the consented discovery example is not shown: %q", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(callURL), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "main"); strings.Contains(got, "Transcript") || !strings.Contains(strings.ToLower(got), "not found") {
		t.Errorf("%s opens Ana's private call: %q", kwame.Name, got[:min(len(got), 300)])
	}
}
