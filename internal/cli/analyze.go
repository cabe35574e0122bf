package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"huddle/internal/analysis"
	"huddle/internal/transcript"
)

const analyzeUsage = `usage: huddle analyze [--json] [--rep NAME] FILE...

Analyses call transcripts (WebVTT, SRT, SBV, plain "Name: text" lines or
JSON speaker turns; the format is detected from the content) and prints a
coaching summary per file. Flags may come before or after the files.

  --json       print one JSON object per file, one per line; times, rates
               and ratios are rounded to 3 decimal places, and metrics that
               do not apply (timing of untimed transcripts) are null
  --rep NAME   the rep: a speaker name, ignoring case, or a unique prefix of
               one (default: the speaker with the most talk time)

A file that cannot be read or analysed is reported on stderr as
"FILE: what is wrong"; the other files are still analysed, and the exit
status is 1.
`

// analyzeCmd runs `huddle analyze`.
func analyzeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print JSON lines")
	rep := fs.String("rep", "", "the rep's name or a unique prefix")
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		_, _ = io.WriteString(stdout, analyzeUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "huddle analyze: %v\n%s", err, analyzeUsage)
		return 2
	}
	if len(files) == 0 {
		fmt.Fprintf(stderr, "huddle analyze: no files given\n%s", analyzeUsage)
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	status, printed := 0, 0
	for _, name := range files {
		report, err := analyzeFile(name, *rep)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			status = 1
			continue
		}
		if *asJSON {
			err = enc.Encode(fileReport{File: name, Report: report})
		} else {
			if printed > 0 {
				_, _ = io.WriteString(stdout, "\n")
			}
			err = writeSummary(stdout, name, report)
		}
		printed++
		if err != nil {
			fmt.Fprintf(stderr, "huddle analyze: %v\n", err)
			return 1
		}
	}
	return status
}

// fileReport is one line of `huddle analyze --json`.
type fileReport struct {
	File string `json:"file"`
	*analysis.Report
}

// parseInterleaved parses flags that may appear before, between or after
// the file arguments; everything after "--" is a file.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// maxFileBytes bounds how much of a file is read: the decoded limit, times
// four for UTF-32.
const maxFileBytes = 4 * transcript.MaxInputBytes

func analyzeFile(name, rep string) (*analysis.Report, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, withoutPath(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading: %w", withoutPath(err))
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("file is larger than %d bytes", maxFileBytes)
	}
	t, err := transcript.Parse(data, name)
	if err != nil {
		return nil, err
	}
	return analysis.Default().Analyze(t, rep)
}

// withoutPath drops the file name from an *fs.PathError, which the caller
// prints anyway.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// writeSummary prints the human-readable summary of one report.
func writeSummary(w io.Writer, name string, r *analysis.Report) error {
	timing := "untimed"
	if r.Timed {
		timing = "timed"
	}
	fmt.Fprintf(w, "%s (%s, %s)\n", name, r.Format, timing)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(label, value string) { fmt.Fprintf(tw, "  %s\t%s\n", label, value) }
	row("Rep", r.Rep)
	row("Duration", seconds(r.DurationSeconds))
	row("Talk ratio", percent(r.TalkRatio))
	row("Longest monologue", seconds(r.LongestMonologueSeconds))
	row("Longest customer story", seconds(r.LongestCustomerStorySeconds))
	row("Interactivity", rate(r.Interactivity, "turns/min"))
	row("Patience", seconds(r.PatienceSeconds))
	row("Questions", fmt.Sprintf("%d (%d open)", r.Questions, r.OpenQuestions))
	row("Words per minute", rate(r.WordsPerMinute, ""))
	row("Filler words", fmt.Sprintf("%d (%s)", r.FillerWords, rate(r.FillerWordsPerMinute, "/min")))
	row("Next step", nextStep(r.NextSteps))
	row("Objections", objections(r.Objections))
	row("Competitors", mentions(r.Competitors))
	row("Trackers", mentions(r.Trackers))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "  Speakers")
	for _, s := range r.Speakers {
		fmt.Fprintf(tw, "    %s\t%s\t%d words\t%d turns\n", s.Name, seconds(s.TalkSeconds), s.Words, s.Turns)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Moments) > 0 {
		fmt.Fprintln(w, "  Moments")
	}
	for _, m := range r.Moments {
		at := fmt.Sprintf("turn %d", m.Turn)
		if m.AtSeconds != nil {
			at = clock(*m.AtSeconds)
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\n", at, m.Kind, m.Reason)
	}
	return tw.Flush()
}

func seconds(v *float64) string {
	if v == nil {
		return "-"
	}
	s := math.Round(*v)
	switch {
	case *v < 10:
		return fmt.Sprintf("%.1f s", *v)
	case s < 60:
		return fmt.Sprintf("%.0f s", s)
	case s < 3600:
		return fmt.Sprintf("%.0f min %02.0f s", math.Floor(s/60), math.Mod(s, 60))
	}
	return fmt.Sprintf("%.0f h %02.0f min", math.Floor(s/3600), math.Floor(math.Mod(s, 3600)/60))
}

// clock formats seconds as m:ss or h:mm:ss.
func clock(v float64) string {
	s := int(v)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func percent(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", *v*100)
}

func rate(v *float64, unit string) string {
	if v == nil {
		return "-"
	}
	if unit == "" || unit[0] == '/' {
		return fmt.Sprintf("%.1f%s", *v, unit)
	}
	return fmt.Sprintf("%.1f %s", *v, unit)
}

func nextStep(n analysis.NextSteps) string {
	switch {
	case n.Agreed && n.AgreedAtSeconds != nil:
		return "agreed at " + clock(*n.AgreedAtSeconds)
	case n.Agreed:
		return "agreed"
	case len(n.Mentions) > 0:
		return fmt.Sprintf("mentioned %d times, not agreed", len(n.Mentions))
	}
	return "none"
}

func objections(o analysis.Objections) string {
	if o.Total == 0 {
		return "none"
	}
	cats := make([]string, 0, len(o.ByCategory))
	for c := range o.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for i, c := range cats {
		cats[i] = fmt.Sprintf("%s %d", c, o.ByCategory[c])
	}
	return fmt.Sprintf("%d: %s", o.Total, strings.Join(cats, ", "))
}

func mentions(ms []analysis.Mentions) string {
	var parts []string
	for _, m := range ms {
		if m.Count > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", m.Name, m.Count))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
