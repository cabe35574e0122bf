package blob

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrBadKey is wrapped by the error for a key that CheckKey refuses.
var ErrBadKey = errors.New("invalid blob key")

// Limits on keys.
const (
	MaxKeyBytes     = 1024
	MaxSegmentBytes = 255
)

// CheckKey reports whether key is a safe blob key: a relative path of
// slash-separated segments, each non-empty, not starting with a dot (so
// no "." or ".." and no hidden or temporary files), and free of
// backslashes, colons, control characters and invalid UTF-8, so that it
// means the same path on every operating system and cannot leave the
// store.
func CheckKey(key string) error {
	bad := func(why string) error {
		shown := key
		if len(shown) > 100 {
			shown = shown[:100] + "…"
		}
		return fmt.Errorf("%w %q: %s", ErrBadKey, shown, why)
	}
	switch {
	case key == "":
		return bad("empty")
	case len(key) > MaxKeyBytes:
		return bad(fmt.Sprintf("longer than %d bytes", MaxKeyBytes))
	case !utf8.ValidString(key):
		return bad("not UTF-8")
	case strings.HasPrefix(key, "/"):
		return bad("absolute")
	case strings.ContainsAny(key, `\:`):
		return bad("contains a backslash or colon")
	case strings.ContainsFunc(key, unicode.IsControl):
		return bad("contains a control character")
	}
	for seg := range strings.SplitSeq(key, "/") {
		switch {
		case seg == "":
			return bad("empty path segment")
		case seg[0] == '.':
			return bad("path segment starts with a dot")
		case len(seg) > MaxSegmentBytes:
			return bad(fmt.Sprintf("path segment longer than %d bytes", MaxSegmentBytes))
		case strings.TrimSpace(seg) != seg:
			return bad("path segment starts or ends with a space")
		}
	}
	return nil
}
