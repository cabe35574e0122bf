package transcript

import "bytes"

// lineReader splits text into lines at LF, CRLF or a lone CR, without
// copying. Line numbers are 1-based.
type lineReader struct {
	data []byte
	pos  int
	nl   int // index of the next '\n' at or after pos, or len(data)
	num  int // number of the line last returned
}

func newLineReader(data []byte) *lineReader {
	return &lineReader{data: data, nl: -1}
}

// next returns the next line without its terminator. It fails when a line is
// longer than MaxLineBytes.
func (r *lineReader) next() (line []byte, ok bool, err error) {
	if r.pos >= len(r.data) {
		return nil, false, nil
	}
	if r.nl < r.pos {
		if i := bytes.IndexByte(r.data[r.pos:], '\n'); i >= 0 {
			r.nl = r.pos + i
		} else {
			r.nl = len(r.data)
		}
	}
	seg := r.data[r.pos:r.nl]
	r.num++
	if cr := bytes.IndexByte(seg, '\r'); cr >= 0 && cr < len(seg)-1 {
		// A lone CR ends this line; the rest of seg is on later lines.
		line = seg[:cr]
		r.pos += cr + 1
	} else {
		line = seg
		if cr >= 0 {
			line = seg[:cr]
		}
		r.pos = r.nl + 1
	}
	if len(line) > MaxLineBytes {
		return nil, false, errorf(r.num, "line is %d bytes long, more than the limit of %d", len(line), MaxLineBytes)
	}
	return line, true, nil
}
