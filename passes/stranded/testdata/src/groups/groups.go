// Package groups holds the errgroup and WaitGroup cases of the stranded
// check.
package groups

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return nil }

func validate(xs []string) error { return nil }

// --- must report ---

// Return between the goroutines' start and Wait.
func returnBeforeWait(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if err := validate(urls); err != nil {
		return err // want `return skips errgroup.Group.Wait on g: goroutines started before it keep running after the call returns`
	}
	return g.Wait()
}

// The same with a WaitGroup and Add/go/Done.
func waitGroupEarly(xs []string) ([]int, error) {
	out := make([]int, len(xs))
	var wg sync.WaitGroup
	for i := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = len(xs[i])
		}()
	}
	if len(xs) > 10 {
		return nil, errors.New("too many") // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return out, nil
}

// WaitGroup.Go.
func waitGroupGo(xs []string) int {
	var wg sync.WaitGroup
	n := 0
	for _, x := range xs {
		wg.Go(func() { _ = x })
	}
	if n == 0 {
		return 0 // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return n
}

// The group is never waited for.
func neverWaited(ctx context.Context, urls []string) {
	g := new(errgroup.Group)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `goroutines started on errgroup.Group g are never waited for`
	}
}

// A WaitGroup never waited for.
func neverWaitedWG(xs []string) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { // want `goroutines started on sync.WaitGroup wg are never waited for`
			defer wg.Done()
			_ = x
		}()
	}
}

// A worker function given the WaitGroup.
func worker(wg *sync.WaitGroup, x string) {
	defer wg.Done()
	_ = x
}

func workersEarly(xs []string) error {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go worker(&wg, x)
	}
	if len(xs) == 0 {
		return errors.New("empty") // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return nil
}

// A generic fan-out.
func each[T any](ctx context.Context, xs []T, f func(T) error) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, x := range xs {
		g.Go(func() error { return f(x) })
	}
	if ctx.Err() != nil {
		return ctx.Err() // want `return skips errgroup.Group.Wait on g`
	}
	return g.Wait()
}

// A method value passed to Go.
type server struct{ n int }

func (s *server) run() error { return nil }

func (s *server) start() error {
	var g errgroup.Group
	g.Go(s.run)
	if s.n == 0 {
		return nil // want `return skips errgroup.Group.Wait on g`
	}
	return g.Wait()
}

// --- must stay silent ---

// Wait on every path.
func waitEverywhere(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// A return before any goroutine starts.
func validateFirst(ctx context.Context, urls []string) error {
	if err := validate(urls); err != nil {
		return err
	}
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// A deferred Wait covers the early return.
func deferredWait(xs []string) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = x
		}()
	}
	if len(xs) > 3 {
		return errors.New("many")
	}
	return nil
}

// A deferred closure that waits.
func deferredClosure(ctx context.Context, urls []string) (err error) {
	g, ctx := errgroup.WithContext(ctx)
	defer func() {
		if werr := g.Wait(); err == nil {
			err = werr
		}
	}()
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	if len(urls) > 3 {
		return errors.New("many")
	}
	return nil
}

// The join is delegated to a goroutine that closes the results channel.
func delegated(xs []string) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- len(x)
		}()
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

// A group in a struct field: its lifecycle is managed elsewhere.
type service struct {
	wg sync.WaitGroup
}

func (s *service) Start(xs []string) error {
	for _, x := range xs {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = x
		}()
	}
	if len(xs) == 0 {
		return errors.New("empty")
	}
	return nil
}

func (s *service) Close() { s.wg.Wait() }

// A group passed to another function escapes.
func handOff(g *errgroup.Group) {}

func escapes(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "x") })
	handOff(g)
	return nil
}

// A server loop that never returns.
func serveForever(ctx context.Context, accept func() string) {
	var wg sync.WaitGroup
	for {
		c := accept()
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c
		}()
	}
}

// The group is returned to the caller.
func returned(ctx context.Context) *errgroup.Group {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "x") })
	return g
}

// Wait reached on both branches.
func bothBranches(xs []string, fast bool) error {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = x
		}()
	}
	if fast {
		wg.Wait()
		return nil
	}
	wg.Wait()
	return errors.New("slow")
}

// A panic is not a return.
func panics(xs []string) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = x
		}()
	}
	if len(xs) == 0 {
		panic("empty")
	}
	wg.Wait()
}

// A generic fan-out that waits.
func eachWait[T any](xs []T, f func(T)) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() { f(x) })
	}
	wg.Wait()
}

// The errgroup's Wait runs in a goroutine whose result the function
// selects on: the join is delegated.
func waitInGoroutine(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	errc := make(chan error, 1)
	go func() { errc <- g.Wait() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// The WaitGroup is handed to a helper: it escapes.
func waitFor(wg *sync.WaitGroup) { wg.Wait() }

func helperWaits(xs []string) error {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = x
		}()
	}
	if len(xs) == 0 {
		return errors.New("empty")
	}
	waitFor(&wg)
	return nil
}

// A pointer to a group kept in a captured variable, waited on every path.
func pointerCaptured(ctx context.Context, urls []string) error {
	g := &errgroup.Group{}
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// TryGo with a limit, and Wait before every return.
func tryGo(ctx context.Context, urls []string) (int, error) {
	var g errgroup.Group
	g.SetLimit(2)
	n := 0
	for _, u := range urls {
		if g.TryGo(func() error { return fetch(ctx, u) }) {
			n++
		}
	}
	if err := g.Wait(); err != nil {
		return 0, err
	}
	return n, nil
}

// TryGo, then a return that skips Wait.
func tryGoEarly(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		if !g.TryGo(func() error { return fetch(ctx, u) }) {
			return errors.New("busy") // want `return skips errgroup.Group.Wait on g`
		}
	}
	return g.Wait()
}
