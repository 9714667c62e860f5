package a

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }

func logResult(ctx context.Context, err error) { _ = ctx.Err() }

// ---- case 1: the group's context ignored ----

func blankGroupContext(ctx context.Context, urls []string) error {
	g, _ := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `errgroup.Group.Go function uses ctx and the group's context from errgroup.WithContext is discarded: the first failure does not cancel the other goroutines; use the group's context`
	}
	return g.Wait()
}

func namedGroupContextUnused(parent context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(parent)
	for _, u := range urls {
		g.Go(func() error { return fetch(parent, u) }) // want `errgroup.Group.Go function uses parent, not the group's context gctx: the first failure does not cancel this goroutine; use gctx`
	}
	g.Go(func() error { return fetch(gctx, "x") })
	return g.Wait()
}

// An alias of the parent is still the parent: the decision follows the
// value, not the name.
func aliasOfParent(ctx context.Context, urls []string) error {
	base := ctx
	g, gctx := errgroup.WithContext(ctx)
	_ = gctx
	g.Go(func() error { return fetch(base, urls[0]) }) // want `errgroup.Group.Go function uses ctx, not the group's context gctx`
	return g.Wait()
}

type client struct{}

func (client) get(ctx context.Context, u string) error { return ctx.Err() }

// Method calls and TryGo count too.
func methodCall(ctx context.Context, c client, u string) error {
	g, _ := errgroup.WithContext(ctx)
	g.TryGo(func() error { return c.get(ctx, u) }) // want `errgroup.Group.Go function uses ctx and the group's context`
	return g.Wait()
}

// ---- case 1: must stay silent ----

func shadowedCorrectly(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

func namedCorrectly(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	err := g.Wait()
	logResult(ctx, err) // the parent after Wait is right
	return err
}

// A goroutine that uses both chose which to use where.
func mixed(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		err := fetch(gctx, "a")
		logResult(ctx, err)
		return err
	})
	return g.Wait()
}

// A plain group offers no group context.
func plainGroup(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// A group made from another context: the goroutine's ctx is not its
// parent.
func otherParent(ctx context.Context, other context.Context) error {
	g, _ := errgroup.WithContext(other)
	g.Go(func() error { return fetch(ctx, "a") })
	return g.Wait()
}

// The parent reassigned after the group was made: unknown which one the
// goroutine sees when it runs.
func reassignedParent(ctx context.Context, next func(context.Context) context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	ctx = next(ctx)
	_ = ctx
	return g.Wait()
}

// A literal handed to Go through a variable is followed.
func literalInVariable(ctx context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	work := func() error { return fetch(ctx, "a") } // want `errgroup.Group.Go function uses ctx and the group's context`
	g.Go(work)
	return g.Wait()
}

type server struct{ ctx context.Context }

func (s *server) run() error { return fetch(s.ctx, "a") }

// A method value handed to Go is not examined.
func methodValue(ctx context.Context, s *server) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(s.run)
	return g.Wait()
}

// Generic code.
func genericGroup[T any](ctx context.Context, items []T, f func(context.Context, T) error) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f(gctx, it) })
	}
	return g.Wait()
}

// ---- case 2: the group's context after Wait ----

func shadowAfterWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	err := g.Wait()
	logResult(ctx, err) // want `ctx is the group's context from errgroup.WithContext \(it shadows the parent\) and is used after errgroup.Group.Wait, which cancels it: this call sees context canceled; use the parent context`
	return err
}

func namedAfterWait(parent context.Context) error {
	g, gctx := errgroup.WithContext(parent)
	g.Go(func() error { return fetch(gctx, "a") })
	if err := g.Wait(); err != nil {
		return err
	}
	<-gctx.Done()           // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait, which cancels it: this call sees context canceled; use the parent context parent`
	return fetch(gctx, "b") // want `gctx from errgroup.WithContext is used after errgroup.Group.Wait`
}

// ---- case 2: must stay silent ----

type key struct{}

func valueAfterWait(ctx context.Context) (any, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	err := g.Wait()
	return ctx.Value(key{}), err // values survive cancellation
}

func causeAfterWait(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	_ = g.Wait()
	return context.Cause(gctx)
}

// A new group per iteration: the use before the next Wait sees the new
// context.
func groupPerRound(ctx context.Context, rounds int) error {
	for range rounds {
		g, gctx := errgroup.WithContext(ctx)
		logResult(gctx, nil)
		g.Go(func() error { return fetch(gctx, "a") })
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

func deferredWait(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	defer g.Wait()
	logResult(ctx, nil)
}

// ---- case 3: detached goroutines ----

func detachedGo(ctx context.Context, urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = fetch(context.Background(), u) // want `context.Background in a goroutine of a function that has ctx: cancelling ctx does not stop this work; use ctx`
		}()
	}
	wg.Wait()
}

func detachedTimeout(ctx context.Context, wg *sync.WaitGroup) {
	wg.Go(func() {
		tctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want `context.TODO in a goroutine of a function that has ctx`
		defer cancel()
		_ = fetch(tctx, "a")
	})
}

func detachedInGroup(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		bg := context.Background() // want `context.Background in a goroutine of a function that has gctx: cancelling gctx does not stop this work; use gctx`
		return fetch(bg, "a")
	})
	_ = gctx
	return g.Wait()
}

// ---- case 3: must stay silent ----

// No context in scope: no cancellation was offered.
func noContext(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() { _ = fetch(context.Background(), u) })
	}
	wg.Wait()
}

// A context made by the spawner and handed over is its choice.
func handedOver(ctx context.Context) {
	bg := context.Background()
	go func() { _ = fetch(bg, "a") }()
	_ = ctx
}

// Detaching on purpose.
func withoutCancel(ctx context.Context) {
	go func() { logResult(context.WithoutCancel(ctx), nil) }()
}

// Background used by the goroutine, not passed as a context.
func backgroundNotPassed(ctx context.Context) {
	go func() {
		bg := context.Background()
		<-bg.Done()
	}()
	_ = ctx
}

// The goroutine uses the context in scope.
func usesScope(ctx context.Context, urls []string) {
	for _, u := range urls {
		go func() { _ = fetch(ctx, u) }()
	}
}

// A named function started as a goroutine is not examined.
func worker() { _ = fetch(context.Background(), "a") }

func namedGoroutine(ctx context.Context) {
	go worker()
	_ = ctx
}

// ---- case 4 is off by default: nothing here is reported ----

func blockingOff(ctx context.Context) {
	out := make(chan int)
	go func() {
		out <- 1
		for {
			time.Sleep(time.Second)
		}
	}()
	<-out
}

// A function that made its own root context was offered no cancellation
// by a caller: its goroutines choosing another root is not reported.
func ownRoot(urls []string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pctx := context.WithValue(ctx, key{}, 1)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Go(func() {
			tctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			_ = fetch(tctx, u)
		})
	}
	wg.Wait()
	_ = pctx
}

// A context derived from a parameter is a cancellation the caller offered.
func derivedFromParam(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() {
		_ = fetch(context.TODO(), "a") // want `context.TODO in a goroutine of a function that has ctx`
	}()
	_ = ctx
}

type httpServer struct{}

func (httpServer) Shutdown(ctx context.Context) error { return ctx.Err() }

// Graceful shutdown: once ctx is done, Shutdown needs a fresh context.
func shutdown(ctx context.Context, srv httpServer) {
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				_ = srv.Shutdown(context.Background())
				return
			case <-time.After(time.Second):
				_ = srv.Shutdown(context.Background()) // want `context.Background in a goroutine of a function that has ctx`
			}
		}
	}()
}

// Generic code, the parent handed to a generic function of the package
// that observes it.
func genericIgnored[T any](ctx context.Context, items []T) error {
	g, _ := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return fetchT(ctx, it) }) // want `errgroup.Group.Go function uses ctx and the group's context`
	}
	return g.Wait()
}

// The parent handed to a function value: what it does with the context
// is unknown, so nothing is proved.
func genericIgnoredValue[T any](ctx context.Context, items []T, f func(context.Context, T) error) error {
	g, _ := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f(ctx, it) })
	}
	return g.Wait()
}

func fetchT[T any](ctx context.Context, v T) error { return ctx.Err() }

// Generic goroutine passing a detached context: to a generic function of
// the package whose summary observes it, reported; to a function value,
// whose use of the context is unknown, not.
func genericDetached[T any](ctx context.Context, items []T, f func(context.Context, T)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { _ = fetchT(context.TODO(), it) }) // want `context.TODO in a goroutine of a function that has ctx`
		wg.Go(func() { f(context.TODO(), it) })
	}
	wg.Wait()
}

// A goroutine nested in another is reported once.
func nestedGoroutines(ctx context.Context) {
	go func() {
		inner, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			_ = fetch(context.Background(), "a") // want `context.Background in a goroutine of a function that has inner`
		}()
		_ = inner
	}()
}
