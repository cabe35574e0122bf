package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"huddle/internal/analysis"
	"huddle/internal/domain"
	"huddle/internal/transcript"
)

// Transcriber turns a recording into a transcript through a speech-to-text
// service. Nil when none is configured.
type Transcriber interface {
	Transcribe(ctx context.Context, fileName string, audio io.Reader) (*transcript.Transcript, error)
}

// BlobStore keeps recordings. The file system is the default; an
// S3-compatible store can implement the same three methods.
type BlobStore interface {
	Put(ctx context.Context, key string, r io.Reader) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// audioExtensions are the recording formats speech-to-text services take.
var audioExtensions = map[string]bool{".mp3": true, ".m4a": true, ".wav": true, ".webm": true, ".ogg": true,
	".oga": true, ".flac": true, ".mp4": true, ".mpeg": true, ".mpga": true}

// IsAudio reports whether a file name looks like a recording.
func IsAudio(name string) bool { return audioExtensions[strings.ToLower(path.Ext(name))] }

// TranscriptionConfigured reports whether recordings can be uploaded.
func (s *Service) TranscriptionConfigured() bool { return s.stt != nil && s.blobs != nil }

// errNoTranscriber explains what to do when no speech-to-text is set up.
var errNoTranscriber = domain.Invalid("file", "this Huddle has no speech-to-text service configured, so it cannot transcribe recordings: "+
	"upload a transcript (WebVTT, SRT, text or JSON) instead, or ask your administrator to set HUDDLE_STT_URL")

// UploadRecording stores an audio recording and queues its transcription.
// The call shows as "transcribing" until the background job finishes.
func (s *Service) UploadRecording(ctx context.Context, a Actor, up CallUpload, audio io.Reader) (domain.Call, error) {
	if a.Person.ID == 0 {
		return domain.Call{}, domain.Forbidden("calls belong to a person; sign in to upload one")
	}
	if !s.TranscriptionConfigured() {
		return domain.Call{}, errNoTranscriber
	}
	c := domain.Call{OwnerID: a.Person.ID, Title: up.Title, OccurredAt: up.OccurredAt, Source: "audio", FileName: up.FileName,
		Status: domain.CallTranscribing, StatusDetail: "waiting for speech-to-text", Visibility: up.Visibility, SharedWith: up.SharedWith}
	if err := s.prepareCall(ctx, a, &c); err != nil {
		return domain.Call{}, err
	}
	if up.Rep != "" {
		// Until the transcript exists, the analysis document holds only the
		// uploader's word for who the rep is; transcribe reads it back.
		c.Analysis, _ = json.Marshal(analysis.Report{Rep: up.Rep})
	}
	c.Recording = recordingKey(a.Org.ID, up.FileName)
	if err := s.blobs.Put(ctx, c.Recording, audio); err != nil {
		return domain.Call{}, fmt.Errorf("store recording: %w", err)
	}
	if err := s.store.CreateCall(ctx, a.Org.ID, &c); err != nil {
		_ = s.blobs.Delete(ctx, c.Recording)
		return domain.Call{}, fmt.Errorf("store call: %w", err)
	}
	return c, s.queueTranscription(ctx, a.Org.ID, c.ID)
}

func recordingKey(orgID int64, name string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return fmt.Sprintf("recordings/%d/%s%s", orgID, hex.EncodeToString(b), strings.ToLower(path.Ext(name)))
}

func (s *Service) queueTranscription(ctx context.Context, orgID, callID int64) error {
	return s.store.EnqueueJob(ctx, &domain.Job{OrgID: orgID, Kind: JobTranscribe, RefID: callID, RunAfter: s.now()})
}

// RetryTranscription queues a failed recording again; owner only.
func (s *Service) RetryTranscription(ctx context.Context, a Actor, callID int64) error {
	c, err := s.ownCall(ctx, a, callID, "retry its transcription")
	if err != nil {
		return err
	}
	if c.Source != "audio" || c.Status != domain.CallFailed {
		return domain.Invalid("call", "only a recording whose transcription failed can be retried")
	}
	if !s.TranscriptionConfigured() {
		return errNoTranscriber
	}
	c.Status, c.StatusDetail = domain.CallTranscribing, "queued again"
	if err := s.store.UpdateCall(ctx, a.Org.ID, c); err != nil {
		return err
	}
	return s.queueTranscription(ctx, a.Org.ID, c.ID)
}

// transcribe is the JobTranscribe handler.
func (s *Service) transcribe(ctx context.Context, j *domain.Job) error {
	c, err := s.store.Call(ctx, j.OrgID, j.RefID)
	if err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	if !s.TranscriptionConfigured() {
		return fmt.Errorf("%w: no speech-to-text service is configured", errPermanent)
	}
	c.StatusDetail = fmt.Sprintf("transcribing (attempt %d of %d)", j.Attempts, jobMaxAttempts)
	if err := s.store.UpdateCall(ctx, j.OrgID, c); err != nil {
		return err
	}
	audio, err := s.blobs.Open(ctx, c.Recording)
	if err != nil {
		return fmt.Errorf("%w: recording: %v", errPermanent, err)
	}
	defer audio.Close()
	t, err := s.stt.Transcribe(ctx, c.FileName, audio)
	if err != nil {
		return err
	}
	rep := ""
	if hint, _ := DecodeReport(c); hint != nil {
		rep = hint.Rep
	}
	if err := s.analyse(ctx, j.OrgID, &c, t, rep); err != nil {
		return fmt.Errorf("%w: %v", errPermanent, err)
	}
	if err := s.store.UpdateCall(ctx, j.OrgID, c); err != nil {
		return err
	}
	return s.queueSummary(ctx, j.OrgID, c.ID)
}

// Recording opens a call's audio for someone who may see the call.
func (s *Service) Recording(ctx context.Context, a Actor, callID int64) (io.ReadCloser, string, error) {
	c, err := s.visibleCall(ctx, a, callID)
	if err != nil {
		return nil, "", err
	}
	if c.Recording == "" || s.blobs == nil {
		return nil, "", domain.NotFound("recording")
	}
	rc, err := s.blobs.Open(ctx, c.Recording)
	if err != nil {
		return nil, "", fmt.Errorf("open recording: %w", err)
	}
	return rc, c.FileName, nil
}
