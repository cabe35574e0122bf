package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
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

// vtt writes a WebVTT transcript with one "Speaker: text" cue per line,
// ten seconds apart: cue i runs from 10·i to 10·i+8 seconds.
func vtt(lines ...string) string {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i, l := range lines {
		fmt.Fprintf(&b, "%d\n00:%02d:%02d.000 --> 00:%02d:%02d.000\n%s\n\n", i+1, i*10/60, i*10%60, (i*10+8)/60, (i*10+8)%60, l)
	}
	return b.String()
}

// salesCall is a short discovery call: a price objection, the pricing
// tracker, a question or two; marker is woven into one cue.
func salesCall(marker string) string {
	return vtt(
		"Rita: Thanks for making the time today. What does your process look like?",
		"Buyer: We run it by hand. Honestly the last tool was too expensive for us.",
		"Rita: How did the pricing work out for you back then? "+marker,
		"Buyer: The price went up every year and nobody could explain why.",
		"Rita: I will send over a proposal and we can meet again next week.",
		"Buyer: Sounds good, talk then.",
	)
}

// integrationCall mentions the CRM (integration tracker) and raises no
// objection.
func integrationCall(marker string) string {
	return vtt(
		"Rita: Shall we look at how this fits your CRM? "+marker,
		"Buyer: Yes please, the integration is what matters most to us.",
		"Rita: What would a good week look like after the rollout?",
		"Buyer: Fewer spreadsheets, for a start.",
	)
}

// callForm is a multipart body with form fields (key, value pairs) and,
// when fileName is not empty, a file part named "file".
func callForm(fileName, content string, kv ...string) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for i := 0; i+1 < len(kv); i += 2 {
		_ = w.WriteField(kv[i], kv[i+1])
	}
	if fileName != "" {
		fw, _ := w.CreateFormFile("file", fileName)
		_, _ = fw.Write([]byte(content))
	}
	_ = w.Close()
	return b.String(), w.FormDataContentType()
}

// actorOf is the member as the service sees them.
func (f *fixture) actorOf(key string) service.Actor {
	m := f.members[key]
	return service.Actor{Org: m.Org, Person: m.Person}
}

// seedCall uploads a transcript as the member, through the service.
func (f *fixture) seedCall(t testing.TB, key, title string, vis domain.Visibility, shared []int64, occurred time.Time, content string) domain.Call {
	t.Helper()
	c, err := f.svc.UploadTranscript(context.Background(), f.actorOf(key), service.CallUpload{Title: title, FileName: "seed.vtt",
		Data: []byte(content), Visibility: vis, SharedWith: shared, OccurredAt: occurred, Rep: "Rita"})
	if err != nil {
		t.Fatalf("seed call %q: %v", title, err)
	}
	return c
}

// callState renders what a request might change about a call: its title,
// sharing and comments, or that it is gone.
func (f *fixture) callState(org domain.Org, id int64) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		ctx := context.Background()
		c, err := f.db.Call(ctx, org.ID, id)
		if err != nil {
			return "error: " + err.Error()
		}
		cms, err := f.db.Comments(ctx, org.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		sns, err := f.db.Snippets(ctx, org.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("title=%q visibility=%s shared=%v comments=%d snippets=%d", c.Title, c.Visibility, c.SharedWith, len(cms), len(sns))
	}
}

// runJobs runs background jobs until none is due.
func (f *fixture) runJobs(t testing.TB) int {
	t.Helper()
	n := 0
	for {
		ran, err := f.svc.RunDueJob(context.Background())
		if err != nil {
			t.Fatalf("run job: %v", err)
		}
		if !ran {
			return n
		}
		if n++; n > 100 {
			t.Fatal("jobs keep coming")
		}
	}
}

var snippetLocation = regexp.MustCompile(`^/snippets/[0-9]+$`)

// callScenarios covers every page and API route of the call library: the
// list with its filters, uploads good and bad, the call page, comments,
// sharing, snippets, deletion, retries, trackers and benchmarks — by the
// owner, by a peer who may see the call, by people who may not, and from
// another organisation. It seeds its calls when called and relies only on
// rep1A, rep2A, managerA, adminA, repB and adminB keeping their teams and
// roles, so it can run after the other scenarios on the same fixture.
func callScenarios(t *testing.T, f *fixture) []scenario {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(15 * time.Hour)
	}
	rep2, mgr, repB := f.id("rep2A"), f.id("managerA"), f.id("repB")
	kestrel := f.seedCall(t, "rep1A", "Kestrel discovery", domain.VisibilityPeers, []int64{rep2}, day("2026-02-10"), salesCall("kestrelcue"))
	osprey := f.seedCall(t, "rep1A", "Osprey renewal", domain.VisibilityPrivate, nil, day("2026-02-20"),
		vtt("Rita: Welcome back, ospreyearly.", "Buyer: Thanks.", "Rita: Let us talk about ospreyinside terms.",
			"Buyer: Fine by me.", "Rita: ospreylate wrap up and next steps.", "Buyer: Talk soon."))
	heron := f.seedCall(t, "rep1A", "Heron demo", domain.VisibilityTeam, nil, day("2026-01-15"), integrationCall("heroncue"))
	doomed := f.seedCall(t, "rep1A", "Doomed web call", domain.VisibilityPrivate, nil, day("2026-01-02"), integrationCall(""))
	doomedAPI := f.seedCall(t, "rep1A", "Doomed API call", domain.VisibilityPrivate, nil, day("2026-01-03"), integrationCall(""))
	condor := f.seedCall(t, "repB", "Condor pipeline review", domain.VisibilityTeam, nil, day("2026-02-11"), salesCall("condorcue"))
	ctx := context.Background()
	if _, err := f.svc.AddComment(ctx, f.actorOf("rep1A"), kestrel.ID, 0, 12, "Kestrel remark from the owner"); err != nil {
		t.Fatal(err)
	}
	// A snippet of the private call, 0:20–0:30, for rep2A only.
	snip, err := f.svc.CreateSnippet(ctx, f.actorOf("rep1A"), osprey.ID, "Osprey terms moment", 20, 30, []int64{rep2})
	if err != nil {
		t.Fatal(err)
	}

	callPath := func(c domain.Call, rest string) string { return fmt.Sprintf("/calls/%d%s", c.ID, rest) }
	apiPath := func(c domain.Call, rest string) string { return fmt.Sprintf("/api/v1/calls/%d%s", c.ID, rest) }
	snipPath := fmt.Sprintf("/snippets/%d", snip.ID)
	apiSnip := "/api/v1" + snipPath
	orgA := f.orgA
	ours := []string{"Kestrel", "Osprey", "Heron", "Doomed"}
	hidden := func(c domain.Call) []string {
		return []string{c.Title, "kestrelcue", "ospreyinside", "heroncue", "Kestrel remark"}
	}

	var cases []scenario
	add := func(c ...scenario) { cases = append(cases, c...) }
	jsonCase := func(c scenario, body string) scenario {
		c.body, c.ctype = body, jsonType
		return c
	}

	// The list shows exactly the calls one may see, and the filters narrow it.
	add(
		scenario{name: "calls: the owner lists all their calls", who: "cookie:rep1A", method: "GET", path: "/calls", status: 200,
			contains: []string{"Kestrel discovery", "Osprey renewal", "Heron demo", `id="call-list"`}, excludes: []string{"Condor"}},
		scenario{name: "calls: a named peer and team mate lists the shared ones only", who: "cookie:rep2A", method: "GET", path: "/calls",
			status: 200, contains: []string{"Kestrel discovery", "Heron demo", "Snippets shared with you", "Osprey terms moment"},
			excludes: []string{"Osprey renewal", "Doomed", "Condor"}},
		scenario{name: "calls: the team's manager sees none of them", who: "cookie:managerA", method: "GET", path: "/calls", status: 200,
			excludes: append(ours, "Condor", "Osprey terms")},
		scenario{name: "calls: an administrator sees none of them", who: "cookie:adminA", method: "GET", path: "/calls", status: 200,
			excludes: append(ours, "Condor")},
		scenario{name: "calls: org B sees only its own", who: "cookie:repB", method: "GET", path: "/calls", status: 200,
			contains: []string{"Condor pipeline review"}, excludes: ours},
		scenario{name: "calls: search by title", who: "cookie:rep2A", method: "GET", path: "/calls?q=KESTREL", status: 200,
			contains: []string{"Kestrel discovery"}, excludes: []string{"Heron demo"}},
		scenario{name: "calls: search cannot find a call one may not see", who: "cookie:rep2A", method: "GET", path: "/calls?q=osprey",
			status: 200, excludes: []string{"Osprey renewal", "call-list"}},
		scenario{name: "calls: owner=me lists one's own", who: "cookie:rep2A", method: "GET", path: "/calls?owner=me", status: 200,
			excludes: []string{"Kestrel discovery", "Heron demo"}},
		scenario{name: "calls: owner=me for the owner", who: "cookie:rep1A", method: "GET", path: "/calls?owner=me", status: 200,
			contains: []string{"Kestrel discovery", "Heron demo", "Osprey renewal"}},
		scenario{name: "calls: filtered by objection", who: "cookie:rep1A", method: "GET", path: "/calls?objection=price", status: 200,
			contains: []string{"Kestrel discovery"}, excludes: []string{"Heron demo"}},
		scenario{name: "calls: filtered by tracker", who: "cookie:rep1A", method: "GET", path: "/calls?tracker=integration", status: 200,
			contains: []string{"Heron demo"}, excludes: []string{"Kestrel discovery"}},
		scenario{name: "calls: filtered by the owner's team", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/calls?team=%d", f.teamA.ID),
			status: 200, contains: []string{"Kestrel discovery", "Heron demo"}},
		scenario{name: "calls: filtered by another team", who: "cookie:rep1A", method: "GET", path: fmt.Sprintf("/calls?team=%d", f.teamA2.ID),
			status: 200, excludes: []string{"Kestrel discovery", "Heron demo", "call-list"}},
		scenario{name: "calls: filtered by date", who: "cookie:rep1A", method: "GET", path: "/calls?from=2026-02-01&to=2026-02-15", status: 200,
			contains: []string{"Kestrel discovery"}, excludes: []string{"Heron demo", "Osprey renewal"}},
		scenario{name: "calls: the to date is inclusive", who: "cookie:rep1A", method: "GET", path: "/calls?from=2026-01-15&to=2026-01-15", status: 200,
			contains: []string{"Heron demo"}, excludes: []string{"Kestrel discovery"}},
		scenario{name: "calls: org B's team filter cannot reach org A", who: "cookie:repB", method: "GET", path: fmt.Sprintf("/calls?team=%d", f.teamA.ID),
			status: 200, excludes: ours},
	)

	// Uploads through the page.
	good, goodType := callForm("plover.vtt", salesCall("plovercue"), "title", "Plover upload", "visibility", "team", "date", "2026-02-01")
	add(
		scenario{name: "upload: a transcript becomes a call", who: "cookie:rep1A", method: "POST", path: "/calls", body: good, ctype: goodType,
			status: http.StatusSeeOther, check: func(t *testing.T, res response) {
				loc := res.Header.Get("Location")
				if !regexp.MustCompile(`^/calls/[0-9]+$`).MatchString(loc) {
					t.Fatalf("Location %q, want /calls/{id}", loc)
				}
				page := f.wantStatus(t, "cookie:rep1A", loc, 200)
				for _, want := range []string{"Plover upload", "plovercue", `action="` + loc + `/sharing"`} {
					if !strings.Contains(page.body, want) {
						t.Errorf("the new call's page lacks %q", want)
					}
				}
				f.wantStatus(t, "cookie:rep2A", loc, 200)    // team
				f.wantStatus(t, "cookie:managerA", loc, 404) // not for managers
			}},
	)
	for _, bad := range []struct {
		name, file, content string
		fields              []string
		status              int
		want                []string
	}{
		{"a bad timestamp names the file and the line", "broken.vtt", "WEBVTT\n\n1\n00:00:01.000 --> 00:00:xx.000\nRita: hello\n", nil,
			400, []string{"broken.vtt", "line 4"}},
		{"an empty file", "empty.vtt", "", nil, 400, []string{"empty.vtt"}},
		{"no file at all", "", "", []string{"title", "Nothing"}, 400, []string{"Choose a transcript or recording"}},
		{"a recording without speech-to-text", "call.mp3", "ID3 not really audio", nil, 400, []string{"HUDDLE_STT_URL"}},
		{"an unknown visibility", "v.vtt", salesCall(""), []string{"visibility", "everyone"}, 400, []string{"visibility:"}},
		{"a bad date", "d.vtt", salesCall(""), []string{"date", "yesterday"}, 400, []string{"date:"}},
		{"a peer of another organisation", "p.vtt", salesCall(""), []string{"visibility", "peers", "peers", fmt.Sprint(repB)}, 400,
			[]string{"shared_with:"}},
		{"a malformed peer", "p.vtt", salesCall(""), []string{"peers", "rita"}, 400, []string{"peers:"}},
	} {
		b, ct := callForm(bad.file, bad.content, bad.fields...)
		add(scenario{name: "upload refuses " + bad.name, who: "cookie:rep1A", method: "POST", path: "/calls", body: b, ctype: ct,
			status: bad.status, contains: append(bad.want, `id="upload-error"`), excludes: []string{"Bartholomew"},
			unchanged: f.callCount(orgA)})
	}

	// The call page.
	add(
		scenario{name: "call: the owner sees everything and the owner's forms", who: "cookie:rep1A", method: "GET", path: callPath(kestrel, ""),
			status: 200, contains: []string{"Kestrel discovery", "kestrelcue", "Kestrel remark from the owner", `action="` + callPath(kestrel, "/sharing") + `"`,
				`action="` + callPath(kestrel, "/snippets") + `"`, `action="` + callPath(kestrel, "/delete") + `"`}},
		scenario{name: "call: a named peer sees it without the owner's forms", who: "cookie:rep2A", method: "GET", path: callPath(kestrel, ""),
			status: 200, contains: []string{"Kestrel discovery", "kestrelcue", "Kestrel remark from the owner"},
			excludes: []string{callPath(kestrel, "/sharing"), callPath(kestrel, "/snippets"), callPath(kestrel, "/delete")}},
		scenario{name: "call: the manager gets not found", who: "cookie:managerA", method: "GET", path: callPath(kestrel, ""),
			status: 404, excludes: hidden(kestrel)},
		scenario{name: "call: a team call is not for the team's manager", who: "cookie:managerA", method: "GET", path: callPath(heron, ""),
			status: 404, excludes: hidden(heron)},
		scenario{name: "call: a team call is for the team's reps", who: "cookie:rep2A", method: "GET", path: callPath(heron, ""),
			status: 200, contains: []string{"Heron demo", "heroncue"}},
		scenario{name: "call: a private call is not for the team", who: "cookie:rep2A", method: "GET", path: callPath(osprey, ""),
			status: 404, excludes: []string{"Osprey renewal", "ospreyearly", "ospreyinside"}},
		scenario{name: "call: the administrator gets not found", who: "cookie:adminA", method: "GET", path: callPath(kestrel, ""),
			status: 404, excludes: hidden(kestrel)},
		scenario{name: "call: org B gets not found", who: "cookie:adminB", method: "GET", path: callPath(heron, ""),
			status: 404, excludes: hidden(heron)},
		scenario{name: "call: org A cannot open org B's call", who: "cookie:rep1A", method: "GET", path: callPath(condor, ""),
			status: 404, excludes: []string{"Condor", "condorcue"}},
		scenario{name: "call: a malformed id", who: "cookie:rep1A", method: "GET", path: "/calls/abc", status: 404},
		scenario{name: "call: a missing id", who: "cookie:rep1A", method: "GET", path: "/calls/999999", status: 404},
		scenario{name: "recording: a transcript call has none", who: "cookie:rep1A", method: "GET", path: callPath(kestrel, "/recording"),
			status: 404},
		scenario{name: "recording: not found for those who may not see the call", who: "cookie:managerA", method: "GET",
			path: callPath(kestrel, "/recording"), status: 404, excludes: hidden(kestrel)},
	)

	// Comments on the page.
	comment := func(at, body string) (string, string) { return form("at", at, "body", body) }
	okC, okCT := comment("1:05", "Nice question at this point")
	badAt, badAtT := comment("soon", "When?")
	empty, emptyT := comment("0:10", "   ")
	add(
		scenario{name: "comment: a peer comments on a call they see", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/comments"),
			body: okC, ctype: okCT, status: http.StatusSeeOther, location: callPath(kestrel, "#comments"),
			check: func(t *testing.T, _ response) {
				if res := f.wantStatus(t, "cookie:rep1A", callPath(kestrel, ""), 200); !strings.Contains(res.body, "Nice question at this point") {
					t.Error("the comment is not on the call page")
				}
			}},
		scenario{name: "comment: a bad time", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/comments"),
			body: badAt, ctype: badAtT, status: 400, contains: []string{"at:", `id="call-error"`}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "comment: an empty body", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/comments"),
			body: empty, ctype: emptyT, status: 400, contains: []string{"body:"}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "comment: not found on a call one may not see", who: "cookie:managerA", method: "POST", path: callPath(kestrel, "/comments"),
			body: okC, ctype: okCT, status: 404, excludes: hidden(kestrel), unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "comment: not found across organisations", who: "cookie:repB", method: "POST", path: callPath(kestrel, "/comments"),
			body: okC, ctype: okCT, status: 404, excludes: hidden(kestrel), unchanged: f.callState(orgA, kestrel.ID)},
	)

	// Sharing: the owner decides; others who see the call may not; the rest get not found.
	share := func(vis string, peers ...int64) (string, string) {
		kv := []string{"visibility", vis}
		for _, p := range peers {
			kv = append(kv, "peers", fmt.Sprint(p))
		}
		return form(kv...)
	}
	same, sameT := share("peers", rep2)
	widen, widenT := share("team", rep2, mgr)
	badVis, badVisT := share("world")
	add(
		scenario{name: "sharing: the owner changes who sees a call", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/sharing"),
			body: widen, ctype: widenT, status: http.StatusSeeOther, location: callPath(kestrel, "#sharing"),
			check: func(t *testing.T, _ response) {
				f.wantStatus(t, "cookie:managerA", callPath(kestrel, ""), 200) // named now
				f.run(t, scenario{who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/sharing"), body: same, ctype: sameT,
					status: http.StatusSeeOther})
				f.wantStatus(t, "cookie:managerA", callPath(kestrel, ""), 404) // and no longer
			}},
		scenario{name: "sharing: an unknown visibility", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/sharing"),
			body: badVis, ctype: badVisT, status: 400, contains: []string{"visibility:"}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "sharing: a peer who sees the call may not change it", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/sharing"),
			body: widen, ctype: widenT, status: 403, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "sharing: others get not found", who: "cookie:managerA", method: "POST", path: callPath(kestrel, "/sharing"),
			body: widen, ctype: widenT, status: 404, excludes: hidden(kestrel), unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "sharing: org B gets not found", who: "cookie:adminB", method: "POST", path: callPath(kestrel, "/sharing"),
			body: widen, ctype: widenT, status: 404, excludes: hidden(kestrel), unchanged: f.callState(orgA, kestrel.ID)},
	)

	// Snippets through the page.
	snipForm := func(start, end string, peers ...int64) (string, string) {
		kv := []string{"title", "Pricing pushback", "start", start, "end", end}
		for _, p := range peers {
			kv = append(kv, "peers", fmt.Sprint(p))
		}
		return form(kv...)
	}
	goodSnip, goodSnipT := snipForm("0:10", "0:30", mgr)
	backwards, backwardsT := snipForm("0:30", "0:10", mgr)
	nobody, nobodyT := snipForm("0:10", "0:30")
	add(
		scenario{name: "snippet: the owner shares a range", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/snippets"),
			body: goodSnip, ctype: goodSnipT, status: http.StatusSeeOther, check: func(t *testing.T, res response) {
				loc := res.Header.Get("Location")
				if !snippetLocation.MatchString(loc) {
					t.Fatalf("Location %q, want /snippets/{id}", loc)
				}
				page := f.wantStatus(t, "cookie:managerA", loc, 200)
				if !strings.Contains(page.body, "Pricing pushback") || !strings.Contains(page.body, "kestrelcue") || strings.Contains(page.body, "Sounds good") {
					t.Errorf("the snippet page shows the wrong range:\n%s", clip(page.body))
				}
				f.wantStatus(t, "cookie:managerA", callPath(kestrel, ""), 404)
			}},
		scenario{name: "snippet: it must end after it starts", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/snippets"),
			body: backwards, ctype: backwardsT, status: 400, contains: []string{"end:"}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "snippet: it needs a peer", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/snippets"),
			body: nobody, ctype: nobodyT, status: 400, contains: []string{"shared_with:"}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "snippet: a peer who sees the call may not cut one", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/snippets"),
			body: goodSnip, ctype: goodSnipT, status: 403, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "snippet: others get not found", who: "cookie:managerA", method: "POST", path: callPath(osprey, "/snippets"),
			body: goodSnip, ctype: goodSnipT, status: 404, excludes: []string{"Osprey renewal"}, unchanged: f.callState(orgA, osprey.ID)},
		scenario{name: "snippet page: its viewer sees its range only", who: "cookie:rep2A", method: "GET", path: snipPath, status: 200,
			contains: []string{"Osprey terms moment", "ospreyinside"}, excludes: []string{"ospreyearly", "ospreylate", `href="/calls/`}},
		scenario{name: "snippet page: its viewer still cannot open the call", who: "cookie:rep2A", method: "GET", path: callPath(osprey, ""),
			status: 404, excludes: []string{"ospreyearly", "ospreylate"}},
		scenario{name: "snippet page: the owner links to the whole call", who: "cookie:rep1A", method: "GET", path: snipPath, status: 200,
			contains: []string{`href="` + callPath(osprey, "") + `"`}},
		scenario{name: "snippet page: not found for others", who: "cookie:managerA", method: "GET", path: snipPath, status: 404,
			excludes: []string{"Osprey", "ospreyinside"}},
		scenario{name: "snippet page: not found across organisations", who: "cookie:repB", method: "GET", path: snipPath, status: 404,
			excludes: []string{"Osprey", "ospreyinside"}},
		scenario{name: "snippet page: a malformed id", who: "cookie:rep2A", method: "GET", path: "/snippets/x", status: 404},
	)
	inRange, inRangeT := comment("0:25", "Good recovery on terms")
	outRange, outRangeT := comment("0:45", "Outside the snippet")
	add(
		scenario{name: "snippet comment: inside the range", who: "cookie:rep2A", method: "POST", path: snipPath + "/comments",
			body: inRange, ctype: inRangeT, status: http.StatusSeeOther, location: snipPath + "#comments",
			check: func(t *testing.T, _ response) {
				if res := f.wantStatus(t, "cookie:rep1A", callPath(osprey, ""), 200); !strings.Contains(res.body, "Good recovery on terms") {
					t.Error("the owner does not see feedback on their snippet")
				}
			}},
		scenario{name: "snippet comment: outside the range", who: "cookie:rep2A", method: "POST", path: snipPath + "/comments",
			body: outRange, ctype: outRangeT, status: 400, contains: []string{"at_seconds:"}, excludes: []string{"ospreylate"},
			unchanged: f.callState(orgA, osprey.ID)},
		scenario{name: "snippet comment: a bad time", who: "cookie:rep2A", method: "POST", path: snipPath + "/comments",
			body: badAt, ctype: badAtT, status: 400, contains: []string{"at:"}, unchanged: f.callState(orgA, osprey.ID)},
		scenario{name: "snippet comment: not found for others", who: "cookie:managerA", method: "POST", path: snipPath + "/comments",
			body: inRange, ctype: inRangeT, status: 404, excludes: []string{"Osprey"}, unchanged: f.callState(orgA, osprey.ID)},
	)

	// Retry and delete.
	add(
		scenario{name: "retry: only a failed recording", who: "cookie:rep1A", method: "POST", path: callPath(kestrel, "/retry"),
			status: 400, contains: []string{"only a recording whose transcription failed"}, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "retry: a peer may not", who: "cookie:rep2A", method: "POST", path: callPath(kestrel, "/retry"),
			status: 403, unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "retry: others get not found", who: "cookie:managerA", method: "POST", path: callPath(kestrel, "/retry"),
			status: 404, excludes: hidden(kestrel), unchanged: f.callState(orgA, kestrel.ID)},
		scenario{name: "delete: a peer may not", who: "cookie:rep2A", method: "POST", path: callPath(heron, "/delete"),
			status: 403, unchanged: f.callState(orgA, heron.ID)},
		scenario{name: "delete: others get not found", who: "cookie:managerA", method: "POST", path: callPath(doomed, "/delete"),
			status: 404, excludes: []string{"Doomed"}, unchanged: f.callState(orgA, doomed.ID)},
		scenario{name: "delete: org B gets not found", who: "cookie:adminB", method: "POST", path: callPath(doomed, "/delete"),
			status: 404, unchanged: f.callState(orgA, doomed.ID)},
		scenario{name: "delete: the owner deletes", who: "cookie:rep1A", method: "POST", path: callPath(doomed, "/delete"),
			status: http.StatusSeeOther, location: "/calls?owner=me",
			check: func(t *testing.T, _ response) { f.wantStatus(t, "cookie:rep1A", callPath(doomed, ""), 404) }},
		scenario{name: "delete: a deleted call is gone", who: "cookie:rep1A", method: "POST", path: callPath(doomed, "/delete"), status: 404},
	)

	// The API: listing.
	add(
		scenario{name: "API calls: the owner's list", who: "token:rep1A", method: "GET", path: "/api/v1/calls", status: 200,
			contains: []string{"Kestrel discovery", "Osprey renewal", "Heron demo", `"shared_with"`}, excludes: []string{"Condor", `"analysis"`}},
		scenario{name: "API calls: a peer's list", who: "token:rep2A", method: "GET", path: "/api/v1/calls", status: 200,
			contains: []string{"Kestrel discovery", "Heron demo"}, excludes: []string{"Osprey", "Doomed", `"shared_with"`}},
		scenario{name: "API calls: the manager's list", who: "token:managerA", method: "GET", path: "/api/v1/calls", status: 200,
			excludes: ours},
		scenario{name: "API calls: org B's list", who: "token:adminB", method: "GET", path: "/api/v1/calls", status: 200, excludes: ours},
		scenario{name: "API calls: search", who: "token:rep2A", method: "GET", path: "/api/v1/calls?q=heron", status: 200,
			contains: []string{"Heron demo", `"total": 1`}},
		scenario{name: "API calls: search for a hidden call", who: "token:rep2A", method: "GET", path: "/api/v1/calls?q=osprey", status: 200,
			contains: []string{`"total": 0`}},
		scenario{name: "API calls: by owner", who: "token:rep2A", method: "GET", path: fmt.Sprintf("/api/v1/calls?owner_id=%d", f.id("rep1A")),
			status: 200, contains: []string{"Kestrel discovery", "Heron demo"}, excludes: []string{"Osprey"}},
		scenario{name: "API calls: by team", who: "token:rep1A", method: "GET", path: fmt.Sprintf("/api/v1/calls?team_id=%d", f.teamA2.ID),
			status: 200, contains: []string{`"total": 0`}},
		scenario{name: "API calls: by tracker", who: "token:rep1A", method: "GET", path: "/api/v1/calls?tracker=Integration", status: 200,
			contains: []string{"Heron demo"}, excludes: []string{"Kestrel"}},
		scenario{name: "API calls: by objection", who: "token:rep1A", method: "GET", path: "/api/v1/calls?objection=price", status: 200,
			contains: []string{"Kestrel discovery"}, excludes: []string{"Heron"}},
		scenario{name: "API calls: by date", who: "token:rep1A", method: "GET", path: "/api/v1/calls?from=2026-02-15&to=2026-03-01", status: 200,
			contains: []string{"Osprey renewal"}, excludes: []string{"Kestrel", "Heron"}},
		scenario{name: "API calls: paged", who: "token:rep1A", method: "GET", path: "/api/v1/calls?limit=1&offset=1", status: 200,
			contains: []string{`"limit": 1`, `"offset": 1`}},
	)
	for _, q := range []struct{ query, field string }{
		{"owner_id=me", "owner_id:"}, {"team_id=x", "team_id:"}, {"from=yesterday", "from:"}, {"to=2026-13-01", "to:"},
		{"limit=abc", "limit:"}, {"limit=501", "limit:"}, {"offset=-1", "offset:"},
	} {
		add(scenario{name: "API calls: listing refuses " + q.query, who: "token:rep1A", method: "GET", path: "/api/v1/calls?" + q.query,
			status: 400, contains: []string{q.field}, check: jsonError("invalid")})
	}

	// The API: uploads.
	apiGood, apiGoodT := callForm("api.vtt", salesCall("avocetcue"), "title", "Avocet via API", "visibility", "peers",
		"shared_with", fmt.Sprint(rep2), "date", "2026-02-03")
	add(scenario{name: "API upload: a transcript", who: "token:rep1A", method: "POST", path: "/api/v1/calls", body: apiGood, ctype: apiGoodT,
		status: http.StatusCreated, contains: []string{`"title": "Avocet via API"`, `"visibility": "peers"`, `"status": "ready"`, `"analysis"`,
			`"talk_ratio"`, `"format": "vtt"`},
		check: func(t *testing.T, res response) {
			var c struct {
				ID         int64
				SharedWith []int64 `json:"shared_with"`
			}
			if err := json.Unmarshal([]byte(res.body), &c); err != nil || c.ID == 0 || len(c.SharedWith) != 1 || c.SharedWith[0] != rep2 {
				t.Fatalf("created call %s (%v)", res.body, err)
			}
			if want := fmt.Sprintf("/api/v1/calls/%d", c.ID); res.Header.Get("Location") != want {
				t.Errorf("Location %q, want %q", res.Header.Get("Location"), want)
			}
			f.wantStatus(t, "token:rep2A", fmt.Sprintf("/api/v1/calls/%d", c.ID), 200)
			f.wantStatus(t, "token:managerA", fmt.Sprintf("/api/v1/calls/%d", c.ID), 404)
		}})
	for _, bad := range []struct {
		name, file, content string
		fields              []string
		want                string
	}{
		{"a bad timestamp", "broken.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:0x.000\nRita: hi\n", nil, "broken.vtt: line 3"},
		{"no file part", "", "", []string{"title", "x"}, "file:"},
		{"a recording without speech-to-text", "call.m4a", "not audio", nil, "HUDDLE_STT_URL"},
		{"an unknown visibility", "v.vtt", salesCall(""), []string{"visibility", "public"}, "visibility:"},
		{"a malformed shared_with", "s.vtt", salesCall(""), []string{"shared_with", "remy"}, "shared_with:"},
		{"a shared_with of another organisation", "s.vtt", salesCall(""), []string{"visibility", "peers", "shared_with", fmt.Sprint(repB)}, "shared_with:"},
		{"a bad date", "d.vtt", salesCall(""), []string{"date", "02/03/2026"}, "date:"},
		{"a title over 200 characters", "t.vtt", salesCall(""), []string{"title", strings.Repeat("t", 201)}, "title:"},
	} {
		b, ct := callForm(bad.file, bad.content, bad.fields...)
		add(scenario{name: "API upload refuses " + bad.name, who: "token:rep1A", method: "POST", path: "/api/v1/calls", body: b, ctype: ct,
			status: 400, contains: []string{bad.want}, check: jsonError("invalid"), unchanged: f.callCount(orgA)})
	}
	add(jsonCase(scenario{name: "API upload refuses a JSON body", who: "token:rep1A", method: "POST", path: "/api/v1/calls",
		status: 400, contains: []string{"file:"}, check: jsonError("invalid"), unchanged: f.callCount(orgA)}, `{"title":"x"}`))

	// The API: one call and its parts.
	add(
		scenario{name: "API call: the owner", who: "token:rep1A", method: "GET", path: apiPath(kestrel, ""), status: 200,
			contains: []string{`"title": "Kestrel discovery"`, `"analysis"`, fmt.Sprintf(`"shared_with": [%s`, "\n")}},
		scenario{name: "API call: a peer sees no sharing list", who: "token:rep2A", method: "GET", path: apiPath(kestrel, ""), status: 200,
			contains: []string{`"title": "Kestrel discovery"`}, excludes: []string{`"shared_with"`}},
		scenario{name: "API call: not found for the manager", who: "token:managerA", method: "GET", path: apiPath(kestrel, ""),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found")},
		scenario{name: "API call: not found across organisations", who: "token:repB", method: "GET", path: apiPath(heron, ""),
			status: 404, excludes: hidden(heron), check: jsonError("not_found")},
		scenario{name: "API call: org A's admin cannot read org B's call", who: "token:adminA", method: "GET", path: apiPath(condor, ""),
			status: 404, excludes: []string{"Condor", "condorcue"}, check: jsonError("not_found")},
		scenario{name: "API call: a malformed id", who: "token:rep1A", method: "GET", path: "/api/v1/calls/abc", status: 404,
			check: jsonError("not_found")},
		scenario{name: "API call: a zero id", who: "token:rep1A", method: "GET", path: "/api/v1/calls/0", status: 404,
			check: jsonError("not_found")},
		scenario{name: "API call: a missing id", who: "token:rep1A", method: "GET", path: "/api/v1/calls/999999", status: 404,
			check: jsonError("not_found")},
		scenario{name: "API transcript: a peer", who: "token:rep2A", method: "GET", path: apiPath(kestrel, "/transcript"), status: 200,
			contains: []string{"kestrelcue", `"timed": true`, `"cues"`}},
		scenario{name: "API transcript: not found for the manager", who: "token:managerA", method: "GET", path: apiPath(kestrel, "/transcript"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found")},
		scenario{name: "API transcript: not found across organisations", who: "token:adminB", method: "GET", path: apiPath(osprey, "/transcript"),
			status: 404, excludes: []string{"ospreyearly", "ospreyinside"}, check: jsonError("not_found")},
		scenario{name: "API moments: a peer", who: "token:rep2A", method: "GET", path: apiPath(kestrel, "/moments"), status: 200,
			contains: []string{`"items"`}},
		scenario{name: "API moments: not found for the manager", who: "token:managerA", method: "GET", path: apiPath(kestrel, "/moments"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found")},
		scenario{name: "API moments: a malformed id", who: "token:rep2A", method: "GET", path: "/api/v1/calls/-3/moments", status: 404,
			check: jsonError("not_found")},
		scenario{name: "API comments: a peer reads them", who: "token:rep2A", method: "GET", path: apiPath(kestrel, "/comments"), status: 200,
			contains: []string{"Kestrel remark from the owner", fmt.Sprintf(`"author_id": %d`, f.id("rep1A"))}},
		scenario{name: "API comments: not found for the manager", who: "token:managerA", method: "GET", path: apiPath(kestrel, "/comments"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found")},
		scenario{name: "API comments: not found across organisations", who: "token:repB", method: "GET", path: apiPath(kestrel, "/comments"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found")},
		scenario{name: "API comments: snippet feedback stays off the call for others", who: "token:rep2A", method: "GET",
			path: apiPath(osprey, "/comments"), status: 404, excludes: []string{"Good recovery on terms"}},
	)
	add(
		jsonCase(scenario{name: "API comment: a peer adds one", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: http.StatusCreated, contains: []string{`"body": "Ask about the budget owner"`, `"at_seconds": 42.5`, `"snippet_id": null`}},
			`{"at_seconds":42.5,"body":"Ask about the budget owner"}`),
		jsonCase(scenario{name: "API comment: a negative time", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 400, contains: []string{"at_seconds:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":-1,"body":"x"}`),
		jsonCase(scenario{name: "API comment: a string for the time", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 400, contains: []string{"at_seconds"}, check: jsonError("invalid"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":"1:00","body":"x"}`),
		jsonCase(scenario{name: "API comment: an empty body", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 400, contains: []string{"body:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":1,"body":""}`),
		jsonCase(scenario{name: "API comment: a body over the limit", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 400, contains: []string{"body:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":1,"body":"`+strings.Repeat("b", service.MaxCommentLength+1)+`"}`),
		jsonCase(scenario{name: "API comment: an unknown field", who: "token:rep2A", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 400, contains: []string{"snippet_id: unknown field"}, check: jsonError("invalid"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":1,"body":"x","snippet_id":3}`),
		jsonCase(scenario{name: "API comment: not found for the manager", who: "token:managerA", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":1,"body":"Sneaky"}`),
		jsonCase(scenario{name: "API comment: not found across organisations", who: "token:adminB", method: "POST", path: apiPath(kestrel, "/comments"),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"at_seconds":1,"body":"Sneaky"}`),
	)

	// The API: changing and deleting calls.
	add(
		jsonCase(scenario{name: "API patch: the owner renames and shares", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 200, contains: []string{`"title": "Osprey renewal v2"`, `"visibility": "private"`}},
			`{"title":"Osprey renewal v2","visibility":"private"}`),
		jsonCase(scenario{name: "API patch: an unknown field", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 400, contains: []string{"owner_id: unknown field"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)},
			fmt.Sprintf(`{"owner_id":%d}`, rep2)),
		jsonCase(scenario{name: "API patch: an unknown visibility", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 400, contains: []string{"visibility:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)},
			`{"visibility":"everyone"}`),
		jsonCase(scenario{name: "API patch: an empty title", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 400, contains: []string{"title:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)},
			`{"title":"  "}`),
		jsonCase(scenario{name: "API patch: a peer of another organisation", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 400, contains: []string{"shared_with:"}, excludes: []string{"Bartholomew"}, check: jsonError("invalid"),
			unchanged: f.callState(orgA, osprey.ID)}, fmt.Sprintf(`{"visibility":"peers","shared_with":[%d]}`, repB)),
		jsonCase(scenario{name: "API patch: malformed JSON", who: "token:rep1A", method: "PATCH", path: apiPath(osprey, ""),
			status: 400, contains: []string{"body:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)}, `{"title":`),
		jsonCase(scenario{name: "API patch: a peer who sees the call may not", who: "token:rep2A", method: "PATCH", path: apiPath(kestrel, ""),
			status: 403, check: jsonError("forbidden"), unchanged: f.callState(orgA, kestrel.ID)}, `{"visibility":"team"}`),
		jsonCase(scenario{name: "API patch: others get not found", who: "token:managerA", method: "PATCH", path: apiPath(kestrel, ""),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found"), unchanged: f.callState(orgA, kestrel.ID)},
			fmt.Sprintf(`{"shared_with":[%d]}`, mgr)),
		jsonCase(scenario{name: "API patch: org B gets not found", who: "token:adminB", method: "PATCH", path: apiPath(kestrel, ""),
			status: 404, excludes: hidden(kestrel), check: jsonError("not_found"), unchanged: f.callState(orgA, kestrel.ID)},
			`{"visibility":"team"}`),
		jsonCase(scenario{name: "API patch: a malformed id", who: "token:rep1A", method: "PATCH", path: "/api/v1/calls/x",
			status: 404, check: jsonError("not_found")}, `{"title":"x"}`),
		scenario{name: "API delete: a peer may not", who: "token:rep2A", method: "DELETE", path: apiPath(heron, ""),
			status: 403, check: jsonError("forbidden"), unchanged: f.callState(orgA, heron.ID)},
		scenario{name: "API delete: others get not found", who: "token:managerA", method: "DELETE", path: apiPath(doomedAPI, ""),
			status: 404, check: jsonError("not_found"), unchanged: f.callState(orgA, doomedAPI.ID)},
		scenario{name: "API delete: org B gets not found", who: "token:repB", method: "DELETE", path: apiPath(doomedAPI, ""),
			status: 404, check: jsonError("not_found"), unchanged: f.callState(orgA, doomedAPI.ID)},
		scenario{name: "API delete: the owner deletes", who: "token:rep1A", method: "DELETE", path: apiPath(doomedAPI, ""),
			status: http.StatusNoContent, check: func(t *testing.T, _ response) {
				f.wantStatus(t, "token:rep1A", apiPath(doomedAPI, ""), 404)
				f.wantStatus(t, "token:rep1A", apiPath(doomedAPI, "/comments"), 404)
			}},
		scenario{name: "API delete: a malformed id", who: "token:rep1A", method: "DELETE", path: "/api/v1/calls/1.5", status: 404,
			check: jsonError("not_found")},
	)

	// The API: snippets.
	apiSnipBody := func(start, end float64, peers ...int64) string {
		b, _ := json.Marshal(map[string]any{"title": "API snippet", "start_seconds": start, "end_seconds": end, "shared_with": peers})
		return string(b)
	}
	add(
		jsonCase(scenario{name: "API snippet: the owner shares a range", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: http.StatusCreated, contains: []string{`"title": "API snippet"`, `"start_seconds": 0`, `"end_seconds": 12`, `"url": "/snippets/`},
			check: func(t *testing.T, res response) {
				var sn struct{ ID int64 }
				if err := json.Unmarshal([]byte(res.body), &sn); err != nil || sn.ID == 0 {
					t.Fatalf("snippet %s (%v)", res.body, err)
				}
				got := f.wantStatus(t, "token:adminA", fmt.Sprintf("/api/v1/snippets/%d", sn.ID), 200)
				if !strings.Contains(got.body, "heroncue") || strings.Contains(got.body, "spreadsheets") || strings.Contains(got.body, "Heron demo") {
					t.Errorf("the snippet shows the wrong range or the call's title:\n%s", got.body)
				}
				f.wantStatus(t, "token:adminA", apiPath(heron, ""), 404)
			}}, apiSnipBody(0, 12, f.id("adminA"))),
		jsonCase(scenario{name: "API snippet: it must end after it starts", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 400, contains: []string{"end:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, heron.ID)}, apiSnipBody(20, 20, mgr)),
		jsonCase(scenario{name: "API snippet: it needs a peer", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 400, contains: []string{"shared_with:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, heron.ID)}, apiSnipBody(0, 10)),
		jsonCase(scenario{name: "API snippet: only the owner is not a peer", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 400, contains: []string{"shared_with:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, heron.ID)},
			apiSnipBody(0, 10, f.id("rep1A"))),
		jsonCase(scenario{name: "API snippet: a start past the end of the call", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 400, contains: []string{"start:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, heron.ID)},
			apiSnipBody(3600, 3700, mgr)),
		jsonCase(scenario{name: "API snippet: an unknown field", who: "token:rep1A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 400, contains: []string{"start: unknown field"}, check: jsonError("invalid"), unchanged: f.callState(orgA, heron.ID)},
			`{"title":"x","start":1,"end_seconds":5,"shared_with":[1]}`),
		jsonCase(scenario{name: "API snippet: a peer who sees the call may not", who: "token:rep2A", method: "POST", path: apiPath(heron, "/snippets"),
			status: 403, check: jsonError("forbidden"), unchanged: f.callState(orgA, heron.ID)}, apiSnipBody(0, 10, mgr)),
		jsonCase(scenario{name: "API snippet: others get not found", who: "token:managerA", method: "POST", path: apiPath(heron, "/snippets"),
			status: 404, excludes: hidden(heron), check: jsonError("not_found"), unchanged: f.callState(orgA, heron.ID)}, apiSnipBody(0, 10, mgr)),
		scenario{name: "API snippet: its viewer sees its range", who: "token:rep2A", method: "GET", path: apiSnip, status: 200,
			contains: []string{`"title": "Osprey terms moment"`, "ospreyinside", `"start_seconds": 20`}, excludes: []string{"ospreyearly", "ospreylate", `"shared_with"`}},
		scenario{name: "API snippet: the owner sees who it is shared with", who: "token:rep1A", method: "GET", path: apiSnip, status: 200,
			contains: []string{`"shared_with"`}},
		scenario{name: "API snippet: not found for others", who: "token:managerA", method: "GET", path: apiSnip, status: 404,
			excludes: []string{"Osprey", "ospreyinside"}, check: jsonError("not_found")},
		scenario{name: "API snippet: not found across organisations", who: "token:adminB", method: "GET", path: apiSnip, status: 404,
			excludes: []string{"Osprey", "ospreyinside"}, check: jsonError("not_found")},
		scenario{name: "API snippet: a malformed id", who: "token:rep2A", method: "GET", path: "/api/v1/snippets/abc", status: 404,
			check: jsonError("not_found")},
		jsonCase(scenario{name: "API snippet comment: inside the range", who: "token:rep2A", method: "POST", path: apiSnip + "/comments",
			status: http.StatusCreated, contains: []string{fmt.Sprintf(`"snippet_id": %d`, snip.ID), `"at_seconds": 21`}},
			`{"at_seconds":21,"body":"Nice pause here"}`),
		jsonCase(scenario{name: "API snippet comment: outside the range", who: "token:rep2A", method: "POST", path: apiSnip + "/comments",
			status: 400, contains: []string{"at_seconds:"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)},
			`{"at_seconds":55,"body":"Later on"}`),
		jsonCase(scenario{name: "API snippet comment: an unknown field", who: "token:rep2A", method: "POST", path: apiSnip + "/comments",
			status: 400, contains: []string{"at: unknown field"}, check: jsonError("invalid"), unchanged: f.callState(orgA, osprey.ID)},
			`{"at":21,"body":"x"}`),
		jsonCase(scenario{name: "API snippet comment: not found for others", who: "token:managerA", method: "POST", path: apiSnip + "/comments",
			status: 404, check: jsonError("not_found"), unchanged: f.callState(orgA, osprey.ID)}, `{"at_seconds":21,"body":"x"}`),
		jsonCase(scenario{name: "API snippet comment: a missing snippet", who: "token:rep2A", method: "POST", path: "/api/v1/snippets/999999/comments",
			status: 404, check: jsonError("not_found")}, `{"at_seconds":21,"body":"x"}`),
	)

	// Benchmarks are for everyone, in aggregate.
	add(
		scenario{name: "API benchmarks", who: "token:managerA", method: "GET", path: "/api/v1/benchmarks", status: 200,
			contains: []string{`"items"`}, excludes: append(ours, "owner_id", `"title"`)},
		scenario{name: "API benchmarks of org B", who: "token:repB", method: "GET", path: "/api/v1/benchmarks", status: 200,
			contains: []string{`"items": []`}},
	)

	// Trackers: administrators edit them; existing calls are analysed again.
	trackers, trackersT := form("trackers", "pricing: price, pricing, cost\nZebra: spreadsheets", "competitors", "Gong\nChorus",
		"objections", "price: too expensive, over budget")
	malformed, malformedT := form("trackers", "no colon on this line", "competitors", "", "objections", "")
	unchanged := func(t testing.TB) string {
		cfg, err := f.svc.AnalysisConfig(context.Background(), service.SystemActor(orgA))
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%+v", cfg.Trackers)
	}
	add(
		scenario{name: "trackers: the admin page", who: "cookie:adminA", method: "GET", path: "/admin/trackers", status: 200,
			contains: []string{"pricing: price", "integration:", `action="/admin/trackers"`}},
		scenario{name: "trackers: not for reps", who: "cookie:rep1A", method: "GET", path: "/admin/trackers", status: 403,
			excludes: []string{"pricing: price"}},
		scenario{name: "trackers: a rep cannot save them", who: "cookie:rep1A", method: "POST", path: "/admin/trackers",
			body: trackers, ctype: trackersT, status: 403, unchanged: unchanged},
		scenario{name: "trackers: a manager cannot save them", who: "cookie:managerA", method: "POST", path: "/admin/trackers",
			body: trackers, ctype: trackersT, status: 403, unchanged: unchanged},
		scenario{name: "trackers: a malformed line", who: "cookie:adminA", method: "POST", path: "/admin/trackers",
			body: malformed, ctype: malformedT, status: 400, contains: []string{"trackers: line 1"}, unchanged: unchanged},
		scenario{name: "trackers: the admin saves and calls are analysed again", who: "cookie:adminA", method: "POST", path: "/admin/trackers",
			body: trackers, ctype: trackersT, status: http.StatusSeeOther, location: "/admin/trackers?saved=1",
			check: func(t *testing.T, _ response) {
				if n := f.runJobs(t); n == 0 {
					t.Fatal("saving trackers queued no job")
				}
				res := f.wantStatus(t, "token:rep1A", "/api/v1/calls?tracker=zebra", 200)
				if !strings.Contains(res.body, "Heron demo") || strings.Contains(res.body, "Kestrel") {
					t.Errorf("after re-analysis the new tracker finds:\n%s", clip(res.body))
				}
				if res := f.wantStatus(t, "token:repB", "/api/v1/calls?tracker=zebra", 200); strings.Contains(res.body, "Condor") {
					t.Error("org A's trackers were applied to org B")
				}
				if page := f.wantStatus(t, "cookie:adminA", "/admin/trackers?saved=1", 200); !strings.Contains(page.body, "Zebra: spreadsheets") {
					t.Errorf("the saved trackers are not shown:\n%s", clip(page.body))
				}
			}},
		scenario{name: "trackers: org B keeps its own", who: "cookie:adminB", method: "GET", path: "/admin/trackers", status: 200,
			excludes: []string{"Zebra"}},
	)
	return cases
}

// callCount counts an organisation's calls, for "nothing was stored".
func (f *fixture) callCount(org domain.Org) func(t testing.TB) string {
	return func(t testing.TB) string {
		t.Helper()
		ids, err := f.db.CallIDs(context.Background(), org.ID)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(len(ids))
	}
}

// TestCallUploadLimit: an upload over the server's limit is refused with
// 413 on the page and in the API, and stores nothing.
func TestCallUploadLimit(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{MaxUpload: 64 << 10})
		big := salesCall(strings.Repeat("padding ", 10<<10))
		for _, c := range []struct{ who, path string }{{"cookie:rep1A", "/calls"}, {"token:rep1A", "/api/v1/calls"}} {
			b, ct := callForm("big.vtt", big, "title", "Too big")
			f.run(t, scenario{name: "too large", who: c.who, method: "POST", path: c.path, body: b, ctype: ct,
				status: http.StatusRequestEntityTooLarge, contains: []string{"MB"}, excludes: []string{"Too big"},
				unchanged: f.callCount(f.orgA)})
		}
		small, ct := callForm("small.vtt", salesCall(""), "title", "Small enough")
		f.run(t, scenario{name: "under the limit", who: "token:rep1A", method: "POST", path: "/api/v1/calls", body: small, ctype: ct,
			status: http.StatusCreated})
	})
}

// TestCallTimesMustBeFinite: a time is a number of seconds, and "NaN" or
// "Inf" typed into a form is not one. Stored, it would slip past the
// snippet's range check and break the JSON of every later listing.
func TestCallTimesMustBeFinite(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, server.Options{})
		c := f.seedCall(t, "rep1A", "Finite times", domain.VisibilityPeers, []int64{f.id("rep2A")}, time.Time{}, salesCall(""))
		sn, err := f.svc.CreateSnippet(context.Background(), f.actorOf("rep1A"), c.ID, "Range", 10, 20, []int64{f.id("rep2A")})
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []string{"NaN", "Inf", "+Inf", "1e400"} {
			b, ct := form("at", at, "body", "not a time: "+at)
			f.run(t, scenario{name: "comment at " + at, who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("/calls/%d/comments", c.ID),
				body: b, ctype: ct, status: 400, unchanged: f.callState(f.orgA, c.ID)})
			f.run(t, scenario{name: "snippet comment at " + at, who: "cookie:rep2A", method: "POST", path: fmt.Sprintf("/snippets/%d/comments", sn.ID),
				body: b, ctype: ct, status: 400, unchanged: f.callState(f.orgA, c.ID)})
			b, ct = form("title", "Odd range", "start", "0:05", "end", at, "peers", fmt.Sprint(f.id("rep2A")))
			f.run(t, scenario{name: "snippet ending at " + at, who: "cookie:rep1A", method: "POST", path: fmt.Sprintf("/calls/%d/snippets", c.ID),
				body: b, ctype: ct, status: 400, unchanged: f.callState(f.orgA, c.ID)})
		}
		f.wantStatus(t, "token:rep2A", fmt.Sprintf("/api/v1/calls/%d/comments", c.ID), 200)
		f.wantStatus(t, "token:rep1A", fmt.Sprintf("/api/v1/snippets/%d", sn.ID), 200)
	})
}
