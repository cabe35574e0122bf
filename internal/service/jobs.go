package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"huddle/internal/analysis"
	"huddle/internal/domain"
)

// Background job kinds.
const (
	JobTranscribe = "transcribe" // RefID: the call whose recording to transcribe
	JobReanalyze  = "reanalyze"  // every call of the organisation, after a config change
)

const (
	jobLease       = 30 * time.Minute // longer than the speech-to-text timeout
	jobMaxAttempts = 3
)

// RunDueJob claims one due background job and runs it. It reports whether
// there was one, so a worker can loop until the queue is empty. A job that
// fails is retried with a growing delay, then marked failed.
func (s *Service) RunDueJob(ctx context.Context) (bool, error) {
	j, ok, err := s.store.ClaimJob(ctx, s.now(), jobLease)
	if err != nil || !ok {
		return false, err
	}
	runErr := s.runJob(ctx, &j)
	j.UpdatedAt = s.now()
	switch {
	case runErr == nil:
		j.State, j.LastError = domain.JobDone, ""
	case j.Attempts < jobMaxAttempts && !errors.Is(runErr, errPermanent):
		j.State, j.LastError = domain.JobQueued, runErr.Error()
		j.RunAfter = s.now().Add(time.Duration(j.Attempts*j.Attempts) * 30 * time.Second)
	default:
		j.State, j.LastError = domain.JobFailed, runErr.Error()
		s.jobGaveUp(ctx, j)
	}
	if err := s.store.UpdateJob(ctx, j); err != nil {
		return true, fmt.Errorf("job %d: save state: %w", j.ID, err)
	}
	if runErr != nil {
		s.log.Warn("background job failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", runErr)
	}
	return true, nil
}

// errPermanent marks failures that a retry cannot fix.
var errPermanent = errors.New("permanent failure")

// Permanent marks err as one that retrying cannot fix (e.g. the
// speech-to-text service rejected the file), so the job fails at once.
func Permanent(err error) error { return fmt.Errorf("%w: %w", errPermanent, err) }

func (s *Service) runJob(ctx context.Context, j *domain.Job) error {
	switch j.Kind {
	case JobTranscribe:
		return s.transcribe(ctx, j)
	case JobReanalyze:
		return s.reanalyseAll(ctx, j)
	case JobSummarize:
		return s.summarize(ctx, j)
	}
	return fmt.Errorf("%w: unknown job kind %q", errPermanent, j.Kind)
}

// jobGaveUp records on the call that its processing failed for good.
func (s *Service) jobGaveUp(ctx context.Context, j domain.Job) {
	if j.Kind != JobTranscribe {
		return
	}
	c, err := s.store.Call(ctx, j.OrgID, j.RefID)
	if err != nil {
		return
	}
	// The cause goes to the log only: it can name internal addresses.
	c.Status, c.StatusDetail = domain.CallFailed, fmt.Sprintf("The speech-to-text service could not transcribe this recording after %d attempts. "+
		"Try again later, or upload a transcript instead; your administrator can find the cause in the server log.", j.Attempts)
	if err := s.store.UpdateCall(ctx, j.OrgID, c); err != nil {
		s.log.Error("mark call failed", "call", c.ID, "err", err)
	}
}

// reanalyseAll runs the organisation's current analysis over every call
// that has a transcript.
func (s *Service) reanalyseAll(ctx context.Context, j *domain.Job) error {
	an, err := s.analyzer(ctx, j.OrgID)
	if err != nil {
		return err
	}
	ids, err := s.store.CallIDs(ctx, j.OrgID)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if err := s.reanalyseOne(ctx, j.OrgID, id, an); err != nil {
			return fmt.Errorf("call %d: %w", id, err)
		}
		j.Progress = fmt.Sprintf("%d of %d calls", i+1, len(ids))
	}
	return nil
}

func (s *Service) reanalyseOne(ctx context.Context, orgID, id int64, an *analysis.Analyzer) error {
	c, err := s.store.Call(ctx, orgID, id)
	if err != nil || c.Status != domain.CallReady {
		return err
	}
	doc, err := DecodeTranscript(c)
	if err != nil {
		return err
	}
	old, err := DecodeReport(c)
	if err != nil {
		return err
	}
	rep := ""
	if old != nil {
		rep = old.Rep // keep the rep the first analysis settled on
	}
	report, err := an.Analyze(doc.toTranscript(), rep)
	if err != nil {
		return err
	}
	if c.Analysis, err = json.Marshal(report); err != nil {
		return err
	}
	c.Metrics = headline(report)
	return s.store.UpdateCall(ctx, orgID, c)
}
