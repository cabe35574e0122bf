package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// hrefOf returns the address of the first link whose text is name.
func hrefOf(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	href := evaluate[string](t, ctx, `(function(n){const a=[...document.querySelectorAll('a')].find(a=>a.textContent.trim()===n);return a?a.href:''})(`+quoteJS(name)+`)`)
	if href == "" {
		t.Fatalf("no link %q on the page", name)
	}
	return href
}

// TestSkillProfileAndHeatMap: Ana opens her skill profile, rates herself
// on a criterion and sees her self-assessment count go up; then her
// manager opens the team's heat map, sees numbers with their data points,
// and Ana's profile from there without any self-assessment.
func TestSkillProfileAndHeatMap(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	const row = `tr[id$="-pain_consequence"]:not(.rate-row)`
	const rate = `tr.rate-row[id$="-pain_consequence"]`
	const selfCount = row + ` li[data-source="self"] .source-count`

	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/feedback/profile"), chromedp.WaitVisible(chromedp.CSS(row))); err != nil {
		t.Fatalf("open the profile: %v", err)
	}
	before := strings.TrimSpace(text(t, ctx, selfCount))
	err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(rate+` select[name="score"]`), "4"),
		chromedp.Click(chromedp.CSS(rate+` form.rate button`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	)
	if err != nil {
		t.Fatalf("rate oneself: %v", err)
	}
	Screenshot(t, ctx, "skill-profile")
	notice, after := text(t, ctx, ".notice"), strings.TrimSpace(text(t, ctx, selfCount))
	if before != "3" || after != "4" || !strings.Contains(notice, "Rating saved") {
		t.Errorf("self-assessment points went from %q to %q (notice %q), want 3 to 4", before, after, notice)
	}

	signOut(t, ctx)
	if err := SignIn(ctx, d.URL, "sofia.marchetti@"+demoDomain(d.Email), d.Password); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/teams"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(hrefOf(t, ctx, "EMEA Enterprise")),
		chromedp.Click(chromedp.CSS(`a[href$="/skills"]`)),
		chromedp.WaitVisible(chromedp.CSS("#heatmap")),
	)
	if err != nil {
		t.Fatalf("open the heat map: %v", err)
	}
	Screenshot(t, ctx, "team-heat-map")
	table := text(t, ctx, "#heatmap")
	if filled := count(t, ctx, `#heatmap td.cell svg`); !strings.Contains(table, "Ana Navarro") || !strings.Contains(table, "n=") || filled < 10 {
		t.Errorf("heat map: %d filled cells; text %q", filled, table)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(hrefOf(t, ctx, "Ana Navarro")), chromedp.WaitVisible(chromedp.CSS("#team-view-note"))); err != nil {
		t.Fatalf("open Ana's profile from the heat map: %v", err)
	}
	if n := count(t, ctx, `[data-source="self"], select[name="score"]`); n != 0 || count(t, ctx, `[data-source="peer"]`) == 0 {
		t.Errorf("the manager's view of Ana shows %d self-assessment elements", n)
	}
}

// demoDomain is the e-mail domain of the demo organisation.
func demoDomain(email string) string { return email[strings.LastIndex(email, "@")+1:] }
