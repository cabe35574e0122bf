package transcript

import "bytes"

// parseTimestamp reads "[h:]m:s[.fff]" or "[h:]m:s[,fff]" into seconds. Fields
// need not be zero-padded ("0:0:1.5", as Microsoft Teams writes them);
// minutes and seconds must be below 60 when hours are present, and the
// fraction has 1 to 9 digits.
func parseTimestamp(b []byte) (float64, bool) {
	var fields [3]int64
	n := 0
	i := 0
	for {
		if n == 3 {
			return 0, false
		}
		start := i
		var v int64
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if i-start >= 6 {
				return 0, false
			}
			v = v*10 + int64(b[i]-'0')
			i++
		}
		if i == start {
			return 0, false
		}
		fields[n] = v
		n++
		if i < len(b) && b[i] == ':' {
			i++
			continue
		}
		break
	}
	if n < 2 {
		return 0, false
	}
	var frac, scale int64 = 0, 1
	if i < len(b) && (b[i] == '.' || b[i] == ',') {
		i++
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if i-start >= 9 {
				return 0, false
			}
			frac = frac*10 + int64(b[i]-'0')
			scale *= 10
			i++
		}
		if i == start {
			return 0, false
		}
	}
	if i != len(b) {
		return 0, false
	}
	var h, m, s int64
	if n == 3 {
		h, m, s = fields[0], fields[1], fields[2]
		if m >= 60 {
			return 0, false
		}
	} else {
		m, s = fields[0], fields[1]
	}
	if s >= 60 {
		return 0, false
	}
	// One division, so "0.378" gives the float64 nearest to 0.378.
	return float64((h*3600+m*60+s)*scale+frac) / float64(scale), true
}

// isTimestampStart reports whether b starts like a timestamp: a digit, then
// more digits and a colon.
func isTimestampStart(b []byte) bool {
	i := 0
	for i < len(b) && i < 7 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return i > 0 && i < len(b) && b[i] == ':'
}

var arrow = []byte("-->")

func containsArrow(b []byte) bool { return bytes.Contains(b, arrow) }

// parseArrowTiming parses a WebVTT or SRT timing line, "start --> end" with
// optional cue settings or SRT coordinates after the end time.
func parseArrowTiming(line []byte, num int) (start, end float64, err error) {
	i := bytes.Index(line, arrow)
	left := bytes.TrimSpace(line[:i])
	right := trimLeftSpace(line[i+len(arrow):])
	if j := bytes.IndexAny(right, " \t"); j >= 0 {
		right = right[:j]
	}
	return parseTimePair(left, right, num)
}

func parseTimePair(left, right []byte, num int) (start, end float64, err error) {
	start, ok := parseTimestamp(left)
	if !ok {
		return 0, 0, errorf(num, "bad timestamp %s", quote(left))
	}
	end, ok = parseTimestamp(right)
	if !ok {
		return 0, 0, errorf(num, "bad timestamp %s", quote(right))
	}
	if end < start {
		// Some exporters write the end of the last cue as garbage; keep the
		// cue with no duration rather than reject the file.
		end = start
	}
	return start, end, nil
}

// sbvTiming splits an SBV timing line "0:00:01.000,0:00:02.500".
func sbvTiming(line []byte) (left, right []byte, ok bool) {
	line = bytes.TrimSpace(line)
	i := bytes.IndexByte(line, ',')
	if i < 0 || !isTimestampStart(line) || !isTimestampStart(line[i+1:]) {
		return nil, nil, false
	}
	return line[:i], line[i+1:], true
}

func firstLineIsSBVTiming(text []byte) bool {
	r := newLineReader(text)
	for {
		line, ok, err := r.next()
		if !ok || err != nil {
			return false
		}
		if isBlank(line) {
			continue
		}
		_, _, ok = sbvTiming(line)
		return ok
	}
}
