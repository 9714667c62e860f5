// Package fieldrecv holds receives from struct fields of channel type.
package fieldrecv

import "context"

func handle(int) {}

type worker struct {
	quit chan struct{}
	jobs chan int
}

func newWorker() *worker {
	w := &worker{quit: make(chan struct{}), jobs: make(chan int, 8)}
	go w.loop()
	go w.waitQuit()
	return w
}

// Silent: the jobs channel is sent on by Submit.
func (w *worker) loop() {
	for j := range w.jobs {
		handle(j)
	}
}

func (w *worker) Submit(j int) { w.jobs <- j }

// Reported: nothing in the package sends on quit or closes it.
func (w *worker) waitQuit() {
	<-w.quit // want `receive from field quit blocks forever: the channel is only ever made, nothing in the package sends on it or closes it`
	close(w.jobs)
}

type stopper struct {
	stop chan struct{}
}

// Silent: Close closes the channel.
func (s *stopper) wait() { <-s.stop }

func (s *stopper) Close() { close(s.stop) }

type selector struct {
	in   chan int
	off  chan int // nil: the case is disabled on purpose
	done chan struct{}
}

// Silent: a select case on a nil channel is a disabled case.
func (s *selector) run() {
	for {
		select {
		case v := <-s.in:
			handle(v)
		case v := <-s.off:
			handle(v)
		case <-s.done:
			return
		}
	}
}

func (s *selector) feed(v int) { s.in <- v }
func (s *selector) end()       { close(s.done) }

type Exported struct {
	Done chan struct{}
}

// Silent: an exported field; other packages may close it.
func (e *Exported) wait() { <-e.Done }

type handed struct {
	ch chan int
}

// Silent: the channel leaves the field, to a function that may send.
func (h *handed) start() {
	go feed(h.ch)
	<-h.ch
}

func feed(ch chan int) { ch <- 1 }

type fromCtx struct {
	done <-chan struct{}
}

// Silent: the field is assigned a context's Done channel.
func newFromCtx(ctx context.Context) *fromCtx {
	f := &fromCtx{done: ctx.Done()}
	go func() { <-f.done }()
	return f
}

type box[T any] struct {
	vals chan T
	idle chan T
}

// Silent: a generic type whose method sends on the field received by
// an instance.
func (b *box[T]) put(v T) { b.vals <- v }

func takeInt(b *box[int]) int { return <-b.vals }

// Reported: a generic type's field never sent on, received through an
// instance.
func takeIdle(b *box[string]) string {
	return <-b.idle // want `receive from field idle blocks forever: the channel is nil: it is never assigned`
}

type inner struct {
	ready chan struct{}
}

type outer struct {
	inner
}

// Silent: the promoted field is closed through the embedding type.
func (o *outer) waitReady() { <-o.ready }

func (o *outer) markReady() { close(o.inner.ready) }

type assigned struct {
	ch chan int
}

// Silent: the field is assigned a channel made elsewhere, which its
// maker may send on.
func (a *assigned) set(ch chan int) { a.ch = ch }

func (a *assigned) get() int { return <-a.ch }

type counted struct {
	ch chan int
}

// Silent: len reads the field, and Put sends.
func (c *counted) pending() int { return len(c.ch) }
func (c *counted) Put(v int)    { c.ch <- v }
func (c *counted) Get() int     { return <-c.ch }
