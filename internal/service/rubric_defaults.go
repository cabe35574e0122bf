package service

import (
	"fmt"

	"huddle/internal/domain"
)

// MEDDPICC weights, in percent of the qualification score. Transcribed
// from the MEDDIC scorecard in guia-matthieu/clawfu-skills,
// skills/sales/meddic-scorecard/SKILL.md (commit cba2665d, MIT), as
// collected in shared/corpus/scorecards/derived_sales_scorecards.json. The
// corpus is not read at run time.
const (
	weightMetrics          = 15
	weightEconomicBuyer    = 15
	weightDecisionCriteria = 10
	weightDecisionProcess  = 10
	weightPaperProcess     = 10
	weightIdentifyPain     = 15
	weightChampion         = 15
	weightCompetition      = 10
)

// criterion builds a default criterion with its five anchors.
func criterion(key, name, behaviour string, weight int, anchors ...string) domain.RubricCriterion {
	if len(anchors) != 5 {
		panic(fmt.Sprintf("default criterion %s has %d anchors", key, len(anchors)))
	}
	c := domain.RubricCriterion{Key: key, Name: name, Behaviour: behaviour, Weight: weight}
	copy(c.Anchors[:], anchors)
	return c
}

// meddpicc is one MEDDPICC element on the 1–5 scale: the source's
// Unknown, Identified, Validated and Leveraged, with a step between the
// last two.
func meddpicc(key, name, definition string, weight int) domain.RubricCriterion {
	return criterion(key, name, definition+": the rep finds it out, confirms it with the buyer and uses it in the deal.", weight,
		"Unknown: no information gathered.",
		"Identified: basic information, not verified with the buyer.",
		"Validated: confirmed with the buyer on the call.",
		"Validated and partly used in the deal strategy.",
		"Leveraged: actively used in the deal strategy.")
}

// DefaultRubrics are the rubrics every organisation starts with, added on
// the organisation's first use of feedback (see ensureRubrics). An admin
// may edit them (a new version) or retire them; a retired default stays
// retired.
func DefaultRubrics() []domain.Rubric {
	return []domain.Rubric{
		{Builtin: "discovery", Motion: domain.MotionDiscovery, Name: "Discovery",
			Description: "Find the pain and what it costs to leave it, show differentiated value, earn trust with tailored questions.",
			Criteria: []domain.RubricCriterion{
				criterion("pain_consequence", "Pain with consequence of inaction",
					"Uncovers a business pain and gets the buyer to say what doing nothing would cost.", 0,
					"No pain explored; the rep pitches.", "A pain is named but not explored.",
					"The pain is explored; its cost stays vague.", "The buyer quantifies the pain or its cost.",
					"The buyer states, in their words, what inaction costs and by when."),
				criterion("differentiated_value", "Differentiated value",
					"Connects what is unique about the offer to the pain the buyer described.", 0,
					"Generic features only.", "Value claims not tied to the buyer.",
					"Value tied to the buyer's pain, not differentiated.", "Differentiated value tied to one stated pain.",
					"The buyer repeats back why this offer, and not another, solves their pain."),
				criterion("tailored_questions", "Trust through tailored questions",
					"Asks questions that show preparation and build on the buyer's previous answers.", 0,
					"Scripted or closed questions only.", "Some open questions, not built on answers.",
					"Open questions that follow up on answers.", "Questions show research and go deeper on answers.",
					"The buyer volunteers more than asked; questions are clearly researched and responsive."),
			}},
		{Builtin: "outbound", Motion: domain.MotionOutbound, Name: "Outbound",
			Description: "Relevant, personal messages and consistent follow-up.",
			Criteria: []domain.RubricCriterion{
				criterion("relevance", "Message relevance",
					"The message addresses a problem this buyer's role and company plausibly have now.", 0,
					"Not relevant to the buyer.", "Relevant to the industry only.", "Relevant to the role.",
					"Relevant to the role and a current company event.", "Names a timely, specific problem the buyer recognises."),
				criterion("personalisation", "Personalisation depth",
					"Uses researched, specific details about the person and company, not mail-merge fields.", 0,
					"Mail merge only.", "Name and company only.", "One researched detail.",
					"Several researched details woven into the argument.", "Reads as written for this one person."),
				criterion("follow_up", "Follow-up consistency",
					"Follows a planned cadence where each touch adds something new.", 0,
					"No follow-up.", "Sporadic follow-up repeating the first message.", "A cadence with little new value.",
					"A steady cadence; most touches add value.", "A steady, multi-channel cadence; every touch adds value."),
			}},
		{Builtin: "meddpicc", Motion: domain.MotionQualification, Name: "MEDDPICC qualification",
			Description: "The eight MEDDPICC elements, weighted as in the published MEDDIC scorecard.",
			Criteria: []domain.RubricCriterion{
				meddpicc("metrics", "Metrics", "Quantified business outcomes", weightMetrics),
				meddpicc("economic_buyer", "Economic Buyer", "Budget authority identified", weightEconomicBuyer),
				meddpicc("decision_criteria", "Decision Criteria", "How they'll evaluate", weightDecisionCriteria),
				meddpicc("decision_process", "Decision Process", "Steps to purchase", weightDecisionProcess),
				meddpicc("paper_process", "Paper Process", "Legal/procurement", weightPaperProcess),
				meddpicc("identify_pain", "Identify Pain", "Business problem articulated", weightIdentifyPain),
				meddpicc("champion", "Champion", "Internal advocate confirmed", weightChampion),
				meddpicc("competition", "Competition", "Competitive landscape known", weightCompetition),
			}},
		{Builtin: "spin", Motion: domain.MotionDiscovery, Name: "SPIN question mix",
			Description: "Situation, problem, implication and need-payoff questions in a top performer's mix.",
			Criteria: []domain.RubricCriterion{
				criterion("situation", "Situation questions", "Asks only the facts not found beforehand.", 0,
					"Most of the call is fact-finding.", "Many facts asked that research would give.",
					"Fact-finding is about a third of the questions.", "Few, focused fact questions.", "Only facts research could not give."),
				criterion("problem", "Problem questions", "Explores difficulties and dissatisfactions.", 0,
					"No problem questions.", "One problem question.", "Several problem questions.",
					"Problems explored from several angles.", "The buyer lists problems the rep had not raised."),
				criterion("implication", "Implication questions", "Develops how serious the problem is.", 0,
					"None.", "An implication is stated by the rep, not asked.", "One implication question.",
					"Several implications explored.", "The buyer describes the knock-on effects themselves."),
				criterion("need_payoff", "Need-payoff questions", "Gets the buyer to state the value of solving it.", 0,
					"None.", "The rep states the value.", "One need-payoff question.",
					"The buyer states some value.", "The buyer argues the value of solving the problem."),
			}},
		{Builtin: "objection_handling", Motion: domain.MotionObjections, Name: "Objection handling",
			Description: "Hear the objection out, find what is behind it, answer it and check.",
			Criteria: []domain.RubricCriterion{
				criterion("acknowledge", "Acknowledges", "Lets the buyer finish and acknowledges the concern without defending.", 0,
					"Interrupts or argues.", "Defends straight away.", "Acknowledges briefly.",
					"Acknowledges and restates the concern.", "Restates the concern so the buyer feels heard."),
				criterion("clarify", "Clarifies the real concern", "Asks a question to find what is behind the objection.", 0,
					"No question.", "A closed question.", "An open question.", "Finds the concern behind the objection.",
					"Finds and confirms the root concern with the buyer."),
				criterion("respond_confirm", "Responds and confirms", "Answers with evidence and checks the answer landed.", 0,
					"No answer, or a discount.", "A generic answer.", "A relevant answer.", "A relevant answer with evidence.",
					"Evidence-based answer and the buyer confirms it resolves the concern."),
			}},
		{Builtin: "next_steps", Motion: domain.MotionNextSteps, Name: "Next steps",
			Description: "Leave every call with a dated, mutual commitment.",
			Criteria: []domain.RubricCriterion{
				criterion("specific", "Specific next step", "Agrees on what happens next, who does it and when.", 0,
					"No next step.", "\"Let's stay in touch.\"", "An action without a date.", "An action with a date.",
					"An action, an owner and a date, in the calendar before the call ends."),
				criterion("mutual", "Mutual commitment", "The buyer commits to something too.", 0,
					"Only the rep acts.", "The buyer is vaguely involved.", "The buyer agrees to one task.",
					"The buyer commits to a task with a date.", "A mutual plan with tasks for both sides."),
				criterion("stakeholders", "Right people", "Brings the people needed for the decision into the next step.", 0,
					"Not considered.", "Mentioned only.", "One more stakeholder invited.",
					"The decision makers identified and invited.", "The buyer invites the decision makers themselves."),
			}},
	}
}
