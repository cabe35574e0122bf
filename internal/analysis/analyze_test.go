package analysis

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"huddle/internal/transcript"
)

func timed(cues ...transcript.Cue) *transcript.Transcript {
	return &transcript.Transcript{Format: transcript.FormatVTT, Timed: true, Cues: cues}
}

func c(speaker string, start, end float64, text string) transcript.Cue {
	return transcript.Cue{Speaker: speaker, Start: start, End: end, Text: text}
}

func f(v float64) *float64 { return &v }

func analyze(t *testing.T, tr *transcript.Transcript, rep string) *Report {
	t.Helper()
	r, err := Default().Analyze(tr, rep)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// discoveryCall is a small call whose metrics are worked out by hand in
// TestMetricsTimed.
func discoveryCall() []transcript.Cue {
	return []transcript.Cue{
		c("Alice", 0, 10, "Hi Bob, thanks for joining. How is your quarter going?"),
		c("Bob", 12, 20, "Busy. Honestly it's too expensive for us right now."),
		c("Alice", 21, 31, "I hear you. What would make it worth it?"),
		c("Alice", 31, 40, "Um, we could send over a proposal next week."),
		c("Bob", 40, 50, "Sounds good. We use HubSpot today."),
		c("Alice", 52, 55, "Great?? Talk soon."),
	}
}

func TestMetricsTimed(t *testing.T) {
	// Shuffle the input: analysis sorts by start time.
	cues := discoveryCall()
	cues[0], cues[5] = cues[5], cues[0]
	r := analyze(t, timed(cues...), "")
	// Alice talks 10+10+9+3 = 32 s and says 10+9+9+3 = 31 words; Bob
	// talks 8+10 = 18 s and says 9+6 = 15 words.
	// Turns: Alice 0–10, Bob 12–20, Alice 21–40, Bob 40–50, Alice 52–55.
	want := &Report{
		Format: "vtt", Timed: true, Rep: "Alice", DurationSeconds: f(55),
		Speakers: []Speaker{
			{Name: "Alice", TalkSeconds: f(32), Words: 31, Turns: 3},
			{Name: "Bob", TalkSeconds: f(18), Words: 15, Turns: 2},
		},
		Turns:                       5,
		TalkRatio:                   f(0.64),   // 32 / 50
		LongestMonologueSeconds:     f(19),     // 21–40
		LongestCustomerStorySeconds: f(10),     // 40–50
		Interactivity:               f(4.364),  // 4 turn changes / (55/60) min
		PatienceSeconds:             f(1.5),    // (21−20 + 52−50) / 2
		Questions:                   3,         // "going?", "worth it?", "Great??"
		OpenQuestions:               2,         // "How …?", "What …?"
		WordsPerMinute:              f(58.125), // 31 / (32/60)
		FillerWords:                 1,         // "Um"
		FillerWordsPerMinute:        f(1.875),  // 1 / (32/60)
		NextSteps: NextSteps{Agreed: true, AgreedAtSeconds: f(31), Mentions: []Mention{
			{Phrase: "send over", AtSeconds: f(31), Speaker: "Alice", Turn: 3, Agreed: true},
		}},
		Objections: Objections{Total: 1, ByCategory: map[string]int{"price": 1}, Items: []Objection{
			{Category: "price", Phrase: "too expensive", AtSeconds: f(12), Speaker: "Bob", Turn: 2,
				Answered: true, AnswerAfterSeconds: f(1), AnswerSeconds: f(19)},
		}},
		Competitors: []Mentions{{Name: "HubSpot", Count: 1, CustomerCount: 1, FirstAtSeconds: f(40)}},
		Trackers: []Mentions{
			{Name: "pricing"}, {Name: "security"}, {Name: "integration"}, {Name: "contract"}, {Name: "decision process"},
		},
		Moments: []Moment{{Kind: MomentObjection, AtSeconds: f(12), EndSeconds: f(40), Speaker: "Bob", Turn: 2,
			Reason: `Bob raised a price objection ("too expensive"); the rep answered after 1 s and spoke for 19 s.`}},
	}
	assertReport(t, r, want)
}

func TestMetricsUntimed(t *testing.T) {
	cues := discoveryCall()
	for i := range cues {
		cues[i].Start, cues[i].End = 0, 0
	}
	r := analyze(t, &transcript.Transcript{Format: "text", Cues: cues}, "alice")
	want := &Report{
		Format: "text", Rep: "Alice",
		Speakers: []Speaker{
			{Name: "Alice", Words: 31, Turns: 3},
			{Name: "Bob", Words: 15, Turns: 2},
		},
		Turns:         5,
		TalkRatio:     f(0.674), // 31 / 46 words
		Questions:     3,
		OpenQuestions: 2,
		FillerWords:   1,
		NextSteps: NextSteps{Agreed: true, Mentions: []Mention{
			{Phrase: "send over", Speaker: "Alice", Turn: 3, Agreed: true},
		}},
		Objections: Objections{Total: 1, ByCategory: map[string]int{"price": 1}, Items: []Objection{
			{Category: "price", Phrase: "too expensive", Speaker: "Bob", Turn: 2, Answered: true},
		}},
		Competitors: []Mentions{{Name: "HubSpot", Count: 1, CustomerCount: 1}},
		Trackers: []Mentions{
			{Name: "pricing"}, {Name: "security"}, {Name: "integration"}, {Name: "contract"}, {Name: "decision process"},
		},
		Moments: []Moment{{Kind: MomentObjection, Speaker: "Bob", Turn: 2,
			Reason: `Bob raised a price objection ("too expensive"); see how the rep answered.`}},
	}
	assertReport(t, r, want)
}

func assertReport(t *testing.T, got, want *Report) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("report\n got %s\nwant %s", g, w)
	}
}

func TestNullPatienceAndTies(t *testing.T) {
	// Equal talk time: the first speaker is the rep. The rep never follows
	// a customer turn, so patience is null.
	r := analyze(t, timed(c("Alice", 0, 10, "Hello there."), c("Bob", 10, 20, "Bye now.")), "")
	if r.Rep != "Alice" || r.PatienceSeconds != nil {
		t.Errorf("rep %q, patience %v; want Alice, nil", r.Rep, r.PatienceSeconds)
	}
	if *r.LongestMonologueSeconds != 10 || *r.LongestCustomerStorySeconds != 10 || *r.Interactivity != 3 {
		t.Errorf("monologue %v, story %v, interactivity %v", *r.LongestMonologueSeconds, *r.LongestCustomerStorySeconds, *r.Interactivity)
	}
	// A single speaker has no customer story.
	r = analyze(t, timed(c("", 1, 2, "Caption.")), "")
	if r.Rep != UnknownSpeaker || r.LongestCustomerStorySeconds != nil || *r.TalkRatio != 1 || *r.DurationSeconds != 1 {
		t.Errorf("single speaker: %+v", r)
	}
	// Zero-length cues: no talk time, so no ratio or rate.
	r = analyze(t, timed(c("A", 5, 5, "Hidden.")), "")
	if r.TalkRatio != nil || r.WordsPerMinute != nil || r.Interactivity != nil || r.FillerWordsPerMinute != nil {
		t.Errorf("zero-length: %+v", r)
	}
}

func TestPickRep(t *testing.T) {
	tr := timed(c("Alice Smith", 0, 1, "a"), c("Ann", 1, 2, "b"), c("bob", 2, 10, "c"))
	for query, want := range map[string]string{"": "bob", "BOB": "bob", "alice": "Alice Smith", "an": "Ann", "ann": "Ann"} {
		if r := analyze(t, tr, query); r.Rep != want {
			t.Errorf("rep %q = %q, want %q", query, r.Rep, want)
		}
	}
	_, err := Default().Analyze(tr, "a")
	if err == nil || !strings.Contains(err.Error(), `matches several speakers: "Alice Smith", "Ann"`) {
		t.Errorf("ambiguous: %v", err)
	}
	_, err = Default().Analyze(tr, "zed")
	if err == nil || !strings.Contains(err.Error(), `no speaker matches rep "zed"; speakers: "Alice Smith", "Ann", "bob"`) {
		t.Errorf("unknown: %v", err)
	}
	if _, err := Default().Analyze(&transcript.Transcript{}, ""); err == nil {
		t.Error("empty transcript accepted")
	}
}

func TestMoments(t *testing.T) {
	tr := timed(
		c("Rep", 0, 10, "Thanks for the time. So, how do you run renewals today?"),
		c("Cust", 10, 50, "We use spreadsheets and it hurts. Can you help?"),
		c("Rep", 50, 220, "Yes. Let me explain everything about our platform in detail."),
		c("Cust", 220, 300, "Let me tell you a long story about our last vendor."),
		c("Rep", 300, 310, "Thanks, bye."),
	)
	r := analyze(t, tr, "rep")
	got := make([]string, len(r.Moments))
	for i, m := range r.Moments {
		got[i] = m.Kind + " " + fmtNum(m.AtSeconds) + "-" + fmtNum(m.EndSeconds) + " " + m.Speaker + " | " + m.Reason
	}
	want := []string{
		`discovery_question 0-50 Rep | Open question "So, how do you run renewals today?" got Cust talking for 40 s.`,
		`no_next_step 10-310 Rep | No concrete next step (a date, a meeting, something to send over) was set in the last 5 min of the call.`,
		`monologue_after_question 50-220 Rep | Cust asked a question, then the rep talked for 2 min 50 s without a break. Did the answer stay on the question?`,
		`long_customer_story 220-300 Cust | Cust talked for 1 min 20 s without interruption: listen for pains, priorities and how the rep followed up.`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("moments\n got %q\nwant %q", got, want)
	}
	if r.Moments[1].Turn != 2 {
		t.Errorf("no_next_step turn = %d, want 2", r.Moments[1].Turn)
	}
}

func fmtNum(v *float64) string {
	if v == nil {
		return "null"
	}
	b, _ := json.Marshal(*v)
	return string(b)
}

func TestNextStepAgreement(t *testing.T) {
	tests := []struct {
		name   string
		cues   []transcript.Cue
		agreed bool
	}{
		{"rep proposes, customer agrees", []transcript.Cue{c("R", 0, 9, "Shall I send you the deck?"), c("C", 9, 10, "Sure.")}, true},
		{"rep proposes, silence", []transcript.Cue{c("R", 0, 9, "I'll send the deck next week."), c("C", 9, 10, "Hmm.")}, false},
		{"customer proposes", []transcript.Cue{c("R", 0, 9, "Any questions at all?"), c("C", 9, 10, "Let's meet again on Tuesday.")}, true},
		{"rep affirmation does not count", []transcript.Cue{c("R", 0, 9, "Next week then, great."), c("C", 9, 10, "Hmm.")}, false},
	}
	for _, tt := range tests {
		r := analyze(t, timed(tt.cues...), "R")
		if r.NextSteps.Agreed != tt.agreed || len(r.NextSteps.Mentions) != 1 {
			t.Errorf("%s: agreed %v with %d mentions, want %v with 1", tt.name, r.NextSteps.Agreed, len(r.NextSteps.Mentions), tt.agreed)
		}
	}
}

func TestCustomConfig(t *testing.T) {
	a, err := New(Config{
		Competitors: []string{"Acme Corp"},
		NextSteps:   []string{"send over"},
		Trackers:    []Category{{Name: "security", Phrases: []string{"SOC 2", "security", "Sécurité"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Analyze(timed(
		c("R", 0, 5, "Is it SOC-2 compliant? Security matters; ACME corp does it."),
		c("C", 5, 10, "La SÉCURITÉ d’abord. I resend overtime."),
	), "R")
	if err != nil {
		t.Fatal(err)
	}
	want := []Mentions{{Name: "security", Count: 3, RepCount: 2, CustomerCount: 1, FirstAtSeconds: f(0)}}
	if !reflect.DeepEqual(r.Trackers, want) {
		t.Errorf("trackers %+v", r.Trackers)
	}
	if len(r.Competitors) != 1 || r.Competitors[0].Count != 1 {
		t.Errorf("competitors %+v", r.Competitors)
	}
	if len(r.NextSteps.Mentions) != 0 || r.FillerWords != 0 || r.OpenQuestions != 0 || r.Questions != 1 {
		t.Errorf("next steps %+v, fillers %d, questions %d/%d", r.NextSteps, r.FillerWords, r.Questions, r.OpenQuestions)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"empty phrase":  {Fillers: []string{"um", "?!"}},
		"unnamed":       {Trackers: []Category{{Phrases: []string{"x"}}}},
		"empty starter": {OpenQuestionStarters: []string{" "}},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestObjectionsOncePerTurnAndUnanswered(t *testing.T) {
	r := analyze(t, timed(
		c("R", 0, 30, "Here is the price."),
		c("C", 30, 35, "Too expensive, way too pricey. Also not a priority right now."),
		c("C", 35, 36, "And we already use Gong."),
	), "R")
	var got []string
	for _, o := range r.Objections.Items {
		got = append(got, o.Category+":"+o.Phrase)
		if o.Answered || o.AnswerAfterSeconds != nil {
			t.Errorf("objection %+v answered", o)
		}
	}
	if want := []string{"price:too expensive", "timing:not a priority right now", "competitor:already use"}; !reflect.DeepEqual(got, want) {
		t.Errorf("objections %q, want %q", got, want)
	}
	if m := r.Moments[1]; m.Kind != MomentObjection || !strings.Contains(m.Reason, "did not answer") {
		t.Errorf("moment %+v", m)
	}
	if m := r.Moments[0]; m.Kind != MomentNoNextStep || !strings.HasSuffix(m.Reason, "was set in the call.") {
		t.Errorf("moment %+v", m)
	}
}

func TestAutomatonOverlaps(t *testing.T) {
	a := newAutomaton([]string{" he ", " she ", " he said ", " said "})
	an := &Analyzer{ac: a}
	_, hits := an.scan("She said: he SAID he said", 0, nil)
	var ids []int32
	for _, h := range hits {
		ids = append(ids, h.pattern)
	}
	// she, said, he, said+he said, he, said+he said
	if want := []int32{1, 3, 0, 2, 3, 0, 2, 3}; !reflect.DeepEqual(ids, want) {
		t.Errorf("hits %v, want %v", ids, want)
	}
}

func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Don’t   send-over!": "don't send over", "  SOC-2 ": "soc 2", "Ça va?": "ça va", "?!": "",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
