// Package lifetime holds context.Background() handed on purpose to a
// function that starts a goroutine meant to outlive the call (a monitor
// for a resource's lifetime): the context in scope would end it too
// early, so none is reported. The near-misses are.
package lifetime

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

type monitor struct{ ticks chan time.Time }

func (m *monitor) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case m.ticks <- time.Now():
		}
	}
}

// newMonitor starts the monitor with the context it receives and
// returns.
func newMonitor(ctx context.Context) *monitor {
	m := &monitor{ticks: make(chan time.Time)}
	go m.loop(ctx)
	return m
}

// startMonitor does the same through another function.
func startMonitor(ctx context.Context) *monitor { return newMonitor(ctx) }

// watch starts a literal that captures a context derived from ctx.
func watch(ctx context.Context, f func()) context.CancelFunc {
	cctx, cancel := context.WithCancel(ctx)
	go func() {
		<-cctx.Done()
		f()
	}()
	return cancel
}

// ---- must stay silent ----

func openResource(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() {
		m := newMonitor(context.Background())
		<-m.ticks
	})
	wg.Wait()
	_ = ctx
}

func openThroughHelper(ctx context.Context) {
	go func() {
		m := startMonitor(context.TODO())
		<-m.ticks
	}()
	_ = ctx
}

func openWatcher(ctx context.Context, onClose func()) {
	go func() {
		cancel := watch(context.Background(), onClose)
		defer cancel()
	}()
	_ = ctx
}

// A go statement started with a fresh context inside a goroutine.
func nestedDaemon(ctx context.Context, m *monitor) {
	go func() {
		go m.loop(context.Background())
	}()
	_ = ctx
}

// ---- the near-misses, reported ----

// runAll starts goroutines with ctx but waits for them: they do not
// outlive the call, and cancelling ctx would stop them.
func runAll(ctx context.Context, ms []*monitor) {
	var wg sync.WaitGroup
	for _, m := range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.loop(ctx)
		}()
	}
	wg.Wait()
}

func joinedWorkers(ctx context.Context, ms []*monitor) {
	go func() {
		runAll(context.Background(), ms) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// poll observes ctx itself; its goroutine uses a context of its own.
func poll(ctx context.Context, m *monitor) error {
	go m.loop(context.WithoutCancel(ctx))
	<-ctx.Done()
	return ctx.Err()
}

func pollDetached(ctx context.Context, m *monitor) {
	go func() {
		_ = poll(context.Background(), m) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// After Wait the group's context is already cancelled: a monitor started
// with it stops at once. Lifetime goroutines excuse only fresh contexts.
func monitorAfterWait(ctx context.Context) (*monitor, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return gctx.Err() })
	err := g.Wait()
	return newMonitor(gctx), err // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait`
}

// A group goroutine that opens a resource whose monitor must outlive the
// group: the parent is the right context for it.
func openInGroup(ctx context.Context, items []int) ([]*monitor, error) {
	g, gctx := errgroup.WithContext(ctx)
	ms := make([]*monitor, len(items))
	for i := range items {
		g.Go(func() error {
			ms[i] = newMonitor(ctx)
			return gctx.Err()
		})
		g.Go(func() error {
			ms[i] = newMonitor(ctx)
			return nil
		})
		g.Go(func() error {
			go ms[i].loop(ctx) // a goroutine the group does not join
			return nil
		})
	}
	return ms, g.Wait()
}

// The near-miss: a group goroutine that polls with the parent.
func pollInGroup(ctx context.Context, m *monitor) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error { return poll(ctx, m) }) // want `errgroup.Group.Go function uses ctx and the group's context`
	return g.Wait()
}
