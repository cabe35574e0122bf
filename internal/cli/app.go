package cli

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"huddle/internal/blob"
	"huddle/internal/config"
	"huddle/internal/domain"
	"huddle/internal/llm"
	"huddle/internal/server"
	"huddle/internal/service"
	"huddle/internal/store"
	"huddle/internal/stt"
	"huddle/internal/transcript"
)

// app is an opened database with the service over it.
type app struct {
	cfg *config.Config
	db  *store.DB
	svc *service.Service
	log *slog.Logger
}

// openApp validates the configuration and opens the database. With
// migrate, pending migrations are applied first (the demo does this; a
// production server refuses to start instead).
func openApp(ctx context.Context, env *Env, cfg *config.Config, migrate bool) (*app, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger(os.Stderr)
	if !cfg.IsPostgres() {
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data dir: %w", err)
		}
	}
	var db *store.DB
	var err error
	if migrate {
		db, err = store.OpenForMigrate(ctx, cfg.DatabaseURL)
		if err == nil {
			_, err = db.Migrate(ctx)
		}
	} else {
		db, err = store.Open(ctx, cfg.DatabaseURL)
	}
	if err != nil {
		if db != nil {
			db.Close()
		}
		if errors.Is(err, domain.ErrSchemaOutdated) {
			return nil, fmt.Errorf("the database schema is not current: run `huddle migrate` first")
		}
		return nil, fmt.Errorf("open database: %w", err)
	}
	opts, err := serviceOptions(cfg, log)
	if err != nil {
		db.Close()
		return nil, err
	}
	svc := service.New(db, opts)
	return &app{cfg: cfg, db: db, svc: svc, log: log}, nil
}

// serviceOptions builds the recording store and, when configured, the
// speech-to-text and language model clients.
func serviceOptions(cfg *config.Config, log *slog.Logger) (service.Options, error) {
	opts := service.Options{Logger: log}
	blobs, err := blob.NewFS(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return opts, fmt.Errorf("recordings folder: %w", err)
	}
	opts.Blobs = blobs
	if cfg.STTURL != "" {
		client, err := stt.New(stt.Config{URL: cfg.STTURL, APIKey: cfg.STTKey, Model: cfg.STTModel, Timeout: 25 * time.Minute})
		if err != nil {
			return opts, fmt.Errorf("speech-to-text: %w", err)
		}
		opts.STT = transcriber{client}
	}
	if cfg.LLMURL != "" {
		client, err := llm.New(llm.Config{URL: cfg.LLMURL, APIKey: cfg.LLMKey, Model: cfg.LLMModel})
		if err != nil {
			return opts, fmt.Errorf("language model: %w", err)
		}
		opts.LLM = client
	}
	return opts, nil
}

func (a *app) close() { a.db.Close() }

// pools adapts the store's pool statistics for /metrics.
func (a *app) pools() map[string]server.PoolStat {
	out := map[string]server.PoolStat{}
	for name, s := range a.db.PoolStats() {
		out[name] = poolStat(s)
	}
	return out
}

func poolStat(s sql.DBStats) server.PoolStat {
	return server.PoolStat{Open: s.OpenConnections, InUse: s.InUse, Idle: s.Idle, MaxOpen: s.MaxOpenConnections,
		WaitCount: s.WaitCount, WaitDuration: s.WaitDuration}
}

// openAsOperator opens the database and returns the operator acting on the
// organisation named by slug (or the only one).
func openAsOperator(ctx context.Context, env *Env, cfg *config.Config, slug string) (*app, service.Actor, error) {
	a, err := openApp(ctx, env, cfg, false)
	if err != nil {
		return nil, service.Actor{}, err
	}
	org, err := a.orgFor(ctx, slug)
	if err != nil {
		a.close()
		return nil, service.Actor{}, err
	}
	return a, service.SystemActor(org), nil
}

// orgFor finds the organisation a command acts on: the one named by slug,
// or the only one when slug is empty.
func (a *app) orgFor(ctx context.Context, slug string) (domain.Org, error) {
	if slug != "" {
		org, err := a.svc.OrgBySlug(ctx, slug)
		if errors.Is(err, domain.ErrNotFound) {
			return org, fmt.Errorf("no organisation %q; create it with `huddle org create --slug %s --name NAME`", slug, slug)
		}
		return org, err
	}
	orgs, err := a.svc.Orgs(ctx)
	if err != nil {
		return domain.Org{}, err
	}
	switch len(orgs) {
	case 0:
		return domain.Org{}, errors.New("there is no organisation yet; create one with `huddle org create --slug SLUG --name NAME`")
	case 1:
		return orgs[0], nil
	}
	return domain.Org{}, errors.New("there are several organisations; name one with --org SLUG")
}

// transcriber tells the service which speech-to-text failures are worth
// retrying, so that the service needs to know nothing of HTTP.
type transcriber struct{ c *stt.Client }

func (t transcriber) Transcribe(ctx context.Context, name string, audio io.Reader) (*transcript.Transcript, error) {
	tr, err := t.c.Transcribe(ctx, name, audio)
	if err != nil && !stt.IsRetryable(err) {
		return nil, service.Permanent(err)
	}
	return tr, err
}
