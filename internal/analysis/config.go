package analysis

// Config holds the phrase libraries and thresholds of an analysis. Phrases
// match whole words, case-insensitively, ignoring punctuation: "send over"
// matches "Send-over" but not "resend overtime". An organisation may edit
// every field; New compiles all phrases into one automaton.
type Config struct {
	// Fillers are counted in the rep's speech.
	Fillers []string
	// Objections are phrase lists by category, matched in what the
	// customer side says.
	Objections []Category
	// Competitors are product or company names, matched in anyone's speech.
	Competitors []string
	// NextSteps mark a concrete next step: a date, a meeting, a send-over.
	NextSteps []string
	// Affirmations are how the customer agrees to a proposed next step.
	Affirmations []string
	// Trackers are team-defined keyword groups, counted for everyone.
	Trackers []Category
	// OpenQuestionStarters begin an open (discovery) question. A question
	// is a sentence ending in "?"; it is open when it starts with one of
	// these, after lead-ins such as "so" or "and".
	OpenQuestionStarters []string

	// MonologueAfterQuestion is how long a rep turn right after a customer
	// question must be to be flagged, in seconds.
	MonologueAfterQuestion float64
	// NextStepWindow is the closing stretch of a call, in seconds, in which
	// a next step is expected.
	NextStepWindow float64
	// DiscoveryAnswer is how long the customer must talk after an open
	// question for it to be flagged as a strong discovery question.
	DiscoveryAnswer float64
	// LongStory is how long a customer turn must be to be flagged.
	LongStory float64
}

// Category is a named list of phrases.
type Category struct {
	Name    string   `json:"name"`
	Phrases []string `json:"phrases"`
}

// DefaultConfig returns the built-in phrase libraries and thresholds.
//
// Fillers are the unambiguous ones: um, umm, uh, uhm, erm, you know, i mean,
// sort of, kind of, basically, actually, literally. "Like" is left out: as a
// filler it cannot be told from the verb or the preposition without a
// parser. Objection categories are price, timing, authority, need,
// competitor, status_quo and trust. Thresholds: a monologue after a customer
// question is flagged over 150 s, a next step is expected in the last 300 s,
// an open question is a strong discovery question when the customer then
// talks for 30 s or more, and a customer turn of 60 s or more is a long
// story.
func DefaultConfig() Config {
	var nextSteps []string
	for _, day := range []string{"monday", "tuesday", "wednesday", "thursday", "friday"} {
		nextSteps = append(nextSteps, "on "+day, "next "+day, "this "+day, "by "+day, day+" works", day+" at")
	}
	nextSteps = append(nextSteps,
		"next step", "next steps", "follow up", "followup", "send over", "send it over", "send you",
		"i'll send", "we'll send", "i will send", "shoot you", "calendar invite", "send an invite",
		"send the invite", "send a calendar", "on the calendar", "on your calendar", "schedule a",
		"schedule the", "schedule some time", "set up a call", "set up a meeting", "set up time",
		"set up a demo", "book a", "book some time", "let's meet", "meet again", "reconvene",
		"touch base", "tomorrow at", "next week", "end of the week", "end of week", "this afternoon",
		"proposal by", "contract by", "trial starting", "kick off", "kickoff",
	)
	return Config{
		Fillers: []string{
			"um", "umm", "uh", "uhm", "erm", "you know", "i mean", "sort of", "kind of",
			"basically", "actually", "literally",
		},
		Objections: []Category{
			{Name: "price", Phrases: []string{
				"too expensive", "expensive", "pricey", "too much money", "costs too much", "cost too much",
				"price is too high", "over budget", "out of our budget", "over our budget", "no budget",
				"don't have the budget", "don't have budget", "budget is tight", "tight budget",
				"can't afford", "cannot afford", "cheaper", "too costly",
			}},
			{Name: "timing", Phrases: []string{
				"not the right time", "bad time", "wrong time", "timing isn't right", "not right now",
				"not a priority right now", "maybe next quarter", "next fiscal year", "too busy",
				"revisit later", "in a few months", "later this year", "reach out later",
				"circle back later", "no rush",
			}},
			{Name: "authority", Phrases: []string{
				"talk to my boss", "check with my boss", "run it by", "run this by", "not my decision",
				"not the decision maker", "i don't make the decision", "need approval", "get approval",
				"needs approval", "sign off", "signoff", "procurement", "the board", "check with my",
				"talk to my team", "above my pay grade", "loop in my",
			}},
			{Name: "need", Phrases: []string{
				"don't need", "do not need", "no need for", "not interested", "not a fit",
				"not a good fit", "doesn't fit", "don't see the value", "don't see the point",
				"not sure we need", "nice to have", "not a problem for us", "we're fine",
			}},
			{Name: "competitor", Phrases: []string{
				"already use", "already using", "already working with", "already have a vendor",
				"already have a solution", "another vendor", "other vendor", "going with another",
				"signed with", "your competitor", "cheaper alternative",
			}},
			{Name: "status_quo", Phrases: []string{
				"what we have works", "works fine", "happy with what we have", "happy with our current",
				"always done it this way", "don't want to change", "too much change", "switching cost",
				"switching costs", "rip and replace", "not broken", "ain't broke",
			}},
			{Name: "trust", Phrases: []string{
				"never heard of you", "don't trust", "not sure i trust", "too good to be true",
				"how do i know", "sounds risky", "too risky", "security concerns", "security review",
				"will you be around", "burned before", "been burned",
			}},
		},
		Competitors: []string{
			"Salesforce", "HubSpot", "Gong", "Chorus", "Outreach", "Salesloft", "Pipedrive", "Zoho",
			"Microsoft Dynamics", "Clari",
		},
		NextSteps: nextSteps,
		Affirmations: []string{
			"yes", "yeah", "yep", "sure", "ok", "okay", "sounds good", "sounds great", "that works",
			"works for me", "perfect", "great", "absolutely", "definitely", "let's do it", "of course",
			"deal", "will do", "see you then", "talk then", "looking forward",
		},
		Trackers: []Category{
			{Name: "pricing", Phrases: []string{"price", "pricing", "cost", "costs", "budget", "discount", "quote"}},
			{Name: "security", Phrases: []string{"security", "soc 2", "soc2", "gdpr", "compliance", "sso"}},
			{Name: "integration", Phrases: []string{"integration", "integrate", "integrations", "api", "crm"}},
			{Name: "contract", Phrases: []string{"contract", "renewal", "terms", "legal", "msa"}},
			{Name: "decision process", Phrases: []string{"decision", "stakeholder", "stakeholders", "approval", "champion"}},
		},
		OpenQuestionStarters: []string{
			"what", "how", "why", "tell me", "walk me through", "describe", "explain",
			"help me understand", "talk me through", "in what way",
		},
		MonologueAfterQuestion: 150,
		NextStepWindow:         300,
		DiscoveryAnswer:        30,
		LongStory:              60,
	}
}
