package jobs

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Most tests run in a synctest bubble: time is fake and only moves when
// every goroutine is blocked, so "the job ran before the poll interval
// passed" is an exact assertion rather than a race with a loaded machine,
// and a worker left running at the end fails the test.

const hour = time.Hour

// queue is a job queue as Run sees it.
type queue struct {
	mu       sync.Mutex
	pending  int
	done     int
	calls    int
	active   int // Run calls in progress
	peak     int
	failNext error         // returned by the next call
	panicNow bool          // the next call panics
	hold     chan struct{} // when set, each job waits for it to close
}

func (q *queue) add(n int) {
	q.mu.Lock()
	q.pending += n
	q.mu.Unlock()
}

func (q *queue) stats() (done, calls, active, peak int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.done, q.calls, q.active, q.peak
}

func (q *queue) run(ctx context.Context) (bool, error) {
	q.mu.Lock()
	q.calls++
	if err := q.failNext; err != nil {
		q.failNext = nil
		q.mu.Unlock()
		return false, err
	}
	if q.panicNow {
		q.panicNow = false
		q.mu.Unlock()
		panic("bad job")
	}
	if q.pending == 0 {
		q.mu.Unlock()
		return false, nil
	}
	q.pending--
	q.active++
	q.peak = max(q.peak, q.active)
	hold := q.hold
	q.mu.Unlock()
	var err error
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	q.mu.Lock()
	q.active--
	if err == nil {
		q.done++
	}
	q.mu.Unlock()
	return true, err
}

// bufLogger logs to a buffer safe for concurrent use.
type bufLogger struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *bufLogger) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *bufLogger) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *bufLogger) logger() *slog.Logger { return slog.New(slog.NewTextHandler(b, nil)) }

func TestRunsQueuedWork(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := &queue{}
		q.add(10)
		r := &Runner{Run: q.run, Workers: 3, Poll: hour}
		start := time.Now()
		r.Start(t.Context())
		synctest.Wait()
		if done, _, active, _ := q.stats(); done != 10 || active != 0 {
			t.Errorf("done %d, active %d; want 10, 0", done, active)
		}
		if d := time.Since(start); d != 0 {
			t.Errorf("queued work waited %s for a poll", d)
		}
		r.Stop()
	})
}

func TestWakeStartsWorkAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := &queue{}
		r := &Runner{Run: q.run, Workers: 2, Poll: hour}
		start := time.Now()
		r.Start(t.Context())
		synctest.Wait() // both workers found nothing and are idle

		q.add(1)
		r.Wake()
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 1 || time.Since(start) != 0 {
			t.Errorf("after Wake: done %d at +%s; want 1 at once", done, time.Since(start))
		}

		q.add(1) // no Wake: waits for the poll
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 1 {
			t.Errorf("without Wake: done %d before the poll", done)
		}
		time.Sleep(hour)
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 2 {
			t.Errorf("after the poll: done %d, want 2", done)
		}
		r.Stop()
	})
}

// TestWakeWhileBusy: a wake-up sent while the worker is busy is kept: here
// the worker has already seen an empty queue but not yet gone idle when
// the job arrives.
func TestWakeWhileBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		gate := make(chan struct{})
		var (
			mu            sync.Mutex
			pending, done int
			first         = true
		)
		run := func(context.Context) (bool, error) {
			mu.Lock()
			if pending == 0 {
				wait := first
				first = false
				mu.Unlock()
				if wait {
					<-gate // found nothing; slow to say so
				}
				return false, nil
			}
			pending--
			done++
			mu.Unlock()
			return true, nil
		}
		r := &Runner{Run: run, Workers: 1, Poll: hour}
		r.Start(t.Context())
		synctest.Wait() // the worker is inside Run, about to report "nothing"
		mu.Lock()
		pending = 1
		mu.Unlock()
		r.Wake()
		r.Wake() // a second wake-up while one is pending does not block
		start := time.Now()
		close(gate)
		synctest.Wait()
		mu.Lock()
		got := done
		mu.Unlock()
		if got != 1 || time.Since(start) != 0 {
			t.Errorf("done %d at +%s; want 1 at once", got, time.Since(start))
		}
		r.Stop()
	})
}

// TestWakeRealClock is the same promise on the real clock: with an hour's
// poll, only Wake can get the job run before the test's deadline.
func TestWakeRealClock(t *testing.T) {
	ran := make(chan struct{})
	idle := make(chan struct{}, 1)
	var mu sync.Mutex
	pending := false
	run := func(context.Context) (bool, error) {
		mu.Lock()
		defer mu.Unlock()
		if !pending {
			select {
			case idle <- struct{}{}:
			default:
			}
			return false, nil
		}
		pending = false
		close(ran)
		return true, nil
	}
	r := &Runner{Run: run, Workers: 1, Poll: hour}
	r.Start(t.Context())
	defer r.Stop()
	<-idle // the worker has looked once and found nothing
	mu.Lock()
	pending = true
	mu.Unlock()
	r.Wake()
	select {
	case <-ran:
	case <-time.After(30 * time.Second):
		t.Fatal("Wake did not get the job run")
	}
}

func TestErrorsDoNotStopTheLoop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log bufLogger
		q := &queue{failNext: errors.New("database is locked")}
		q.add(2)
		r := &Runner{Run: q.run, Workers: 1, Poll: hour, Logger: log.logger()}
		r.Start(t.Context())
		synctest.Wait()
		if done, calls, _, _ := q.stats(); done != 0 || calls != 1 {
			t.Errorf("after the error: done %d in %d calls; want a back-off", done, calls)
		}
		if !strings.Contains(log.String(), "database is locked") {
			t.Errorf("log %q does not hold the error", log.String())
		}
		time.Sleep(hour)
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 2 {
			t.Errorf("after the back-off: done %d, want 2", done)
		}
		r.Stop()
	})
}

func TestPanicIsRecovered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log bufLogger
		q := &queue{panicNow: true}
		q.add(1)
		r := &Runner{Run: q.run, Workers: 1, Poll: hour, Logger: log.logger()}
		r.Start(t.Context())
		synctest.Wait()
		if !strings.Contains(log.String(), "job panicked: bad job") {
			t.Errorf("log %q does not hold the panic", log.String())
		}
		time.Sleep(hour)
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 1 {
			t.Errorf("done %d after a panic, want 1", done)
		}
		r.Stop()
	})
}

func TestWorkersRunConcurrently(t *testing.T) {
	for _, tc := range []struct{ workers, want int }{{3, 3}, {0, DefaultWorkers}, {1, 1}} {
		synctest.Test(t, func(t *testing.T) {
			q := &queue{hold: make(chan struct{})}
			q.add(5)
			r := &Runner{Run: q.run, Workers: tc.workers, Poll: hour}
			r.Start(t.Context())
			synctest.Wait()
			if _, _, active, _ := q.stats(); active != tc.want {
				t.Errorf("Workers %d: %d jobs at once, want %d", tc.workers, active, tc.want)
			}
			close(q.hold)
			synctest.Wait()
			if done, _, _, peak := q.stats(); done != 5 || peak != tc.want {
				t.Errorf("Workers %d: done %d, peak %d", tc.workers, done, peak)
			}
			r.Stop()
		})
	}
}

func TestDefaultPoll(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := &queue{}
		r := &Runner{Run: q.run, Workers: 1}
		r.Start(t.Context())
		synctest.Wait()
		q.add(1)
		time.Sleep(DefaultPoll - time.Millisecond)
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 0 {
			t.Errorf("ran before the default poll")
		}
		time.Sleep(time.Millisecond)
		synctest.Wait()
		if done, _, _, _ := q.stats(); done != 1 {
			t.Errorf("did not run at the default poll")
		}
		r.Stop()
	})
}

// TestStopWaitsForJobs: Stop returns only once the job in progress has
// finished, and afterwards nothing runs.
func TestStopWaitsForJobs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := &queue{hold: make(chan struct{})}
		q.add(3)
		r := &Runner{Run: q.run, Workers: 1, Poll: hour}
		r.Start(t.Context())
		synctest.Wait()
		stopped := make(chan struct{})
		go func() {
			r.Stop()
			close(stopped)
		}()
		synctest.Wait()
		select {
		case <-stopped:
			t.Fatal("Stop returned while a job was running")
		default:
		}
		close(q.hold)
		synctest.Wait()
		<-stopped
		done, calls, active, _ := q.stats()
		if done != 1 || active != 0 {
			t.Errorf("after Stop: done %d, active %d; want the one job in progress finished and no more", done, active)
		}
		q.add(1)
		r.Wake()
		time.Sleep(10 * hour)
		synctest.Wait()
		if _, after, _, _ := q.stats(); after != calls {
			t.Errorf("Run called %d times after Stop", after-calls)
		}
		r.Stop() // again: no-op
	})
}

// TestContextEndsJobs: cancelling Start's context ends the job in progress
// and the workers, without logging the cancellation as a failure.
func TestContextEndsJobs(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log bufLogger
		q := &queue{hold: make(chan struct{})}
		q.add(1)
		ctx, cancel := context.WithCancel(t.Context())
		r := &Runner{Run: q.run, Workers: 2, Poll: hour, Logger: log.logger()}
		r.Start(ctx)
		synctest.Wait()
		cancel()
		r.Stop()
		if done, _, active, _ := q.stats(); done != 0 || active != 0 {
			t.Errorf("done %d, active %d; want the job cancelled", done, active)
		}
		if log.String() != "" {
			t.Errorf("log %q, want nothing for a shutdown", log.String())
		}
	})
}

func TestStartStopOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		q := &queue{}
		q.add(1)
		var r Runner
		r.Stop() // before Start: no-op
		r.Run = q.run
		r.Start(t.Context()) // after Stop: starts nothing
		r.Wake()
		synctest.Wait()
		if _, calls, _, _ := q.stats(); calls != 0 {
			t.Errorf("Start after Stop ran %d calls", calls)
		}

		q2 := &queue{}
		r2 := &Runner{Run: q2.run, Workers: 1, Poll: hour}
		r2.Start(t.Context())
		r2.Start(t.Context()) // again: no second pool
		synctest.Wait()
		if _, calls, _, _ := q2.stats(); calls != 1 {
			t.Errorf("two Starts: %d calls, want 1", calls)
		}
		r2.Stop()
	})
	defer func() {
		if recover() == nil {
			t.Error("Start with a nil Run did not panic")
		}
	}()
	(&Runner{}).Start(context.Background())
}
