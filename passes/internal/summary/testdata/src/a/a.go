package a

import (
	"context"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"other"
)

func done(ctx context.Context) { <-ctx.Done() } // want `ctx: observes`

func err(ctx context.Context) error { return ctx.Err() } // want `ctx: observes`

func selects(ctx context.Context, in chan int) { // want `ctx: observes`
	select {
	case <-ctx.Done():
	case <-in:
	}
}

func cause(ctx context.Context) error { return context.Cause(ctx) } // want `ctx: observes`

func transitive(ctx context.Context) { done(ctx) } // want `ctx: observes`

func derived(parent context.Context) { // want `parent: observes`
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	vctx := context.WithValue(ctx, 0, 1)
	var c = vctx
	_ = err(c)
}

func inline(ctx context.Context) error { return err(context.WithValue(ctx, 0, 1)) } // want `ctx: observes`

func dial(ctx context.Context, d *net.Dialer) { _, _ = d.DialContext(ctx, "tcp", "x") } // want `ctx: observes`

func command(ctx context.Context) { _ = exec.CommandContext(ctx, "true") } // want `ctx: observes`

func literal(ctx context.Context) { // want `ctx: observes`
	func(c context.Context) { done(c) }(ctx)
}

func second(name string, ctx context.Context) { done(ctx) } // want `ctx: observes`

func variadic(ctxs ...context.Context) {} // no context parameter: the slice is not one

func values(ctx context.Context) any { return ctx.Value(0) } // want `ctx: nothing`

func otherPackage(ctx context.Context) { other.Wait(ctx) } // want `ctx: nothing`

func withoutCancel(ctx context.Context) error { return context.WithoutCancel(ctx).Err() } // want `ctx: nothing`

func funcValue(ctx context.Context, f func(context.Context)) { f(ctx) } // want `ctx: nothing`

type holder struct{ ctx context.Context }

func (h *holder) store(ctx context.Context) { h.ctx = ctx } // want `ctx: nothing`

func loop(ctx context.Context, n int) { // want `ctx: nothing`
	if n > 0 {
		loop(ctx, n-1)
	}
}

func ping(ctx context.Context, n int) { pong(ctx, n) } // want `ctx: observes`

func pong(ctx context.Context, n int) { // want `ctx: observes`
	if n == 0 {
		done(ctx)
		return
	}
	ping(ctx, n-1)
}

func other2(a, b context.Context) { done(b) } // want `a: nothing; b: observes`

type monitor struct{}

func (monitor) run(ctx context.Context) { done(ctx) } // want `ctx: observes`

func start(ctx context.Context, m monitor) { go m.run(ctx) } // want `ctx: observes,spawns`

func startLit(ctx context.Context) { // want `ctx: observes,spawns`
	go func() { <-ctx.Done() }()
}

func startQuiet(ctx context.Context) { go values(ctx) } // want `ctx: spawns`

func startThrough(ctx context.Context, m monitor) { start(ctx, m) } // want `ctx: observes,spawns`

func startAndWait(ctx context.Context, m monitor) { // want `ctx: observes`
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m.run(ctx)
	}()
	wg.Wait()
}

func startOther(ctx context.Context, m monitor) { // want `ctx: observes`
	go m.run(context.Background())
	done(ctx)
}

// The same cycle, met first at the function that observes: the other's
// summary, computed while the cycle was cut, must not be kept.
func pong2(ctx context.Context, n int) { // want `ctx: observes`
	if n == 0 {
		done(ctx)
		return
	}
	ping2(ctx, n-1)
}

func ping2(ctx context.Context, n int) { pong2(ctx, n) } // want `ctx: observes`

func group(ctx context.Context) error { // want `ctx: observes`
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return err(gctx) })
	return g.Wait()
}

func notify(parent context.Context) { // want `parent: observes`
	ctx, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	done(ctx)
}

func cancelOnly(ctx context.Context) { // want `ctx: nothing`
	_, cancel := context.WithCancel(ctx)
	cancel()
}
