package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"huddle/internal/demo"
)

// TestSkillSwapCheatSheetSurveyAndParticipation runs the demo's skill swap
// as Ana: she volunteers to teach two skills, writes a cheat sheet in
// Markdown (its heading and list render; a script tag in it does not run
// and is not in the page), answers the confidence survey before the
// session and after it, and sees her own answers but no average while
// hers is the only answer (it would be hers). Then Sofia,
// the EMEA manager, opens the participation page and sees counts — and
// none of the content.
func TestSkillSwapCheatSheetSurveyAndParticipation(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in: %v", err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/sessions"),
		chromedp.WaitVisible(chromedp.CSS("#my-groups")),
	)
	if err != nil {
		t.Fatalf("open /sessions: %v", err)
	}
	group := evaluate[string](t, ctx, `(Array.from(document.querySelectorAll('#my-groups a')).find(a => a.textContent === 'EMEA skill swap') || {}).href || ''`)
	if group == "" {
		t.Fatal("the demo's skill swap is not among Ana's groups")
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(group),
		chromedp.WaitVisible(chromedp.CSS("#upcoming tr.upcoming a")),
		chromedp.Click(chromedp.CSS("#upcoming tr.upcoming a")),
		chromedp.WaitVisible(chromedp.CSS("#swap-form")),
	)
	if err != nil {
		t.Fatalf("open the next skill swap: %v", err)
	}

	// Ana volunteers to teach two skills.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#sw-skills"), "Objection handling\nClosing questions"),
		chromedp.Click(chromedp.CSS(`#swap-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#teacher")),
	)
	if err != nil {
		t.Fatalf("name the teacher: %v", err)
	}
	if teacher := text(t, ctx, "#teacher"); teacher != "Ana Navarro" {
		t.Errorf("teacher %q", teacher)
	}

	// The cheat sheet: Markdown renders; a script does not.
	const sheet = "## Handling price\n\n- Acknowledge first\n- Reframe on the cost of delay\n\n<script>document.title = 'owned'</script>\n\n[x](javascript:document.title='owned')"
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#sheet"), sheet),
		chromedp.Click(chromedp.CSS("#sheet-save")),
		chromedp.WaitVisible(chromedp.CSS("#cheat-sheet h2")),
	)
	waitForNotice(t, ctx, "Cheat sheet saved")
	if err != nil {
		t.Fatalf("write the cheat sheet: %v", err)
	}
	if h := text(t, ctx, "#cheat-sheet h2"); h != "Handling price" {
		t.Errorf("cheat sheet heading %q", h)
	}
	if n := count(t, ctx, "#cheat-sheet li"); n != 2 {
		t.Errorf("%d list items in the cheat sheet, want 2", n)
	}
	if n := count(t, ctx, "#cheat-sheet script, #cheat-sheet a[href^='javascript']"); n != 0 {
		t.Errorf("%d script elements or script links in the cheat sheet", n)
	}
	if title := evaluate[string](t, ctx, "document.title"); strings.Contains(title, "owned") {
		t.Fatalf("the cheat sheet ran script: title %q", title)
	}
	Screenshot(t, ctx, "skill-swap-cheat-sheet")

	// Before the session: 2 and 3.
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#score-0"), "2"),
		chromedp.SetValue(chromedp.CSS("#score-1"), "3"),
		chromedp.Click(chromedp.CSS("#survey-save")),
	)
	if err != nil {
		t.Fatalf("answer before: %v", err)
	}
	waitForNotice(t, ctx, "your answers are saved")
	// Ana's is the only answer: no average, which would be hers (or, with
	// one more, the other member's); her own answer shows as hers.
	if avg := text(t, ctx, "#survey tr.survey-row:first-child td.avg"); avg != "— → —" {
		t.Errorf("average before the session %q", avg)
	}
	if mine := text(t, ctx, "#survey tr.survey-row:first-child td:last-child"); mine != "2 → —" {
		t.Errorf("Ana's answer before the session %q", mine)
	}

	// Start the session; after it: 4.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#start")), chromedp.WaitVisible(chromedp.CSS("#elapsed"))); err != nil {
		t.Fatalf("start the session: %v", err)
	}
	waitForNotice(t, ctx, "Session started")
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#score-0"), "4"),
		chromedp.Click(chromedp.CSS("#survey-save")),
	)
	if err != nil {
		t.Fatalf("answer after: %v", err)
	}
	waitForNotice(t, ctx, "your answers are saved")
	if avg := text(t, ctx, "#survey tr.survey-row:first-child td.avg"); avg != "— → —" {
		t.Errorf("averages before → after %q", avg)
	}
	if mine := text(t, ctx, "#survey tr.survey-row:first-child td:last-child"); mine != "2 → 4" {
		t.Errorf("Ana's answers before → after %q", mine)
	}
	Screenshot(t, ctx, "skill-swap-survey")

	// Sofia, who manages EMEA, sees counts and rates only.
	signOut(t, ctx)
	if err := SignIn(ctx, d.URL, "sofia.marchetti@"+demo.Domain, d.Password); err != nil {
		t.Fatalf("sign in as the manager: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/sessions"),
		chromedp.Click(chromedp.CSS("#participation-link")),
		chromedp.WaitVisible(chromedp.CSS("#people")),
	)
	if err != nil {
		t.Fatalf("open participation: %v", err)
	}
	if teams := text(t, ctx, "#teams"); !strings.Contains(teams, "EMEA Enterprise") {
		t.Errorf("teams: %q", teams)
	}
	row := evaluate[string](t, ctx, `Array.from(document.querySelectorAll('#people tr.person-row')).map(r => r.textContent).find(s => s.includes('Ana Navarro')) || ''`)
	if !strings.Contains(row, "Ana Navarro") || !strings.Contains(row, "%") {
		t.Errorf("Ana's row: %q", row)
	}
	if n := count(t, ctx, "#groups tr.group-row"); n == 0 {
		t.Error("no group rows")
	}
	page := text(t, ctx, "main")
	for _, content := range []string{"Handling price", "Acknowledge first", "Objection handling", "prospecting calls", "Northwind", "blocker"} {
		if strings.Contains(page, content) {
			t.Errorf("the participation page shows %q", content)
		}
	}
	Screenshot(t, ctx, "participation")
}

// waitForNotice polls until the page's notice says want; reading while
// the browser is between pages fails and is retried.
func waitForNotice(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('.notice') || {}).textContent || ''`))
		if err == nil && strings.Contains(s, want) {
			return
		}
		got = s
	}
	t.Fatalf("the notice never said %q; last: %q", want, got)
}
