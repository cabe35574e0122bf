package service_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"huddle/internal/analysis"
	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

// discoveryVTT is a short call: the rep asks questions, the buyer raises a
// price objection, the pricing tracker matches and a next step is agreed.
const discoveryVTT = `WEBVTT

00:00:00.000 --> 00:00:08.000
Rita: Thanks for your time. What does your process look like today?

00:00:09.000 --> 00:00:20.000
Buyer: We do it by hand in spreadsheets. The last tool was too expensive for us.

00:00:21.000 --> 00:00:30.000
Rita: How did the pricing work out back then?

00:00:31.000 --> 00:00:45.000
Buyer: The price went up every year and nobody could say why.

00:00:46.000 --> 00:00:55.000
Rita: I will send over a proposal and we can meet again next week.

00:00:56.000 --> 00:01:00.000
Buyer: Sounds good.
`

func upload(t *testing.T, svc *service.Service, a service.Actor, title string, vis domain.Visibility, shared ...int64) domain.Call {
	t.Helper()
	c, err := svc.UploadTranscript(context.Background(), a, service.CallUpload{Title: title, FileName: "call.vtt",
		Data: []byte(discoveryVTT), Visibility: vis, SharedWith: shared, Rep: "Rita"})
	if err != nil {
		t.Fatalf("upload %q: %v", title, err)
	}
	return c
}

// drainJobs runs background jobs until none is due and returns how many ran.
func drainJobs(t *testing.T, svc *service.Service) int {
	t.Helper()
	n := 0
	for {
		ran, err := svc.RunDueJob(context.Background())
		if err != nil {
			t.Fatalf("run due job: %v", err)
		}
		if !ran {
			return n
		}
		if n++; n > 50 {
			t.Fatal("the job queue does not drain")
		}
	}
}

func TestUploadTranscriptAnalyses(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		c := must(w.svc.UploadTranscript(ctx, rita, service.CallUpload{FileName: "acme-discovery.vtt", Data: []byte(discoveryVTT), Rep: "Rita"}))(t)

		if c.ID == 0 || c.OwnerID != rita.Person.ID || c.Status != domain.CallReady || c.Format != "vtt" || c.Source != "transcript" {
			t.Errorf("call %+v", c)
		}
		if c.Title != "acme-discovery" || c.Visibility != domain.VisibilityPrivate || !c.OccurredAt.Equal(w.clock.Now()) {
			t.Errorf("defaults: title %q, visibility %q, occurred %v", c.Title, c.Visibility, c.OccurredAt)
		}
		stored := must(w.svc.Call(ctx, rita, c.ID))(t).Call
		m := stored.Metrics
		if m.DurationSeconds == nil || *m.DurationSeconds < 59 || m.TalkRatio == nil || *m.TalkRatio <= 0 || *m.TalkRatio >= 1 ||
			m.Questions == nil || *m.Questions < 2 || m.WordsPerMinute == nil || m.Patience == nil || m.LongestMonolog == nil {
			t.Errorf("metrics not filled: %+v", m)
		}
		if !slices.Contains(m.Objections, "price") || !slices.Contains(m.Trackers, "pricing") {
			t.Errorf("objections %v, trackers %v", m.Objections, m.Trackers)
		}
		doc := must(service.DecodeTranscript(stored))(t)
		if len(doc.Cues) != 6 || !doc.Timed || doc.Cues[0].Speaker != "Rita" {
			t.Errorf("transcript %+v", doc)
		}
		report := must(service.DecodeReport(stored))(t)
		if report == nil || report.Rep != "Rita" {
			t.Errorf("report %+v", report)
		}
		// Filters find it by its analysis.
		for _, f := range []domain.CallFilter{{Tracker: "PRICING"}, {Objection: "price"}, {Query: "acme"}, {OwnerID: rita.Person.ID},
			{TeamID: w.teamA.ID}} {
			if got, n := mustList(w.svc.Calls(ctx, rita, f))(t); n != 1 || got[0].ID != c.ID {
				t.Errorf("filter %+v: %d calls", f, n)
			}
		}
		if _, n := mustList(w.svc.Calls(ctx, rita, domain.CallFilter{Tracker: "security"}))(t); n != 0 {
			t.Errorf("tracker filter security: %d calls", n)
		}
	})
}

func TestUploadTranscriptRefusals(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		_, err := w.svc.UploadTranscript(ctx, rita, service.CallUpload{FileName: "bad.vtt",
			Data: []byte("WEBVTT\n\n00:00:01.000 --> 00:00:zz.000\nRita: hi\n")})
		wantField(t, err, "file")
		if msg := err.Error(); !strings.Contains(msg, "bad.vtt") || !strings.Contains(msg, "line 3") {
			t.Errorf("the parse error does not name the file and line: %q", msg)
		}
		_, err = w.svc.UploadTranscript(ctx, rita, service.CallUpload{FileName: "empty.vtt"})
		wantField(t, err, "file")
		_, err = w.svc.UploadTranscript(ctx, rita, service.CallUpload{FileName: "x.vtt", Data: make([]byte, service.MaxTranscriptBytes+1)})
		wantErr(t, err, service.ErrTooLarge)
		_, err = w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "Shared abroad", FileName: "x.vtt", Data: []byte(discoveryVTT),
			Visibility: domain.VisibilityPeers, SharedWith: []int64{w.people["repB"].ID}})
		wantField(t, err, "shared_with")
		_, err = w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "Bad", FileName: "x.vtt", Data: []byte(discoveryVTT), Visibility: "world"})
		wantField(t, err, "visibility")
		_, err = w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "Who?", FileName: "x.vtt", Data: []byte(discoveryVTT), Rep: "Nobody"})
		wantField(t, err, "rep")
		_, err = w.svc.UploadTranscript(ctx, service.SystemActor(w.orgA), service.CallUpload{Title: "System", FileName: "x.vtt", Data: []byte(discoveryVTT)})
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.UploadRecording(ctx, rita, service.CallUpload{Title: "Audio", FileName: "x.mp3"}, strings.NewReader("audio"))
		wantField(t, err, "file")
		if !strings.Contains(err.Error(), "HUDDLE_STT_URL") {
			t.Errorf("no speech-to-text: %v", err)
		}
		if ids := must(db.CallIDs(ctx, w.orgA.ID))(t); len(ids) != 0 {
			t.Errorf("refused uploads stored %d calls", len(ids))
		}
	})
}

func TestReanalysisAddsNewTrackers(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita, bob := w.actor(t, "rep1A"), w.actor(t, "repB")
		c := upload(t, w.svc, rita, "Before the tracker", domain.VisibilityPrivate)
		other := upload(t, w.svc, bob, "Org B's call", domain.VisibilityPrivate)
		if slices.Contains(c.Metrics.Trackers, "Spreadsheets") {
			t.Fatal("the tracker matched before it existed")
		}
		edit := service.AnalysisEdit{Trackers: []analysis.Category{{Name: "pricing", Phrases: []string{"price", "pricing"}},
			{Name: "Spreadsheets", Phrases: []string{" spreadsheets ", "excel", "Excel"}}, {Name: "empty", Phrases: []string{" "}}}}
		_, err := w.svc.SetAnalysisConfig(ctx, rita, edit)
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.SetAnalysisConfig(ctx, w.actor(t, "managerA"), edit)
		wantErr(t, err, domain.ErrForbidden)
		cfg := must(w.svc.SetAnalysisConfig(ctx, w.actor(t, "adminA"), edit))(t)
		if len(cfg.Trackers) != 2 || len(cfg.Trackers[1].Phrases) != 2 || len(cfg.Objections) == 0 {
			t.Errorf("saved config: trackers %+v, %d objection categories", cfg.Trackers, len(cfg.Objections))
		}
		if got := must(w.svc.AnalysisConfig(ctx, w.actor(t, "adminB")))(t); len(got.Trackers) != len(analysis.DefaultConfig().Trackers) {
			t.Errorf("org B's trackers changed: %+v", got.Trackers)
		}
		if _, n := mustList(w.svc.Calls(ctx, rita, domain.CallFilter{Tracker: "spreadsheets"}))(t); n != 0 {
			t.Fatal("the old call matched before re-analysis")
		}
		if n := drainJobs(t, w.svc); n != 1 {
			t.Errorf("%d jobs ran, want the one re-analysis", n)
		}
		got := must(w.svc.Call(ctx, rita, c.ID))(t).Call
		if !slices.Contains(got.Metrics.Trackers, "Spreadsheets") || slices.Contains(got.Metrics.Trackers, "integration") {
			t.Errorf("after re-analysis: trackers %v", got.Metrics.Trackers)
		}
		if list, n := mustList(w.svc.Calls(ctx, rita, domain.CallFilter{Tracker: "spreadsheets"}))(t); n != 1 || list[0].ID != c.ID {
			t.Errorf("tracker filter after re-analysis: %d", n)
		}
		report := must(service.DecodeReport(got))(t)
		if report.Rep != "Rita" {
			t.Errorf("re-analysis changed the rep to %q", report.Rep)
		}
		b := must(w.svc.Call(ctx, bob, other.ID))(t).Call
		if slices.Contains(b.Metrics.Trackers, "Spreadsheets") {
			t.Error("org A's tracker was applied to org B's call")
		}
		// A phrase list the analyser refuses is not saved.
		_, err = w.svc.SetAnalysisConfig(ctx, w.actor(t, "adminA"), service.AnalysisEdit{Trackers: []analysis.Category{
			{Name: "punctuation", Phrases: []string{"!!!"}}}})
		wantField(t, err, "phrases")
		if cur := must(w.svc.AnalysisConfig(ctx, w.actor(t, "adminA")))(t); len(cur.Trackers) != 2 || cur.Trackers[1].Name != "Spreadsheets" {
			t.Errorf("a refused edit was saved: %+v", cur.Trackers)
		}
		if n := drainJobs(t, w.svc); n != 0 {
			t.Errorf("a refused edit queued %d jobs", n)
		}
	})
}

func TestCallVisibilityRules(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita, remy := w.actor(t, "rep1A"), w.actor(t, "rep2A")
		maya, ada, bob := w.actor(t, "managerA"), w.actor(t, "adminA"), w.actor(t, "repB")
		private := upload(t, w.svc, rita, "Private", domain.VisibilityPrivate, remy.Person.ID)
		peers := upload(t, w.svc, rita, "Peers", domain.VisibilityPeers, maya.Person.ID)
		team := upload(t, w.svc, rita, "Team", domain.VisibilityTeam)
		for _, c := range []struct {
			who  service.Actor
			call domain.Call
			sees bool
		}{
			{rita, private, true}, {remy, private, false}, {maya, private, false}, {ada, private, false}, {bob, private, false},
			{rita, peers, true}, {remy, peers, false}, {maya, peers, true}, {ada, peers, false}, {bob, peers, false},
			{rita, team, true}, {remy, team, true}, {maya, team, false}, {ada, team, false}, {bob, team, false},
		} {
			_, err := w.svc.Call(ctx, c.who, c.call.ID)
			if c.sees && err != nil || !c.sees && !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s opens %s: %v, want sees=%v", c.who.Person.Name, c.call.Title, err, c.sees)
			}
			list, _ := mustList(w.svc.Calls(ctx, c.who, domain.CallFilter{}))(t)
			listed := slices.ContainsFunc(list, func(x domain.Call) bool { return x.ID == c.call.ID })
			if listed != c.sees {
				t.Errorf("%s lists %s: %v, want %v", c.who.Person.Name, c.call.Title, listed, c.sees)
			}
			_, err = w.svc.AddComment(ctx, c.who, c.call.ID, 0, 1, "hello")
			if c.sees && err != nil || !c.sees && !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s comments on %s: %v", c.who.Person.Name, c.call.Title, err)
			}
		}
		// Only the owner changes, snips or deletes: 403 for those who see it, 404 for the rest.
		vis := domain.VisibilityTeam
		_, err := w.svc.UpdateCallSharing(ctx, maya, peers.ID, service.CallSharing{Visibility: &vis})
		wantErr(t, err, domain.ErrForbidden)
		_, err = w.svc.UpdateCallSharing(ctx, ada, peers.ID, service.CallSharing{Visibility: &vis})
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.CreateSnippet(ctx, remy, team.ID, "Mine now", 0, 10, []int64{maya.Person.ID})
		wantErr(t, err, domain.ErrForbidden)
		wantErr(t, w.svc.DeleteCall(ctx, remy, team.ID), domain.ErrForbidden)
		wantErr(t, w.svc.DeleteCall(ctx, bob, team.ID), domain.ErrNotFound)
		// Removing a peer ends their access at once.
		none := []int64{}
		must(w.svc.UpdateCallSharing(ctx, rita, peers.ID, service.CallSharing{SharedWith: &none}))(t)
		_, err = w.svc.Call(ctx, maya, peers.ID)
		wantErr(t, err, domain.ErrNotFound)
		// The owner is never listed as their own peer.
		self := []int64{rita.Person.ID, remy.Person.ID, remy.Person.ID}
		got := must(w.svc.UpdateCallSharing(ctx, rita, peers.ID, service.CallSharing{SharedWith: &self}))(t)
		if fmt.Sprint(got.SharedWith) != fmt.Sprint([]int64{remy.Person.ID}) {
			t.Errorf("shared with %v", got.SharedWith)
		}
	})
}

func TestSnippetsShowOnlyTheirRange(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita, remy, maya := w.actor(t, "rep1A"), w.actor(t, "rep2A"), w.actor(t, "managerA")
		c := upload(t, w.svc, rita, "Private", domain.VisibilityPrivate)
		sn := must(w.svc.CreateSnippet(ctx, rita, c.ID, " Pricing pushback ", 20, 35, []int64{remy.Person.ID, remy.Person.ID, rita.Person.ID}))(t)
		if sn.Title != "Pricing pushback" || fmt.Sprint(sn.SharedWith) != fmt.Sprint([]int64{remy.Person.ID}) {
			t.Errorf("snippet %+v", sn)
		}
		v := must(w.svc.Snippet(ctx, remy, sn.ID))(t)
		var texts []string
		for _, cue := range v.Cues {
			texts = append(texts, cue.Text)
		}
		if len(v.Cues) != 2 || !strings.Contains(strings.Join(texts, " "), "pricing work out") || strings.Contains(strings.Join(texts, " "), "spreadsheets") {
			t.Errorf("the snippet shows %q", texts)
		}
		_, err := w.svc.Call(ctx, remy, c.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.Snippet(ctx, maya, sn.ID)
		wantErr(t, err, domain.ErrNotFound)
		_, err = w.svc.AddComment(ctx, remy, 0, sn.ID, 50, "outside")
		wantField(t, err, "at_seconds")
		must(w.svc.AddComment(ctx, remy, 0, sn.ID, 25, "inside"))(t)
		_, err = w.svc.AddComment(ctx, maya, 0, sn.ID, 25, "not mine")
		wantErr(t, err, domain.ErrNotFound)
		if shared := must(w.svc.SharedSnippets(ctx, remy))(t); len(shared) != 1 {
			t.Errorf("shared snippets %v", shared)
		}
		for _, bad := range []struct {
			start, end float64
			peers      []int64
			field      string
		}{
			{10, 10, []int64{remy.Person.ID}, "end"},
			{-1, 10, []int64{remy.Person.ID}, "end"},
			{500, 510, []int64{remy.Person.ID}, "start"},
			{0, 10, nil, "shared_with"},
			{0, 10, []int64{w.people["repB"].ID}, "shared_with"},
		} {
			_, err := w.svc.CreateSnippet(ctx, rita, c.ID, "Bad", bad.start, bad.end, bad.peers)
			wantField(t, err, bad.field)
		}
	})
}

func TestBenchmarksNeedFiveCalls(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		for i := range 4 {
			upload(t, w.svc, rita, fmt.Sprintf("Call %d", i), domain.VisibilityPrivate)
		}
		if bms := must(w.svc.Benchmarks(ctx, w.actor(t, "managerA")))(t); len(bms) != 0 {
			t.Errorf("with 4 calls: %+v", bms)
		}
		upload(t, w.svc, w.actor(t, "rep2A"), "Call 5", domain.VisibilityPrivate)
		bms := must(w.svc.Benchmarks(ctx, w.actor(t, "managerA")))(t)
		if len(bms) == 0 {
			t.Fatal("with 5 calls: no benchmarks")
		}
		for _, b := range bms {
			if b.Calls != 5 {
				t.Errorf("%s from %d calls", b.Metric, b.Calls)
			}
		}
		if bms := must(w.svc.Benchmarks(ctx, w.actor(t, "repB")))(t); len(bms) != 0 {
			t.Errorf("org B sees org A's benchmarks: %+v", bms)
		}
	})
}

// mustList is must for functions that return a list, its total and an error.
func mustList[A, B any](a A, b B, err error) func(t *testing.T) (A, B) {
	return func(t *testing.T) (A, B) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}
