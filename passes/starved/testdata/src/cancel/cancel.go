package cancel

import (
	"context"
	"time"
)

func cleanup()   {}
func handle(int) {}

type watcher struct {
	cancel context.CancelFunc
}

// Reported: the cancel function is stored and never called.
func newWatcher() *watcher {
	ctx, cancel := context.WithCancel(context.Background())
	w := &watcher{cancel: cancel}
	go func() { // want `goroutine is left blocked forever: its only way out is the cancellation of a context whose cancel function is stored in field cancel and never called in the package`
		<-ctx.Done()
		cleanup()
	}()
	return w
}

type loop struct {
	ctx  context.Context
	stop context.CancelFunc
	in   chan int
}

// Reported: the context and its cancel function in fields, the
// goroutine a method selecting on the context.
func (l *loop) start() {
	l.ctx, l.stop = context.WithCancel(context.Background())
	go l.run() // want `stored in field stop and never called`
}

func (l *loop) run() {
	for {
		select {
		case <-l.ctx.Done():
			return
		case v := <-l.in:
			handle(v)
		}
	}
}

type box[T any] struct {
	cancel context.CancelFunc
	v      T
}

// Reported: a generic owner.
func newBox[T any](v T) *box[T] {
	ctx, cancel := context.WithCancel(context.TODO())
	b := &box[T]{v: v}
	b.cancel = cancel
	go wait(ctx) // want `stored in field cancel`
	return b
}

func wait(ctx context.Context) {
	<-ctx.Done()
}

type closer struct {
	cancel context.CancelFunc
}

// Silent: Close calls the stored cancel function.
func newCloser() *closer {
	ctx, cancel := context.WithCancel(context.Background())
	c := &closer{cancel: cancel}
	go wait(ctx)
	return c
}

func (c *closer) Close() { c.cancel() }

type valued struct {
	cancel context.CancelFunc
}

// Silent: the field is read as a value, and may be called.
func newValued() (*valued, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	v := &valued{cancel: cancel}
	go wait(ctx)
	return v, v.cancel
}

type exported struct {
	Cancel context.CancelFunc
}

// Silent: another package may call an exported field.
func newExported() *exported {
	ctx, cancel := context.WithCancel(context.Background())
	go wait(ctx)
	return &exported{Cancel: cancel}
}

type local struct {
	cancel context.CancelFunc
}

// Silent: cancel is also deferred here.
func (l *local) run() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go wait(ctx)
}

type fromParent struct {
	cancel context.CancelFunc
}

// Silent: the parent is the caller's context, which may end.
func newFromParent(parent context.Context) *fromParent {
	ctx, cancel := context.WithCancel(parent)
	go wait(ctx)
	return &fromParent{cancel: cancel}
}

type timed struct {
	cancel context.CancelFunc
}

// Silent: a timeout ends the context by itself.
func newTimed() *timed {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	go wait(ctx)
	return &timed{cancel: cancel}
}

type withDone struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// Silent: the goroutine also returns on a done channel.
func newWithDone() *withDone {
	ctx, cancel := context.WithCancel(context.Background())
	w := &withDone{cancel: cancel, done: make(chan struct{})}
	go func() {
		select {
		case <-ctx.Done():
		case <-w.done:
		}
	}()
	return w
}

type ticks struct {
	cancel context.CancelFunc
}

// Silent: the goroutine does not wait for the context.
func newTicks() *ticks {
	_, cancel := context.WithCancel(context.Background())
	go cleanup()
	return &ticks{cancel: cancel}
}

type base struct {
	cancel context.CancelFunc
}

type service struct {
	base
	n int
}

// Reported: the cancel function in an embedded field, never called.
func newService() *service {
	ctx, cancel := context.WithCancel(context.Background())
	s := &service{}
	s.cancel = cancel
	go wait(ctx) // want `stored in field cancel`
	return s
}

type stopper struct {
	cancel context.CancelFunc
}

type owned struct {
	stopper
}

// Silent: the promoted field is called through the embedding type.
func newOwned() *owned {
	ctx, cancel := context.WithCancel(context.Background())
	o := &owned{}
	o.stopper.cancel = cancel
	go wait(ctx)
	return o
}

func (o *owned) Close() { o.cancel() }
