package stt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"huddle/internal/transcript"
)

// Transcribe sends the recording to the service and returns its
// transcript. fileName's extension tells the service the audio format. The
// recording is streamed, never held in memory, and is not read any more
// once Transcribe returns. Errors are *Error values; see IsRetryable.
func (c *Client) Transcribe(parent context.Context, fileName string, audio io.Reader) (*transcript.Transcript, error) {
	ctx, cancel := context.WithTimeout(parent, c.timeout)
	defer cancel()
	b := c.newBody(fileName, audio)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, b)
	if err != nil {
		return nil, &Error{what: "build request", Err: err}
	}
	req.ContentLength = b.size // -1, unknown: sent chunked
	req.Header.Set("Content-Type", b.ctype)
	req.Header.Set("Accept", "application/json")
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	resp, err := c.http.Do(req)
	if audioErr := b.finish(); audioErr != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, &Error{what: "read recording", Err: audioErr}
	}
	if err != nil {
		return nil, c.requestError(parent, ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		return nil, c.statusError(resp.StatusCode, data)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxResponse+1))
	if err != nil {
		return nil, c.requestError(parent, ctx, err)
	}
	if int64(len(data)) > c.maxResponse {
		return nil, &Error{StatusCode: resp.StatusCode, what: fmt.Sprintf("answer from %s is larger than %d bytes", c.safeURL, c.maxResponse)}
	}
	t, err := parseResponse(data)
	if err != nil {
		return nil, &Error{StatusCode: resp.StatusCode, what: "unusable answer from " + c.safeURL, Err: err}
	}
	return t, nil
}

// requestError describes a request that got no complete answer. All such
// failures are retryable.
func (c *Client) requestError(parent, ctx context.Context, err error) *Error {
	// url.Error repeats the URL; keep only the cause.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	e := &Error{Retryable: true, what: "no answer from " + c.safeURL, Err: err}
	switch {
	case parent.Err() == nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		e.what = fmt.Sprintf("%s did not answer within %s", c.safeURL, c.timeout)
		e.Err = context.DeadlineExceeded
	case errors.Is(parent.Err(), context.DeadlineExceeded):
		e.what, e.Err = "transcription ran out of time", context.DeadlineExceeded
	case errors.Is(parent.Err(), context.Canceled):
		e.what, e.Err = "transcription cancelled", context.Canceled
	}
	return e
}
