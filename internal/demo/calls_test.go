package demo

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"huddle/internal/analysis"
	"huddle/internal/transcript"
)

// analyzeCall parses and analyses one demo call's transcript as owner
// sees it.
func analyzeCall(t *testing.T, c DemoCall, data []byte, rep string) (*transcript.Transcript, *analysis.Report) {
	t.Helper()
	tr, err := transcript.Parse(data, c.File)
	if err != nil {
		t.Fatalf("%s: Parse: %v", c.File, err)
	}
	a, err := analysis.New(analysis.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Analyze(tr, rep)
	if err != nil {
		t.Fatalf("%s: Analyze: %v", c.File, err)
	}
	return tr, r
}

func moments(r *analysis.Report, kind string) int {
	n := 0
	for _, m := range r.Moments {
		if m.Kind == kind {
			n++
		}
	}
	return n
}

func headline(r *analysis.Report) string {
	kinds := map[string]int{}
	for _, m := range r.Moments {
		kinds[m.Kind]++
	}
	var ks []string
	for k, n := range kinds {
		ks = append(ks, fmt.Sprintf("%s×%d", k, n))
	}
	slices.Sort(ks)
	var cats []string
	for k, n := range r.Objections.ByCategory {
		cats = append(cats, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(cats)
	var comps []string
	for _, c := range r.Competitors {
		comps = append(comps, c.Name)
	}
	return fmt.Sprintf("%.1f min, %d turns, talk %.0f%%, longest monologue %.0f s, longest story %.0f s, %d questions (%d open), next step agreed %v, objections [%s], competitors %v, moments [%s]",
		*r.DurationSeconds/60, r.Turns, *r.TalkRatio*100, *r.LongestMonologueSeconds, *r.LongestCustomerStorySeconds,
		r.Questions, r.OpenQuestions, r.NextSteps.Agreed, strings.Join(cats, ", "), comps, strings.Join(ks, ", "))
}

func TestDemoCalls(t *testing.T) {
	all := DemoCalls()
	people := People(1)
	formats := map[string]int{}
	kinds := map[string]int{}
	teams := map[string]bool{}
	files := map[string]bool{}
	anaCalls, anaTeam := 0, false
	discoveryAndStory := false
	for _, c := range all {
		files[c.File] = true
		kinds[c.Kind]++
		teams[c.OwnerTeam] = true
		owner, err := c.Owner(people)
		if err != nil {
			t.Fatal(err)
		}
		if owner.Team != c.OwnerTeam {
			t.Errorf("%s: owner %s is in %q, not %q", c.File, owner.Email, owner.Team, c.OwnerTeam)
		}
		if owner.Name != c.RepSpeaker {
			t.Errorf("%s: with seed 1 the owner is %s, but the rep speaking is %s", c.File, owner.Name, c.RepSpeaker)
		}
		if owner.Email == SignInEmail {
			anaCalls++
			anaTeam = anaTeam || c.Visibility == VisibilityTeam
		}
		switch c.Visibility {
		case VisibilityPrivate, VisibilityTeam:
			if c.SharePeers != 0 {
				t.Errorf("%s: %s call names %d peers", c.File, c.Visibility, c.SharePeers)
			}
		case VisibilityPeers:
			if c.SharePeers < 1 {
				t.Errorf("%s: shared with peers but names none", c.File)
			}
		default:
			t.Errorf("%s: visibility %q", c.File, c.Visibility)
		}
		if c.Title == "" || c.OccurredDaysAgo < 0 || c.OccurredDaysAgo > 60 {
			t.Errorf("%s: title %q, %d days ago", c.File, c.Title, c.OccurredDaysAgo)
		}

		data, err := CallFile(c.File)
		if err != nil {
			t.Fatal(err)
		}
		tr, r := analyzeCall(t, c, data, c.RepSpeaker)
		format := tr.Format
		if format == transcript.FormatVTT && strings.Contains(string(data), "<v ") {
			format = "vtt-teams"
		}
		formats[format]++
		t.Logf("%s (%s, %s): %s", c.File, c.Kind, c.RepSpeaker, headline(r))

		if !tr.Timed {
			t.Errorf("%s: untimed", c.File)
			continue
		}
		speakers := map[string]bool{}
		for _, cue := range tr.Cues {
			speakers[cue.Speaker] = true
		}
		if !speakers[c.RepSpeaker] || len(speakers) < 2 || len(speakers) > 4 {
			t.Errorf("%s: speakers %v; want the rep %s and 1–3 buyers", c.File, speakers, c.RepSpeaker)
		}
		if d := *r.DurationSeconds; d < 6*60 || d > 30*60 {
			t.Errorf("%s: %.0f s long; want 6–30 min", c.File, d)
		}
		if r.Turns < 40 || r.Turns > 150 {
			t.Errorf("%s: %d turns; want 40–150", c.File, r.Turns)
		}
		if wpm := *r.WordsPerMinute; wpm < 120 || wpm > 185 {
			t.Errorf("%s: the rep speaks %.0f words a minute", c.File, wpm)
		}
		weak := moments(r, analysis.MomentMonologueAfterQuestion) > 0
		switch {
		case weak:
			if c.Kind != KindDiscovery || moments(r, analysis.MomentNoNextStep) == 0 || r.NextSteps.Agreed {
				t.Errorf("%s: a monologue after a question, but not the weak discovery call with no next step", c.File)
			}
		case !r.NextSteps.Agreed || moments(r, analysis.MomentNoNextStep) > 0:
			t.Errorf("%s: next step agreed %v, %d no-next-step moments; want a next step agreed in the closing minutes",
				c.File, r.NextSteps.Agreed, moments(r, analysis.MomentNoNextStep))
		}
		if c.Kind == KindNegotiation && len(r.Objections.ByCategory) < 2 {
			t.Errorf("%s: objections %v; a negotiation call wants at least two categories", c.File, r.Objections.ByCategory)
		}
		if c.Kind == KindDiscovery && moments(r, analysis.MomentDiscoveryQuestion) > 0 && moments(r, analysis.MomentLongCustomerStory) > 0 {
			discoveryAndStory = true
		}
		if c.Kind == KindNegotiation {
			for _, o := range r.Objections.Items {
				if !o.Answered {
					t.Errorf("%s: %s objection %q left unanswered", c.File, o.Category, o.Phrase)
				}
			}
		}
	}

	want := map[string]int{KindDiscovery: 4, KindDemo: 3, KindNegotiation: 3, KindCold: 2}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s calls, want %d", kinds[k], k, n)
		}
	}
	wantFormats := map[string]int{"vtt": 5, "vtt-teams": 2, "srt": 2, "text": 2, "json": 1}
	for f, n := range wantFormats {
		if formats[f] != n {
			t.Errorf("%d %s files, want %d", formats[f], f, n)
		}
	}
	if len(teams) != len(Teams) {
		t.Errorf("calls owned in %d teams, want all %d", len(teams), len(Teams))
	}
	if anaCalls != 2 || !anaTeam {
		t.Errorf("Ana owns %d calls (team-shared %v); want 2, one shared with her team", anaCalls, anaTeam)
	}
	if !discoveryAndStory {
		t.Error("no discovery call shows both a strong discovery question and a long customer story")
	}
	entries, err := fs.ReadDir(calls, "calls")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(files) {
		t.Errorf("calls folder holds %d files, DemoCalls lists %d", len(entries), len(files))
	}
	for _, e := range entries {
		if !files[e.Name()] {
			t.Errorf("calls/%s is not a demo call", e.Name())
		}
	}
}

// TestDemoCallMoments checks the set shows every kind of teachable
// moment, and that exactly one call is the weak example.
func TestDemoCallMoments(t *testing.T) {
	all := map[string]int{}
	weak := 0
	for _, c := range DemoCalls() {
		data, err := CallFile(c.File)
		if err != nil {
			t.Fatal(err)
		}
		_, r := analyzeCall(t, c, data, c.RepSpeaker)
		for _, m := range r.Moments {
			all[m.Kind]++
		}
		if moments(r, analysis.MomentMonologueAfterQuestion) > 0 {
			weak++
		}
		for _, name := range r.Competitors {
			if !slices.Contains(DemoCompetitors, name.Name) {
				t.Errorf("%s mentions %s, not in DemoCompetitors", c.File, name.Name)
			}
		}
	}
	for _, k := range []string{analysis.MomentObjection, analysis.MomentMonologueAfterQuestion, analysis.MomentNoNextStep,
		analysis.MomentDiscoveryQuestion, analysis.MomentLongCustomerStory} {
		if all[k] == 0 {
			t.Errorf("no call has a %s moment", k)
		}
	}
	if weak != 1 {
		t.Errorf("%d calls have a monologue after a question; want exactly the weak discovery call", weak)
	}
	cfg := analysis.DefaultConfig()
	for _, name := range DemoCompetitors {
		if !slices.Contains(cfg.Competitors, name) {
			t.Errorf("demo competitor %s is not in the default configuration", name)
		}
	}
}

// TestDemoCallsOtherSeeds checks that with another seed each call's owner
// is found and speaks in the transcript, with the same analysis.
func TestDemoCallsOtherSeeds(t *testing.T) {
	for _, seed := range []int64{0, 42, -7} {
		people := People(seed)
		for _, c := range DemoCalls() {
			owner, err := c.Owner(people)
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			data, err := c.Transcript(owner)
			if err != nil {
				t.Fatal(err)
			}
			orig, _ := CallFile(c.File)
			_, want := analyzeCall(t, c, orig, c.RepSpeaker)
			_, got := analyzeCall(t, c, data, owner.Name)
			if got.Rep != owner.Name || got.Turns != want.Turns || got.Questions != want.Questions ||
				got.NextSteps.Agreed != want.NextSteps.Agreed || got.Objections.Total != want.Objections.Total ||
				len(got.Moments) != len(want.Moments) || *got.TalkRatio != *want.TalkRatio {
				t.Errorf("seed %d, %s as %s: analysis changed:\n%s\n%s", seed, c.File, owner.Name, headline(want), headline(got))
			}
			if owner.Name != c.RepSpeaker && strings.Contains(string(data), c.RepSpeaker) {
				t.Errorf("seed %d, %s: %q still appears after renaming to %s", seed, c.File, c.RepSpeaker, owner.Name)
			}
			from, _, _ := strings.Cut(c.RepSpeaker, " ")
			if to, _, _ := strings.Cut(owner.Name, " "); from != to && strings.Contains(string(data), from+" ") {
				t.Errorf("seed %d, %s: %q still appears after renaming to %s", seed, c.File, from, owner.Name)
			}
		}
	}
}
