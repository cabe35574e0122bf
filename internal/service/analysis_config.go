package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"huddle/internal/analysis"
	"huddle/internal/domain"
)

// analysisSetting is the org setting that holds the analysis configuration.
const analysisSetting = "analysis"

// AnalysisConfig returns the organisation's trackers, objection phrases and
// competitor list (the built-in defaults until an admin edits them).
func (s *Service) AnalysisConfig(ctx context.Context, a Actor) (analysis.Config, error) {
	return s.analysisConfig(ctx, a.Org.ID)
}

func (s *Service) analysisConfig(ctx context.Context, orgID int64) (analysis.Config, error) {
	raw, err := s.store.Setting(ctx, orgID, analysisSetting)
	if errors.Is(err, domain.ErrNotFound) {
		return analysis.DefaultConfig(), nil
	}
	if err != nil {
		return analysis.Config{}, err
	}
	cfg := analysis.DefaultConfig()
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return analysis.Config{}, fmt.Errorf("analysis setting: %w", err)
	}
	return cfg, nil
}

func (s *Service) analyzer(ctx context.Context, orgID int64) (*analysis.Analyzer, error) {
	cfg, err := s.analysisConfig(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return analysis.New(cfg)
}

// AnalysisEdit is what an administrator may change: trackers, competitors
// and objection phrases by category. Nil fields stay as they are.
type AnalysisEdit struct {
	Trackers    []analysis.Category
	Competitors []string
	Objections  []analysis.Category
}

// SetAnalysisConfig saves an administrator's edit and queues a background
// re-analysis of every call, so that old calls show the new trackers.
func (s *Service) SetAnalysisConfig(ctx context.Context, a Actor, edit AnalysisEdit) (analysis.Config, error) {
	if err := a.requireAdmin("edit trackers, competitors and objection phrases"); err != nil {
		return analysis.Config{}, err
	}
	cfg, err := s.analysisConfig(ctx, a.Org.ID)
	if err != nil {
		return cfg, err
	}
	if edit.Trackers != nil {
		cfg.Trackers = cleanCategories(edit.Trackers)
	}
	if edit.Competitors != nil {
		cfg.Competitors = cleanPhrases(edit.Competitors)
	}
	if edit.Objections != nil {
		cfg.Objections = cleanCategories(edit.Objections)
	}
	if _, err := analysis.New(cfg); err != nil {
		return cfg, domain.Invalid("phrases", "%s", err.Error())
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		return cfg, err
	}
	if err := s.store.SetSetting(ctx, a.Org.ID, analysisSetting, raw); err != nil {
		return cfg, fmt.Errorf("save analysis setting: %w", err)
	}
	return cfg, s.store.EnqueueJob(ctx, &domain.Job{OrgID: a.Org.ID, Kind: JobReanalyze, RunAfter: s.now()})
}

func cleanCategories(cs []analysis.Category) []analysis.Category {
	var out []analysis.Category
	for _, c := range cs {
		c.Name = strings.TrimSpace(c.Name)
		c.Phrases = cleanPhrases(c.Phrases)
		if c.Name != "" && len(c.Phrases) > 0 {
			out = append(out, c)
		}
	}
	return out
}

func cleanPhrases(ps []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		p = strings.TrimSpace(p)
		if p != "" && !seen[strings.ToLower(p)] {
			seen[strings.ToLower(p)] = true
			out = append(out, p)
		}
	}
	return out
}
