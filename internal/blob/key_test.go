package blob

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckKey(t *testing.T) {
	for _, key := range []string{"a", "recordings/3/ab12.mp3", "a b/c-d_e.f", "日本/録音.m4a", "x/y..z", strings.Repeat("a", MaxSegmentBytes)} {
		if err := CheckKey(key); err != nil {
			t.Errorf("CheckKey(%q): %v", key, err)
		}
	}
	err := CheckKey(strings.Repeat("x", 2000))
	if !errors.Is(err, ErrBadKey) || len(err.Error()) > 200 {
		t.Errorf("long key: %d-byte error %v", len(err.Error()), err)
	}
}

func FuzzCheckKey(f *testing.F) {
	for _, s := range []string{"recordings/3/ab12.mp3", "../x", "a//b", `a\b`, "/x", ".", "a/.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, key string) {
		if CheckKey(key) != nil {
			return
		}
		for seg := range strings.SplitSeq(key, "/") {
			if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, `\:`+"\x00") {
				t.Fatalf("accepted %q", key)
			}
		}
	})
}
