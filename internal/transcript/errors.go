package transcript

import "fmt"

// Error is a parse error, located at a 1-based line of the input when Line
// is positive. Callers add the file name.
type Error struct {
	Line int
	Msg  string
}

// Error formats the error as `line 12: bad timestamp "00:01:xx"`.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

func errorf(line int, format string, args ...any) *Error {
	return &Error{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// quote shortens b for an error message and quotes it.
func quote(b []byte) string {
	const max = 60
	if len(b) > max {
		return fmt.Sprintf("%q…", b[:max])
	}
	return fmt.Sprintf("%q", b)
}
