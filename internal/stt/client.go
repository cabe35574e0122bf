// Package stt is a client for OpenAI-compatible speech-to-text services:
// anything that answers POST {base}/v1/audio/transcriptions the way OpenAI
// does, such as faster-whisper-server (speaches), the whisper.cpp server,
// LocalAI, or OpenAI itself.
//
// Speakers: plain Whisper does not tell voices apart, so a transcript from
// it has every cue spoken by one speaker, "Speaker". The analysis then treats
// that single speaker as the rep and finds no customer; talk ratio,
// monologue and patience figures are meaningless for such calls. Services
// that diarize (WhisperX-style "speaker" on each segment, or OpenAI's
// diarized_json) give real speaker turns.
package stt

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Format is the Transcript.Format of transcripts made by this package.
const Format = "stt"

// Defaults for Config fields left empty.
const (
	DefaultModel          = "whisper-1"
	DefaultResponseFormat = "verbose_json"
	// DefaultTimeout bounds one transcription request, upload included. It
	// stays under the service's 10-minute job lease so that a slow request
	// is abandoned before another worker may claim the same job.
	DefaultTimeout = 9 * time.Minute
)

// MaxResponseBytes is the largest answer read from the service (a 10-hour
// call in verbose_json is a few megabytes).
const MaxResponseBytes = 50 << 20

// Config says where the speech-to-text service is and how to call it.
type Config struct {
	// URL is the service's base URL, e.g. http://127.0.0.1:9000, with or
	// without a trailing /v1. A full .../audio/transcriptions URL is used
	// as it is.
	URL string
	// APIKey, when set, is sent as "Authorization: Bearer <key>". It never
	// appears in errors.
	APIKey string
	// Model is the model name the service expects; DefaultModel if empty.
	Model string
	// ResponseFormat is "verbose_json" (default; timed segments, with
	// speakers when the service diarizes) or "diarized_json" (OpenAI's
	// gpt-4o-transcribe-diarize).
	ResponseFormat string
	// Timeout bounds each request; DefaultTimeout if zero.
	Timeout time.Duration
	// HTTPClient is used for requests; http.DefaultClient if nil.
	HTTPClient *http.Client
}

// Client transcribes recordings. It is safe for concurrent use.
type Client struct {
	endpoint    string // full transcriptions URL
	safeURL     string // for error messages: no credentials, no query
	apiKey      string
	model       string
	format      string
	timeout     time.Duration
	http        *http.Client
	maxResponse int64
}

// New checks cfg and returns a client for it.
func New(cfg Config) (*Client, error) {
	endpoint, safeURL, err := endpointURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	c := &Client{endpoint: endpoint, safeURL: safeURL, apiKey: strings.TrimSpace(cfg.APIKey), model: cfg.Model,
		format: cfg.ResponseFormat, timeout: cfg.Timeout, http: cfg.HTTPClient, maxResponse: MaxResponseBytes}
	if c.model == "" {
		c.model = DefaultModel
	}
	switch c.format {
	case "":
		c.format = DefaultResponseFormat
	case "verbose_json", "diarized_json":
	default:
		return nil, fmt.Errorf("speech-to-text: response format %q is not supported; use verbose_json or diarized_json", c.format)
	}
	if c.timeout < 0 {
		return nil, errors.New("speech-to-text: timeout must not be negative")
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	if strings.ContainsAny(c.apiKey, "\r\n") {
		return nil, errors.New("speech-to-text: API key contains a line break")
	}
	return c, nil
}

// endpointURL turns a base URL into the transcriptions endpoint, and
// returns a credential-free form of it for messages.
func endpointURL(raw string) (endpoint, safe string, err error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// url.Parse quotes its input, which may hold credentials.
		return "", "", errors.New("speech-to-text: URL is not valid")
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", "", errors.New("speech-to-text: URL must start with http:// or https:// and name a host")
	}
	p := strings.TrimRight(u.Path, "/")
	switch {
	case strings.HasSuffix(p, "/audio/transcriptions"):
	case strings.HasSuffix(p, "/v1"):
		p += "/audio/transcriptions"
	default:
		p += "/v1/audio/transcriptions"
	}
	u.Path, u.RawPath, u.Fragment = p, "", ""
	shown := url.URL{Scheme: u.Scheme, Host: u.Host, Path: p}
	return u.String(), shown.String(), nil
}
