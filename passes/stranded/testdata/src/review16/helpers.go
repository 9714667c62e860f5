package review16

import (
	"fmt"
	"log"
	"sync"
	"time"
)

// goRecover starts f as a goroutine and logs a panic.
func goRecover(f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("panic: %v", r)
			}
		}()
		f()
	}()
}

// Silent: each goroutine sends once, on success or from its recover,
// and the collector receives from every one.
func recoverResend(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		goRecover(func() {
			defer func() {
				if r := recover(); r != nil {
					errc <- fmt.Errorf("panic: %v", r)
				}
			}()
			errc <- fetch(u)
		})
	}
	var first error
	for range urls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// goRepanic logs and re-panics.
func goRepanic(f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Print(r)
				panic(r)
			}
		}()
		f()
	}()
}

// Silent: two goroutines, two receives.
func two() error {
	errc := make(chan error)
	goRepanic(func() { errc <- fetch("a") })
	goRepanic(func() { errc <- fetch("b") })
	e1, e2 := <-errc, <-errc
	if e1 != nil {
		return e1
	}
	return e2
}

// Pool bounds the goroutines it runs.
type Pool struct {
	sem chan struct{}
	wg  sync.WaitGroup
}

// Go waits for a slot and runs f as a goroutine of the pool.
func (p *Pool) Go(f func()) {
	p.sem <- struct{}{}
	p.wg.Add(1)
	go func() {
		defer func() {
			<-p.sem
			p.wg.Done()
		}()
		f()
	}()
}

// Wait waits for every goroutine of the pool.
func (p *Pool) Wait() { p.wg.Wait() }

// Silent: the results are closed once the pool is done, and drained by
// the range loop.
func poolAll(p *Pool, urls []string) []error {
	results := make(chan error)
	for _, u := range urls {
		p.Go(func() { results <- fetch(u) })
	}
	go func() {
		p.Wait()
		close(results)
	}()
	var errs []error
	for err := range results {
		errs = append(errs, err)
	}
	return errs
}

// Silent: the pool's results are buffered for every send.
func poolBuffered(p *Pool, urls []string) error {
	results := make(chan error, len(urls))
	for _, u := range urls {
		p.Go(func() { results <- fetch(u) })
	}
	for range urls {
		if err := <-results; err != nil {
			return err
		}
	}
	return nil
}

// Must report: the first error returns while the pool's other goroutines
// block on their sends.
func poolFirst(p *Pool, urls []string) error {
	results := make(chan error)
	for _, u := range urls {
		p.Go(func() { results <- fetch(u) })
	}
	for range urls {
		if err := <-results; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel results`
		}
	}
	return nil
}

// runJoined starts f as a goroutine and waits for it.
func runJoined(f func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f()
	}()
	wg.Wait()
}

// Silent: the helper waits for the goroutine, which has room for its
// send.
func joinedOne() error {
	errc := make(chan error, 1)
	runJoined(func() { errc <- fetch("a") })
	return <-errc
}

// Silent: one result at a time, each received before the next start.
func joinedInTurn(urls []string) error {
	errc := make(chan error, 1)
	for _, u := range urls {
		runJoined(func() { errc <- fetch(u) })
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// goWait starts f as a goroutine once the group is done.
func goWait(wg *sync.WaitGroup, f func()) {
	go func() {
		wg.Wait()
		f()
	}()
}

// Silent: the goroutine sends once, and it is received.
func afterGroup(wg *sync.WaitGroup) error {
	done := make(chan error)
	goWait(wg, func() { done <- fetch("a") })
	return <-done
}

// goTimeout starts f and waits at most d for it.
func goTimeout(d time.Duration, f func()) bool {
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		f()
	}()
	select {
	case <-finished:
		return true
	case <-time.After(d):
		return false
	}
}

// Silent: the goroutine's send fits the buffer, whatever the helper
// returns.
func bounded(d time.Duration) error {
	errc := make(chan error, 1)
	if !goTimeout(d, func() { errc <- fetch("a") }) {
		return fmt.Errorf("timeout")
	}
	return <-errc
}

// goUnlessStopped starts f unless stop is closed.
func goUnlessStopped(stop <-chan struct{}, f func()) {
	select {
	case <-stop:
		return
	default:
	}
	go f()
}

// Silent: the helper may not start the goroutine (stays out of scope).
func maybeStarted(stop <-chan struct{}, d time.Duration) error {
	errc := make(chan error)
	goUnlessStopped(stop, func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}

// Must report: on timeout the helper's goroutine blocks on its send.
func helperTimeout(d time.Duration) error {
	errc := make(chan error)
	goRecover(func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return fmt.Errorf("timeout") // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
}

// goCall starts a goroutine that calls f under the pool's slot; f is
// called through a method value.
type runner struct{ name string }

func (r *runner) spawn(f func()) {
	go func() {
		log.Printf("%s: start", r.name)
		f()
		log.Printf("%s: done", r.name)
	}()
}

// Silent: both goroutines are received from.
func (r *runner) both() (error, error) {
	errc := make(chan error)
	r.spawn(func() { errc <- fetch("a") })
	r.spawn(func() { errc <- fetch("b") })
	return <-errc, <-errc
}

// goTwice starts f twice.
func goTwice(f func()) {
	go f()
	go f()
}

// Silent: the helper's goroutines are joined by a WaitGroup whose Wait
// runs in a goroutine that closes the channel, drained by range.
func helperDelegatedWait(urls []string) error {
	var wg sync.WaitGroup
	errc := make(chan error)
	for _, u := range urls {
		wg.Add(1)
		goRecover(func() {
			defer wg.Done()
			errc <- fetch(u)
		})
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	var first error
	for err := range errc {
		if err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Silent: buffered for every goroutine, waited, then read.
func helperWaitThenRead(urls []string) error {
	var wg sync.WaitGroup
	errc := make(chan error, len(urls))
	for _, u := range urls {
		wg.Add(1)
		goRecover(func() {
			defer wg.Done()
			errc <- fetch(u)
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// Silent: the send drops the error when nobody waits.
func helperNonBlocking(urls []string, d time.Duration) error {
	errc := make(chan error)
	for _, u := range urls {
		goRecover(func() {
			select {
			case errc <- fetch(u):
			default:
			}
		})
	}
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}

// Must report: one receive for every goroutine of the loop.
func helperWaitOne(urls []string) error {
	var wg sync.WaitGroup
	errc := make(chan error, 1)
	for _, u := range urls {
		wg.Add(1)
		goRecover(func() {
			defer wg.Done()
			errc <- fetch(u)
		})
	}
	defer wg.Wait()
	return <-errc // want `return leaves goroutines blocked forever sending on channel errc \(capacity 1\)`
}

// QueuePool hands its functions to workers through a channel.
type QueuePool struct{ tasks chan func() }

// Go queues f for a worker.
func (p *QueuePool) Go(f func()) { p.tasks <- f }

// Silent: the pool's workers are out of view (the function is queued,
// not started), and both results are received anyway.
func queued(p *QueuePool) (error, error) {
	errc := make(chan error)
	p.Go(func() { errc <- fetch("a") })
	p.Go(func() { errc <- fetch("b") })
	return <-errc, <-errc
}

// GroupPool runs its functions on a WaitGroup's Go.
type GroupPool struct{ wg sync.WaitGroup }

// Go runs f through the group.
func (p *GroupPool) Go(f func()) { p.wg.Go(f) }

// Silent: buffered for the one send.
func grouped(p *GroupPool, d time.Duration) error {
	errc := make(chan error, 1)
	p.Go(func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}

// goErr starts f and sends its error, or its panic, on errc.
func goErr(errc chan<- error, f func() error) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errc <- fmt.Errorf("panic: %v", r)
			}
		}()
		errc <- f()
	}()
}

// Silent: a helper given the channel, which recovers and sends the
// panic instead; every goroutine is received from.
func goErrAll(fs []func() error) error {
	errc := make(chan error)
	for _, f := range fs {
		goErr(errc, f)
	}
	var first error
	for range fs {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// safeFuture is a future whose goroutine a go-helper starts.
func safeFuture(f func() error) <-chan error {
	ch := make(chan error)
	goRecover(func() { ch <- f() })
	return ch
}

// Silent: received.
func useSafeFuture(f func() error) error {
	return <-safeFuture(f)
}

// Silent (a known miss): on timeout nobody receives, but a future whose
// goroutine a go-helper starts is not recognised as a future.
func safeFutureTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-safeFuture(f):
		return err
	case <-time.After(d):
		return nil
	}
}

// goAll starts every function it is given.
func goAll(fs ...func()) {
	for _, f := range fs {
		go f()
	}
}

// Silent: a variadic helper is not followed; both sends are received
// anyway.
func variadic() (error, error) {
	errc := make(chan error)
	goAll(func() { errc <- fetch("a") }, func() { errc <- fetch("b") })
	return <-errc, <-errc
}

// Silent (a known miss): the pool's Go called as a method expression
// runs through a thunk, which is not followed.
func methodExpr(p *Pool, d time.Duration) error {
	errc := make(chan error)
	(*Pool).Go(p, func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}

type starter interface{ Go(func()) }

// Silent: an interface's Go is not followed.
func viaInterface(s starter, d time.Duration) error {
	errc := make(chan error, 1)
	s.Go(func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil
	}
}
