package transcript

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// isPlainRef is the straightforward isPlain, allowed to differ only by
// rejecting control bytes.
func isPlainRef(src []byte) bool {
	for _, c := range src {
		if c < 0x20 {
			return false
		}
	}
	for _, c := range [...]byte{'<', '&', '{', 0xC2} {
		if bytes.IndexByte(src, c) >= 0 {
			return false
		}
	}
	return !bytes.Contains(src, []byte("  "))
}

func TestIsPlain(t *testing.T) {
	alphabet := []byte("ab  .\t\n<&{\xc2\xa0\x01\x7f\x80\xff\x1f!")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			if rng.IntN(4) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			} else {
				b[i] = 'a' + byte(rng.IntN(3))
			}
		}
		if got, want := isPlain(b), isPlainRef(b); got != want {
			t.Fatalf("isPlain(%q) = %v, want %v", b, got, want)
		}
	}
}
