package blocking

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func produce() int { return 1 }

// ---- must report ----

func unbufferedSend(ctx context.Context) int {
	out := make(chan int)
	go func() {
		out <- produce() // want `send on out blocks forever once its receiver has stopped: it does not select on ctx.Done\(\)`
	}()
	select {
	case v := <-out:
		return v
	case <-ctx.Done():
		return 0
	}
}

// A channel from elsewhere has its other side elsewhere: not known.
func paramChannel(ctx context.Context, out chan<- int) {
	go func() {
		out <- produce()
	}()
}

// A channel that leaves the function (returned, stored, passed on) is
// not judged by the blocking rules; a returned one fed by the goroutine
// is a pipeline stage, reported by default (see package stage).
func returned(ctx context.Context) <-chan int {
	out := make(chan int)
	go func() { out <- produce() }() // want `send on out blocks forever once the caller of returned stops receiving`
	return out
}

type holder struct{ ch chan int }

func stored(ctx context.Context, h *holder) {
	ch := make(chan int)
	h.ch = ch
	go func() { ch <- produce() }()
}

func localUnbuffered(ctx context.Context, items []int) int {
	results := make(chan int)
	for range items {
		go func() {
			results <- produce() // want `send on results blocks forever once its receiver has stopped: it does not select on ctx.Done\(\)`
		}()
	}
	select {
	case r := <-results:
		return r
	case <-ctx.Done():
		return 0 // the other senders block for ever
	}
}

// A constant buffer smaller than the number of senders.
func tooSmall(ctx context.Context, items []int) {
	results := make(chan int, 1)
	for range items {
		go func() { results <- produce() }() // want `send on results blocks forever`
	}
}

func receive(ctx context.Context) error {
	in := make(chan int)
	go func() {
		v := <-in // want `receive from in blocks forever once its sender has stopped: it does not select on ctx.Done\(\)`
		_ = v
	}()
	if err := ctx.Err(); err != nil {
		return err // the goroutine waits for ever
	}
	in <- 1
	return nil
}

// The producer closes the channel: the receive ends when it does.
func closedByProducer(ctx context.Context) {
	errc := make(chan error, 1)
	go func() {
		defer close(errc)
		errc <- ctx.Err()
	}()
	go func() {
		_ = <-errc
	}()
}

// A receive from a parameter channel: its sender is elsewhere.
func paramReceive(ctx context.Context, in <-chan int) {
	go func() {
		v := <-in
		_ = v
	}()
}

func sleepLoop(ctx context.Context, g *errgroup.Group) {
	g.Go(func() error {
		for {
			time.Sleep(time.Second) // want `time.Sleep in a loop keeps the goroutine running after ctx is cancelled: it does not select on ctx.Done\(\)`
			produce()
		}
	})
}

// ---- must stay silent ----

// Buffered for all its senders.
func bufferedLen(ctx context.Context, items []int) []int {
	results := make(chan int, len(items))
	var wg sync.WaitGroup
	for range items {
		wg.Go(func() { results <- produce() })
	}
	wg.Wait()
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// A constant buffer at least the number of sends, none repeated.
func bufferedConst(ctx context.Context) int {
	done := make(chan int, 2)
	go func() { done <- produce() }()
	go func() { done <- produce() }()
	return <-done
}

// Inside a select that waits on the context.
func selectSend(ctx context.Context, out chan<- int) {
	go func() {
		select {
		case out <- produce():
		case <-ctx.Done():
		}
	}()
}

// A select with a default never blocks; its case bodies are examined.
func selectDefault(ctx context.Context, out chan<- int) {
	go func() {
		for {
			select {
			case out <- produce():
			case <-ctx.Done():
				return
			default:
			}
		}
	}()
}

// for range over a channel the producer closes.
func rangeLoop(ctx context.Context, in <-chan int) {
	go func() {
		for v := range in {
			_ = v
		}
	}()
}

// Comma-ok receive handles the close.
func commaOk(ctx context.Context, in <-chan int) {
	go func() {
		for {
			v, ok := <-in
			if !ok {
				return
			}
			_ = v
		}
	}()
}

// Waiting for cancellation or a signal is the point.
func waitDone(ctx context.Context, stop chan struct{}) {
	go func() {
		<-ctx.Done()
	}()
	go func() {
		<-stop
	}()
	go func() {
		<-time.After(time.Second)
		t := time.NewTimer(time.Second)
		<-t.C
	}()
}

// A sleep loop that checks the context.
func sleepChecks(ctx context.Context) {
	go func() {
		for ctx.Err() == nil {
			time.Sleep(time.Second)
		}
	}()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			default:
			}
			time.Sleep(time.Second)
		}
	}()
}

// A single sleep is bounded.
func sleepOnce(ctx context.Context) {
	go func() {
		time.Sleep(time.Second)
		produce()
	}()
}

// No context in scope: stranded's business.
func noContext(out chan int) {
	go func() {
		out <- 1
		for {
			time.Sleep(time.Second)
		}
	}()
}

// Operations in a nested function literal run elsewhere.
func nested(ctx context.Context, out chan int) {
	go func() {
		f := func() { out <- 1 }
		_ = f
	}()
}

// One send per path: a buffer of one is enough.
func exclusivePaths(ctx context.Context) error {
	errCh := make(chan error, 1)
	go func() {
		if produce() == 0 {
			errCh <- nil
			return
		}
		errCh <- ctx.Err()
	}()
	return <-errCh
}

// Two sends on one path need a buffer of two when the receiver may take
// none.
func twoOnOnePath(ctx context.Context) error {
	errCh := make(chan error, 1)
	go func() {
		errCh <- nil
		errCh <- ctx.Err() // want `send on errCh blocks forever`
	}()
	select {
	case err := <-errCh:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// With a buffer of one and one receive that the spawner always makes,
// the second send fills the slot the receive frees.
func twoSendsOneReceive(ctx context.Context) error {
	errCh := make(chan error, 1)
	go func() {
		errCh <- nil
		errCh <- ctx.Err()
	}()
	return <-errCh
}

// The channel is made per call of the literal that runs in the loop:
// each goroutine has its own buffer.
func perIteration(ctx context.Context, items []int) {
	for range items {
		func() {
			ch := make(chan int, 1)
			go func() { ch <- produce() }()
			_ = <-ch
		}()
	}
}

// A deferred receive on every path after the start takes the value.
func deferredReceive(ctx context.Context) (err error) {
	errCh := make(chan error)
	go func() {
		errCh <- ctx.Err()
	}()
	defer func() {
		if e := <-errCh; e != nil {
			err = e
		}
	}()
	return nil
}

// A return before the deferred receive is registered leaves the sender
// blocked.
func earlyReturn(ctx context.Context, fail bool) (err error) {
	errCh := make(chan error)
	go func() {
		errCh <- ctx.Err() // want `send on errCh blocks forever`
	}()
	if fail {
		return ctx.Err()
	}
	defer func() { err = <-errCh }()
	return nil
}

// A closure handed to other code may run any number of times.
func handler(ctx context.Context, register func(func())) {
	ch := make(chan int, 1)
	register(func() {
		go func() { ch <- produce() }() // want `send on ch blocks forever`
	})
	<-ch
}
