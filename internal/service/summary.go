package service

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"huddle/internal/domain"
)

// Summarizer is a language model behind an OpenAI-compatible chat
// endpoint. Nil unless the operator configured one: call content is never
// sent anywhere otherwise.
type Summarizer interface {
	Complete(ctx context.Context, system, user string) (string, error)
}

// JobSummarize writes a call's AI summary and coaching focus.
const JobSummarize = "summarize"

// CallSummary is the optional AI summary of a call.
type CallSummary struct {
	Summary string `json:"summary"`
	Focus   string `json:"coaching_focus"`
}

// maxPromptChars keeps the transcript within a small model's context.
const maxPromptChars = 24000

const summaryInstructions = `You help sales reps coach each other. Read the call transcript and the metrics.
Reply with JSON only: {"summary": "3-5 sentences: who, what the buyer needs, objections, agreed next step",
"coaching_focus": "one concrete behaviour the rep could practise next, phrased as an observation first"}.`

// SummariesConfigured reports whether AI summaries are on.
func (s *Service) SummariesConfigured() bool { return s.llm != nil }

// queueSummary asks for a summary of a ready call when a model is set up.
// The summary is optional, so failing to queue it only gets logged.
func (s *Service) queueSummary(ctx context.Context, orgID, callID int64) error {
	if s.llm == nil {
		return nil
	}
	if err := s.store.EnqueueJob(ctx, &domain.Job{OrgID: orgID, Kind: JobSummarize, RefID: callID, RunAfter: s.now()}); err != nil {
		s.log.Warn("queue call summary", "call", callID, "err", err)
	}
	return nil
}

// summarize is the JobSummarize handler.
func (s *Service) summarize(ctx context.Context, j *domain.Job) error {
	if s.llm == nil {
		return Permanent(fmt.Errorf("no language model is configured"))
	}
	c, err := s.store.Call(ctx, j.OrgID, j.RefID)
	if err != nil {
		return Permanent(err)
	}
	reply, err := s.llm.Complete(ctx, summaryInstructions, summaryPrompt(c))
	if err != nil {
		return err
	}
	if c.Summary, err = json.Marshal(parseSummary(reply)); err != nil {
		return err
	}
	c.UpdatedAt = s.now()
	return s.store.UpdateCall(ctx, j.OrgID, c)
}

// summaryPrompt is the transcript (trimmed to fit) with the headline metrics.
func summaryPrompt(c domain.Call) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Call: %s\n", c.Title)
	if m := c.Metrics; m.TalkRatio != nil {
		fmt.Fprintf(&b, "Rep talk ratio: %.0f%%\n", *m.TalkRatio*100)
	}
	if len(c.Metrics.Objections) > 0 {
		fmt.Fprintf(&b, "Objections raised: %s\n", strings.Join(c.Metrics.Objections, ", "))
	}
	b.WriteString("\nTranscript:\n")
	doc, _ := DecodeTranscript(c)
	for _, cue := range doc.Cues {
		if b.Len() > maxPromptChars {
			b.WriteString("[… transcript truncated …]\n")
			break
		}
		fmt.Fprintf(&b, "%s: %s\n", cue.Speaker, cue.Text)
	}
	return b.String()
}

// parseSummary reads the model's JSON, or keeps its prose as the summary
// when it did not follow the format.
func parseSummary(reply string) CallSummary {
	var out CallSummary
	text := strings.TrimSpace(reply)
	text = strings.TrimPrefix(strings.TrimSuffix(text, "```"), "```json")
	if err := json.Unmarshal([]byte(strings.TrimSpace(text)), &out); err != nil || out.Summary == "" {
		return CallSummary{Summary: strings.TrimSpace(reply)}
	}
	return out
}

// DecodeSummary reads a call's AI summary; nil when there is none.
func DecodeSummary(c domain.Call) *CallSummary {
	if len(c.Summary) == 0 {
		return nil
	}
	var out CallSummary
	if json.Unmarshal(c.Summary, &out) != nil {
		return nil
	}
	return &out
}
