package stt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// Error is a failed transcription. Its message is safe to show to the
// person who uploaded the recording: it never holds the API key.
type Error struct {
	// StatusCode is the HTTP status the service answered with; 0 when no
	// answer arrived or the answer was a success that could not be used.
	StatusCode int
	// Message is the service's own explanation, when it gave one.
	Message string
	// Retryable reports whether trying again later may succeed.
	Retryable bool
	// Err is the underlying cause, if any.
	Err error

	what string // what went wrong, for Error
}

// Error describes the failure.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("speech-to-text: ")
	b.WriteString(e.what)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// IsRetryable reports whether err is worth retrying later: the service
// was unreachable, timed out, was busy (429), failed (5xx), or the
// transcription was cancelled. A request the service refused (other 4xx),
// an answer that cannot be read, or a recording that cannot be read are
// not retryable.
func IsRetryable(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Retryable
}

// retryableStatus is true for statuses that a later attempt may not get.
func retryableStatus(code int) bool {
	return code >= 500 || code == http.StatusTooManyRequests || code == http.StatusRequestTimeout
}

// maxMessage caps how much of the service's explanation is kept.
const maxMessage = 500

// statusError builds the error for a non-2xx answer whose body (a prefix
// of it) is data.
func (c *Client) statusError(code int, data []byte) *Error {
	if c.apiKey != "" {
		data = bytes.ReplaceAll(data, []byte(c.apiKey), []byte("[redacted]"))
	}
	return &Error{StatusCode: code, Retryable: retryableStatus(code), Message: c.redact(serviceMessage(data)),
		what: fmt.Sprintf("%s answered %d %s", c.safeURL, code, http.StatusText(code))}
}

// serviceMessage finds the explanation in an error body: OpenAI and
// LocalAI send {"error":{"message":...}}, FastAPI servers {"detail":...}.
// Plain-text bodies are used as they are.
func serviceMessage(data []byte) string {
	var v struct {
		Error  json.RawMessage `json:"error"`
		Detail json.RawMessage `json:"detail"`
		Msg    string          `json:"message"`
	}
	if json.Unmarshal(data, &v) != nil {
		if len(data) > 0 && (data[0] == '<' || !isText(data)) {
			return "" // an HTML error page or binary says nothing useful
		}
		return clip(string(data))
	}
	var inner struct {
		Message string `json:"message"`
	}
	var s string
	switch {
	case json.Unmarshal(v.Error, &inner) == nil && inner.Message != "":
		return clip(inner.Message)
	case json.Unmarshal(v.Error, &s) == nil && s != "":
		return clip(s)
	case json.Unmarshal(v.Detail, &s) == nil && s != "":
		return clip(s)
	case len(v.Detail) > 0 && string(v.Detail) != "null":
		return clip(string(v.Detail)) // FastAPI validation errors: a list
	}
	return clip(v.Msg)
}

// redact removes the API key from text the service sent back.
func (c *Client) redact(s string) string {
	if c.apiKey == "" {
		return s
	}
	return strings.ReplaceAll(s, c.apiKey, "[redacted]")
}

// clip makes s one line of at most maxMessage bytes.
func clip(s string) string {
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
	if len(s) > maxMessage {
		s = strings.ToValidUTF8(s[:maxMessage], "") + "…"
	}
	return s
}

func isText(data []byte) bool {
	for _, b := range data {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' {
			return false
		}
	}
	return true
}
