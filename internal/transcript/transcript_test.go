package transcript

import (
	"encoding/binary"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
)

// cue is a compact expected cue for table tests.
type cue struct {
	Speaker    string
	Start, End float64
	Text       string
}

func cues(t *Transcript) []cue {
	out := make([]cue, len(t.Cues))
	for i, c := range t.Cues {
		out[i] = cue{c.Speaker, c.Start, c.End, c.Text}
	}
	return out
}

func mustParse(t *testing.T, input, name string) *Transcript {
	t.Helper()
	tr, err := Parse([]byte(input), name)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return tr
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, file, input string
		format            string
		timed             bool
		want              []cue
	}{
		{
			name: "zoom vtt", file: "call.vtt", format: FormatVTT, timed: true,
			input: "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.500\nAlice Smith: Hi Bob, thanks for joining.\n\n2\n00:00:05.000 --> 00:00:07.250\nBob: Happy to be here.\n",
			want:  []cue{{"Alice Smith", 1, 4.5, "Hi Bob, thanks for joining."}, {"Bob", 5, 7.25, "Happy to be here."}},
		},
		{
			name: "teams voice spans, unpadded and overlapping", file: "teams.vtt", format: FormatVTT, timed: true,
			input: "WEBVTT\n\n0:0:0.0 --> 0:0:1.5\n<v Yuri B>There you go.</v>\n\n0:0:1.2 --> 0:0:3.0\n<v Adrian P>Why hello there.</v>\n<v Yuri B>Hi!</v>\n",
			want: []cue{
				{"Yuri B", 0, 1.5, "There you go."}, {"Adrian P", 1.2, 3, "Why hello there."}, {"Yuri B", 1.2, 3, "Hi!"},
			},
		},
		{
			name: "vtt header metadata, NOTE, STYLE, settings, mm:ss", file: "x.vtt", format: FormatVTT, timed: true,
			input: "WEBVTT - title\nKind: captions\n\nNOTE a comment\nspanning lines\n\nSTYLE\n::cue { color: red }\n\nid-1\n00:05.000 --> 00:06.000 align:start position:0%\n<c.colorE5E5E5>Hello</c> <00:05.500>world\n",
			want:  []cue{{"", 5, 6, "Hello world"}},
		},
		{
			name: "srt with numbers and comma", file: "a.srt", format: FormatSRT, timed: true,
			input: "1\n00:00:01,000 --> 00:00:02,000\nRep: Hello\nthere\n\n2\n00:00:02,500 --> 00:00:03,000\nstill the rep\n",
			want:  []cue{{"Rep", 1, 2, "Hello there"}, {"Rep", 2.5, 3, "still the rep"}},
		},
		{
			name: "srt without numbers, dot, short fraction, no blank line", file: "b.srt", format: FormatSRT, timed: true,
			input: "00:00:01.5 --> 00:00:02,04 X1:40 X2:600\nMAN:\nHow did we get here?\n2\n00:00:03 --> 00:00:04\nNo idea.\n",
			want:  []cue{{"MAN", 1.5, 2.04, "How did we get here?"}, {"MAN", 3, 4, "No idea."}},
		},
		{
			name: "sbv", file: "c.sbv", format: FormatSBV, timed: true,
			input: "0:00:00.378,0:00:11.378\nHost: One\n\n0:00:17.484,0:00:16.543\nTwo\n",
			want:  []cue{{"Host", 0.378, 11.378, "One"}, {"Host", 17.484, 17.484, "Two"}},
		},
		{
			name: "plain text untimed", file: "notes.txt", format: FormatText, timed: false,
			input: "Alice: Hi there.\nThis continues Alice.\n\nBob: Hello.\n",
			want:  []cue{{"Alice", 0, 0, "Hi there. This continues Alice."}, {"Bob", 0, 0, "Hello."}},
		},
		{
			name: "plain text stamped", file: "", format: FormatText, timed: true,
			input: "[00:00:01] Alice: Hi there.\n[00:00:04] Bob: Hello, how are you today?\n[00:00:10] Fine.\n",
			want:  []cue{{"Alice", 1, 4, "Hi there."}, {"Bob", 4, 10, "Hello, how are you today?"}, {"Bob", 10, 10.4, "Fine."}},
		},
		{
			name: "chat export with tabs", file: "chat.txt", format: FormatText, timed: true,
			input: "00:03:48\tJustin:\tGm\n00:03:58\tStefan:\tHello\nQuote: a second line\n",
			want:  []cue{{"Justin", 228, 238, "Gm"}, {"Stefan", 238, 240, "Hello Quote: a second line"}},
		},
		{
			name: "otter paragraphs", file: "otter.txt", format: FormatText, timed: true,
			input: "Alice Smith  0:02\nHi Bob.\nHow are you?\n\nBob\t1:05\nGood.\n",
			want:  []cue{{"Alice Smith", 2, 65, "Hi Bob. How are you?"}, {"Bob", 65, 65.4, "Good."}},
		},
		{
			name: "json array with times", file: "t.json", format: FormatJSON, timed: true,
			input: `[{"speaker":"A","text":"Hi \u00e9\ud83d\ude00","start":1,"end":2.5},{"text":"more","start":"0:00:03"},{"speaker":7,"content":"x","start":4,"end":5}]`,
			want:  []cue{{"A", 1, 2.5, "Hi é😀"}, {"A", 3, 4, "more"}, {"Speaker 7", 4, 5, "x"}},
		},
		{
			name: "json nested untimed with disfluency marks", file: "", format: FormatJSON, timed: false,
			input: `{"topics":[{"topic":"x"}],"meeting":{"turns":[{"speaker":"PM","content":"{vocalsound} So {disfmarker} we start ."},{"speaker":"UI","content":"{gap}"},{"speaker":"UI","content":"Yes."}]}}`,
			want:  []cue{{"PM", 0, 0, "So we start ."}, {"UI", 0, 0, "Yes."}},
		},
		{
			name: "entities and styling tags", file: "s.srt", format: FormatSRT, timed: true,
			input: "1\n00:00:00,331 --> 00:00:03,750\n<font color=\"#00ff00\"><b>Fled</b></font> &amp; the gun&nbsp;slinger &lt;3 &eacute; &#39;x&#x27; {\\an8}ok\n",
			want:  []cue{{"", 0.331, 3.75, "Fled & the gun slinger <3 é 'x' ok"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustParse(t, tt.input, tt.file)
			if tr.Format != tt.format || tr.Timed != tt.timed {
				t.Errorf("format, timed = %s, %v; want %s, %v", tr.Format, tr.Timed, tt.format, tt.timed)
			}
			if got := cues(tr); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cues\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCueLines(t *testing.T) {
	tr := mustParse(t, "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:02.000\r\nA: x\r\n\r\n2\r\n00:00:03.000 --> 00:00:04.000\r\nB: y\r\n", "")
	if got := []int{tr.Cues[0].Line, tr.Cues[1].Line}; !reflect.DeepEqual(got, []int{4, 8}) {
		t.Errorf("lines = %v, want [4 8]", got)
	}
}

const srtSample = "1\n00:00:01,000 --> 00:00:02,000\nAlice: Ça va?\n\n2\n00:00:03,000 --> 00:00:04,000\nBob: Oui.\n"

var srtWant = []cue{{"Alice", 1, 2, "Ça va?"}, {"Bob", 3, 4, "Oui."}}

func utf16Bytes(s string, order binary.AppendByteOrder, bom bool) []byte {
	var out []byte
	if bom {
		out = order.AppendUint16(out, 0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

func utf32Bytes(s string, order binary.AppendByteOrder) []byte {
	out := order.AppendUint32(nil, 0xFEFF)
	for _, r := range s {
		out = order.AppendUint32(out, uint32(r))
	}
	return out
}

func TestEncodingsAndLineEndings(t *testing.T) {
	tests := map[string][]byte{
		"utf-8":        []byte(srtSample),
		"utf-8 bom":    append([]byte{0xEF, 0xBB, 0xBF}, srtSample...),
		"utf-16le bom": utf16Bytes(srtSample, binary.LittleEndian, true),
		"utf-16be bom": utf16Bytes(srtSample, binary.BigEndian, true),
		"utf-16le":     utf16Bytes(srtSample, binary.LittleEndian, false),
		"utf-32le bom": utf32Bytes(srtSample, binary.LittleEndian),
		"utf-32be bom": utf32Bytes(srtSample, binary.BigEndian),
		"crlf":         []byte(strings.ReplaceAll(srtSample, "\n", "\r\n")),
		"cr only":      []byte(strings.ReplaceAll(srtSample, "\n", "\r")),
		"mixed":        []byte(strings.Replace(strings.ReplaceAll(srtSample, "\n", "\r"), "\r", "\r\n", 3)),
		"windows-1252": []byte(strings.ReplaceAll(srtSample, "Ç", "\xC7")),
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			tr, err := Parse(data, "x.srt")
			if err != nil {
				t.Fatal(err)
			}
			if got := cues(tr); !reflect.DeepEqual(got, srtWant) {
				t.Errorf("got %+v, want %+v", got, srtWant)
			}
		})
	}
}

func TestWindows1252KeepsValidUTF8(t *testing.T) {
	got, err := decode([]byte("caf\xE9 \x93quoted\x94 and na\xC3\xAFve"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "café “quoted” and naïve"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, input string
		line              int
		msg               string
	}{
		{"empty", "e.vtt", "", 0, "file is empty"},
		{"blank", "e.srt", " \n\n", 0, "file is empty"},
		{"header only", "h.vtt", "WEBVTT\n", 0, "no cues"},
		{"bad timestamp", "b.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:07.000 --> 00:01:xx\nbad\n", 6, `bad timestamp "00:01:xx"`},
		{"minutes over 59", "b.srt", "1\n00:61:00,000 --> 01:00:00,000\nx\n", 2, "bad timestamp"},
		{"srt block without timing", "m.srt", "1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\nno timing\n", 6, "expected a timing line"},
		{"vtt block without timing", "m.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n\njust text\n\n", 6, "has no timing line"},
		{"vtt without header", "m.vtt", " \nBROKENVTT\n", 2, "missing WEBVTT header"},
		{"text before any label", "n.txt", "Meeting notes\nAlice: hi\n", 1, `expected a line like "Name: text"`},
		{"text mixed stamps", "n.txt", "Alice: hi\n[00:00:02] Bob: yo\n", 2, "has a time stamp"},
		{"json without turns", "n.json", `{"a":[1,2],"b":{"c":"d"}}`, 0, "no array of speaker turns"},
		{"json syntax", "n.json", "[\n{\"speaker\":\"a\",\"text\":\"b\"}\n{\"x\":1}]", 3, "expected ',' or ']'"},
		{"json turn without text", "n.json", "[\n{\"speaker\":\"a\",\"text\":\"b\"},\n{\"speaker\":\"c\"}]", 3, `no "text"`},
		{"json partial start", "n.json", `[{"speaker":"a","text":"b","start":1},{"speaker":"c","text":"d"}]`, 1, `no "start"`},
		{"json too deep", "n.json", strings.Repeat("[", 100) + strings.Repeat("]", 100), 1, "nested more than"},
		{"json trailing", "n.json", `[{"speaker":"a","text":"b"}] x`, 1, "after the JSON value"},
		{"nul byte", "n.txt", "Alice: a\n\x00", 2, "NUL byte"},
		{"odd utf-16", "n.srt", "\xFF\xFE1\x00\x00", 0, "odd number of bytes"},
		{"long line", "n.txt", "Alice: " + strings.Repeat("a", MaxLineBytes), 1, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.input), tt.file)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("err = %q (line %d), want line %d containing %q", err, pe.Line, tt.line, tt.msg)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	if got := (&Error{Line: 12, Msg: `bad timestamp "00:01:xx"`}).Error(); got != `line 12: bad timestamp "00:01:xx"` {
		t.Errorf("got %q", got)
	}
	if got := (&Error{Msg: "file is empty"}).Error(); got != "file is empty" {
		t.Errorf("got %q", got)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct{ input, name, want string }{
		{"WEBVTT\n", "x.txt", FormatVTT},
		{"\n  [ {\"speaker\":1}]", "", FormatJSON},
		{"[00:00:01] A: hi", "x.json", FormatText},
		{"1\n00:00:01,000 --> 00:00:02,000\nx", "", FormatSRT},
		{"00:00:01.000 --> 00:00:02.000\nx", "a.VTT", FormatVTT},
		{"0:00:01.000,0:00:02.000\nx", "", FormatSBV},
		{"some text", "a.srt", FormatSRT},
		{"A: hi", "", FormatText},
	}
	for _, tt := range tests {
		if got, _ := Detect([]byte(tt.input), tt.name); got != tt.want {
			t.Errorf("Detect(%q, %q) = %s, want %s", tt.input, tt.name, got, tt.want)
		}
	}
}

func TestParseFormatForcesFormat(t *testing.T) {
	tr, err := ParseFormat([]byte("A: 00:00:01,000 --> x"), FormatText)
	if err != nil || tr.Cues[0].Speaker != "A" {
		t.Fatalf("got %+v, %v", tr, err)
	}
	if _, err := ParseFormat([]byte("x"), "docx"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestTimestamps(t *testing.T) {
	good := map[string]float64{
		"00:00:01.000": 1, "0:0:1.5": 1.5, "01:02:03,004": 3723.004, "12:34.5": 754.5,
		"00:01:41.04": 101.04, "1:00:00": 3600, "100:00:00": 360000,
	}
	for in, want := range good {
		if got, ok := parseTimestamp([]byte(in)); !ok || got != want {
			t.Errorf("parseTimestamp(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1", "00:00:1d.890", "00:60:00", "00:00:60", "1:2:3:4", "00:00:01.", "00:00:01.0000000001", ":00", "00:00 "} {
		if got, ok := parseTimestamp([]byte(in)); ok {
			t.Errorf("parseTimestamp(%q) = %v, want failure", in, got)
		}
	}
}

func TestSpeakerLabels(t *testing.T) {
	for in, want := range map[string]string{
		"Alice: hi": "Alice", "Enrico Del Fante (tbenr): gm": "Enrico Del Fante (tbenr)", "dionysuz.eth: gm": "dionysuz.eth",
		"MAN:": "MAN", "The time is 7:35.": "", "Well, actually: no": "", "See https://x.y": "",
		"- Dash: no": "", "one two three four five six seven: no": "", "12: no": "",
	} {
		name, _, ok := splitLabel([]byte(in))
		if string(name) != want || ok != (want != "") {
			t.Errorf("splitLabel(%q) = %q, %v; want %q", in, name, ok, want)
		}
	}
}

func TestInputLimit(t *testing.T) {
	big := []byte("A: " + strings.Repeat("word ", MaxInputBytes/5+1))
	_, err := Parse(big, "big.txt")
	var pe *Error
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "more than the limit") {
		t.Errorf("got %v", err)
	}
}
