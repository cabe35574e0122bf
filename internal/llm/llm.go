// Package llm is a small client for an OpenAI-compatible chat completions
// endpoint (POST {base}/v1/chat/completions), such as a local model server.
// Huddle uses it only when an operator sets HUDDLE_LLM_URL: nothing is sent
// anywhere otherwise.
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Config names the service.
type Config struct {
	URL     string // base URL, with or without a trailing /v1
	APIKey  string // optional; sent as a bearer token, never logged
	Model   string
	Timeout time.Duration // per request; 2 minutes when zero
}

// Client talks to one chat completions endpoint.
type Client struct {
	endpoint string
	cfg      Config
	http     *http.Client
}

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	base := strings.TrimRight(cfg.URL, "/")
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return nil, fmt.Errorf("llm: URL %q: use an absolute http(s) URL", cfg.URL)
	}
	base = strings.TrimSuffix(base, "/v1")
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Minute
	}
	if cfg.Model == "" {
		cfg.Model = "default"
	}
	return &Client{endpoint: base + "/v1/chat/completions", cfg: cfg, http: &http.Client{Timeout: cfg.Timeout}}, nil
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type request struct {
	Model       string    `json:"model"`
	Messages    []message `json:"messages"`
	Temperature float64   `json:"temperature"`
}

type response struct {
	Choices []struct {
		Message message `json:"message"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// maxResponse bounds what is read back.
const maxResponse = 4 << 20

// Complete sends a system and a user message and returns the reply.
func (c *Client) Complete(ctx context.Context, system, user string) (string, error) {
	body, err := json.Marshal(request{Model: c.cfg.Model, Temperature: 0.2,
		Messages: []message{{"system", system}, {"user", user}}})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("llm: request failed: %w", redact(err, c.cfg.APIKey))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return "", fmt.Errorf("llm: read reply: %w", err)
	}
	var out response
	jsonErr := json.Unmarshal(raw, &out)
	if resp.StatusCode/100 != 2 {
		msg := http.StatusText(resp.StatusCode)
		if jsonErr == nil && out.Error != nil && out.Error.Message != "" {
			msg = out.Error.Message
			if c.cfg.APIKey != "" {
				msg = strings.ReplaceAll(msg, c.cfg.APIKey, "[redacted]")
			}
		}
		return "", fmt.Errorf("llm: the service answered %d: %s", resp.StatusCode, msg)
	}
	if jsonErr != nil {
		return "", fmt.Errorf("llm: malformed reply: %w", jsonErr)
	}
	if len(out.Choices) == 0 || strings.TrimSpace(out.Choices[0].Message.Content) == "" {
		return "", errors.New("llm: the reply has no content")
	}
	return out.Choices[0].Message.Content, nil
}

func redact(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), key, "[redacted]"))
}
