package a

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// The stubs can fail: a stub that returns only nil reports every error
// it returns (none), and the checks rightly stay silent on it.
var errFailed = errors.New("failed")

func work(ctx context.Context, i int) error { return errFailed }
func cleanup() error                        { return errFailed }
func consume(error)                         {}

// ---- must report ----

func bareWait(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait() // want `errgroup.Group.Wait error is discarded: the first goroutine failure is lost`
}

func blankWait(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	_ = g.Wait() // want `errgroup.Group.Wait error is discarded`
}

func deferWait(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	defer g.Wait() // want `errgroup.Group.Wait error is discarded by defer`
	g.Go(func() error { return work(ctx, 1) })
}

func goWait(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	go g.Wait() // want `errgroup.Group.Wait called in a go statement`
}

type server struct {
	g     errgroup.Group
	inner *struct{ g *errgroup.Group }
}

func (s *server) fieldWait(ctx context.Context) {
	s.g.Go(func() error { return work(ctx, 1) })
	s.g.Wait()         // want `errgroup.Group.Wait error is discarded`
	(s.inner.g).Wait() // want `errgroup.Group.Wait error is discarded`
}

func pointerWait(g *errgroup.Group) {
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

func overwritten(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait() // want `errgroup.Group.Wait error is assigned but never read`
	err = cleanup()
	return err
}

func overwrittenOnEveryPath(ctx context.Context, fast bool) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	var err error
	err = g.Wait() // want `errgroup.Group.Wait error is assigned but never read`
	if fast {
		err = errors.New("fast")
	} else {
		err = cleanup()
	}
	return err
}

func swallowed(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		cleanup() // want `error returned by a.cleanup is dropped inside errgroup.Group.Go: Wait can never report this failure`
		return work(ctx, 1)
	})
	g.TryGo(func() error {
		os.Remove("x") // want `error returned by os.Remove is dropped inside errgroup.Group.Go`
		return nil
	})
	return g.Wait()
}

// ---- must stay silent ----

func returned(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	return g.Wait()
}

func checked(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	if err := g.Wait(); err != nil {
		log.Print(err)
	}
}

func assignedThenRead(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	if err != nil {
		return fmt.Errorf("fan-out: %w", err)
	}
	return nil
}

func readOnOnePath(ctx context.Context, verbose bool) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	if verbose {
		err = cleanup()
	}
	return err
}

func passedOn(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	consume(g.Wait())
}

var lastErr error

func storedInGlobal(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	lastErr = g.Wait()
}

type result struct{ err error }

func storedInField(ctx context.Context, r *result) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	r.err = g.Wait()
}

func capturedByClosure(ctx context.Context) func() error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	return func() error { return err }
}

func namedResult(ctx context.Context) (err error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err = g.Wait()
	return
}

func sentOnChannel(ctx context.Context, errc chan<- error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	errc <- g.Wait()
}

// Every Go closure returns nil: Wait is a plain join and cannot fail.
func neverFailing(items []string) {
	var g errgroup.Group
	var mu sync.Mutex
	var out []string
	for _, it := range items {
		g.Go(func() error {
			mu.Lock()
			out = append(out, strings.ToUpper(it))
			mu.Unlock()
			return nil
		})
	}
	g.Wait()
	_ = out
}

// A deferred Wait as a safety net next to a checked Wait.
func safetyNet(ctx context.Context, n int) error {
	g, ctx := errgroup.WithContext(ctx)
	defer g.Wait()
	for i := range n {
		g.Go(func() error { return work(ctx, i) })
	}
	return g.Wait()
}

// Draining the group on an error path where another error is returned.
func drainOnError(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error { return work(ctx, i) })
	}
	if err := cleanup(); err != nil {
		cancel()
		_ = g.Wait()
		return err
	}
	return g.Wait()
}

func waitGroupWait(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() { defer wg.Done() }()
	}
	wg.Wait()
}

type fakeGroup struct{}

func (fakeGroup) Wait() error     { return nil }
func (fakeGroup) Go(func() error) {}

func otherWait() {
	var g fakeGroup
	g.Go(func() error { cleanup(); return nil })
	g.Wait()
}

type waiter interface{ Wait() error }

func interfaceWait(w waiter) {
	w.Wait()
}

func closureUsesInterfacesAndPrinters(ctx context.Context, c interface{ Close() error }, f func() error) error {
	var g errgroup.Group
	var sb strings.Builder
	g.Go(func() error {
		c.Close()
		f()
		fmt.Println("done")
		fmt.Fprintf(&sb, "x")
		sb.WriteString("y")
		defer cleanup()
		go cleanup()
		return work(ctx, 1)
	})
	return g.Wait()
}

func nestedLiteralIsNotTheGoroutine(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error {
		retry := func() { cleanup() }
		retry()
		return work(ctx, 1)
	})
	return g.Wait()
}
