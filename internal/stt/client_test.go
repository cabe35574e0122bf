package stt

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"huddle/internal/transcript"
)

const verboseAnswer = `{"task":"transcribe","language":"english","duration":9.5,"text":"Hi there. How is the quarter going? Busy.",
 "segments":[
  {"id":0,"seek":0,"start":0.0,"end":2.5,"text":" Hi there.","tokens":[1,2],"avg_logprob":-0.2},
  {"id":1,"seek":0,"start":2.5,"end":6.0,"text":"  How is the\n quarter going? "},
  {"id":2,"seek":0,"start":6.0,"end":6.0,"text":"   "},
  {"id":3,"seek":0,"start":7.0,"end":9.5,"text":"Busy."}]}`

func TestTranscribeSendsForm(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	c := mustNew(t, Config{URL: svc.URL, APIKey: "sk-test-123", Timeout: time.Minute})
	rec := filepath.Join(t.TempDir(), "rec.mp3")
	if err := os.WriteFile(rec, []byte("ID3 fake mp3 bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := c.Transcribe(context.Background(), "Call with ACME.mp3", f); err != nil {
		t.Fatal(err)
	}
	got := svc.last()
	if got.Method != "POST" || got.Path != "/v1/audio/transcriptions" {
		t.Errorf("request %s %s", got.Method, got.Path)
	}
	if got.Auth != "Bearer sk-test-123" {
		t.Errorf("Authorization %q", got.Auth)
	}
	if !strings.HasPrefix(got.ContentType, "multipart/form-data; boundary=") {
		t.Errorf("Content-Type %q", got.ContentType)
	}
	if got.field(t, "model") != "whisper-1" || got.field(t, "response_format") != "verbose_json" ||
		got.field(t, "timestamp_granularities[]") != "segment" {
		t.Errorf("fields %q", got.Fields)
	}
	if got.Files != 1 || got.FileName != "Call with ACME.mp3" || got.FileType != "audio/mpeg" || string(got.Audio) != "ID3 fake mp3 bytes" {
		t.Errorf("file %d %q %q %q", got.Files, got.FileName, got.FileType, got.Audio)
	}
	if got.ContentLength <= int64(len("ID3 fake mp3 bytes")) {
		t.Errorf("Content-Length %d: a file's length is known and should be sent", got.ContentLength)
	}
}

func TestTranscribeSegments(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	c := mustNew(t, Config{URL: svc.URL + "/v1/", Model: "Systran/faster-whisper-small"})
	tr, err := c.Transcribe(context.Background(), "call.wav", audio("RIFF"))
	if err != nil {
		t.Fatal(err)
	}
	if got := svc.last(); got.Auth != "" || got.field(t, "model") != "Systran/faster-whisper-small" || got.FileType != "audio/wav" && got.FileType != "audio/x-wav" {
		t.Errorf("auth %q, model %q, type %q", got.Auth, got.Fields["model"], got.FileType)
	}
	want := &transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{
		{Speaker: "Speaker", Start: 0, End: 2.5, Text: "Hi there.", Line: 1},
		{Speaker: "Speaker", Start: 2.5, End: 6, Text: "How is the quarter going?", Line: 2},
		{Speaker: "Speaker", Start: 7, End: 9.5, Text: "Busy.", Line: 4},
	}}
	assertTranscript(t, tr, want)
}

func TestTranscribeSpeakers(t *testing.T) {
	svc := newFakeService(t, 200, `{"text":"Hello. Hi. Deal?","segments":[
		{"start":0,"end":1,"text":"Hello.","speaker":"SPEAKER_00"},
		{"start":1,"end":2,"text":"Hi.","speaker":"SPEAKER_01"},
		{"start":2,"end":3,"text":"Deal?"}]}`)
	tr, err := mustNew(t, Config{URL: svc.URL}).Transcribe(context.Background(), "c.m4a", audio("x"))
	if err != nil {
		t.Fatal(err)
	}
	assertTranscript(t, tr, &transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{
		{Speaker: "Speaker 1", Start: 0, End: 1, Text: "Hello.", Line: 1},
		{Speaker: "Speaker 2", Start: 1, End: 2, Text: "Hi.", Line: 2},
		{Speaker: "Speaker 2", Start: 2, End: 3, Text: "Deal?", Line: 3}, // no label: same speaker
	}})
}

func TestTranscribeDiarizedJSON(t *testing.T) {
	svc := newFakeService(t, 200, `{"task":"transcribe","duration":4.2,"text":"Hello. Hi Dana.","segments":[
		{"type":"transcript.text.segment","id":"seg_001","start":0.0,"end":1.5,"text":"Hello.","speaker":"A"},
		{"type":"transcript.text.segment","id":"seg_002","start":1.6,"end":4.2,"text":"Hi Dana.","speaker":"agent"}],
		"usage":{"type":"duration","seconds":5}}`)
	c := mustNew(t, Config{URL: svc.URL, Model: "gpt-4o-transcribe-diarize", ResponseFormat: "diarized_json"})
	tr, err := c.Transcribe(context.Background(), "c.webm", audio("x"))
	if err != nil {
		t.Fatal(err)
	}
	got := svc.last()
	if got.field(t, "response_format") != "diarized_json" || got.field(t, "chunking_strategy") != "auto" || got.Fields["timestamp_granularities[]"] != nil {
		t.Errorf("fields %q", got.Fields)
	}
	assertTranscript(t, tr, &transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{
		{Speaker: "Speaker A", Start: 0, End: 1.5, Text: "Hello.", Line: 1},
		{Speaker: "agent", Start: 1.6, End: 4.2, Text: "Hi Dana.", Line: 2},
	}})
}

func TestTranscribeTextOnly(t *testing.T) {
	svc := newFakeService(t, 200, `{"text":" Just text,\nno segments. "}`)
	tr, err := mustNew(t, Config{URL: svc.URL}).Transcribe(context.Background(), "c.ogg", audio("x"))
	if err != nil {
		t.Fatal(err)
	}
	assertTranscript(t, tr, &transcript.Transcript{Format: "stt", Timed: false, Cues: []transcript.Cue{
		{Speaker: "Speaker", Text: "Just text, no segments.", Line: 1}}})
}

// TestTranscribeStreams sends a recording of unknown length: it goes out
// chunked, whole, and is never held by the client.
func TestTranscribeStreams(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	const size = 8 << 20
	data := bytes.Repeat([]byte("0123456789abcdef"), size/16)
	if _, err := mustNew(t, Config{URL: svc.URL}).Transcribe(context.Background(), "big.flac", unsized{bytes.NewReader(data)}); err != nil {
		t.Fatal(err)
	}
	got := svc.last()
	if got.ContentLength != -1 || !bytes.Equal(got.Audio, data) {
		t.Errorf("Content-Length %d, %d bytes arrived, want chunked and %d", got.ContentLength, len(got.Audio), size)
	}
}

func TestTranscribeFileNameCannotInjectHeaders(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	c := mustNew(t, Config{URL: svc.URL})
	if _, err := c.Transcribe(context.Background(), "C:\\calls\\a\"b\r\nX-Evil: 1\r\n.mp3", audio("x")); err != nil {
		t.Fatal(err)
	}
	got := svc.last()
	if got.FileName != "ab X-Evil: 1.mp3" && got.FileName != "abX-Evil: 1.mp3" || got.FileHeaders["X-Evil"] != nil {
		t.Errorf("file name %q, headers %q", got.FileName, got.FileHeaders)
	}
}

// TestEarlyRefusal: the server refuses an endless upload without reading
// it. Transcribe returns the refusal, and (checked loosely here, exactly in
// TestBodyFinish) stops reading the recording, which the caller may now
// close.
func TestEarlyRefusal(t *testing.T) {
	var returned, lateReads atomic.Int32
	r := readerFunc(func(p []byte) (int, error) {
		if returned.Load() != 0 {
			lateReads.Add(1)
		}
		clear(p)
		return len(p), nil // endless
	})
	svc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, `{"error":{"message":"file too large"}}`, http.StatusRequestEntityTooLarge)
	}))
	defer svc.Close()
	_, err := mustNew(t, Config{URL: svc.URL}).Transcribe(context.Background(), "endless.wav", r)
	returned.Store(1)
	if err == nil || IsRetryable(err) || !strings.Contains(err.Error(), "file too large") {
		t.Fatalf("error %v (retryable %v), want the service's refusal", err, IsRetryable(err))
	}
	time.Sleep(50 * time.Millisecond) // give a stray reader the chance to show itself
	if n := lateReads.Load(); n != 0 {
		t.Errorf("%d reads after Transcribe returned", n)
	}
}

func TestBodyFinish(t *testing.T) {
	reads := 0
	r := readerFunc(func(p []byte) (int, error) { reads++; return copy(p, "data"), nil })
	b := mustNew(t, Config{URL: "http://h"}).newBody("a.mp3", r)
	buf := make([]byte, 1<<10)
	for reads == 0 {
		if _, err := b.Read(buf); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.finish(); err != nil {
		t.Fatal(err)
	}
	if n, err := b.Read(buf); n != 0 || !errors.Is(err, errDone) || reads != 1 {
		t.Errorf("Read after finish: %d, %v, %d reads of the recording", n, err, reads)
	}
	if b.size != -1 || !strings.HasPrefix(b.ctype, "multipart/form-data; boundary=") {
		t.Errorf("size %d, type %q", b.size, b.ctype)
	}
}

func TestNewURLs(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:9000":                         "http://127.0.0.1:9000/v1/audio/transcriptions",
		"http://127.0.0.1:9000/":                        "http://127.0.0.1:9000/v1/audio/transcriptions",
		"http://127.0.0.1:9000/v1":                      "http://127.0.0.1:9000/v1/audio/transcriptions",
		" https://api.openai.com/v1/ ":                  "https://api.openai.com/v1/audio/transcriptions",
		"http://box/localai":                            "http://box/localai/v1/audio/transcriptions",
		"http://box:8080/v1/audio/transcriptions":       "http://box:8080/v1/audio/transcriptions",
		"https://u:p@stt.example/v1/?api-version=1#top": "https://u:p@stt.example/v1/audio/transcriptions?api-version=1",
	} {
		c, err := New(Config{URL: in})
		if err != nil || c.endpoint != want {
			t.Errorf("New(%q): %v, endpoint %q, want %q", in, err, c.endpoint, want)
		}
		if c != nil && strings.Contains(c.safeURL, "p@") {
			t.Errorf("New(%q): host for messages %q holds credentials", in, c.safeURL)
		}
	}
	for _, cfg := range []Config{{}, {URL: "127.0.0.1:9000"}, {URL: "ftp://x"}, {URL: "http://"}, {URL: "http://u:secret@h\x7f/"},
		{URL: "http://h", Timeout: -1}, {URL: "http://h", ResponseFormat: "srt"}, {URL: "http://h", APIKey: "secret\nX: y"}} {
		_, err := New(cfg)
		if err == nil {
			t.Errorf("New(%+v): no error", cfg)
		} else if strings.Contains(err.Error(), "secret") {
			t.Errorf("New: error %q shows a secret", err)
		}
	}
	c := mustNew(t, Config{URL: "http://h"})
	if c.model != DefaultModel || c.format != DefaultResponseFormat || c.timeout != DefaultTimeout {
		t.Errorf("defaults: %q %q %s", c.model, c.format, c.timeout)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func assertTranscript(t *testing.T, got, want *transcript.Transcript) {
	t.Helper()
	if got.Format != want.Format || got.Timed != want.Timed || len(got.Cues) != len(want.Cues) {
		t.Fatalf("transcript %s timed=%v %d cues, want %s timed=%v %d cues: %+v",
			got.Format, got.Timed, len(got.Cues), want.Format, want.Timed, len(want.Cues), got.Cues)
	}
	for i := range want.Cues {
		if got.Cues[i] != want.Cues[i] {
			t.Errorf("cue %d: %+v, want %+v", i, got.Cues[i], want.Cues[i])
		}
	}
}

var _ io.Reader = readerFunc(nil)
