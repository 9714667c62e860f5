// Package stop holds event loops that return on a stop channel, and the
// methods that send them events.
package stop

import (
	"context"
	"errors"
	"sync"
)

type event struct{ id int }

// conn's loop is the only receiver of events, and returns on stop.
type conn struct {
	events chan event
	stop   chan struct{}
}

func newConn() *conn {
	c := &conn{events: make(chan event), stop: make(chan struct{})}
	go c.loop()
	return c
}

func (c *conn) loop() {
	for {
		select {
		case e := <-c.events:
			handle(e)
		case <-c.stop:
			return
		}
	}
}

func handle(event) {}

// Must report: once Close has stopped the loop, Notify blocks forever.
func (c *conn) Notify(id int) {
	c.events <- event{id} // want `send on c.events blocks forever once loop has returned on its stop case`
}

func (c *conn) Close() { close(c.stop) }

// server selects on the stop channel when it sends: silent.
type server struct {
	reqs chan int
	quit chan struct{}
}

func newServer() *server {
	s := &server{reqs: make(chan int), quit: make(chan struct{})}
	go s.run()
	return s
}

func (s *server) run() {
	for {
		select {
		case r := <-s.reqs:
			_ = r
		case <-s.quit:
			return
		}
	}
}

func (s *server) Do(r int) {
	select {
	case s.reqs <- r:
	case <-s.quit:
	}
}

func (s *server) Stop() { close(s.quit) }

// buffered's events have a buffer: a send after stop blocks only once
// it is full, which the check does not claim. Silent.
type buffered struct {
	in   chan int
	done chan struct{}
}

func newBuffered() *buffered {
	b := &buffered{in: make(chan int, 16), done: make(chan struct{})}
	go b.loop()
	return b
}

func (b *buffered) loop() {
	for {
		select {
		case <-b.in:
		case <-b.done:
			return
		}
	}
}

func (b *buffered) Put(v int) { b.in <- v }
func (b *buffered) Stop()     { close(b.done) }

// shared's events are also received elsewhere: silent.
type shared struct {
	work chan int
	stop chan struct{}
}

func newShared() *shared {
	s := &shared{work: make(chan int), stop: make(chan struct{})}
	go s.loop()
	return s
}

func (s *shared) loop() {
	for {
		select {
		case <-s.work:
		case <-s.stop:
			return
		}
	}
}

func (s *shared) Drain() {
	for range s.work {
	}
}

func (s *shared) Put(v int) { s.work <- v }
func (s *shared) Stop()     { close(s.stop) }

// never's stop channel is never closed or sent on: the loop never
// returns, silent.
type never struct {
	in   chan int
	stop chan struct{}
}

func newNever() *never {
	n := &never{in: make(chan int), stop: make(chan struct{})}
	go n.loop()
	return n
}

func (n *never) loop() {
	for {
		select {
		case <-n.in:
		case <-n.stop:
			return
		}
	}
}

func (n *never) Put(v int) { n.in <- v }

// ctxLoop returns when its context is done; Send blocks forever after.
// Reported without a fix: the context is not in scope at the send.
type ctxLoop struct {
	in chan int
}

func startCtxLoop(ctx context.Context) *ctxLoop {
	l := &ctxLoop{in: make(chan int)}
	go l.run(ctx)
	return l
}

func (l *ctxLoop) run(ctx context.Context) {
	for {
		select {
		case v := <-l.in:
			_ = v
		case <-ctx.Done():
			return
		}
	}
}

func (l *ctxLoop) Send(v int) {
	l.in <- v // want `send on l.in blocks forever once run has returned on its stop case`
}

// escaped hands its events channel to others: silent.
type escaped struct {
	in   chan int
	stop chan struct{}
}

func newEscaped(register func(chan int)) *escaped {
	e := &escaped{in: make(chan int), stop: make(chan struct{})}
	register(e.in)
	go e.loop()
	return e
}

func (e *escaped) loop() {
	for {
		select {
		case <-e.in:
		case <-e.stop:
			return
		}
	}
}

func (e *escaped) Put(v int) { e.in <- v }
func (e *escaped) Stop()     { close(e.stop) }

// nonblocking sends with a default: silent.
type nonblocking struct {
	in   chan int
	stop chan struct{}
}

func newNonblocking() *nonblocking {
	n := &nonblocking{in: make(chan int), stop: make(chan struct{})}
	go n.loop()
	return n
}

func (n *nonblocking) loop() {
	for {
		select {
		case <-n.in:
		case <-n.stop:
			return
		}
	}
}

func (n *nonblocking) TryPut(v int) bool {
	select {
	case n.in <- v:
		return true
	default:
		return false
	}
}

func (n *nonblocking) Stop() { close(n.stop) }

// handler's loop runs in a method that other code calls (once per
// stream, say): it may run again and receive again. Silent.
type handler struct {
	fb   chan struct{}
	done chan struct{}
}

func (h *handler) Serve() error {
	go func() {}()
	for {
		select {
		case <-h.fb:
		case <-h.done:
			return nil
		}
	}
}

func (h *handler) Fallback() { h.fb <- struct{}{} }
func (h *handler) Stop()     { close(h.done) }

func newHandler() *handler {
	return &handler{fb: make(chan struct{}), done: make(chan struct{})}
}

// pump's loop is a function literal started as a goroutine.
type pump struct {
	in   chan int
	quit chan struct{}
}

func newPump() *pump {
	p := &pump{in: make(chan int), quit: make(chan struct{})}
	go func() {
		for {
			select {
			case <-p.in:
			case <-p.quit:
				return
			}
		}
	}()
	return p
}

// Must report: after Quit, Push blocks forever.
func (p *pump) Push(v int) {
	p.in <- v // want `send on p.in blocks forever once the goroutine started in newPump has returned on its stop case`
}

func (p *pump) Quit() { close(p.quit) }

// The channels live in an embedded struct; the loop and the sender use
// them through the outer type.
type chans struct {
	in   chan int
	quit chan struct{}
}

type embedded struct {
	chans
	name string
}

func newEmbedded() *embedded {
	e := &embedded{chans: chans{in: make(chan int), quit: make(chan struct{})}}
	go e.loop()
	return e
}

func (e *embedded) loop() {
	for {
		select {
		case <-e.in:
		case <-e.quit:
			return
		}
	}
}

// Must report, through the embedded field.
func (e *embedded) Put(v int) {
	e.in <- v // want `send on e.in blocks forever once loop has returned on its stop case`
}

func (e *embedded) Stop() { close(e.quit) }

// bus guards its sends with a closed flag under the lock Close takes:
// no send runs after the stop. Silent.
type bus struct {
	mu     sync.Mutex
	closed bool
	events chan int
	stop   chan struct{}
}

func newBus() *bus {
	b := &bus{events: make(chan int), stop: make(chan struct{})}
	go b.loop()
	return b
}

func (b *bus) loop() {
	for {
		select {
		case <-b.events:
		case <-b.stop:
			return
		}
	}
}

func (b *bus) Publish(e int) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return errClosed
	}
	b.events <- e
	return nil
}

func (b *bus) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.closed {
		b.closed = true
		close(b.stop)
	}
}

var errClosed = errors.New("closed")

// flusher's Close sends its last event and only then stops the loop.
// Silent.
type flusher struct {
	events chan string
	quit   chan struct{}
}

func newFlusher() *flusher {
	f := &flusher{events: make(chan string), quit: make(chan struct{})}
	go f.run()
	return f
}

func (f *flusher) run() {
	for {
		select {
		case <-f.events:
		case <-f.quit:
			return
		}
	}
}

func (f *flusher) Close() { f.events <- "flush"; close(f.quit) }

// positional's events are buffered, set by a composite literal without
// keys; another method remakes it unbuffered. Silent: not every value
// is unbuffered.
type positional struct {
	events chan int
	stop   chan struct{}
}

func newPositional() *positional {
	x := &positional{make(chan int, 64), make(chan struct{})}
	go x.loop()
	return x
}

func (x *positional) loop() {
	for {
		select {
		case <-x.events:
		case <-x.stop:
			return
		}
	}
}

func (x *positional) Put(e int) { x.events <- e }
func (x *positional) Reset()    { x.events = make(chan int) }
func (x *positional) Stop()     { close(x.stop) }
