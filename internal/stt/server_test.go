package stt

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeService speaks the OpenAI transcription API: it parses the
// multipart form the way a real server does, records what it got, and
// answers with a canned status and body.
type fakeService struct {
	*httptest.Server
	status int
	answer string

	mu  sync.Mutex
	got received
}

// received is what the fake service saw in the last request.
type received struct {
	Method, Path, Auth, ContentType string
	ContentLength                   int64
	Fields                          map[string][]string
	FileName, FileType              string
	FileHeaders                     map[string][]string
	Audio                           []byte
	Files                           int
}

// newFakeService starts a service answering status and answer.
func newFakeService(t *testing.T, status int, answer string) *fakeService {
	t.Helper()
	f := &fakeService{status: status, answer: answer}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeService) serve(w http.ResponseWriter, r *http.Request) {
	got := received{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"),
		ContentType: r.Header.Get("Content-Type"), ContentLength: r.ContentLength, Fields: map[string][]string{}}
	mr, err := r.MultipartReader()
	if err != nil {
		http.Error(w, `{"error":{"message":"not multipart"}}`, http.StatusBadRequest)
		return
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			http.Error(w, `{"error":{"message":"bad multipart"}}`, http.StatusBadRequest)
			return
		}
		data, err := io.ReadAll(p)
		if err != nil {
			http.Error(w, `{"error":{"message":"short body"}}`, http.StatusBadRequest)
			return
		}
		if p.FormName() == "file" {
			got.Files++
			got.FileName, got.FileType, got.Audio = p.FileName(), p.Header.Get("Content-Type"), data
			got.FileHeaders = p.Header
			continue
		}
		got.Fields[p.FormName()] = append(got.Fields[p.FormName()], string(data))
	}
	f.mu.Lock()
	f.got = got
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, f.answer)
}

// last returns what the service saw in the last complete request.
func (f *fakeService) last() received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.got
}

// field returns the single value of a form field, or "" with an error
// reported when it is missing or repeated.
func (g received) field(t *testing.T, name string) string {
	t.Helper()
	v := g.Fields[name]
	if len(v) != 1 {
		t.Errorf("form field %q: %q, want one value", name, v)
		return ""
	}
	return v[0]
}

// mustNew returns a client for cfg.
func mustNew(t *testing.T, cfg Config) *Client {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	return c
}

// unsized hides a reader's length, as a network stream would.
type unsized struct{ r io.Reader }

func (u unsized) Read(p []byte) (int, error) { return u.r.Read(p) }

func audio(s string) io.Reader { return strings.NewReader(s) }
