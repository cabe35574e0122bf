package ical

import (
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine is the longest a content line may be, in octets, without its
// CRLF (RFC 5545 §3.1).
const maxLine = 75

// lineWriter writes content lines: folded to maxLine octets without
// splitting a UTF-8 sequence, ended with CRLF, counted, and stopping at the
// first write error.
type lineWriter struct {
	w   io.Writer
	n   int64
	err error
	buf []byte
}

// line writes one content line, "NAME;PARAM=V:value", folding it.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	lw.buf = appendFolded(lw.buf[:0], s)
	n, err := lw.w.Write(lw.buf)
	lw.n += int64(n)
	lw.err = err
}

// prop writes NAME[;params]:value.
func (lw *lineWriter) prop(name, params, value string) {
	lw.line(name + params + ":" + value)
}

// appendFolded appends s to b as folded lines, each ending in CRLF: the
// first holds up to maxLine octets, each continuation a space and up to
// maxLine-1 more. A break never falls inside a UTF-8 sequence.
func appendFolded(b []byte, s string) []byte {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8: cut anywhere rather than loop
			cut = limit
		}
		b = append(b, s[:cut]...)
		b = append(b, "\r\n "...)
		s = s[cut:]
		limit = maxLine - 1
	}
	b = append(b, s...)
	return append(b, "\r\n"...)
}

// textEscaper escapes a TEXT value (RFC 5545 §3.3.11): backslash,
// semicolon, comma and line breaks.
var textEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// text escapes s as a TEXT value, dropping control characters other than
// tab and line breaks (which TEXT cannot hold) and invalid UTF-8.
func text(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return textEscaper.Replace(s)
}

// param writes a parameter value, quoted when it holds ":", ";" or ","
// (RFC 5545 §3.2); double quotes and control characters, which a parameter
// cannot hold, are dropped.
func param(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// uri cleans a URI value, which is written unescaped: control characters,
// spaces and invalid UTF-8 are dropped.
func uri(s string) string {
	return strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}
