package stt

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestTranscribeErrors(t *testing.T) {
	const key = "sk-live-SECRET42"
	for _, tc := range []struct {
		name      string
		status    int
		answer    string
		retryable bool
		contains  []string
		is        error
	}{
		{"server error", 500, `{"error":{"message":"CUDA out of memory"}}`, true, []string{"500 Internal Server Error", "CUDA out of memory"}, nil},
		{"bad gateway html", 502, `<html><body>Bad Gateway</body></html>`, true, []string{"502 Bad Gateway"}, nil},
		{"rate limited", 429, `{"error":{"message":"Rate limit reached","type":"requests"}}`, true, []string{"429", "Rate limit reached"}, nil},
		{"bad request", 400, `{"error":{"message":"Invalid file format. Supported formats: ['flac', 'mp3']","type":"invalid_request_error"}}`,
			false, []string{"400 Bad Request", "Invalid file format."}, nil},
		{"wrong key echoed", 401, `{"error":{"message":"Incorrect API key provided: ` + key + `."}}`, false, []string{"401", "[redacted]"}, nil},
		{"fastapi detail", 422, `{"detail":[{"loc":["body","file"],"msg":"field required"}]}`, false, []string{"422", "field required"}, nil},
		{"fastapi string detail", 404, `{"detail":"Model 'whisper-1' is not installed"}`, false, []string{"404", "not installed"}, nil},
		{"plain text", 503, "overloaded, try later\n", true, []string{"503", "overloaded, try later"}, nil},
		{"malformed json", 200, `{"text": "unterminated`, false, []string{"unusable answer", "not a transcription"}, nil},
		{"not a transcription", 200, `{"status":"ok"}`, false, []string{"unusable answer"}, nil},
		{"silence", 200, `{"text":"","segments":[]}`, false, []string{"no speech"}, ErrNoSpeech},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := newFakeService(t, tc.status, tc.answer)
			_, err := mustNew(t, Config{URL: svc.URL, APIKey: key}).Transcribe(context.Background(), "c.mp3", audio("x"))
			if err == nil {
				t.Fatal("no error")
			}
			if IsRetryable(err) != tc.retryable {
				t.Errorf("IsRetryable(%v) = %v", err, !tc.retryable)
			}
			for _, s := range tc.contains {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error %q shows the API key", err)
			}
			var e *Error
			if !errors.As(err, &e) || tc.status != 200 && e.StatusCode != tc.status {
				t.Errorf("error %#v: not an *Error with status %d", err, tc.status)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

// slowService accepts the upload and never answers, until the client
// gives up.
func slowService(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	}))
	t.Cleanup(s.Close)
	return s
}

func TestTranscribeTimeout(t *testing.T) {
	c := mustNew(t, Config{URL: slowService(t).URL, Timeout: 100 * time.Millisecond})
	_, err := c.Transcribe(context.Background(), "c.mp3", audio("x"))
	if !errors.Is(err, context.DeadlineExceeded) || !IsRetryable(err) || !strings.Contains(err.Error(), "did not answer within 100ms") {
		t.Errorf("error %v (retryable %v), want a retryable time-out", err, IsRetryable(err))
	}
}

func TestTranscribeCancelled(t *testing.T) {
	c := mustNew(t, Config{URL: slowService(t).URL})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Transcribe(ctx, "c.mp3", audio("x"))
	if !errors.Is(err, context.Canceled) || !IsRetryable(err) || !strings.Contains(err.Error(), "cancelled") {
		t.Errorf("error %v (retryable %v), want a retryable cancellation", err, IsRetryable(err))
	}
}

func TestTranscribeUnreachable(t *testing.T) {
	s := httptest.NewServer(http.NotFoundHandler())
	url := s.URL
	s.Close()
	_, err := mustNew(t, Config{URL: url, APIKey: "sk-x"}).Transcribe(context.Background(), "c.mp3", audio("x"))
	if !IsRetryable(err) || !strings.Contains(err.Error(), "no answer from "+url) {
		t.Errorf("error %v (retryable %v), want a retryable network error", err, IsRetryable(err))
	}
}

// TestRecordingReadError: a recording that fails half-way is reported as
// such, not as a network error, and is not retried.
func TestRecordingReadError(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	boom := errors.New("disk on fire")
	r := io.MultiReader(strings.NewReader(strings.Repeat("a", 100_000)), readerFunc(func([]byte) (int, error) { return 0, boom }))
	_, err := mustNew(t, Config{URL: svc.URL}).Transcribe(context.Background(), "c.mp3", r)
	if !errors.Is(err, boom) || IsRetryable(err) || !strings.Contains(err.Error(), "read recording") {
		t.Errorf("error %v (retryable %v), want a permanent read error", err, IsRetryable(err))
	}
}

func TestResponseTooLarge(t *testing.T) {
	svc := newFakeService(t, 200, verboseAnswer)
	c := mustNew(t, Config{URL: svc.URL})
	c.maxResponse = 100
	_, err := c.Transcribe(context.Background(), "c.mp3", audio("x"))
	if err == nil || IsRetryable(err) || !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Errorf("error %v, want a permanent size error", err)
	}
}

func TestIsRetryable(t *testing.T) {
	for err, want := range map[error]bool{
		nil:                                 false,
		errors.New("x"):                     false,
		&Error{Retryable: true}:             true,
		&Error{StatusCode: 400}:             false,
		context.DeadlineExceeded:            false, // not from this package
		errorsJoin(&Error{Retryable: true}): true,
	} {
		if got := IsRetryable(err); got != want {
			t.Errorf("IsRetryable(%v) = %v", err, got)
		}
	}
}

func errorsJoin(err error) error { return errors.Join(errors.New("job 3"), err) }
