package transcript

// Limits that keep hostile input from exhausting memory or time. Inputs over
// a limit are rejected with an *Error.
const (
	// MaxInputBytes is the largest decoded input accepted: a 10-hour call
	// transcript is about 2 MB.
	MaxInputBytes = 16 << 20
	// MaxLineBytes is the longest line accepted in line-based formats.
	MaxLineBytes = 256 << 10
	// MaxCues is the largest number of cues or turns accepted.
	MaxCues = 500_000
	// MaxJSONDepth is the deepest nesting of JSON arrays and objects accepted.
	MaxJSONDepth = 64
)
