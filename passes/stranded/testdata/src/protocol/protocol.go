// Package protocol holds senders whose number of sends the check cannot
// count: request/reply workers, loops driven by a peer's data, and
// senders serialised by the spawner. It reports only what is provable.
package protocol

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

type request struct{ n int }
type reply struct{ n int }

func do(r request) reply      { return reply{r.n} }
func work(x int) error        { return nil }
func peer() (int, error)      { return 0, nil }
func more() bool              { return false }
func bad(r request) bool      { return r.n < 0 }
func validate(xs []int) error { return nil }

// --- must stay silent ---

// 3. A request/reply worker: the spawner receives each reply before it
// sends the next request, so no reply is ever left pending.
func requestReply(reqs []request) ([]reply, error) {
	in := make(chan request)
	out := make(chan reply)
	go func() {
		for r := range in {
			out <- do(r)
		}
	}()
	defer close(in)
	var res []reply
	for _, r := range reqs {
		in <- r
		rep := <-out
		if rep.n < 0 {
			return nil, errors.New("negative")
		}
		res = append(res, rep)
	}
	return res, nil
}

// 3. With a buffer of one, the reply to the last request fits.
func requestReplyBuffered(reqs []request) error {
	in := make(chan request)
	out := make(chan reply, 1)
	go func() {
		for r := range in {
			out <- do(r)
		}
	}()
	defer close(in)
	for _, r := range reqs {
		in <- r
		if bad(r) {
			return errors.New("bad request") // its reply fits the buffer
		}
		<-out
	}
	return nil
}

// 7. The number of values depends on the peer: the spawner takes the
// one the protocol promises.
func firstFromPeer() (int, error) {
	ch := make(chan int)
	go func() {
		for {
			n, err := peer()
			if err != nil {
				return
			}
			ch <- n
		}
	}()
	v := <-ch
	if v == 0 {
		return 0, errors.New("zero")
	}
	return v, nil
}

// 7. A loop whose condition asks the data source.
func whileMore() int {
	ch := make(chan int)
	go func() {
		for more() {
			n, _ := peer()
			ch <- n
		}
	}()
	return <-ch
}

// 6. Serialised senders: each goroutine is started after the previous
// one's value was received, and none after a failure; the buffer holds
// the one send a cancellation can leave.
func serialised(ctx context.Context, xs []int) error {
	errc := make(chan error, 1)
	for _, x := range xs {
		go func() { errc <- work(x) }()
		select {
		case err := <-errc:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// 6. Serialised by a signal: each sender closes done when it is past
// its send, the next starts only after, and none after a failure.
func serialisedByDone(xs []int) error {
	errc := make(chan error, 1)
	for _, x := range xs {
		done := make(chan struct{})
		go func() {
			defer close(done)
			if err := work(x); err != nil {
				errc <- err
			}
		}()
		<-done
		select {
		case err := <-errc:
			return err
		default:
		}
	}
	return nil
}

// 5. Ranged to the close: the only sender closes the channel after its
// last send, so a return after the range loop leaves nothing behind.
func rangedToClose(xs []int) error {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	if sum > 100 {
		return errors.New("too big")
	}
	return nil
}

// --- must report ---

// 3. A return between a request and its reply strands the worker on
// the reply.
func requestReplyEarly(reqs []request) error {
	in := make(chan request)
	out := make(chan reply)
	go func() {
		for r := range in {
			out <- do(r)
		}
	}()
	defer close(in)
	for _, r := range reqs {
		in <- r
		if bad(r) {
			return errors.New("bad request") // want `return leaves goroutines blocked forever sending on unbuffered channel out`
		}
		<-out
	}
	return nil
}

// 7. A data-driven sender still makes its first send: returning before
// any receive strands it.
func peerNotRead(xs []int) (int, error) {
	ch := make(chan int)
	go func() {
		for {
			n, err := peer()
			if err != nil {
				return
			}
			ch <- n
		}
	}()
	if err := validate(xs); err != nil {
		return 0, err // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	return <-ch, nil
}

// A loop over a slice is counted: one receive leaves the rest blocked.
func countedLoop(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	return <-ch // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
}

// --- ranged to the close, with a group ---

// 5. The only goroutine closes ch as its last action: once the range
// loop has seen the close, a return that skips the Wait leaves nothing
// running.
func rangedThenReturn(xs []int) error {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	if sum > 100 {
		return errors.New("too big")
	}
	wg.Wait()
	return nil
}

// 5. The same with a plain close at the end of an errgroup goroutine.
func rangedErrgroup(xs []int) error {
	ch := make(chan int)
	var g errgroup.Group
	g.Go(func() error {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
		return nil
	})
	for v := range ch {
		if v < 0 {
			continue
		}
	}
	if len(xs) == 0 {
		return nil
	}
	return g.Wait()
}

// The goroutine still works after the close: the return skips a Wait
// that matters.
func workAfterClose(xs []int) error {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, x := range xs {
			ch <- x
		}
		close(ch)
		work(len(xs))
	}()
	for range ch {
	}
	if len(xs) > 3 {
		return errors.New("many") // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return nil
}

// A return inside the range loop, before the close is seen.
func returnInRange(xs []int) error {
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	for v := range ch {
		if v < 0 {
			return errors.New("negative") // want `return skips sync.WaitGroup.Wait on wg` `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
	wg.Wait()
	return nil
}
