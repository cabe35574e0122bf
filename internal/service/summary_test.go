package service_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"huddle/internal/auth"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
)

const summaryCall = "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nRita: How do you forecast today?\n\n" +
	"00:00:05.500 --> 00:00:20.000\nBuyer: Spreadsheets, and it is too expensive to keep doing it by hand.\n\n" +
	"00:00:21.000 --> 00:00:30.000\nRita: Let's book Thursday at 2pm to walk through it.\n"

// fakeModel is a stand-in for the language model: a third party's service,
// the one place a fake is right. It records what Huddle sent.
type fakeModel struct {
	reply   string
	err     error
	prompts []string
}

func (f *fakeModel) Complete(_ context.Context, system, user string) (string, error) {
	f.prompts = append(f.prompts, user)
	return f.reply, f.err
}

func withModel(t *testing.T, db *store.DB, m service.Summarizer) *world {
	w := newWorld(t, db)
	w.svc = service.New(db, service.Options{Now: w.clock.Now, HashParams: &auth.Params{Memory: 64, Time: 1, Threads: 1}, LLM: m})
	return w
}

func TestSummaryIsWrittenInTheBackgroundWhenAModelIsConfigured(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		model := &fakeModel{reply: "```json\n{\"summary\":\"Rita found manual forecasting pain.\",\"coaching_focus\":\"Ask about the cost of inaction.\"}\n```"}
		w := withModel(t, db, model)
		rita := w.actor(t, "rep1A")
		c := must(w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "Forecast chat", FileName: "a.vtt", Rep: "Rita", Data: []byte(summaryCall)}))(t)
		if service.DecodeSummary(c) != nil {
			t.Fatal("summary present before the job ran")
		}
		for must(w.svc.RunDueJob(ctx))(t) {
		}
		v := must(w.svc.Call(ctx, rita, c.ID))(t)
		got := service.DecodeSummary(v.Call)
		if got == nil || got.Summary != "Rita found manual forecasting pain." || got.Focus != "Ask about the cost of inaction." {
			t.Fatalf("summary = %+v", got)
		}
		if len(model.prompts) != 1 || !strings.Contains(model.prompts[0], "too expensive") || !strings.Contains(model.prompts[0], "Objections raised: price") {
			t.Fatalf("prompt sent: %q", model.prompts)
		}
	})
}

func TestNoModelMeansNothingIsSentAndNoJobIsQueued(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		if w.svc.SummariesConfigured() {
			t.Fatal("summaries on without a model")
		}
		must(w.svc.UploadTranscript(ctx, w.actor(t, "rep1A"), service.CallUpload{Title: "x", FileName: "a.vtt", Data: []byte(summaryCall)}))(t)
		if ran := must(w.svc.RunDueJob(ctx))(t); ran {
			t.Fatal("a job was queued although no model is configured")
		}
	})
}

func TestProseRepliesAreKeptAndFailuresRetried(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		model := &fakeModel{err: errors.New("model server down")}
		w := withModel(t, db, model)
		rita := w.actor(t, "rep1A")
		c := must(w.svc.UploadTranscript(ctx, rita, service.CallUpload{Title: "x", FileName: "a.vtt", Data: []byte(summaryCall)}))(t)
		must(w.svc.RunDueJob(ctx))(t) // fails, re-queued for later
		model.err, model.reply = nil, "The buyer forecasts in spreadsheets."
		w.clock.Advance(10 * 60 * 1e9)
		for must(w.svc.RunDueJob(ctx))(t) {
		}
		got := service.DecodeSummary(must(w.svc.Call(ctx, rita, c.ID))(t).Call)
		if got == nil || got.Summary != "The buyer forecasts in spreadsheets." || got.Focus != "" {
			t.Fatalf("summary = %+v", got)
		}
	})
}
