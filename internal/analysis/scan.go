package analysis

import (
	"bytes"
	"unicode/utf8"
)

// cueStats is what one pass over a cue's text finds.
type cueStats struct {
	words     int
	questions int // runs of '?'
	open      int // questions that start with an open-question starter
	// openFrom, openTo delimit the last open question in the text; openTo
	// is 0 when there is none.
	openFrom, openTo int
}

// hit is a phrase match in a cue.
type hit struct {
	pattern int32
	cue     int32
}

// isWhite marks the ASCII white-space bytes that separate words.
var isWhite = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// scan makes one pass over text: it counts words and question runs, finds
// open questions and appends every phrase match to hits.
func (a *Analyzer) scan(text string, cue int32, hits []hit) (cueStats, []hit) {
	var st cueStats
	ac := a.ac
	delta, classes, scanClass := ac.delta, &ac.classes, &ac.scanClass
	spaceClass := int32(classes[' '])
	row := ac.start // every phrase starts after a space
	space := true   // the last byte fed was a space
	sentence := 0
	if len(text) > 0 && !isWhite[text[0]] {
		st.words++
	}
	// State transitions are written out at each use: a closure here costs
	// a third of the scan.
	for i := 0; i < len(text); i++ {
		c := text[i]
		k := scanClass[c]
		if k >= 0 { // the common case: a letter, digit or apostrophe
			if row = delta[row+k]; row < 0 {
				row = ^row
				hits = appendHits(hits, ac.outputs(row), cue)
			}
			space = false
			if row == 0 {
				// Back at the root inside a word: no phrase can match
				// until the next break (every phrase starts with a
				// space), so skip the rest of the word without the
				// dependent table loads.
				for i+1 < len(text) && scanClass[text[i+1]] >= 0 {
					i++
				}
			}
			continue
		}
		// Words are counted where white space gives way to anything else,
		// which keeps the count out of the loop's common case.
		if k == scanWhite && i+1 < len(text) && !isWhite[text[i+1]] {
			st.words++
		}
		if k == scanNonASCII {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size - 1
			if n := normRune(r); n >= 0 {
				var buf [utf8.UTFMax]byte
				m := utf8.EncodeRune(buf[:], n)
				for _, b := range buf[:m] {
					if row = delta[row+int32(classes[b])]; row < 0 {
						row = ^row
						hits = appendHits(hits, ac.outputs(row), cue)
					}
				}
				space = false
				continue
			}
		}
		if !space {
			if row = delta[row+spaceClass]; row < 0 {
				row = ^row
				hits = appendHits(hits, ac.outputs(row), cue)
			}
			space = true
		}
		switch c {
		case '?':
			if i == 0 || text[i-1] != '?' {
				st.questions++
				if a.isOpenQuestion(text[sentence:i]) {
					st.open++
					st.openFrom, st.openTo = sentence, i+1
				}
			}
			sentence = i + 1
		case '.', '!':
			if i+1 == len(text) || isWhite[text[i+1]] {
				sentence = i + 1
			}
		}
	}
	if !space {
		if row = delta[row+spaceClass]; row < 0 {
			hits = appendHits(hits, ac.outputs(^row), cue)
		}
	}
	if st.openTo > 0 {
		for st.openFrom < st.openTo && isWhite[text[st.openFrom]] {
			st.openFrom++
		}
	}
	return st, hits
}

func appendHits(hits []hit, ids []int32, cue int32) []hit {
	for _, id := range ids {
		hits = append(hits, hit{pattern: id, cue: cue})
	}
	return hits
}

// leadIns may precede the starter of an open question: "So, what …?"
var leadIns = []string{"so", "and", "but", "ok", "okay", "well", "now", "then", "great", "alright", "right", "also", "cool"}

// isOpenQuestion reports whether sentence starts with an open-question
// starter, after up to three lead-in words.
func (a *Analyzer) isOpenQuestion(sentence string) bool {
	// Most questions start with a word no starter or lead-in starts with.
	for i := 0; i < len(sentence); i++ {
		c := sentence[i]
		if c >= utf8.RuneSelf {
			break // leave non-ASCII to the full check
		}
		if n := asciiNorm[c]; n != 0 {
			if !a.firstBytes[n] {
				return false
			}
			break
		}
	}
	// Starters and lead-ins are short: the first 64 bytes are plenty.
	if len(sentence) > 64 {
		sentence = sentence[:64]
	}
	var buf [64]byte
	s, ok := normalizeASCII(buf[:0], sentence)
	if !ok {
		s = []byte(normalize(sentence))
	}
	for range 4 {
		for _, st := range a.starters {
			if hasWordPrefix(s, st) {
				return true
			}
		}
		lead := false
		for _, l := range leadIns {
			if hasWordPrefix(s, l) {
				s = bytes.TrimPrefix(s[len(l):], []byte{' '})
				lead = true
				break
			}
		}
		if !lead {
			return false
		}
	}
	return false
}

// normalizeASCII is normalize for ASCII text, appending to dst; ok is
// false when s has other characters.
func normalizeASCII(dst []byte, s string) (out []byte, ok bool) {
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		n := asciiNorm[c]
		if n == 0 {
			space = len(dst) > 0
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, n)
	}
	return dst, true
}

func hasWordPrefix(s []byte, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix && (len(s) == len(prefix) || s[len(prefix)] == ' ')
}
