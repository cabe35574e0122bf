package service_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"huddle/internal/auth"
	"huddle/internal/domain"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/store/storetest"
	"huddle/internal/transcript"
)

// fakeSTT is a speech-to-text service that answers with a fixed
// transcript, or with the error fail returns for the nth call (1-based).
type fakeSTT struct {
	mu    sync.Mutex
	calls int
	heard []string // what each call received
	fail  func(n int) error
}

func (s *fakeSTT) Transcribe(_ context.Context, fileName string, audio io.Reader) (*transcript.Transcript, error) {
	b, err := io.ReadAll(audio)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.calls++
	n := s.calls
	s.heard = append(s.heard, fileName+":"+string(b))
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		if err := fail(n); err != nil {
			return nil, err
		}
	}
	return transcript.Parse([]byte(discoveryVTT), "stt.vtt")
}

func (s *fakeSTT) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// memBlobs keeps recordings in memory.
type memBlobs struct {
	mu    sync.Mutex
	blobs map[string][]byte
}

func (m *memBlobs) Put(_ context.Context, key string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.blobs[key] = b
	return nil
}

func (m *memBlobs) Open(_ context.Context, key string) (io.ReadCloser, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.blobs[key]
	if !ok {
		return nil, domain.NotFound("blob")
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (m *memBlobs) Delete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.blobs, key)
	return nil
}

// audioWorld is a world whose service can transcribe recordings.
func audioWorld(t *testing.T, db *store.DB, stt *fakeSTT) (*world, *service.Service, *memBlobs) {
	t.Helper()
	w := newWorld(t, db)
	blobs := &memBlobs{blobs: map[string][]byte{}}
	svc := service.New(db, service.Options{Now: w.clock.Now, HashParams: &auth.Params{Memory: 64, Time: 1, Threads: 1}, STT: stt, Blobs: blobs})
	return w, svc, blobs
}

func uploadAudio(t *testing.T, svc *service.Service, a service.Actor, vis domain.Visibility, shared ...int64) domain.Call {
	t.Helper()
	c, err := svc.UploadRecording(context.Background(), a, service.CallUpload{Title: "Recorded call", FileName: "Call.MP3",
		Visibility: vis, SharedWith: shared}, strings.NewReader("ID3 fake audio"))
	if err != nil {
		t.Fatalf("upload recording: %v", err)
	}
	return c
}

// transcribeJob is the one transcription job of a call.
func transcribeJob(t *testing.T, db *store.DB, orgID, callID int64) domain.Job {
	t.Helper()
	jobs, err := db.JobsFor(context.Background(), orgID, service.JobTranscribe, callID)
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs) == 0 {
		t.Fatalf("call %d has no transcription job", callID)
	}
	return jobs[0]
}

func TestAudioUploadIsTranscribed(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stt := &fakeSTT{}
		w, svc, blobs := audioWorld(t, db, stt)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		c := uploadAudio(t, svc, rita, domain.VisibilityPrivate)
		if c.Status != domain.CallTranscribing || c.Source != "audio" || c.Recording == "" || c.Metrics.TalkRatio != nil {
			t.Fatalf("uploaded %+v", c)
		}
		if !strings.HasSuffix(c.Recording, ".mp3") || strings.Contains(c.Recording, "Call") {
			t.Errorf("recording key %q should be random with the lower-case extension", c.Recording)
		}
		if string(blobs.blobs[c.Recording]) != "ID3 fake audio" {
			t.Errorf("stored recording %q", blobs.blobs[c.Recording])
		}
		if ran, err := svc.RunDueJob(ctx); err != nil || !ran {
			t.Fatalf("RunDueJob: %v, %v", ran, err)
		}
		if stt.heard[0] != "Call.MP3:ID3 fake audio" {
			t.Errorf("the transcriber heard %q", stt.heard)
		}
		got := must(svc.Call(ctx, rita, c.ID))(t).Call
		m := got.Metrics
		if got.Status != domain.CallReady || got.StatusDetail != "" || m.TalkRatio == nil || m.Questions == nil || m.DurationSeconds == nil {
			t.Errorf("after transcription: %s %q %+v", got.Status, got.StatusDetail, m)
		}
		if doc := must(service.DecodeTranscript(got))(t); len(doc.Cues) != 6 {
			t.Errorf("transcript of %d cues", len(doc.Cues))
		}
		if j := transcribeJob(t, db, w.orgA.ID, c.ID); j.State != domain.JobDone || j.Attempts != 1 {
			t.Errorf("job %+v", j)
		}
		if ran := must(svc.RunDueJob(ctx))(t); ran {
			t.Error("a job is still due")
		}
		// The recording is for those who may see the call.
		rc, name, err := svc.Recording(ctx, rita, c.ID)
		if err != nil || name != "Call.MP3" {
			t.Fatalf("Recording: %q, %v", name, err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if string(b) != "ID3 fake audio" {
			t.Errorf("recording %q", b)
		}
		for _, who := range []string{"rep2A", "managerA", "adminA", "repB"} {
			_, _, err := svc.Recording(ctx, w.actor(t, who), c.ID)
			wantErr(t, err, domain.ErrNotFound)
		}
		// Deleting the call deletes its recording too: a person who deletes
		// a call expects the audio gone, not orphaned in storage.
		if err := svc.DeleteCall(ctx, rita, c.ID); err != nil {
			t.Fatal(err)
		}
		blobs.mu.Lock()
		_, kept := blobs.blobs[c.Recording]
		blobs.mu.Unlock()
		if kept {
			t.Error("the recording of a deleted call is still stored")
		}
		if ran := must(svc.RunDueJob(ctx))(t); ran {
			t.Error("deleting the call queued work")
		}
	})
}

// secretCause is what a failing speech-to-text service says: an internal
// address that must reach the log only.
const secretCause = "dial tcp 10.20.30.40:9000: connection refused (stt.internal.example)"

func TestTranscriptionRetriesThenFails(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stt := &fakeSTT{fail: func(int) error { return errors.New(secretCause) }}
		w, svc, _ := audioWorld(t, db, stt)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		c := uploadAudio(t, svc, rita, domain.VisibilityPrivate)

		var lastRun time.Time
		for attempt := 1; attempt <= 3; attempt++ {
			if ran, err := svc.RunDueJob(ctx); err != nil || !ran {
				t.Fatalf("attempt %d: RunDueJob %v, %v", attempt, ran, err)
			}
			j := transcribeJob(t, db, w.orgA.ID, c.ID)
			got := must(svc.Call(ctx, rita, c.ID))(t).Call
			if j.Attempts != attempt {
				t.Errorf("attempt %d: job attempts %d", attempt, j.Attempts)
			}
			if attempt < 3 {
				if j.State != domain.JobQueued || !j.RunAfter.After(w.clock.Now()) || !j.RunAfter.After(lastRun) {
					t.Errorf("attempt %d: job %s, run after %v (now %v)", attempt, j.State, j.RunAfter, w.clock.Now())
				}
				if got.Status != domain.CallTranscribing {
					t.Errorf("attempt %d: call %s %q", attempt, got.Status, got.StatusDetail)
				}
				if ran := must(svc.RunDueJob(ctx))(t); ran {
					t.Errorf("attempt %d: retried at once, before its delay", attempt)
				}
				lastRun = j.RunAfter
				w.clock.Advance(j.RunAfter.Sub(w.clock.Now()) + time.Second)
				continue
			}
			if j.State != domain.JobFailed {
				t.Errorf("after 3 attempts: job %s", j.State)
			}
			if got.Status != domain.CallFailed || got.StatusDetail == "" {
				t.Errorf("after 3 attempts: call %s %q", got.Status, got.StatusDetail)
			}
			for _, secret := range []string{"10.20.30.40", "stt.internal", "dial tcp", "refused"} {
				if strings.Contains(got.StatusDetail, secret) {
					t.Errorf("the call's status tells its viewers %q: %q", secret, got.StatusDetail)
				}
			}
		}
		if stt.count() != 3 {
			t.Errorf("transcriber called %d times, want 3", stt.count())
		}
		w.clock.Advance(24 * time.Hour)
		if ran := must(svc.RunDueJob(ctx))(t); ran {
			t.Error("a failed job ran again")
		}
	})
}

func TestPermanentTranscriptionErrorFailsAtOnce(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		stt := &fakeSTT{fail: func(int) error {
			return service.Permanent(errors.New("415 unsupported codec from http://stt.internal.example/v1/audio"))
		}}
		w, svc, _ := audioWorld(t, db, stt)
		ctx := context.Background()
		rita := w.actor(t, "rep1A")
		c := uploadAudio(t, svc, rita, domain.VisibilityPrivate)
		if ran, err := svc.RunDueJob(ctx); err != nil || !ran {
			t.Fatalf("RunDueJob %v, %v", ran, err)
		}
		j := transcribeJob(t, db, w.orgA.ID, c.ID)
		got := must(svc.Call(ctx, rita, c.ID))(t).Call
		if j.State != domain.JobFailed || j.Attempts != 1 || got.Status != domain.CallFailed {
			t.Errorf("job %s after %d attempts, call %s", j.State, j.Attempts, got.Status)
		}
		if strings.Contains(got.StatusDetail, "stt.internal") || strings.Contains(got.StatusDetail, "codec") {
			t.Errorf("status detail %q names the cause", got.StatusDetail)
		}
		w.clock.Advance(time.Hour)
		if ran := must(svc.RunDueJob(ctx))(t); ran || stt.count() != 1 {
			t.Errorf("a permanent failure was retried (%d calls)", stt.count())
		}
	})
}

func TestRetryTranscription(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, db *store.DB) {
		failing := true
		var mu sync.Mutex
		stt := &fakeSTT{fail: func(int) error {
			mu.Lock()
			defer mu.Unlock()
			if failing {
				return service.Permanent(errors.New("rejected"))
			}
			return nil
		}}
		w, svc, _ := audioWorld(t, db, stt)
		ctx := context.Background()
		rita, maya := w.actor(t, "rep1A"), w.actor(t, "managerA")
		c := uploadAudio(t, svc, rita, domain.VisibilityPeers, maya.Person.ID)
		wantField(t, svc.RetryTranscription(ctx, rita, c.ID), "call") // still transcribing, not failed
		drainJobs(t, svc)
		if got := must(svc.Call(ctx, rita, c.ID))(t).Call; got.Status != domain.CallFailed {
			t.Fatalf("call %s", got.Status)
		}
		// Only the owner retries: someone named is told so; others, that there is no such call.
		wantErr(t, svc.RetryTranscription(ctx, maya, c.ID), domain.ErrForbidden)
		for _, who := range []string{"rep2A", "adminA", "adminB"} {
			wantErr(t, svc.RetryTranscription(ctx, w.actor(t, who), c.ID), domain.ErrNotFound)
		}
		if n := drainJobs(t, svc); n != 0 {
			t.Errorf("a refused retry queued %d jobs", n)
		}
		// Without speech-to-text there is nothing to retry with.
		wantField(t, w.svc.RetryTranscription(ctx, rita, c.ID), "file")

		mu.Lock()
		failing = false
		mu.Unlock()
		if err := svc.RetryTranscription(ctx, rita, c.ID); err != nil {
			t.Fatal(err)
		}
		if got := must(svc.Call(ctx, rita, c.ID))(t).Call; got.Status != domain.CallTranscribing {
			t.Errorf("after retry: %s", got.Status)
		}
		if n := drainJobs(t, svc); n != 1 {
			t.Errorf("%d jobs ran after the retry", n)
		}
		got := must(svc.Call(ctx, rita, c.ID))(t).Call
		if got.Status != domain.CallReady || got.Metrics.TalkRatio == nil {
			t.Errorf("after a successful retry: %s %+v", got.Status, got.Metrics)
		}
		wantField(t, svc.RetryTranscription(ctx, rita, c.ID), "call") // ready now
		// A transcript upload is never retried.
		tc := upload(t, svc, rita, "Transcript", domain.VisibilityPrivate)
		wantField(t, svc.RetryTranscription(ctx, rita, tc.ID), "call")
	})
}
