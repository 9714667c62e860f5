// Package deferjoin holds functions that wait, in a deferred function,
// for a done signal their goroutine gives once past its sends: at the
// return the goroutine is joined, so it is not left blocked behind.
package deferjoin

import (
	"context"
	"time"
)

// watchLoop forwards events until ctx ends; on an overflow of in it
// sends a rescan request without selecting on ctx.
func watchLoop(ctx context.Context, in chan int, out chan<- int) {
	for {
		if len(in) == cap(in) {
			out <- -1
		}
		select {
		case v := <-in:
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// Silent: the deferred function cancels and waits for done, which the
// goroutine closes once watchLoop has returned.
func watchOnce(d time.Duration) int {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan int, 8)
	out := make(chan int)
	done := make(chan struct{})
	defer func() {
		cancel()
		<-done
	}()
	go func() {
		watchLoop(ctx, in, out)
		close(done)
	}()
	in <- 1
	select {
	case <-time.After(d):
		return -1
	case v := <-out:
		return v
	}
}

// Silent: the same with the goroutine's own deferred close.
func watchOnceDeferred(d time.Duration) int {
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan int, 8)
	out := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchLoop(ctx, in, out)
	}()
	defer func() {
		cancel()
		<-done
	}()
	in <- 1
	select {
	case <-time.After(d):
		return -1
	case v := <-out:
		return v
	}
}

// Must report: the deferred function only cancels; the goroutine's
// plain send does not watch the context.
func noJoin(d time.Duration) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error)
	go func() {
		errc <- ctx.Err()
	}()
	select {
	case <-time.After(d):
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	case err := <-errc:
		return err
	}
}

// Must report: the deferred wait is conditional.
func maybeJoin(d time.Duration, wait bool) error {
	errc := make(chan error)
	done := make(chan struct{})
	defer func() {
		if wait {
			<-done
		}
	}()
	go func() {
		errc <- nil
		close(done)
	}()
	select {
	case <-time.After(d):
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	case err := <-errc:
		return err
	}
}

// Silent: a WaitGroup-style join in the defer, through a done channel
// the goroutine closes by defer after its sends.
func joinedWorkers(d time.Duration, n int) error {
	errc := make(chan error)
	done := make(chan struct{})
	defer func() { <-done }()
	go func() {
		defer close(done)
		errc <- nil
	}()
	select {
	case <-time.After(d):
		<-errc
		return nil
	case err := <-errc:
		return err
	}
}
