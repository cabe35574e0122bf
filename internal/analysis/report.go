package analysis

// Report is the analysis of one conversation. Times are in seconds from the
// start of the recording and, like rates and ratios, rounded to 3 decimal
// places. Pointer fields are null in JSON when they do not apply: timing
// metrics of untimed transcripts, patience when the rep never followed a
// customer turn, and so on.
type Report struct {
	Format string `json:"format"`
	Timed  bool   `json:"timed"`
	// Rep is the rep's name; everyone else is the customer side.
	Rep string `json:"rep"`
	// DurationSeconds is the latest cue end minus the earliest cue start.
	DurationSeconds *float64  `json:"duration_seconds"`
	Speakers        []Speaker `json:"speakers"`
	// Turns counts maximal runs of consecutive cues by one speaker.
	Turns int `json:"turns"`
	// TalkRatio is the rep's share of talk time (of words when untimed).
	TalkRatio *float64 `json:"talk_ratio"`
	// LongestMonologueSeconds is the longest rep turn.
	LongestMonologueSeconds *float64 `json:"longest_monologue_seconds"`
	// LongestCustomerStorySeconds is the longest customer-side turn.
	LongestCustomerStorySeconds *float64 `json:"longest_customer_story_seconds"`
	// Interactivity is (turns − 1) per minute of duration.
	Interactivity *float64 `json:"interactivity"`
	// PatienceSeconds is the mean gap before a rep turn that follows a
	// customer turn (negative gaps count as 0).
	PatienceSeconds *float64 `json:"patience_seconds"`
	// Questions counts runs of "?" in the rep's text.
	Questions int `json:"questions"`
	// OpenQuestions counts the rep's questions that start with an open
	// question starter (what, how, why, tell me, …).
	OpenQuestions int `json:"open_questions"`
	// WordsPerMinute is rep words per minute of rep talk time.
	WordsPerMinute *float64 `json:"words_per_minute"`
	// FillerWords counts filler words and phrases in the rep's speech.
	FillerWords int `json:"filler_words"`
	// FillerWordsPerMinute is FillerWords per minute of rep talk time.
	FillerWordsPerMinute *float64   `json:"filler_words_per_minute"`
	NextSteps            NextSteps  `json:"next_steps"`
	Objections           Objections `json:"objections"`
	Competitors          []Mentions `json:"competitors"`
	Trackers             []Mentions `json:"trackers"`
	Moments              []Moment   `json:"moments"`
}

// Speaker is one participant's share of the conversation.
type Speaker struct {
	Name        string   `json:"name"`
	TalkSeconds *float64 `json:"talk_seconds"` // sum of cue durations
	Words       int      `json:"words"`
	Turns       int      `json:"turns"`
}

// NextSteps reports whether and when a concrete next step was agreed.
type NextSteps struct {
	// Agreed is true when a customer proposed a next step, or agreed in the
	// same turn or within the next two turns to one the rep proposed.
	Agreed bool `json:"agreed"`
	// AgreedAtSeconds is the time of the last agreed next step.
	AgreedAtSeconds *float64  `json:"agreed_at_seconds"`
	Mentions        []Mention `json:"mentions"`
}

// Mention is one match of a phrase.
type Mention struct {
	Phrase    string   `json:"phrase"`
	AtSeconds *float64 `json:"at_seconds"`
	Speaker   string   `json:"speaker"`
	Turn      int      `json:"turn"` // 1-based turn index
	Agreed    bool     `json:"agreed"`
}

// Objections lists customer objections, at most one per category per turn.
type Objections struct {
	Total      int            `json:"total"`
	ByCategory map[string]int `json:"by_category"`
	Items      []Objection    `json:"items"`
}

// Objection is one objection and how the rep answered it.
type Objection struct {
	Category  string   `json:"category"`
	Phrase    string   `json:"phrase"`
	AtSeconds *float64 `json:"at_seconds"`
	Speaker   string   `json:"speaker"`
	Turn      int      `json:"turn"`
	// Answered is whether the rep spoke after the objection.
	Answered bool `json:"answered"`
	// AnswerAfterSeconds is the gap between the end of the objection turn
	// and the start of the rep's next turn (0 when they overlap).
	AnswerAfterSeconds *float64 `json:"answer_after_seconds"`
	// AnswerSeconds is the length of the rep's answering turn.
	AnswerSeconds *float64 `json:"answer_seconds"`
}

// Mentions counts the matches of a competitor or tracker.
type Mentions struct {
	Name           string   `json:"name"`
	Count          int      `json:"count"`
	RepCount       int      `json:"rep_count"`
	CustomerCount  int      `json:"customer_count"`
	FirstAtSeconds *float64 `json:"first_at_seconds"`
}

// Moment is a teachable moment a peer can jump to.
type Moment struct {
	// Kind is one of the Moment kind constants.
	Kind       string   `json:"kind"`
	AtSeconds  *float64 `json:"at_seconds"`
	EndSeconds *float64 `json:"end_seconds"`
	Speaker    string   `json:"speaker"`
	Turn       int      `json:"turn"`
	Reason     string   `json:"reason"`
}

// Moment kinds.
const (
	MomentObjection              = "objection"
	MomentMonologueAfterQuestion = "monologue_after_question"
	MomentNoNextStep             = "no_next_step"
	MomentDiscoveryQuestion      = "discovery_question"
	MomentLongCustomerStory      = "long_customer_story"
)
