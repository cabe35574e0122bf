package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const newPeopleCSV = "Full Name,Email Address,Team,Manager Email,Roles,Region,Time Zone,Start Date,Working Hours\r\n" +
	"Zofia Brennan,zofia.brennan@demo.huddle.test,Browser Test Team,ana@demo.huddle.test,rep,EMEA,Europe/Warsaw,2026-10-01,08:00-16:00\r\n" +
	"Kwame Asante,kwame.asante@demo.huddle.test,Browser Test Team,ana@demo.huddle.test,\"rep,coach\",EMEA,Africa/Accra,2023-04-15,09:00-17:00\r\n"

// TestDemoSignInDirectoryAndRosterImport walks the foundation as a person
// would: start `huddle demo`, sign in with the printed credentials, search
// the people directory, import a roster through the admin page (preview,
// then apply) and find the new people in the directory.
func TestDemoSignInDirectoryAndRosterImport(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in with the printed credentials: %v", err)
	}

	// The directory lists the demo organisation; the live search narrows it.
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/people"), chromedp.WaitVisible(chromedp.CSS("#results table"))); err != nil {
		t.Fatalf("open people directory: %v", err)
	}
	count := text(t, ctx, "#results p.muted")
	Screenshot(t, ctx, "people")
	if !strings.Contains(count, "of 48") {
		t.Fatalf("directory says %q, want the 48 demo people", count)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#q"), "navarro")); err != nil {
		t.Fatal(err)
	}
	waitForText(t, ctx, "#results", "Showing 1–1 of 1")

	// Import two new people through the admin page.
	csv := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(csv, []byte(newPeopleCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/admin/roster"),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{csv}),
		chromedp.Click(chromedp.CSS(`form[action="/admin/roster/preview"] button`)),
		chromedp.WaitVisible(chromedp.CSS("#preview")),
	)
	if err != nil {
		t.Fatalf("preview roster: %v", err)
	}
	preview := text(t, ctx, "#preview")
	Screenshot(t, ctx, "roster-preview")
	for _, want := range []string{"Zofia Brennan", "Kwame Asante", "Browser Test Team", "2 new people"} {
		if !strings.Contains(strings.Join(strings.Fields(preview), " "), want) {
			t.Errorf("preview lacks %q:\n%s", want, preview)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#apply")), chromedp.WaitVisible(chromedp.CSS(".notice"))); err != nil {
		t.Fatalf("apply roster: %v", err)
	}

	// The new people are in the directory.
	err = chromedp.Do(ctx, chromedp.Navigate(d.URL+"/people?q=asante"), chromedp.WaitVisible(chromedp.CSS("#results table")))
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#results"); !strings.Contains(got, "Kwame Asante") || !strings.Contains(got, "Browser Test Team") {
		t.Fatalf("directory after import:\n%s", got)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err == nil {
		Screenshot(t, ctx, "home")
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// waitForText polls until the element's text contains want (htmx swaps the
// results in asynchronously).
func waitForText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	var got string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		got = text(t, ctx, sel)
		if strings.Contains(got, want) {
			return
		}
	}
	t.Fatalf("%s never showed %q; last text:\n%s", sel, want, got)
}
