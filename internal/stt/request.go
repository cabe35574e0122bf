package stt

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path"
	"strings"
	"sync"
	"unicode"
)

// errDone ends reads of a request body after Transcribe has returned.
var errDone = errors.New("transcription request finished")

// body is a multipart/form-data request body that streams the recording
// between a small in-memory head (the form fields and the file part's
// header) and tail (the closing boundary). It needs no goroutine, and its
// length is known whenever the recording's is, so servers that do not take
// chunked uploads work too.
type body struct {
	mu    sync.Mutex
	r     io.Reader
	audio *auditReader
	done  bool
	size  int64 // -1 when unknown
	ctype string
}

// auditReader remembers the first error the recording returned, so that a
// failing disk is not reported as a failing network.
type auditReader struct {
	r   io.Reader
	err error
}

func (a *auditReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err != nil && err != io.EOF && a.err == nil {
		a.err = err
	}
	return n, err
}

// newBody lays out the form: model and format fields first, the file last,
// the order that streaming form parsers on the server side prefer.
func (c *Client) newBody(fileName string, audio io.Reader) *body {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("model", c.model)
	_ = mw.WriteField("response_format", c.format)
	if c.format == "verbose_json" {
		_ = mw.WriteField("timestamp_granularities[]", "segment")
	} else {
		// OpenAI requires it for diarization of audio over 30 seconds.
		_ = mw.WriteField("chunking_strategy", "auto")
	}
	name := safeFileName(fileName)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
	ctype := mime.TypeByExtension(strings.ToLower(path.Ext(name)))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	_, _ = mw.CreatePart(h)
	head := bytes.Clone(buf.Bytes())
	buf.Reset()
	_ = mw.Close()
	tail := buf.Bytes()

	b := &body{audio: &auditReader{r: audio}, size: -1, ctype: mw.FormDataContentType()}
	b.r = io.MultiReader(bytes.NewReader(head), b.audio, bytes.NewReader(tail))
	if n := remaining(audio); n >= 0 {
		b.size = int64(len(head)) + n + int64(len(tail))
	}
	return b
}

// Read reads the form, unless the request is over.
func (b *body) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return 0, errDone
	}
	return b.r.Read(p)
}

// Close is called by the transport; the recording belongs to the caller
// and stays open.
func (b *body) Close() error { return nil }

// finish waits for a read in progress and refuses later ones, so that the
// recording is never touched after Transcribe returns even if the
// transport is still winding the connection down. It returns the error
// the recording gave, if any.
func (b *body) finish() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done = true
	return b.audio.err
}

// remaining reports how many bytes r will yield, or -1 if that is unknown:
// it knows in-memory readers and regular files.
func remaining(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface {
		io.Seeker
		Stat() (fs.FileInfo, error)
	}:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil || off > fi.Size() {
			return -1
		}
		return fi.Size() - off
	}
	return -1
}

// safeFileName keeps the last element of name, without characters that
// would break or inject into the part's header.
func safeFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		ext := path.Ext(name)
		if len(ext) > 16 {
			ext = ""
		}
		name = strings.ToValidUTF8(name[:200-len(ext)], "") + ext
	}
	if name == "" || name == "." || name == ".." {
		return "recording"
	}
	return name
}
