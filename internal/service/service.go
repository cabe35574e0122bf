// Package service is Huddle's application layer: every use case, with its
// authorisation and tenant rules, lives here and nowhere else. The web and
// API layers call it; it calls the store through domain interfaces.
package service

import (
	"log/slog"
	"sync"
	"time"

	"huddle/internal/auth"
	"huddle/internal/domain"
)

// Service runs Huddle's use cases.
type Service struct {
	store  domain.Store
	now    func() time.Time
	log    *slog.Logger
	hashes auth.Params
	stt    Transcriber // nil: no speech-to-text configured
	blobs  BlobStore   // where recordings are kept
	llm    Summarizer  // nil: no AI summaries
	seeded sync.Map    // organisation IDs whose default rubrics are in place
	// distributions caches the call-metric distributions skill profiles
	// score against; shared with the copies AsOf makes.
	distributions *distributionCache
}

// Options tune a Service; the zero value is fine for production.
type Options struct {
	Now        func() time.Time // the clock; time.Now when nil
	Logger     *slog.Logger
	HashParams *auth.Params // argon2id cost; tests use cheap ones
	STT        Transcriber  // speech-to-text; nil when not configured
	Blobs      BlobStore    // recordings; nil disables audio uploads
	LLM        Summarizer   // AI summaries; nil when not configured
}

// New returns a Service over store.
func New(store domain.Store, opts Options) *Service {
	s := &Service{store: store, now: opts.Now, log: opts.Logger, hashes: auth.DefaultParams, stt: opts.STT, blobs: opts.Blobs, llm: opts.LLM,
		distributions: &distributionCache{m: map[distributionKey]cachedDistributions{}}}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if opts.HashParams != nil {
		s.hashes = *opts.HashParams
	}
	return s
}

// Now returns the service's clock reading, so callers share one notion of time.
func (s *Service) Now() time.Time { return s.now() }
