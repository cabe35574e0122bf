// Package jobs runs background work inside the Huddle process: a small
// pool of workers that each call a "run one due job" function until it
// reports the queue empty, then wait for the next poll or a wake-up.
//
// The queue itself lives elsewhere (the service's job table); this package
// only decides when to look at it.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"
)

// Defaults for Runner fields left zero.
const (
	DefaultWorkers = 2
	DefaultPoll    = 2 * time.Second
)

// Runner calls Run from a pool of workers. Set its fields, call Start once,
// and Stop when shutting down. A Runner cannot be restarted.
type Runner struct {
	// Run claims and runs one due job, reporting whether there was one. It
	// must honour ctx. (*service.Service).RunDueJob fits.
	Run func(ctx context.Context) (bool, error)
	// Workers is how many jobs may run at once; DefaultWorkers if zero.
	Workers int
	// Poll is how long an idle worker waits before looking for due jobs
	// again, and how long a worker backs off after an error; DefaultPoll
	// if zero.
	Poll time.Duration
	// Logger receives errors from Run; nothing is logged if nil.
	Logger *slog.Logger

	setup     sync.Once
	startOnce sync.Once
	stopOnce  sync.Once
	wake      chan struct{} // one pending wake-up at most
	stop      chan struct{} // closed by Stop
	wg        sync.WaitGroup
}

// Start starts the workers. Jobs run with ctx, so cancelling it also ends
// jobs in progress; Start returns at once. Start panics if Run is nil, and
// does nothing if called again.
func (r *Runner) Start(ctx context.Context) {
	if r.Run == nil {
		panic("jobs: Runner.Run is nil")
	}
	r.init()
	started := false
	r.startOnce.Do(func() { started = true })
	if !started {
		return
	}
	workers, poll, log := r.Workers, r.Poll, r.Logger
	if workers <= 0 {
		workers = DefaultWorkers
	}
	if poll <= 0 {
		poll = DefaultPoll
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	for i := range workers {
		r.wg.Go(func() { r.work(ctx, poll, log.With("worker", i+1)) })
	}
}

// Wake nudges an idle worker to look for due jobs now instead of at the
// next poll, e.g. right after a job was queued. It never blocks; a wake-up
// while every worker is busy is kept until one is free.
func (r *Runner) Wake() {
	r.init()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Stop tells the workers to take no new jobs and waits for those in
// progress to finish. Cancelling the context given to Start bounds the
// wait. Stop may be called more than once, and before Start.
func (r *Runner) Stop() {
	r.init()
	r.startOnce.Do(func() {}) // a Start after Stop starts nothing
	r.stopOnce.Do(func() { close(r.stop) })
	r.wg.Wait()
}

// init makes the channels; a zero Runner is usable.
func (r *Runner) init() {
	r.setup.Do(func() {
		r.wake = make(chan struct{}, 1)
		r.stop = make(chan struct{})
	})
}

// work is one worker's loop.
func (r *Runner) work(ctx context.Context, poll time.Duration, log *slog.Logger) {
	timer := time.NewTimer(poll)
	defer timer.Stop()
	for {
		r.drain(ctx, log)
		timer.Reset(poll)
		select {
		case <-ctx.Done():
			return
		case <-r.stop:
			return
		case <-r.wake:
		case <-timer.C:
		}
	}
}

// drain runs jobs until there are none due, an error occurs, or the runner
// is stopping.
func (r *Runner) drain(ctx context.Context, log *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.stop:
			return
		default:
		}
		more, err := r.runOne(ctx)
		if err != nil {
			if ctx.Err() == nil {
				log.Error("background job runner", "err", err)
			}
			return // back off until the next poll
		}
		if !more {
			return
		}
	}
}

// runOne calls Run, turning a panic into an error so that one bad job
// cannot take the server down.
func (r *Runner) runOne(ctx context.Context) (more bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return r.Run(ctx)
}
