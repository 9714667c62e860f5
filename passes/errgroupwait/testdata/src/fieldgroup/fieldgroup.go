// Package fieldgroup holds groups kept in struct fields whose every Go
// site in the package returns nil (or a cancellation, or an error it
// has reported), with the goroutines' failures kept elsewhere: a
// discarded Wait on such a field loses nothing. The near misses at the
// end can lose a failure and are reported.
package fieldgroup

import (
	"context"
	"errors"
	"log"
	"sync"

	"golang.org/x/sync/errgroup"
)

var errFailed = errors.New("failed")

func work(ctx context.Context, i int) error {
	if i < 0 {
		return errFailed
	}
	return nil
}

// A poller whose goroutines record their failures in a field and return
// nil: Stop's Wait is a join.
type poller struct {
	g    errgroup.Group
	mu   sync.Mutex
	errs []error
}

func (p *poller) Start(ctx context.Context, n int) {
	for i := range n {
		p.g.Go(func() error {
			if err := work(ctx, i); err != nil {
				p.mu.Lock()
				p.errs = append(p.errs, err)
				p.mu.Unlock()
			}
			return nil
		})
	}
}

func (p *poller) Stop() { p.g.Wait() }

func (p *poller) Errs() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errs
}

// A pointer field given a fresh group on start; the loop ends on
// cancellation, which the canceller knows of.
type watcher struct {
	g      *errgroup.Group
	cancel context.CancelFunc
}

func (w *watcher) Start(ctx context.Context) {
	ctx, w.cancel = context.WithCancel(ctx)
	w.g, ctx = errgroup.WithContext(ctx)
	w.g.Go(func() error {
		<-ctx.Done()
		return ctx.Err()
	})
	w.g.Go(w.idle)
}

func (w *watcher) idle() error { return nil }

func (w *watcher) Close() {
	w.cancel()
	_ = w.g.Wait()
}

// Go sites in several methods, all logging their failure.
type fetcher struct {
	g errgroup.Group
}

func (f *fetcher) one(ctx context.Context) {
	f.g.Go(func() error {
		if err := work(ctx, 1); err != nil {
			log.Print(err)
			return err
		}
		return nil
	})
}

func (f *fetcher) two(ctx context.Context) {
	f.g.SetLimit(2)
	f.g.Go(func() error { return nil })
}

func (f *fetcher) wait() { defer f.g.Wait() }

// A generic type: the field is judged by its origin, in every
// instantiation.
type pool[T any] struct {
	g     errgroup.Group
	mu    sync.Mutex
	items []T
}

func (p *pool[T]) add(v T) {
	p.g.TryGo(func() error {
		p.mu.Lock()
		p.items = append(p.items, v)
		p.mu.Unlock()
		return nil
	})
}

func (p *pool[T]) drain() { p.g.Wait() }

func usePool() {
	var p pool[int]
	p.add(1)
	p.drain()
}

// A worker held in a local variable assigned only a nil-returning
// literal.
type ticker struct{ g errgroup.Group }

func (t *ticker) run(n int) {
	tick := func() error { return nil }
	for range n {
		t.g.Go(tick)
	}
	t.g.Wait()
}

// A field of the same name in another type whose goroutines can fail
// does not change the verdict on this one (see mixed below).
type quiet struct{ g errgroup.Group }

func (q *quiet) start() { q.g.Go(func() error { return nil }) }
func (q *quiet) stop()  { q.g.Wait() }

// ---- near misses ----

// One Go site of the field can fail.
type mixed struct{ g errgroup.Group }

func (m *mixed) ok()                       { m.g.Go(func() error { return nil }) }
func (m *mixed) fails(ctx context.Context) { m.g.Go(func() error { return work(ctx, -1) }) }
func (m *mixed) stop() {
	m.g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// An exported field: other packages can give the group work.
type Exported struct{ G errgroup.Group }

func (e *Exported) Start() { e.G.Go(func() error { return nil }) }
func (e *Exported) Stop() {
	e.G.Wait() // want `errgroup.Group.Wait error is discarded`
}

// The group comes from the caller.
type borrowed struct{ g *errgroup.Group }

func newBorrowed(g *errgroup.Group) *borrowed {
	b := &borrowed{}
	b.g = g
	b.g.Go(func() error { return nil })
	return b
}

func (b *borrowed) stop() {
	b.g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// The group is put in the field by a composite literal.
type literal struct{ g *errgroup.Group }

func newLiteral(g *errgroup.Group) *literal {
	l := &literal{g: g}
	l.g.Go(func() error { return nil })
	return l
}

func (l *literal) stop() {
	l.g.Wait() // want `errgroup.Group.Wait error is discarded`
}
