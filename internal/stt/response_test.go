package stt

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"huddle/internal/transcript"
)

func TestParseResponse(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     *transcript.Transcript // nil: want an error
	}{
		{"numeric speakers", `{"segments":[{"start":0,"end":1,"text":"a","speaker":0},{"start":1,"end":2,"text":"b","speaker":1}]}`,
			&transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{
				{Speaker: "0", End: 1, Text: "a", Line: 1}, {Speaker: "1", Start: 1, End: 2, Text: "b", Line: 2}}}},
		{"null speaker and unknown fields", `{"segments":[{"start":0,"end":1,"text":"a","speaker":null,"words":[{"w":"a"}]}],"x":1}`,
			&transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{{Speaker: "Speaker", End: 1, Text: "a", Line: 1}}}},
		{"bad times clamped", `{"segments":[{"start":-3,"end":-1,"text":"a"},{"start":5,"end":4,"text":"b"}]}`,
			&transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{
				{Speaker: "Speaker", Text: "a", Line: 1}, {Speaker: "Speaker", Start: 5, End: 5, Text: "b", Line: 2}}}},
		{"all times zero", `{"segments":[{"text":"a"},{"text":"b"}]}`,
			&transcript.Transcript{Format: "stt", Timed: false, Cues: []transcript.Cue{
				{Speaker: "Speaker", Text: "a", Line: 1}, {Speaker: "Speaker", Text: "b", Line: 2}}}},
		{"blank segments fall back to text", `{"text":"hello","segments":[{"start":0,"end":1,"text":" "}]}`,
			&transcript.Transcript{Format: "stt", Cues: []transcript.Cue{{Speaker: "Speaker", Text: "hello", Line: 1}}}},
		{"long speaker label", `{"segments":[{"start":0,"end":1,"text":"a","speaker":"` + strings.Repeat("é", 80) + `"}]}`,
			&transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{{Speaker: strings.Repeat("é", 50), End: 1, Text: "a", Line: 1}}}},
		{"speaker_07", `{"segments":[{"start":0,"end":1,"text":"a","speaker":"speaker_07"}]}`,
			&transcript.Transcript{Format: "stt", Timed: true, Cues: []transcript.Cue{{Speaker: "Speaker 8", End: 1, Text: "a", Line: 1}}}},
		{"array", `[]`, nil},
		{"empty object", `{}`, nil},
		{"null", `null`, nil},
		{"segments not a list", `{"segments":{}}`, nil},
		{"speaker an object", `{"segments":[{"start":0,"end":1,"text":"a","speaker":{}}]}`, nil},
		{"string time", `{"segments":[{"start":"0","end":1,"text":"a"}]}`, nil},
		{"empty text", `{"text":"  "}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseResponse([]byte(tc.in))
			if tc.want == nil {
				if err == nil {
					t.Fatalf("no error; got %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			assertTranscript(t, got, tc.want)
		})
	}
}

func TestParseResponseTooManySegments(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"segments":[`)
	for i := range transcript.MaxCues + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{}`)
	}
	b.WriteString(`]}`)
	if _, err := parseResponse([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("error %v, want the cue limit", err)
	}
}

func TestSpeakerName(t *testing.T) {
	for in, want := range map[string]string{
		"SPEAKER_00": "Speaker 1", "SPEAKER_11": "Speaker 12", "SPEAKER_-1": "SPEAKER_-1", "SPEAKER_": "SPEAKER_",
		"B": "Speaker B", "b": "b", " Dana  Scully ": "Dana Scully", "SPEAKER_99999": "SPEAKER_99999",
	} {
		if got := speakerName(in); got != want {
			t.Errorf("speakerName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseResponse(f *testing.F) {
	for _, s := range []string{
		verboseAnswer,
		`{"text":"only text"}`,
		`{"text":"","segments":[{"start":0,"end":1,"text":"a","speaker":"SPEAKER_00"},{"start":1,"end":0.5,"text":"b","speaker":3}]}`,
		`{"segments":[{"start":-1e300,"end":1e300,"text":"\u0000\u2028x\ufeff","speaker":"A"}]}`,
		`{"segments":[{"text":"a"}]}`, `{"segments":null,"text":null}`, `[]`, `{`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := parseResponse(data)
		if err != nil {
			if tr != nil {
				t.Fatal("transcript with an error")
			}
			return
		}
		if tr.Format != Format || len(tr.Cues) == 0 || !tr.Timed && len(tr.Cues) > 1 && hasTimes(tr.Cues) {
			t.Fatalf("transcript %s timed=%v with %d cues", tr.Format, tr.Timed, len(tr.Cues))
		}
		line := 0
		for _, c := range tr.Cues {
			if c.Text == "" || c.Text != cleanText(c.Text) || c.Speaker == "" || len(c.Speaker) > maxSpeakerBytes {
				t.Fatalf("cue %+v: empty or unclean", c)
			}
			if c.Start < 0 || c.End < c.Start || c.Line <= line {
				t.Fatalf("cue %+v after line %d: bad times or order", c, line)
			}
			line = c.Line
		}
		if !tr.Timed && tr.Cues[0].End != 0 {
			t.Fatalf("untimed transcript with times: %+v", tr.Cues[0])
		}
	})
}

// ExampleIsRetryable shows how a caller tells a passing failure from a
// lasting one.
func ExampleIsRetryable() {
	for _, err := range []error{
		&Error{StatusCode: 503, Retryable: retryableStatus(503), what: "stt.local answered 503 Service Unavailable"},
		&Error{StatusCode: 400, Retryable: retryableStatus(400), what: "stt.local answered 400 Bad Request", Message: "Invalid file format."},
		fmt.Errorf("transcribe: %w", &Error{what: "read recording", Err: errors.New("unexpected EOF")}),
	} {
		fmt.Println(IsRetryable(err), err)
	}
	// Output:
	// true speech-to-text: stt.local answered 503 Service Unavailable
	// false speech-to-text: stt.local answered 400 Bad Request: Invalid file format.
	// false transcribe: speech-to-text: read recording: unexpected EOF
}
