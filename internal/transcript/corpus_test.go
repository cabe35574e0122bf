package transcript

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpusDir finds the shared corpus of real third-party files: the
// directory shared/corpus next to the repository root. Tests that need it
// skip when it is missing.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	corpus := filepath.Join(filepath.Dir(dir), "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("shared corpus not present: %v", err)
	}
	return corpus
}

// outcome is what parsing one corpus file must give: a transcript of the
// format with that many cues and speakers, or an error at line (0: none)
// containing msg.
type outcome struct {
	format   string
	timed    bool
	cues     int
	speakers int
	line     int
	msg      string
}

func parses(format string, timed bool, cues, speakers int) outcome {
	return outcome{format: format, timed: timed, cues: cues, speakers: speakers}
}

func fails(line int, msg string) outcome { return outcome{line: line, msg: msg} }

// corpusOutcomes covers every file under transcripts/ and
// malformed_subtitles/. Licence files, the TSV and the bot summary are not
// transcripts and must be rejected clearly.
var corpusOutcomes = map[string]outcome{
	"transcripts/qmsum/Bmr006.json":                                                parses(FormatJSON, false, 1365, 6),
	"transcripts/qmsum/ES2004a.json":                                               parses(FormatJSON, false, 298, 4),
	"transcripts/qmsum/ES2004d.json":                                               parses(FormatJSON, false, 709, 4),
	"transcripts/qmsum/covid_2.json":                                               parses(FormatJSON, false, 393, 71),
	"transcripts/qmsum/LICENSE.QMSum-MIT.txt":                                      fails(1, `expected a line like "Name: text", got "MIT License"`),
	"transcripts/zoom_vtt_ethereum_pm/LICENSE.ethereum-pm-CC-BY-SA-3.0.txt":        fails(1, `expected a line like "Name: text"`),
	"transcripts/zoom_vtt_ethereum_pm/acde233_2026-03-26_transcript.vtt":           parses(FormatVTT, true, 678, 33),
	"transcripts/zoom_vtt_ethereum_pm/oneoff1971_2026-03-17_transcript.vtt":        parses(FormatVTT, true, 994, 16),
	"transcripts/zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript.vtt":           parses(FormatVTT, true, 335, 23),
	"transcripts/zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript_corrected.vtt": parses(FormatVTT, true, 335, 23),
	"transcripts/zoom_vtt_ethereum_pm/acdt072_2026-03-02/chat.txt":                 parses(FormatText, true, 97, 26),
	"transcripts/zoom_vtt_ethereum_pm/acdt072_2026-03-02/tldr.json":                fails(0, "no array of speaker turns"),
	"transcripts/zoom_vtt_ethereum_pm/acdt072_2026-03-02/transcript_changelog.tsv": fails(1, `got "original\tcorrected\tconfidence"`),
	"transcripts/zoom_vtt_ethereum_pm/allwalletdevs039_2026-05-20_transcript.vtt":  parses(FormatVTT, true, 30, 1),
	"transcripts/zoom_vtt_ethereum_pm/focil032_2026-04-07_transcript.vtt":          parses(FormatVTT, true, 43, 4),

	"malformed_subtitles/go-astisub/LICENSE.go-astisub.txt":         fails(1, `expected a line like "Name: text"`),
	"malformed_subtitles/go-astisub/broken-1-in.vtt":                fails(2, `missing WEBVTT header, and "BROKENVTT" is not a cue timing line`),
	"malformed_subtitles/go-astisub/example-in-carriage-return.srt": parses(FormatSRT, true, 3, 1),
	"malformed_subtitles/go-astisub/example-in-carriage-return.vtt": parses(FormatVTT, true, 3, 1),
	"malformed_subtitles/go-astisub/example-in-html-entities.srt":   parses(FormatSRT, true, 3, 1),
	"malformed_subtitles/go-astisub/example-in-html-entities.vtt":   parses(FormatVTT, true, 3, 1),
	"malformed_subtitles/go-astisub/example-in-non-utf8.srt":        parses(FormatSRT, true, 6, 2),
	"malformed_subtitles/go-astisub/example-in-non-utf8.vtt":        parses(FormatVTT, true, 6, 2),
	"malformed_subtitles/go-astisub/example-in-styled.srt":          parses(FormatSRT, true, 10, 1),
	"malformed_subtitles/go-astisub/example-in.vtt":                 parses(FormatVTT, true, 6, 2),
	"malformed_subtitles/go-astisub/missing-sequence-in.srt":        parses(FormatSRT, true, 6, 2),

	"malformed_subtitles/pysrt/LICENCE.pysrt-GPL3.txt":    fails(2, `got "GNU GENERAL PUBLIC LICENSE"`),
	"malformed_subtitles/pysrt/bom-utf-16-be.srt":         parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/bom-utf-16-le.srt":         parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/bom-utf-32-be.srt":         parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/bom-utf-32-le.srt":         parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/bom-utf-8.srt":             parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/capability_tester.srt":     parses(FormatSRT, true, 37, 2),
	"malformed_subtitles/pysrt/empty.srt":                 parses(FormatSRT, true, 5, 1),
	"malformed_subtitles/pysrt/invalid.srt":               parses(FormatSRT, true, 1, 1),
	"malformed_subtitles/pysrt/no-indexes.srt":            parses(FormatSRT, true, 7, 1),
	"malformed_subtitles/pysrt/overlapping-dialogues.srt": parses(FormatSRT, true, 4, 1),
	"malformed_subtitles/pysrt/utf-8.srt":                 parses(FormatSRT, true, 1330, 9),
	"malformed_subtitles/pysrt/windows-1252.srt":          parses(FormatSRT, true, 1330, 9),

	"malformed_subtitles/webvtt-py/LICENSE.webvtt-py.txt":             fails(1, `got "Copyright (c) 2016 Alejandro Mendez"`),
	"malformed_subtitles/webvtt-py/captions_with_bom.vtt":             parses(FormatVTT, true, 4, 1),
	"malformed_subtitles/webvtt-py/comments.vtt":                      parses(FormatVTT, true, 3, 1),
	"malformed_subtitles/webvtt-py/cue_tags.vtt":                      parses(FormatVTT, true, 3, 1),
	"malformed_subtitles/webvtt-py/empty.vtt":                         fails(0, "file is empty"),
	"malformed_subtitles/webvtt-py/empty_caption_text.srt":            parses(FormatSRT, true, 4, 1),
	"malformed_subtitles/webvtt-py/invalid.vtt":                       parses(FormatVTT, true, 7, 1),
	"malformed_subtitles/webvtt-py/invalid_format.sbv":                fails(1, `expected a timing line like "0:00:01.000,0:00:02.000", got "some text"`),
	"malformed_subtitles/webvtt-py/invalid_format1.srt":               fails(1, `cue "1" has no timing line`),
	"malformed_subtitles/webvtt-py/invalid_format2.srt":               fails(1, `cue "some text" has no timing line`),
	"malformed_subtitles/webvtt-py/invalid_format3.srt":               fails(2, `expected a timing line like "00:00:01,000 --> 00:00:02,000" after "1", got "some text"`),
	"malformed_subtitles/webvtt-py/invalid_format4.srt":               fails(0, "no cues with text found"),
	"malformed_subtitles/webvtt-py/invalid_timeframe.sbv":             fails(7, `bad timestamp "0:00:13.f89"`),
	"malformed_subtitles/webvtt-py/invalid_timeframe.srt":             parses(FormatSRT, true, 5, 1),
	"malformed_subtitles/webvtt-py/invalid_timeframe.vtt":             fails(6, `bad timestamp "00:00:1d.890"`),
	"malformed_subtitles/webvtt-py/invalid_timeframe_in_cue_text.vtt": parses(FormatVTT, true, 3, 1),
	"malformed_subtitles/webvtt-py/metadata_headers.vtt":              parses(FormatVTT, true, 2, 1),
	"malformed_subtitles/webvtt-py/metadata_headers_multiline.vtt":    parses(FormatVTT, true, 2, 1),
	"malformed_subtitles/webvtt-py/missing_caption_text.sbv":          parses(FormatSBV, true, 4, 1),
	"malformed_subtitles/webvtt-py/missing_caption_text.srt":          parses(FormatSRT, true, 4, 1),
	"malformed_subtitles/webvtt-py/missing_caption_text.vtt":          parses(FormatVTT, true, 4, 1),
	"malformed_subtitles/webvtt-py/missing_timeframe.sbv":             fails(4, `got "Caption text #2"`),
	"malformed_subtitles/webvtt-py/missing_timeframe.srt":             fails(6, `after "2", got "Caption text #2"`),
	"malformed_subtitles/webvtt-py/missing_timeframe.vtt":             fails(6, `cue "Caption text #2" has no timing line`),
	"malformed_subtitles/webvtt-py/netflix_chicas_del_cable.vtt":      parses(FormatVTT, true, 865, 3),
	"malformed_subtitles/webvtt-py/no_captions.vtt":                   fails(0, "no cues with text found"),
	"malformed_subtitles/webvtt-py/one_caption.srt":                   parses(FormatSRT, true, 1, 1),
	"malformed_subtitles/webvtt-py/one_caption.vtt":                   parses(FormatVTT, true, 1, 1),
	"malformed_subtitles/webvtt-py/sample.sbv":                        parses(FormatSBV, true, 5, 1),
	"malformed_subtitles/webvtt-py/sample.srt":                        parses(FormatSRT, true, 5, 1),
	"malformed_subtitles/webvtt-py/sample.vtt":                        parses(FormatVTT, true, 16, 1),
	"malformed_subtitles/webvtt-py/styles.vtt":                        parses(FormatVTT, true, 1, 1),
	"malformed_subtitles/webvtt-py/teams_timeframe.vtt":               parses(FormatVTT, true, 2, 2),
	"malformed_subtitles/webvtt-py/two_captions.sbv":                  parses(FormatSBV, true, 2, 1),
	"malformed_subtitles/webvtt-py/using_identifiers.vtt":             parses(FormatVTT, true, 6, 1),
	"malformed_subtitles/webvtt-py/youtube_dl.vtt":                    parses(FormatVTT, true, 4, 1),
}

// corpusFiles lists every file under the corpus directories the parsers
// are tested against, relative to the corpus.
func corpusFiles(t testing.TB, corpus string) []string {
	t.Helper()
	var files []string
	for _, sub := range []string{"transcripts", "malformed_subtitles"} {
		err := filepath.WalkDir(filepath.Join(corpus, sub), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(corpus, path)
			files = append(files, filepath.ToSlash(rel))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func TestCorpus(t *testing.T) {
	corpus := corpusDir(t)
	seen := map[string]bool{}
	for _, rel := range corpusFiles(t, corpus) {
		seen[rel] = true
		t.Run(rel, func(t *testing.T) {
			want, ok := corpusOutcomes[rel]
			if !ok {
				t.Fatalf("no expected outcome for %s: add it to corpusOutcomes", rel)
			}
			data, err := os.ReadFile(filepath.Join(corpus, rel))
			if err != nil {
				t.Fatal(err)
			}
			tr, err := parseWithTimeout(t, data, rel)
			if want.msg != "" {
				var pe *Error
				if !errors.As(err, &pe) {
					t.Fatalf("got %v, want an *Error at line %d containing %q", err, want.line, want.msg)
				}
				if pe.Line != want.line || !strings.Contains(pe.Msg, want.msg) {
					t.Errorf("got %q (line %d), want line %d containing %q", err, pe.Line, want.line, want.msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			speakers := map[string]bool{}
			for _, c := range tr.Cues {
				speakers[c.Speaker] = true
				if c.End < c.Start || c.Text == "" || c.Line <= 0 {
					t.Fatalf("bad cue %+v", c)
				}
			}
			if tr.Format != want.format || tr.Timed != want.timed || len(tr.Cues) != want.cues || len(speakers) != want.speakers {
				t.Errorf("got %s timed=%v with %d cues, %d speakers; want %s timed=%v with %d cues, %d speakers",
					tr.Format, tr.Timed, len(tr.Cues), len(speakers), want.format, want.timed, want.cues, want.speakers)
			}
		})
	}
	for rel := range corpusOutcomes {
		if !seen[rel] {
			t.Errorf("%s is in corpusOutcomes but not in the corpus", rel)
		}
	}
}

// parseWithTimeout fails the test if Parse takes more than 10 s: a hang.
func parseWithTimeout(t *testing.T, data []byte, name string) (*Transcript, error) {
	t.Helper()
	type result struct {
		tr  *Transcript
		err error
	}
	done := make(chan result, 1)
	go func() {
		tr, err := Parse(data, name)
		done <- result{tr, err}
	}()
	select {
	case r := <-done:
		return r.tr, r.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Parse(%s) did not finish in 10 s", name)
		return nil, nil
	}
}

func TestCorpusSpecifics(t *testing.T) {
	corpus := corpusDir(t)
	read := func(rel string) *Transcript {
		data, err := os.ReadFile(filepath.Join(corpus, rel))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := Parse(data, rel)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		return tr
	}
	// Windows-1252 and UTF-8 copies of one film decode to the same text.
	utf, cp := read("malformed_subtitles/pysrt/utf-8.srt"), read("malformed_subtitles/pysrt/windows-1252.srt")
	for i := range utf.Cues {
		if utf.Cues[i] != cp.Cues[i] {
			t.Fatalf("cue %d differs: %+v vs %+v", i, utf.Cues[i], cp.Cues[i])
		}
	}
	if got := utf.Cues[1].Text; got != "CE FILM RELATE DES ÉVÉNEMENTS QUI ONT EXISTÉ." {
		t.Errorf("cue 2 = %q", got)
	}
	teams := read("malformed_subtitles/webvtt-py/teams_timeframe.vtt")
	if c := teams.Cues[1]; c.Speaker != "Adrian Petrescu" || c.Start != 0.21 || c.Text != "Why hello there, Yuri." {
		t.Errorf("teams cue 2 = %+v", c)
	}
	zoom := read("transcripts/zoom_vtt_ethereum_pm/focil032_2026-04-07_transcript.vtt")
	if c := zoom.Cues[0]; c.Speaker != "kev" || c.Start != 65.91 || c.End != 67.1 || c.Text != "Hey, June." || c.Line != 4 {
		t.Errorf("zoom cue 1 = %+v", c)
	}
	ent := read("malformed_subtitles/go-astisub/example-in-html-entities.srt")
	if got := ent.Cues[0].Text; got != "The man in black fled across the desert, & the gunslinger followed." {
		t.Errorf("entities: %q", got)
	}
}
