package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"huddle/internal/analysis"
	"huddle/internal/domain"
	"huddle/internal/transcript"
)

// MaxTranscriptBytes bounds a transcript upload: a three-hour call is
// under 1 MB of text.
const MaxTranscriptBytes = 10 << 20

// CallUpload is a call a rep brings: a transcript or a recording.
type CallUpload struct {
	Title      string
	OccurredAt time.Time // zero: now
	FileName   string
	Data       []byte
	Rep        string // the rep's speaker name; empty: the one who talks most
	Visibility domain.Visibility
	SharedWith []int64
}

// UploadTranscript stores a call from a transcript file and analyses it.
// The call belongs to the actor and is private unless they say otherwise.
func (s *Service) UploadTranscript(ctx context.Context, a Actor, up CallUpload) (domain.Call, error) {
	if a.Person.ID == 0 {
		return domain.Call{}, domain.Forbidden("calls belong to a person; sign in to upload one")
	}
	if len(up.Data) > MaxTranscriptBytes {
		return domain.Call{}, &domain.Error{Kind: ErrTooLarge, Message: fmt.Sprintf("the transcript is over %d MB", MaxTranscriptBytes>>20)}
	}
	t, err := transcript.Parse(up.Data, up.FileName)
	if err != nil {
		return domain.Call{}, domain.Invalid("file", "%s: %s", displayName(up.FileName), parseProblem(err))
	}
	c := domain.Call{OwnerID: a.Person.ID, Title: up.Title, OccurredAt: up.OccurredAt, Source: "transcript",
		FileName: up.FileName, Format: t.Format, Status: domain.CallReady, Visibility: up.Visibility, SharedWith: up.SharedWith}
	if err := s.prepareCall(ctx, a, &c); err != nil {
		return domain.Call{}, err
	}
	if err := s.analyse(ctx, a.Org.ID, &c, t, up.Rep); err != nil {
		return domain.Call{}, err
	}
	if err := s.store.CreateCall(ctx, a.Org.ID, &c); err != nil {
		return domain.Call{}, fmt.Errorf("store call: %w", err)
	}
	return c, s.queueSummary(ctx, a.Org.ID, c.ID)
}

// ErrTooLarge is the kind of error for uploads over their limit.
var ErrTooLarge = errors.New("too large")

func displayName(name string) string {
	if name == "" {
		return "the file"
	}
	return name
}

// parseProblem turns a parser error into a sentence for the uploader.
func parseProblem(err error) string {
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	return msg + " — Huddle reads WebVTT (Zoom, Teams), SRT, \"Name: text\" lines and JSON speaker turns"
}

// prepareCall validates the fields the uploader chose.
func (s *Service) prepareCall(ctx context.Context, a Actor, c *domain.Call) error {
	if c.OccurredAt.IsZero() {
		c.OccurredAt = s.now()
	}
	if c.Title == "" {
		c.Title = strings.TrimSuffix(c.FileName, fileExt(c.FileName))
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.checkShares(ctx, a, c.SharedWith)
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// checkShares makes sure every named peer is an active person of the org.
func (s *Service) checkShares(ctx context.Context, a Actor, ids []int64) error {
	for _, id := range ids {
		p, err := s.store.Person(ctx, a.Org.ID, id)
		if err != nil || !p.Active {
			return domain.Invalid("shared_with", "person %d is not in this organisation", id)
		}
	}
	return nil
}

// TranscriptCue is one cue of a stored transcript.
type TranscriptCue struct {
	Speaker string  `json:"speaker"`
	Start   float64 `json:"start"`
	End     float64 `json:"end"`
	Text    string  `json:"text"`
}

// CallTranscript is the transcript document kept with a call.
type CallTranscript struct {
	Format string          `json:"format"`
	Timed  bool            `json:"timed"`
	Cues   []TranscriptCue `json:"cues"`
}

// analyse runs the organisation's analysis on t and fills the call's
// transcript, report and headline metrics.
func (s *Service) analyse(ctx context.Context, orgID int64, c *domain.Call, t *transcript.Transcript, rep string) error {
	an, err := s.analyzer(ctx, orgID)
	if err != nil {
		return err
	}
	report, err := an.Analyze(t, rep)
	if err != nil {
		return domain.Invalid("rep", "%s", err.Error())
	}
	doc := CallTranscript{Format: t.Format, Timed: t.Timed, Cues: make([]TranscriptCue, len(t.Cues))}
	for i, cue := range t.Cues {
		doc.Cues[i] = TranscriptCue{Speaker: cue.Speaker, Start: cue.Start, End: cue.End, Text: cue.Text}
	}
	if c.Transcript, err = json.Marshal(doc); err != nil {
		return fmt.Errorf("encode transcript: %w", err)
	}
	if c.Analysis, err = json.Marshal(report); err != nil {
		return fmt.Errorf("encode analysis: %w", err)
	}
	c.Format, c.Status, c.StatusDetail = t.Format, domain.CallReady, ""
	c.Metrics = headline(report)
	return nil
}

// headline copies the figures that lists and benchmarks use.
func headline(r *analysis.Report) domain.CallMetrics {
	q := float64(r.Questions)
	m := domain.CallMetrics{DurationSeconds: r.DurationSeconds, TalkRatio: r.TalkRatio, LongestMonolog: r.LongestMonologueSeconds,
		Patience: r.PatienceSeconds, Questions: &q, Interactivity: r.Interactivity, WordsPerMinute: r.WordsPerMinute}
	for cat, n := range r.Objections.ByCategory {
		if n > 0 {
			m.Objections = append(m.Objections, cat)
		}
	}
	for _, t := range r.Trackers {
		if t.Count > 0 {
			m.Trackers = append(m.Trackers, t.Name)
		}
	}
	slices.Sort(m.Objections)
	slices.Sort(m.Trackers)
	return m
}

// DecodeTranscript reads a call's stored transcript.
func DecodeTranscript(c domain.Call) (CallTranscript, error) {
	var doc CallTranscript
	if len(c.Transcript) == 0 {
		return doc, nil
	}
	err := json.Unmarshal(c.Transcript, &doc)
	return doc, err
}

// DecodeReport reads a call's stored analysis.
func DecodeReport(c domain.Call) (*analysis.Report, error) {
	if len(c.Analysis) == 0 {
		return nil, nil
	}
	var r analysis.Report
	if err := json.Unmarshal(c.Analysis, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// toTranscript turns a stored transcript back into the engine's form.
func (doc CallTranscript) toTranscript() *transcript.Transcript {
	t := &transcript.Transcript{Format: doc.Format, Timed: doc.Timed, Cues: make([]transcript.Cue, len(doc.Cues))}
	for i, c := range doc.Cues {
		t.Cues[i] = transcript.Cue{Speaker: c.Speaker, Start: c.Start, End: c.End, Text: c.Text}
	}
	return t
}
