package transcript

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// decode turns raw file bytes into UTF-8 without a byte-order mark.
//
// UTF-32 and UTF-16 need a BOM, except that BOM-less UTF-16 is recognised
// when one of the first two bytes is NUL and the other is not. Bytes that are
// not valid UTF-8 are read as Windows-1252. A NUL byte left after decoding
// means the input is not text.
func decode(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return decodeUTF32(data[4:], false)
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return decodeUTF32(data[4:], true)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], true)
	case len(data) >= 2 && data[0] != 0 && data[1] == 0:
		return decodeUTF16(data, false)
	case len(data) >= 2 && data[0] == 0 && data[1] != 0:
		return decodeUTF16(data, true)
	}
	if len(data) > MaxInputBytes {
		return nil, tooBig()
	}
	if !utf8.Valid(data) {
		data = fromWindows1252(data)
	}
	return checkNUL(data)
}

func tooBig() *Error {
	return errorf(0, "input is more than the limit of %d bytes", MaxInputBytes)
}

func checkNUL(text []byte) ([]byte, error) {
	if i := bytes.IndexByte(text, 0); i >= 0 {
		return nil, errorf(1+bytes.Count(text[:i], []byte{'\n'}), "NUL byte: this is not a text file")
	}
	return text, nil
}

func decodeUTF16(data []byte, bigEndian bool) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, errorf(0, "UTF-16 input has an odd number of bytes")
	}
	if len(data)/2 > MaxInputBytes {
		return nil, tooBig()
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			units[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(data)/2+len(data)/8)
	for _, r := range utf16.Decode(units) {
		out = utf8.AppendRune(out, r)
	}
	return checkNUL(out)
}

func decodeUTF32(data []byte, bigEndian bool) ([]byte, error) {
	if len(data)%4 != 0 {
		return nil, errorf(0, "UTF-32 input has a length that is not a multiple of 4 bytes")
	}
	if len(data)/4 > MaxInputBytes {
		return nil, tooBig()
	}
	out := make([]byte, 0, len(data)/4)
	for i := 0; i < len(data); i += 4 {
		var r uint32
		if bigEndian {
			r = uint32(data[i])<<24 | uint32(data[i+1])<<16 | uint32(data[i+2])<<8 | uint32(data[i+3])
		} else {
			r = uint32(data[i+3])<<24 | uint32(data[i+2])<<16 | uint32(data[i+1])<<8 | uint32(data[i])
		}
		if r > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, rune(r))
	}
	return checkNUL(out)
}

// fromWindows1252 keeps valid UTF-8 sequences and decodes every other byte
// as Windows-1252.
func fromWindows1252(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/4)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			r = windows1252(data[0])
		}
		out = utf8.AppendRune(out, r)
		data = data[size:]
	}
	return out
}

// windows1252 maps one byte of Windows-1252 to its rune. Bytes below 0x80 and
// from 0xA0 are the same as Latin-1; the five unassigned bytes map to
// themselves as C1 controls, as browsers do.
func windows1252(b byte) rune {
	if b >= 0x80 && b < 0xA0 {
		return cp1252High[b-0x80]
	}
	return rune(b)
}

var cp1252High = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}
