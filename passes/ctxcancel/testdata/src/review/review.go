// Package review holds correct idioms that look like the shapes
// ctxcancel reports (cases 1-3, default flags); nothing here is
// reported unless a want comment says so.
package review

import (
	"context"
	"errors"
	"iter"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }
func commit(ctx context.Context) error          { return ctx.Err() }
func compute(v any) error                       { return nil }

type reqID struct{}

// ---- case 1 ----

// Cleanup with the parent after the work with the group's context.
func cleanupWithParent(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error {
			if err := fetch(gctx, u); err != nil {
				return err
			}
			return commit(ctx)
		})
	}
	return g.Wait()
}

// A commit step that deliberately detaches from cancellation.
func commitWithoutCancel(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	g.Go(func() error { return commit(context.WithoutCancel(ctx)) })
	return g.Wait()
}

// The same, with a timeout on the detached context.
func commitWithoutCancelTimeout(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Go(func() error {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		return commit(cctx)
	})
	return g.Wait()
}

// Reading a value of the parent is not a cancellation choice.
func valueOfParent(ctx context.Context, items []int) error {
	g, _ := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			id := ctx.Value(reqID{})
			return compute([]any{id, it})
		})
	}
	return g.Wait()
}

// The cause of the parent is not a cancellation choice either.
func causeOfParent(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Go(func() error { return context.Cause(ctx) })
	return g.Wait()
}

// The group's context through a struct.
type job struct {
	ctx context.Context
	u   string
}

func (j job) run() error { return fetch(j.ctx, j.u) }

func groupContextInStruct(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		j := job{ctx: gctx, u: u}
		g.Go(func() error { return j.run() })
		g.Go(func() error { return fetch(j.ctx, j.u) })
	}
	return g.Wait()
}

// The group's context through a helper function.
func pick(ctx context.Context) context.Context { return ctx }

func groupContextThroughHelper(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	c := pick(gctx)
	g.Go(func() error { return fetch(c, "a") })
	return g.Wait()
}

// Shadowing in a loop, one group per batch.
func shadowPerBatch(ctx context.Context, batches [][]string) error {
	for _, batch := range batches {
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(4)
		for _, u := range batch {
			g.Go(func() error { return fetch(ctx, u) })
		}
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return fetch(ctx, "done")
}

// Method value and method expression handed to Go.
type svc struct{ ctx context.Context }

func (s *svc) run() error { return fetch(s.ctx, "a") }

func methodValues(ctx context.Context, s *svc) error {
	g, gctx := errgroup.WithContext(ctx)
	s2 := &svc{ctx: gctx}
	g.Go(s2.run)
	f := (*svc).run
	g.Go(func() error { return f(s) })
	return g.Wait()
}

// Generic group whose goroutines use the group's context through a
// type-parameterised helper.
func genericHelper[T any](ctx context.Context, items []T, f func(context.Context, T) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f(ctx, it) })
	}
	return g.Wait()
}

// A nested group made from the outer group's context.
func nestedGroups(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		h, hctx := errgroup.WithContext(gctx)
		for _, u := range urls {
			h.Go(func() error { return fetch(hctx, u) })
		}
		return h.Wait()
	})
	return g.Wait()
}

// A group whose goroutines take no context at all.
func noContextUse(ctx context.Context, items []int) error {
	g, _ := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return compute(it) })
	}
	return g.Wait()
}

// ---- case 2 ----

func errAfterWaitViaParent(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

func causeAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	if err := g.Wait(); err != nil {
		return context.Cause(ctx)
	}
	return nil
}

func valueAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	err := g.Wait()
	log.Printf("request %v: %v", ctx.Value(reqID{}), err)
	return err
}

// Logging with slog after Wait: handlers read values from the context.
func slogAfterWait(ctx context.Context, logger *slog.Logger) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	err := g.Wait()
	slog.InfoContext(ctx, "done", "err", err)
	logger.ErrorContext(ctx, "done", "err", err)
	logger.Log(ctx, slog.LevelInfo, "done")
	return err
}

// Detaching after Wait keeps the values and drops the cancellation.
func withoutCancelAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	err := g.Wait()
	return errors.Join(err, commit(context.WithoutCancel(ctx)))
}

// ---- case 3 ----

// main and init have no context in scope.
func main() {
	go func() { _ = fetch(context.Background(), "a") }()
}

func init() {
	go func() { _ = fetch(context.TODO(), "a") }()
}

// A root cancelled by a signal is a cancellation from outside: after
// it is done, a fresh context is the shutdown idiom; before, it is
// reported.
func signalRoot() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		_ = commit(context.Background())
	}()
	go func() {
		_ = fetch(context.Background(), "a") // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// A test's context ends with the test: a goroutine that uses another
// one can outlive it.
func TestFetch(t *testing.T) {
	ctx := t.Context()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = fetch(context.Background(), "a") // want `context.Background in a goroutine of a function that has ctx`
	}()
	<-done
	_ = ctx
}

// Graceful shutdown after a select that waits for the context or an
// error.
type server struct{}

func (server) Serve() error                       { return nil }
func (server) Shutdown(ctx context.Context) error { return ctx.Err() }

func serveUntil(ctx context.Context, srv server) error {
	g, gctx := errgroup.WithContext(ctx)
	errc := make(chan error, 1)
	g.Go(func() error {
		go func() { errc <- srv.Serve() }()
		select {
		case <-gctx.Done():
		case err := <-errc:
			return err
		}
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	})
	return g.Wait()
}

// A deferred cleanup in a goroutine that ends when ctx is done: the
// cleanup runs once ctx is cancelled and needs a fresh context.
func deferredCleanup(ctx context.Context, in <-chan int) {
	go func() {
		defer func() { _ = commit(context.Background()) }()
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				_ = compute(v)
			}
		}
	}()
}

// A daemon started once for the whole process, from the first caller:
// its lifetime is deliberately not the caller's.
type cache struct {
	once sync.Once
}

func (c *cache) refreshLoop(ctx context.Context) { <-ctx.Done() }

func (c *cache) Get(ctx context.Context, key string) error {
	c.once.Do(func() {
		go func() { c.refreshLoop(context.Background()) }()
	})
	return fetch(ctx, key)
}

// Detached on purpose with WithoutCancel.
func detachedDaemon(ctx context.Context) {
	go func() {
		dctx := context.WithoutCancel(ctx)
		_ = commit(dctx)
	}()
}

// Unnamed and blank context parameters offer nothing to use.
func blankParam(_ context.Context) {
	go func() { _ = fetch(context.Background(), "a") }()
}

func unnamedParam(context.Context) {
	go func() { _ = fetch(context.Background(), "a") }()
}

// ---- odd code: no crash ----

func seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func rangeFunc(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for i := range seq(3) {
			if i == 2 {
				break
			}
			defer func() { _ = fetch(gctx, "d") }()
			if err := fetch(gctx, "a"); err != nil {
				return err
			}
		}
		return nil
	})
	for i := range seq(2) {
		g.Go(func() error { return fetch(ctx, "b") }) // want `errgroup.Group.Go function uses ctx, not the group's context gctx`
		_ = i
	}
	return g.Wait()
}

func labelsAndGoto(ctx context.Context, items [][]int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
	outer:
		for _, row := range items {
			for _, v := range row {
				switch {
				case v < 0:
					continue outer
				case v == 0:
					break outer
				}
				if v > 10 {
					goto done
				}
				_ = fetch(gctx, "a")
			}
		}
	done:
		return nil
	})
	go func() {
		select {}
	}()
	return g.Wait()
}

func recurse(ctx context.Context, n int) error {
	if n == 0 {
		return nil
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return recurse(ctx, n-1) })
	return g.Wait()
}

func typeSwitch(ctx context.Context, vs []any) {
	var wg sync.WaitGroup
	for _, v := range vs {
		wg.Go(func() {
			switch x := v.(type) {
			case context.Context:
				_ = fetch(x, "a")
			case string:
				_ = fetch(ctx, x)
			}
		})
	}
	wg.Wait()
}

func deferInLoop(ctx context.Context, n int) {
	go func() {
		for range n {
			c, cancel := context.WithCancel(ctx)
			defer cancel()
			_ = fetch(c, "a")
		}
	}()
}

type box[T any] struct{ v T }

func (b box[T]) run(ctx context.Context) error { return compute(b.v) }

func genericMethodValue[T any](ctx context.Context, bs []box[T]) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, b := range bs {
		g.Go(func() error { return b.run(gctx) })
		run := b.run
		g.Go(func() error { return run(gctx) })
	}
	return g.Wait()
}

// A goroutine spawned by a closure stored in a variable and called
// twice: the closure is created once, but runs twice.
func closureTwice(ctx context.Context) {
	start := func() {
		go func() { _ = fetch(ctx, "a") }()
	}
	start()
	start()
}

// ---- the boundaries of the silences above: still reported ----

// Deriving a context from the parent is a cancellation choice.
func derivedFromParent(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	g.Go(func() error {
		vctx := context.WithValue(ctx, reqID{}, 1)
		return fetch(vctx, "b") // want `errgroup.Group.Go function uses ctx, not the group's context gctx`
	})
	return g.Wait()
}

// The select returns when ctx is done: the call after it runs while ctx
// is live.
func selectReturnsOnDone(ctx context.Context, in <-chan int) {
	go func() {
		select {
		case <-ctx.Done():
			return
		case v := <-in:
			_ = compute(v)
		}
		_ = commit(context.Background()) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// A select with a default does not wait for ctx.
func selectDefaultThenBackground(ctx context.Context) {
	go func() {
		select {
		case <-ctx.Done():
		default:
		}
		_ = commit(context.Background()) // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// A deferred call in a goroutine that never looks at a context.
func deferredNoWatch(ctx context.Context, in <-chan int) {
	go func() {
		defer func() { _ = commit(context.Background()) }() // want `context.Background in a goroutine of a function that has ctx`
		for v := range in {
			_ = compute(v)
		}
	}()
}

// A closure that is not run by sync.Once runs per caller.
func perCaller(ctx context.Context, run func(func())) {
	run(func() {
		go func() { _ = fetch(context.Background(), "a") }() // want `context.Background in a goroutine of a function that has ctx`
	})
}

// A context made inside the once-closure is that closure's own.
func (c *cache) inner(parent context.Context) {
	c.once.Do(func() {
		ctx, cancel := context.WithCancel(parent)
		_ = cancel
		go func() { c.refreshLoop(context.TODO()) }() // want `context.TODO in a goroutine of a function that has ctx`
		_ = ctx
	})
}

// A signal context derived from the caller's context is the caller's.
func signalFromParent(parent context.Context) {
	ctx, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	go func() { _ = fetch(context.Background(), "a") }() // want `context.Background in a goroutine of a function that has ctx`
	_ = ctx
}

// slog with the parent does not count, the fetch does.
func slogAndFetch(ctx context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error {
		slog.InfoContext(ctx, "start")
		return fetch(ctx, "a") // want `errgroup.Group.Go function uses ctx and the group's context`
	})
	return g.Wait()
}

// ctx.Err() after Wait on the shadowing group context is always
// context.Canceled: reported.
func errAfterWait(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	_ = g.Wait()
	return ctx.Err() // want `ctx is the group's context from errgroup.WithContext \(it shadows the parent\) and is used after errgroup.Group.Wait`
}

// Logging with a background context starts no work to cancel.
func slogBackground(ctx context.Context, logger *slog.Logger) {
	go func() {
		slog.InfoContext(context.Background(), "tick")
		logger.Log(context.TODO(), slog.LevelDebug, "tick")
	}()
	_ = ctx
}

// A test's context through testing.TB.
func helperTB(tb testing.TB) {
	ctx := tb.Context()
	go func() { _ = fetch(context.Background(), "a") }() // want `context.Background in a goroutine of a function that has ctx`
	_ = ctx
}

// A lazily started daemon through sync.OnceFunc.
func lazyDaemon(ctx context.Context, c *cache) func() {
	start := sync.OnceFunc(func() {
		go func() { c.refreshLoop(context.Background()) }()
	})
	start()
	return start
}

// Cleanup with a fresh context once the goroutine has seen ctx end.
func cleanupIfCancelled(ctx context.Context) {
	go func() {
		err := fetch(ctx, "a")
		if ctx.Err() != nil {
			_ = commit(context.Background())
			return
		}
		_ = err
	}()
}

// More odd shapes: no crash, nothing to report.
func oddShapes(ctx context.Context, fs []func() error) error {
	_, _ = errgroup.WithContext(ctx)
	g, gctx := errgroup.WithContext(ctx)
	var nilFunc func() error
	g.Go(nilFunc)
	for _, f := range fs {
		g.Go(f)
	}
	go (func() { _ = fetch(gctx, "p") })()
	func() {
		go func() { _ = fetch(gctx, "q") }()
	}()
	for i := range 3 {
		defer g.Wait()
		if i == 1 {
			continue
		}
	}
	s := struct{ ctx context.Context }{gctx}
	g.Go(func() error { return fetch(s.ctx, "r") })
	return g.Wait()
}

func instantiate(ctx context.Context) {
	_ = genericHelper(ctx, []int{1}, func(ctx context.Context, i int) error { return nil })
	_ = genericMethodValue(ctx, []box[string]{{"a"}})
}

// While ctx is live, a fresh context detaches the work.
func freshWhileLive(ctx context.Context) {
	go func() {
		if ctx.Err() == nil {
			_ = commit(context.Background()) // want `context.Background in a goroutine of a function that has ctx`
		}
	}()
}
