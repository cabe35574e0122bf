package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// acmeTitle is the title given to testdata/acme-discovery.vtt on upload.
const acmeTitle = "Acme Industrial Supply — discovery (browser test)"

// TestUploadTranscriptMomentAndComment uploads a discovery call as Ana,
// follows its first teachable moment into the transcript and comments on
// the call, as a rep asking peers for feedback would.
func TestUploadTranscriptMomentAndComment(t *testing.T) {
	d := StartDemo(t)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in with the printed credentials: %v", err)
	}
	vtt, err := filepath.Abs(filepath.Join("testdata", "acme-discovery.vtt"))
	if err != nil {
		t.Fatal(err)
	}

	// Upload through the form on /calls. Ana already has calls, so the
	// upload section starts folded: open it as a person would.
	err = chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/calls"),
		chromedp.WaitVisible(chromedp.CSS("#call-list")),
		chromedp.Click(chromedp.CSS(`details > summary`)),
		chromedp.WaitVisible(chromedp.CSS("#title")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{vtt}),
		chromedp.SendKeys(chromedp.CSS("#title"), acmeTitle),
		chromedp.SendKeys(chromedp.CSS("#rep"), "Ana Navarro"),
		chromedp.Click(chromedp.CSS(`form[action="/calls"] input[name="visibility"][value="team"]`)),
		chromedp.Click(chromedp.CSS(`form[action="/calls"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#transcript")),
	)
	if err != nil {
		t.Fatalf("upload %s: %v", filepath.Base(vtt), err)
	}
	if h1 := text(t, ctx, "h1"); h1 != acmeTitle {
		t.Errorf("call page heading %q, want %q", h1, acmeTitle)
	}
	if lead := text(t, ctx, "p.lead"); !strings.Contains(lead, "Ana Navarro") || !strings.Contains(lead, "shared with the team") {
		t.Errorf("call page lead %q: want the owner and the chosen visibility", lead)
	}

	// The timeline has a lane for each speaker, with bars drawn in it.
	lanes := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll('.timeline .lanes li')).map(li => li.textContent.trim())`)
	if strings.Join(lanes, "|") != "Ana Navarro|Jonas Weber" {
		t.Errorf("timeline lanes %q, want Ana Navarro and Jonas Weber", lanes)
	}
	bars := evaluate[[]int](t, ctx, `Array.from(document.querySelectorAll('.timeline svg g')).map(g => g.querySelectorAll('rect').length)`)
	if len(bars) != 2 || bars[0] != 16 || bars[1] != 16 {
		t.Errorf("timeline bars per lane %v, want 16 cues for each speaker", bars)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll('.timeline svg a.marker').length`); n < 1 {
		t.Errorf("timeline has %d moment markers, want at least one", n)
	}

	// The objection is a teachable moment; its link jumps to the line.
	moments := text(t, ctx, "#moments")
	if !strings.Contains(moments, "too expensive") {
		t.Errorf("moments lack the price objection:\n%s", moments)
	}
	href := attr(t, ctx, "#moments a[data-seek]", "href")
	if href != "#t-299" {
		t.Errorf("first moment links to %q, want #t-299 (Jonas's objection at 4:59)", href)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#moments a[data-seek]"))); err != nil {
		t.Fatalf("click the first moment: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, href) {
		t.Errorf("after clicking the moment the URL is %q, want it to end in %q", loc, href)
	}
	target := evaluate[string](t, ctx, `(document.querySelector(':target') || {id: ''}).id`)
	if "#"+target != href {
		t.Errorf(":target is %q, want the transcript line %q", target, href)
	}
	line := evaluate[string](t, ctx, `(document.querySelector('#transcript li:target') || {textContent: ''}).textContent`)
	if !strings.Contains(line, "Jonas Weber") || !strings.Contains(line, "that's too expensive for us this year") {
		t.Errorf("targeted transcript line %q, want Jonas's objection", line)
	}

	// Comment at 1:30, on the discount story.
	const body = "Nice follow-up on the discount story here: you asked what it looks like on a call."
	err = chromedp.Do(ctx,
		chromedp.Clear(chromedp.CSS("#at")),
		chromedp.SendKeys(chromedp.CSS("#at"), "1:30"),
		chromedp.SendKeys(chromedp.CSS("#body"), body),
		chromedp.Click(chromedp.CSS(`#comments form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#comments ul.comments li")),
	)
	if err != nil {
		t.Fatalf("post a comment: %v", err)
	}
	comments := strings.Join(strings.Fields(text(t, ctx, "#comments ul.comments")), " ")
	if !strings.Contains(comments, "1:30 Ana Navarro: "+body) {
		t.Errorf("comments %q, want Ana's comment at 1:30", comments)
	}
	// The comment's time links to the transcript line being spoken at
	// 1:30: Jonas's answer that started at 1:28.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#comments ul.comments a[data-seek]"))); err != nil {
		t.Fatalf("click the comment's time: %v", err)
	}
	if got := evaluate[string](t, ctx, `(document.querySelector('#transcript li:target') || {id: 'none'}).id`); got != "t-88" {
		t.Errorf("after clicking the comment's 1:30 link (href %q) the targeted transcript line is %q, want t-88 (the line spoken at 1:30)",
			attr(t, ctx, "#comments ul.comments a[data-seek]", "href"), got)
	}
	noFormatErrors(t, ctx)
	Screenshot(t, ctx, "call-page")

	// Ana's calls: the two the demo seeded for her and the new one.
	err = chromedp.Do(ctx, chromedp.Navigate(d.URL+"/calls?owner=me"), chromedp.WaitVisible(chromedp.CSS("#call-list")))
	if err != nil {
		t.Fatal(err)
	}
	rows := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll('#call-list tbody tr')).map(tr => tr.innerText.replace(/\s+/g, ' ').trim())`)
	want := []string{"Halden Logistics — discovery with Finance and Sales Ops", "Halden Logistics — commercials and procurement", acmeTitle}
	for _, w := range want {
		found := false
		for _, r := range rows {
			if strings.Contains(r, w) && strings.Contains(r, "Ana Navarro") {
				found = true
			}
		}
		if !found {
			t.Errorf("Ana's calls lack %q; rows:\n%s", w, strings.Join(rows, "\n"))
		}
	}
	if len(rows) != len(want) {
		t.Errorf("Ana's calls has %d rows, want %d:\n%s", len(rows), len(want), strings.Join(rows, "\n"))
	}
}

// fakeSTT is an OpenAI-compatible speech-to-text service: it answers
// POST /v1/audio/transcriptions with a two-speaker verbose_json transcript
// once release is closed.
type fakeSTT struct {
	requests atomic.Int32
	release  chan struct{}
	once     sync.Once
	mu       sync.Mutex
	problems []string
	files    []string
}

func (f *fakeSTT) problem(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.problems = append(f.problems, fmt.Sprintf(format, args...))
}

func (f *fakeSTT) open() { f.once.Do(func() { close(f.release) }) }

const sttAnswer = `{"task":"transcribe","language":"english","duration":21.0,
 "text":"Hi Priya, thanks for joining. Happy to. We need better call coaching. Let's set up a demo next week. Thursday works.",
 "segments":[
  {"id":0,"start":0.0,"end":3.2,"text":" Hi Priya, thanks for joining.","speaker":"Ana Navarro"},
  {"id":1,"start":3.8,"end":5.1,"text":" Happy to.","speaker":"Priya Raman"},
  {"id":2,"start":5.9,"end":11.4,"text":" Our new reps need better call coaching, that's the main thing.","speaker":"Priya Raman"},
  {"id":3,"start":12.0,"end":17.5,"text":" Let's set up a demo next week with your team.","speaker":"Ana Navarro"},
  {"id":4,"start":18.2,"end":21.0,"text":" Thursday works for me.","speaker":"Priya Raman"}]}`

func (f *fakeSTT) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.requests.Add(1)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/audio/transcriptions" {
		f.problem("unexpected request %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
		return
	}
	if err := r.ParseMultipartForm(10 << 20); err != nil {
		f.problem("parse multipart form: %v", err)
		http.Error(w, `{"error":{"message":"bad form"}}`, http.StatusBadRequest)
		return
	}
	files := r.MultipartForm.File["file"]
	if len(files) != 1 {
		f.problem("%d file parts, want 1", len(files))
	} else {
		f.mu.Lock()
		f.files = append(f.files, files[0].Filename)
		f.mu.Unlock()
	}
	if r.FormValue("model") == "" {
		f.problem("no model field; fields %q", r.MultipartForm.Value)
	}
	if rf := r.FormValue("response_format"); rf != "" && rf != "verbose_json" {
		f.problem("response_format %q, want verbose_json", rf)
	}
	// Hold the answer until the test has seen the call waiting for it.
	select {
	case <-f.release:
	case <-time.After(20 * time.Second):
		f.problem("the test never released the answer")
	case <-r.Context().Done():
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(sttAnswer))
}

// TestRecordingTranscribedBySpeechToText uploads a recording to a Huddle
// with a speech-to-text service and waits for its transcript.
func TestRecordingTranscribedBySpeechToText(t *testing.T) {
	stt := &fakeSTT{release: make(chan struct{})}
	srv := httptest.NewServer(stt)
	t.Cleanup(srv.Close)
	t.Cleanup(stt.open) // runs before srv.Close: a held request must end

	d := StartDemo(t, "HUDDLE_STT_URL="+srv.URL)
	ctx := Browser(t)
	if err := SignIn(ctx, d.URL, d.Email, d.Password); err != nil {
		t.Fatalf("sign in with the printed credentials: %v", err)
	}
	rec := filepath.Join(t.TempDir(), "priya-intro.mp3")
	if err := os.WriteFile(rec, append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), make([]byte, 4096)...), 0o600); err != nil {
		t.Fatal(err)
	}

	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/calls"),
		chromedp.WaitVisible(chromedp.CSS("#call-list")),
		chromedp.Click(chromedp.CSS(`details > summary`)),
		chromedp.WaitVisible(chromedp.CSS("#title")),
	)
	if err != nil {
		t.Fatalf("open the upload form: %v", err)
	}
	if accept := attr(t, ctx, "#file", "accept"); !strings.Contains(accept, ".mp3") {
		t.Errorf("file input accepts %q: with speech-to-text configured it should take recordings", accept)
	}
	if help := text(t, ctx, "#file-help"); !strings.Contains(help, "transcribed by your speech-to-text service") {
		t.Errorf("upload help %q: want it to say recordings are transcribed", help)
	}
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{rec}),
		chromedp.SendKeys(chromedp.CSS("#title"), "Priya Raman — intro call (recording)"),
		chromedp.SendKeys(chromedp.CSS("#rep"), "Ana Navarro"),
		chromedp.Click(chromedp.CSS(`form[action="/calls"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice[role="status"]`)),
	)
	if err != nil {
		t.Fatalf("upload the recording: %v", err)
	}
	if notice := text(t, ctx, `p.notice[role="status"]`); !strings.Contains(notice, "Transcribing the recording") {
		t.Errorf("notice %q, want it to say the recording is being transcribed", notice)
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll('#transcript li').length`); n != 0 {
		t.Errorf("transcript has %d lines before speech-to-text answered", n)
	}
	callURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	stt.open()

	// Reload until the background worker has stored the transcript.
	var lines int
	for deadline := time.Now().Add(30 * time.Second); ; {
		lines = evaluate[int](t, ctx, `document.querySelectorAll('#transcript li').length`)
		if lines > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(time.Second)
		if err := chromedp.Do(ctx, chromedp.Navigate(callURL), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("reload the call page: %v", err)
		}
	}
	if lines == 0 {
		t.Fatalf("no transcript 30 s after the upload; the page says:\n%s", text(t, ctx, "main"))
	}
	if n := evaluate[int](t, ctx, `document.querySelectorAll('p.notice[role="status"], [role="alert"]').length`); n != 0 {
		t.Errorf("the call page still shows %d notices or errors:\n%s", n, text(t, ctx, "main"))
	}
	tr := strings.Join(strings.Fields(text(t, ctx, "#transcript")), " ")
	for _, want := range []string{"0:00 Ana Navarro Hi Priya, thanks for joining.", "0:03 Priya Raman Happy to.", "Priya Raman Thursday works for me."} {
		if !strings.Contains(tr, want) {
			t.Errorf("transcript lacks %q:\n%s", want, tr)
		}
	}
	if lines != 5 {
		t.Errorf("transcript has %d lines, want the 5 segments", lines)
	}
	lanes := evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll('.timeline .lanes li')).map(li => li.textContent.trim())`)
	if strings.Join(lanes, "|") != "Ana Navarro|Priya Raman" {
		t.Errorf("timeline lanes %q, want the two speakers", lanes)
	}
	// Ana said she is the rep; Priya talks a little longer.
	if rep := evaluate[string](t, ctx, `(document.querySelector('.facts dd') || {textContent: ''}).textContent.trim()`); rep != "Ana Navarro" {
		t.Errorf("the call's rep is %q, want Ana Navarro, as given in the upload form's rep field", rep)
	}
	noFormatErrors(t, ctx)
	Screenshot(t, ctx, "recording-transcribed")

	// One recording, one request: give a stray retry a moment to show.
	time.Sleep(2 * time.Second)
	stt.mu.Lock()
	defer stt.mu.Unlock()
	if n := stt.requests.Load(); n != 1 {
		t.Errorf("speech-to-text service got %d requests, want 1", n)
	}
	if len(stt.files) > 0 && stt.files[0] != "priya-intro.mp3" {
		t.Errorf("speech-to-text service got the file %q, want priya-intro.mp3", stt.files[0])
	}
	for _, p := range stt.problems {
		t.Errorf("speech-to-text request: %s", p)
	}
}

// noFormatErrors fails when the page shows a Go formatting artefact such
// as "%!f(*float64=0xc000123)".
func noFormatErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	page := text(t, ctx, "main")
	if i := strings.Index(page, "%!"); i >= 0 {
		line := page[strings.LastIndex(page[:i], "\n")+1:]
		if j := strings.Index(line, "\n"); j >= 0 {
			line = line[:j]
		}
		t.Errorf("the page shows a formatting error: %q", line)
	}
}

// evaluate runs a JavaScript expression in the page.
func evaluate[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// attr reads an attribute of the first element sel matches.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	expr := fmt.Sprintf(`(document.querySelector(%s) || {getAttribute: () => ''}).getAttribute(%s) || ''`, jsString(sel), jsString(name))
	return evaluate[string](t, ctx, expr)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
