package a

// Idioms from servers, pipelines, tests and worker pools that look like
// the reported shapes but are correct, with a few near misses that must
// still be reported.

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"log"
	mrand "math/rand"
	"os"
	"sync"

	"golang.org/x/sync/errgroup"
)

func produce(w io.Writer) error { return nil }

// ---- worker functions held in local variables ----

// A worker literal stored in a variable and handed to TryGo under a limit
// (x/sync's own TestTryGo): it returns nil, so Wait is a join.
func tryGoStoredLiteral(n int) {
	ch := make(chan struct{})
	fn := func() error {
		ch <- struct{}{}
		return nil
	}
	g := &errgroup.Group{}
	g.SetLimit(n)
	for range n {
		if !g.TryGo(fn) {
			return
		}
	}
	go func() {
		for range n {
			<-ch
		}
	}()
	g.Wait()
}

// A worker pool: the same nil-returning worker started n times.
func workerPoolStoredLiteral(jobs <-chan int, n int) {
	var g errgroup.Group
	var mu sync.Mutex
	total := 0
	worker := func() error {
		for j := range jobs {
			mu.Lock()
			total += j
			mu.Unlock()
		}
		return nil
	}
	for range n {
		g.Go(worker)
	}
	_ = g.Wait()
	_ = total
}

// A stored worker that can fail: Wait's error matters.
func workerPoolStoredFailing(ctx context.Context, n int) {
	var g errgroup.Group
	worker := func() error { return work(ctx, 1) }
	for range n {
		g.Go(worker)
	}
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// A stored literal that is later replaced by a failing function: the
// group can fail.
func workerReassigned(ctx context.Context, fail bool) {
	var g errgroup.Group
	worker := func() error { return nil }
	if fail {
		worker = func() error { return work(ctx, 1) }
	}
	g.Go(worker)
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// ---- groups whose goroutines only report cancellation ----

// A generator: the goroutine fails only when the caller's context is
// cancelled, which the caller knows from ctx itself.
func generate(ctx context.Context, items []int) <-chan int {
	out := make(chan int)
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error {
			select {
			case out <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	go func() {
		g.Wait()
		close(out)
	}()
	return out
}

// context.Cause is still only the context's own cancellation.
func generateCause(ctx context.Context, out chan<- int) {
	var g errgroup.Group
	g.Go(func() error {
		select {
		case out <- 1:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		return nil
	})
	defer g.Wait()
}

// ---- dropped calls documented never to fail ----

// A pipe whose writer half is closed with the producer's error: the
// CloseWithError result is documented to be always nil.
func pipeline(ctx context.Context, dst io.Writer) error {
	pr, pw := io.Pipe()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		err := produce(pw)
		pw.CloseWithError(err)
		return err
	})
	g.Go(func() error {
		_, err := io.Copy(dst, pr)
		pr.CloseWithError(err)
		return err
	})
	return g.Wait()
}

// maphash and math/rand document that their writers and readers never
// fail; crypto/rand.Read never returns an error either.
func neverFailingStd(ctx context.Context, seeds [][]byte) error {
	var g errgroup.Group
	for _, s := range seeds {
		g.Go(func() error {
			var h maphash.Hash
			h.Write(s)
			h.WriteString("x")
			h.WriteByte('y')
			buf := make([]byte, 8)
			mrand.Read(buf)
			mrand.New(mrand.NewSource(1)).Read(buf)
			rand.Read(buf)
			return work(ctx, int(h.Sum64()%2))
		})
	}
	return g.Wait()
}

// A buffered writer records its first error and Flush reports it: the
// dropped write is conventionally unchecked, as errcheck leaves it.
func bufferedWriter(ctx context.Context, w io.Writer) error {
	var g errgroup.Group
	g.Go(func() error {
		bw := bufio.NewWriter(w)
		bw.WriteString("x")
		return bw.Flush()
	})
	return g.Wait()
}

// ---- nested groups ----

// The inner Wait is judged once, as a Wait, not again as a dropped call.
func nestedGroups(ctx context.Context, parts [][]int) error {
	var outer errgroup.Group
	for _, p := range parts {
		outer.Go(func() error {
			var inner errgroup.Group
			for _, x := range p {
				inner.Go(func() error { return work(ctx, x) })
			}
			inner.Wait() // want `errgroup.Group.Wait error is discarded`
			return nil
		})
	}
	return outer.Wait()
}

// An inner join that cannot fail is not a dropped error.
func nestedJoin(ctx context.Context, parts [][]int) error {
	var outer errgroup.Group
	for _, p := range parts {
		outer.Go(func() error {
			var inner errgroup.Group
			sum := 0
			var mu sync.Mutex
			for _, x := range p {
				inner.Go(func() error {
					mu.Lock()
					sum += x
					mu.Unlock()
					return nil
				})
			}
			inner.Wait()
			return work(ctx, sum)
		})
	}
	return outer.Wait()
}

// outer.Go(inner.Wait) chains the groups: nothing is dropped.
func chainedGroups(ctx context.Context) error {
	var inner, outer errgroup.Group
	inner.Go(func() error { return work(ctx, 1) })
	outer.Go(inner.Wait)
	return outer.Wait()
}

// ---- Wait as cleanup next to a checked Wait ----

func deferredClosureSafetyNet(ctx context.Context, n int) error {
	g, ctx := errgroup.WithContext(ctx)
	defer func() { _ = g.Wait() }()
	for i := range n {
		g.Go(func() error { return work(ctx, i) })
	}
	if err := cleanup(); err != nil {
		return err
	}
	return g.Wait()
}

// A service whose Stop joins the group and whose Wait reports its error:
// errgroup's Wait returns the same first error on every call.
type service struct {
	cancel context.CancelFunc
	g      errgroup.Group
}

func (s *service) Start(ctx context.Context) {
	ctx, s.cancel = context.WithCancel(ctx)
	s.g.Go(func() error { return work(ctx, 1) })
}

func (s *service) Stop() {
	s.cancel()
	s.g.Wait()
}

func (s *service) Wait() error { return s.g.Wait() }

// A type whose group's error nobody reads.
type leaky struct{ g *errgroup.Group }

func (l *leaky) Close() {
	l.g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// ---- Wait results read late, indirectly or in odd control flow ----

func readInDeferredClosure(ctx context.Context) (err error) {
	g, ctx := errgroup.WithContext(ctx)
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	g.Go(func() error { return work(ctx, 1) })
	err = g.Wait()
	return nil
}

func readByDeferArgs(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	defer log.Print(err)
}

func readByDeferredLiteralArg(ctx context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	defer func(e error) { consume(e) }(err)
}

func readThroughPointer(ctx context.Context) {
	var err error
	p := &err
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err = g.Wait()
	consume(*p)
}

func readByEarlierClosure(ctx context.Context) {
	var err error
	report := func() { consume(err) }
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	err = g.Wait()
	report()
}

func retryLoop(ctx context.Context) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		g, ctx := errgroup.WithContext(ctx)
		g.Go(func() error { return work(ctx, attempt) })
		err = g.Wait()
		if err == nil {
			break
		}
	}
	return err
}

func lastOfLoop(ctx context.Context, rounds int) error {
	var err error
	for i := range rounds {
		var g errgroup.Group
		g.Go(func() error { return work(ctx, i) })
		err = g.Wait()
	}
	return err
}

func labelled(ctx context.Context) error {
	var err error
outer:
	for i := range 3 {
		for {
			var g errgroup.Group
			g.Go(func() error { return work(ctx, i) })
			err = g.Wait()
			if err != nil {
				break outer
			}
			continue outer
		}
	}
	return err
}

func withGoto(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	if err != nil {
		goto fail
	}
	return nil
fail:
	return err
}

func switched(ctx context.Context) string {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	switch err := g.Wait(); {
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case err != nil:
		return "failed"
	}
	return "ok"
}

func selected(ctx context.Context, errc chan error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	select {
	case errc <- err:
	default:
	}
}

func typeSwitched(ctx context.Context) bool {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err := g.Wait()
	switch err.(type) {
	case nil:
		return true
	}
	return false
}

// Overwritten in a loop before any read: reported.
func overwrittenInLoop(ctx context.Context, rounds int) error {
	for i := range rounds {
		var g errgroup.Group
		g.Go(func() error { return work(ctx, i) })
		err := g.Wait() // want `errgroup.Group.Wait error is assigned but never read`
		err = cleanup()
		if err != nil {
			return err
		}
	}
	return nil
}

// ---- generic wrappers ----

type pool[T any] struct {
	g   *errgroup.Group
	mu  sync.Mutex
	out []T
}

func newPool[T any](ctx context.Context, limit int) (*pool[T], context.Context) {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	return &pool[T]{g: g}, ctx
}

func (p *pool[T]) Go(f func() (T, error)) {
	p.g.Go(func() error {
		v, err := f()
		if err != nil {
			return err
		}
		p.mu.Lock()
		p.out = append(p.out, v)
		p.mu.Unlock()
		return nil
	})
}

func (p *pool[T]) Wait() ([]T, error) {
	err := p.g.Wait()
	return p.out, err
}

// Close joins after Wait has reported the error.
func (p *pool[T]) Close() { p.g.Wait() }

func mapAll[T, U any](ctx context.Context, in []T, f func(context.Context, T) (U, error)) ([]U, error) {
	out := make([]U, len(in))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for i, v := range in {
		if !g.TryGo(func() error {
			u, err := f(ctx, v)
			out[i] = u
			return err
		}) {
			g.Go(func() error {
				u, err := f(ctx, v)
				out[i] = u
				return err
			})
		}
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// ---- odd code that must not crash ----

func methodExpression(ctx context.Context) error {
	g := new(errgroup.Group)
	g.Go(func() error { return work(ctx, 1) })
	return (*errgroup.Group).Wait(g)
}

func methodValue(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	wait := g.Wait
	return wait()
}

func recursive(ctx context.Context, depth int) error {
	if depth == 0 {
		return nil
	}
	var g errgroup.Group
	g.Go(func() error { return recursive(ctx, depth-1) })
	return g.Wait()
}

func deferInLoop(ctx context.Context, n int) error {
	for i := range n {
		var g errgroup.Group
		g.Go(func() error { return work(ctx, i) })
		defer func() { _ = g.Wait() }()
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

func blockForever(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error {
		<-ctx.Done()
		return nil
	})
	g.Wait()
	select {}
}

type embedded struct{ errgroup.Group }

func embeddedGroup(ctx context.Context) error {
	var e embedded
	e.Go(func() error { return work(ctx, 1) })
	return e.Wait()
}

func osExit(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	if err := g.Wait(); err != nil {
		os.Exit(1)
	}
}

// ---- more cancellation-only shapes ----

// The cancellation checked through a variable, and a named result.
func pollUntilCancelled(ctx context.Context, in <-chan int) {
	var g errgroup.Group
	for range 4 {
		g.Go(func() error {
			for x := range in {
				if err := ctx.Err(); err != nil {
					return err
				}
				_ = x
			}
			return nil
		})
	}
	g.Go(func() (err error) {
		select {
		case <-ctx.Done():
			err = ctx.Err()
		case <-in:
		}
		return err
	})
	g.Wait()
}

// One goroutine can fail besides the cancellations: reported.
func cancellationAndFailure(ctx context.Context, in <-chan int) {
	var g errgroup.Group
	g.Go(func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if len(in) > 3 {
			err = cleanup()
		}
		return err
	})
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// ---- a drain on an error path beside the reading Wait ----

func drainBeforeOtherError(ctx context.Context, n int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error { return work(ctx, i) })
	}
	err := cleanup()
	if err != nil {
		cancel()
		g.Wait()
		return err
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("workers: %w", err)
	}
	return nil
}

// ---- calls through type parameters inside Go closures ----

type flusher interface{ Flush() error }

func flushAll[F flusher](fs []F) error {
	var g errgroup.Group
	for _, f := range fs {
		g.Go(func() error {
			f.Flush() // a method of a type parameter: no static callee
			return nil
		})
	}
	return g.Wait()
}

// ---- Wait in package-level initialisers is not built: no crash ----

var initWait = func() error {
	var g errgroup.Group
	g.Go(func() error { return cleanup() })
	err := g.Wait()
	return err
}

// ---- groups embedded in a struct ----

type runner struct {
	errgroup.Group
	name string
}

func (r *runner) shutdown() { r.Wait() }

func (r *runner) Err() error { return r.Wait() }

type orphanRunner struct{ errgroup.Group }

func (r *orphanRunner) shutdown() {
	r.Wait() // want `errgroup.Group.Wait error is discarded`
}

// A group in each element of a slice of workers.
type shard struct{ g errgroup.Group }

func stopShards(shards []shard) {
	for i := range shards {
		shards[i].g.Wait()
	}
}

func shardErr(shards []*shard, i int) error { return shards[i].g.Wait() }

// ---- goroutines started in a range-over-func loop ----

// The loop body is compiled to a yield function; the Go literal inside it,
// with its defer, still returns only nil.
func extractAll(dirs func(yield func(string) bool)) []string {
	var mu sync.Mutex
	var out []string
	var g errgroup.Group
	g.SetLimit(4)
	for dir := range dirs {
		g.Go(func() error {
			if dir == "" {
				return nil
			}
			mu.Lock()
			defer mu.Unlock()
			out = append(out, dir)
			return nil
		})
	}
	g.Wait()
	return out
}

// A deferred unlock keeps the result in a slot; the slot may still hold
// a failure.
func deferredSlotCanFail(ctx context.Context, items []int) {
	var mu sync.Mutex
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() error {
			mu.Lock()
			defer mu.Unlock()
			if it < 0 {
				return ctx.Err()
			}
			return work(ctx, it)
		})
	}
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// A named result assigned by a deferred recover: the slot escapes to the
// closure, which may store anything.
func recoveredPanic(items []int) {
	var g errgroup.Group
	for _, it := range items {
		g.Go(func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v", r)
				}
			}()
			_ = it
			return nil
		})
	}
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}
