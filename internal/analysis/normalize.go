package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Phrases and text are matched in a normalised form: lower case, letters,
// digits and apostrophes kept, every other character a word break, and each
// run of breaks one space. "Don’t   send-over!" becomes "don't send over".

// asciiNorm maps an ASCII byte to its normalised byte; 0 means a word break.
var asciiNorm = func() (t [128]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = byte(c)
		t[c-'a'+'A'] = byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	t['\''] = '\''
	return t
}()

// normRune maps a non-ASCII rune to its normalised form: a lower-case letter
// or digit, an apostrophe for typographic apostrophes, or -1 for a break.
func normRune(r rune) rune {
	switch {
	case r == '’' || r == '‘' || r == 'ʼ':
		return '\''
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return unicode.ToLower(r)
	}
	return -1
}

// normalize returns s in normalised form, without leading or trailing
// spaces.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		var n rune = -1
		if r < utf8.RuneSelf {
			if c := asciiNorm[r]; c != 0 {
				n = rune(c)
			}
		} else {
			n = normRune(r)
		}
		if n < 0 {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(n)
	}
	return b.String()
}
