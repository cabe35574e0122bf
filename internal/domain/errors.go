package domain

import (
	"errors"
	"fmt"
)

// Sentinel errors that every layer understands. Stores translate driver
// errors into these; the web and API layers map them to HTTP statuses.
var (
	// ErrNotFound means the thing does not exist in the caller's
	// organisation — or exists but the caller may not know it does.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a uniqueness rule would be broken (e.g. a second
	// person with the same e-mail in one organisation).
	ErrConflict = errors.New("already exists")
	// ErrInvalid means the input is malformed; the message says how.
	ErrInvalid = errors.New("invalid input")
	// ErrForbidden means the caller is known but their role does not allow it.
	ErrForbidden = errors.New("forbidden")
	// ErrUnauthenticated means the caller must sign in (or send a token).
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrThrottled means too many attempts; try again later.
	ErrThrottled = errors.New("too many attempts")
	// ErrSchemaOutdated means the database schema is not the one this
	// binary expects; the operator must run `huddle migrate`.
	ErrSchemaOutdated = errors.New("database schema is not current: run `huddle migrate`")
)

// Error is an error with a message that is safe to show to a user. The
// wrapped cause goes to the logs only.
type Error struct {
	Kind    error  // one of the sentinels above
	Message string // safe for users; says what to do
	Field   string // the offending field, when there is one
	Cause   error  // internal detail, never shown
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Cause != nil {
		return msg + ": " + e.Cause.Error()
	}
	return msg
}

// Unwrap lets errors.Is see both the kind and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// Invalid returns an ErrInvalid error about one field.
func Invalid(field, format string, args ...any) error {
	return &Error{Kind: ErrInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Forbidden returns an ErrForbidden error with a user-safe message.
func Forbidden(format string, args ...any) error {
	return &Error{Kind: ErrForbidden, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ErrNotFound error naming what was not found.
func NotFound(what string) error {
	return &Error{Kind: ErrNotFound, Message: what + " not found"}
}

// UserMessage returns the part of err that is safe to show a user, and
// false when err carries no such message.
func UserMessage(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) {
		if e.Field != "" {
			return e.Field + ": " + e.Message, true
		}
		return e.Message, true
	}
	return "", false
}
