// Package stage holds pipeline stages: functions given a context that
// return a channel fed by a goroutine they start.
package stage

import (
	"context"
	"sync"
	"time"
)

func work(ctx context.Context) int { return 1 }

// ---- reported ----

// The generator of "Pipelines and cancellation": the deferred close is
// kept by the return of the fix.
func gen(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			out <- n // want `send on out blocks forever once the caller of gen stops receiving; select on ctx.Done\(\) so that cancelling ctx stops the goroutine`
		}
	}()
	return out
}

// A generic stage.
func Map[T, U any](ctx context.Context, xs []T, f func(T) U) <-chan U {
	out := make(chan U)
	go func() {
		defer close(out)
		for _, x := range xs {
			y := f(x)
			out <- y // want `send on out blocks forever once the caller of Map stops receiving`
		}
	}()
	return out
}

// The future helper: one send, unbuffered. The caller that selects on
// its own ctx.Done() and returns leaves the goroutine blocked.
func async(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		ch <- work(ctx) // want `send on ch blocks forever once the caller of async stops receiving`
	}()
	return ch
}

// A context derived from the parameter, seen by the goroutine.
func withTimeout(ctx context.Context) chan int {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	ch := make(chan int)
	go func() {
		defer cancel()
		ch <- work(ctx) // want `send on ch blocks forever once the caller of withTimeout stops receiving`
	}()
	return ch
}

type Watcher struct {
	mu     sync.Mutex
	events []string
}

// A method; close(out) after the loop would be skipped by a return, so
// no fix.
func (w *Watcher) Events(ctx context.Context) <-chan string {
	out := make(chan string)
	go func() {
		for _, e := range w.events {
			out <- e // want `send on out blocks forever once the caller of Watcher.Events stops receiving`
		}
		close(out)
	}()
	return out
}

// A declared goroutine function given the context: the fix goes in it.
func squares(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go pump(ctx, out, n)
	return out
}

func pump(ctx context.Context, out chan<- int, n int) {
	defer close(out)
	for i := 0; i < n; i++ {
		out <- i * i // want `send on out blocks forever once the caller of squares stops receiving`
	}
}

// The stage selects on ctx.Done() for its input but sends plainly: the
// send is in a case body, no fix.
func sq(ctx context.Context, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case <-ctx.Done():
				return
			case v, ok := <-in:
				if !ok {
					return
				}
				out <- v * v // want `send on out blocks forever once the caller of sq stops receiving`
			}
		}
	}()
	return out
}

// Fan-in with a WaitGroup: the Done after the loop must run, no fix.
func merge(ctx context.Context, cs ...<-chan int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, c := range cs {
		wg.Add(1)
		go func() {
			for v := range c {
				out <- v // want `send on out blocks forever once the caller of merge stops receiving`
			}
			wg.Done()
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// A buffer of ten does not hold an unbounded stream.
func ticks(ctx context.Context) <-chan time.Time {
	out := make(chan time.Time, 10)
	go func() {
		for {
			time.Sleep(time.Millisecond)
			out <- time.Now() // want `send on out blocks forever once the caller of ticks stops receiving`
		}
	}()
	return out
}

// A send in a deferred function of the goroutine: reported, no fix.
func deferredSend(ctx context.Context) <-chan error {
	errc := make(chan error)
	go func() {
		defer func() {
			errc <- nil // want `send on errc blocks forever once the caller of deferredSend stops receiving`
		}()
		work(ctx)
	}()
	return errc
}

// A buffer of one does not hold a slice's worth of events (a fake
// Watch of a test); the close after the loop would be skipped, no fix.
func (w *Watcher) Replay(ctx context.Context) <-chan string {
	ch := make(chan string, 1)
	go func() {
		for _, e := range w.events {
			ch <- e // want `send on ch blocks forever once the caller of Watcher.Replay stops receiving`
		}
		close(ch)
	}()
	return ch
}

// A for loop bounded by a parameter; the counter after the send is the
// goroutine's own and may be skipped.
func count(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		i := 0
		for i < n {
			out <- i // want `send on out blocks forever once the caller of count stops receiving`
			i++
		}
	}()
	return out
}

// The goroutine literal is handed the context as its parameter, and
// derives its own from it.
func handed(ctx context.Context) <-chan int {
	out := make(chan int)
	go func(c context.Context) {
		c, cancel := context.WithCancel(c)
		defer cancel()
		out <- work(c) // want `send on out blocks forever once the caller of handed stops receiving; select on c.Done\(\)`
	}(ctx)
	return out
}

// A generic declared goroutine function.
func Replay[T any](ctx context.Context, xs []T) <-chan T {
	out := make(chan T)
	go replay(ctx, out, xs)
	return out
}

func replay[T any](ctx context.Context, out chan<- T, xs []T) {
	defer close(out)
	for _, x := range xs {
		out <- x // want `send on out blocks forever once the caller of Replay stops receiving`
	}
}

// ---- must stay silent ----

// The buffer holds the one send.
func bufferedAsync(ctx context.Context) <-chan int {
	ch := make(chan int, 1)
	go func() { ch <- work(ctx) }()
	return ch
}

// The buffer holds both sends.
func bufferedTwo(ctx context.Context) <-chan int {
	ch := make(chan int, 2)
	go func() {
		ch <- 1
		ch <- work(ctx)
	}()
	return ch
}

// A buffer sized at run time for the sends.
func bufferedLen(ctx context.Context, xs []int) <-chan int {
	out := make(chan int, len(xs))
	go func() {
		for _, x := range xs {
			out <- x
		}
		close(out)
	}()
	return out
}

// The sends select on ctx.Done().
func genDone(ctx context.Context, nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			select {
			case out <- n:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// The sends select on a stop channel of their own.
func genStop(ctx context.Context, stop <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		for i := 0; ; i++ {
			select {
			case out <- i:
			case <-stop:
				return
			}
		}
	}()
	return out
}

// A timeout is another way out.
func asyncTimeout(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- work(ctx):
		case <-time.After(time.Second):
		}
	}()
	return ch
}

// No context in scope: the caller was offered no cancellation (the
// stranded check judges its callers).
func genNoCtx(nums ...int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, n := range nums {
			out <- n
		}
	}()
	return out
}

// A goroutine function that is not given the context cannot see it.
func blind(ctx context.Context) <-chan int {
	out := make(chan int)
	go produce(out)
	return out
}

func produce(out chan<- int) {
	out <- 1
}

// The goroutine makes its own context: not the one the caller gave.
func ownContext(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() {
		ctx := context.Background()
		out <- work(ctx)
	}()
	return out
}

// The goroutine's context parameter is bound to another context.
func otherContext(ctx context.Context) <-chan int {
	out := make(chan int)
	go func(ctx context.Context) {
		out <- work(ctx)
	}(context.Background())
	return out
}

type Server struct {
	ctx     context.Context
	results chan int
}

// The channel escapes into a field: its receivers are elsewhere.
func (s *Server) start(ctx context.Context) <-chan int {
	out := make(chan int)
	s.results = out
	go func() { out <- work(ctx) }()
	return out
}

// The channel is handed to code the model cannot follow.
func handOff(ctx context.Context, sink func(chan int)) <-chan int {
	out := make(chan int)
	sink(out)
	go func() { out <- work(ctx) }()
	return out
}

// A context held in a field was not given by the caller.
func (s *Server) fieldContext() <-chan int {
	out := make(chan int)
	go func() { out <- work(s.ctx) }()
	return out
}

// A bounded generator whose consumer is the same function: the channel
// is not returned.
func sum(ctx context.Context, xs []int) int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	total := 0
	for v := range out {
		total += v
	}
	return total
}

// A goroutine started through a method value is not followed.
func (s *Server) feed(ctx context.Context, out chan<- int) { out <- work(ctx) }

func methodValue(ctx context.Context, s *Server) <-chan int {
	out := make(chan int)
	f := s.feed
	go f(ctx, out)
	return out
}

// A select with a default never blocks.
func tryAsync(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		select {
		case ch <- work(ctx):
		default:
		}
	}()
	return ch
}

// The function also receives from the channel: not a future.
func pingPong(ctx context.Context) <-chan int {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	<-ch
	return ch
}

// A generic stage whose sends select on ctx.Done().
func Filter[T any](ctx context.Context, xs []T, keep func(T) bool) <-chan T {
	out := make(chan T)
	go func() {
		defer close(out)
		for _, x := range xs {
			if !keep(x) {
				continue
			}
			select {
			case out <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// A buffer of three holds a loop of three.
func three(ctx context.Context) <-chan int {
	out := make(chan int, 3)
	go func() {
		for i := 0; i < 3; i++ {
			out <- work(ctx)
		}
		close(out)
	}()
	return out
}

// The send reports the cancellation itself: selecting on Done there
// would drop the error at random.
func errOnDone(ctx context.Context) <-chan error {
	errc := make(chan error)
	go func() {
		<-ctx.Done()
		errc <- ctx.Err()
	}()
	return errc
}

// The same behind an Err check.
func errChecked(ctx context.Context, xs []int) <-chan error {
	errc := make(chan error)
	go func() {
		for range xs {
			if ctx.Err() != nil {
				errc <- ctx.Err()
				return
			}
		}
		close(errc)
	}()
	return errc
}

// A done channel the goroutine closes: no send.
func started(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(ctx)
	}()
	return done
}
