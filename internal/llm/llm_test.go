package llm

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCompleteTalksChatCompletions(t *testing.T) {
	var got request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer k3y" {
			http.Error(w, `{"error":{"message":"bad path or key"}}`, http.StatusUnauthorized)
			return
		}
		_ = json.NewDecoder(r.Body).Decode(&got)
		_, _ = w.Write([]byte(`{"choices":[{"message":{"role":"assistant","content":"A short summary."}}]}`))
	}))
	defer srv.Close()
	c, err := New(Config{URL: srv.URL + "/v1/", APIKey: "k3y", Model: "local-7b"})
	if err != nil {
		t.Fatal(err)
	}
	reply, err := c.Complete(context.Background(), "be brief", "the call")
	if err != nil || reply != "A short summary." {
		t.Fatalf("reply %q, err %v", reply, err)
	}
	if got.Model != "local-7b" || len(got.Messages) != 2 || got.Messages[0].Role != "system" || got.Messages[1].Content != "the call" {
		t.Fatalf("request %+v", got)
	}
}

func TestCompleteReportsServiceErrorsWithoutTheKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":{"message":"invalid key sk-secret-123"}}`))
	}))
	defer srv.Close()
	c, _ := New(Config{URL: srv.URL, APIKey: "sk-secret-123"})
	_, err := c.Complete(context.Background(), "s", "u")
	if err == nil || !strings.Contains(err.Error(), "400") || strings.Contains(err.Error(), "sk-secret-123") {
		t.Fatalf("err = %v", err)
	}
}

func TestCompleteRejectsEmptyAndMalformedReplies(t *testing.T) {
	for _, body := range []string{`{"choices":[]}`, `not json`, `{"choices":[{"message":{"content":"  "}}]}`} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(body)) }))
		c, _ := New(Config{URL: srv.URL})
		if _, err := c.Complete(context.Background(), "s", "u"); err == nil {
			t.Errorf("reply %q accepted", body)
		}
		srv.Close()
	}
	if _, err := New(Config{URL: "localhost:1234"}); err == nil {
		t.Error("relative URL accepted")
	}
}
