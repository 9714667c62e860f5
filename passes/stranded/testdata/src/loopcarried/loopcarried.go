// Package loopcarried holds channels made in one iteration of a loop (or
// in a select case) and received in a later one, through a variable the
// loop carries.
package loopcarried

import (
	"context"
	"time"
)

func work() error { return nil }

// Must report: a result in flight when the context ends is never
// received, and its goroutine blocks forever.
func poll(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel`
		}
	}
}

type refresher struct {
	tick <-chan time.Time
	stop chan struct{}
}

// Must report: the same in a method, with the make in a select case.
func (r *refresher) run(fetch func() (int, error)) int {
	var pending <-chan int
	last := 0
	for {
		select {
		case <-r.tick:
			if pending != nil {
				continue
			}
			out := make(chan int)
			go func() {
				v, _ := fetch()
				out <- v
			}()
			pending = out
		case v := <-pending:
			last, pending = v, nil
		case <-r.stop:
			return last // want `return leaves goroutines blocked forever sending on unbuffered channel`
		}
	}
}

// Must report: a generic loop, returning on a deadline.
func latest[T any](tick <-chan time.Time, deadline <-chan time.Time, get func() T) T {
	var zero T
	var pending chan T
	for {
		select {
		case <-tick:
			if pending == nil {
				c := make(chan T)
				go func() { c <- get() }()
				pending = c
			}
		case v := <-pending:
			zero, pending = v, nil
		case <-deadline:
			return zero // want `return leaves goroutines blocked forever sending on unbuffered channel`
		}
	}
}

// Silent: the result in flight is drained before returning.
func pollDrain(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			if pending != nil {
				<-pending
			}
			return ctx.Err()
		}
	}
}

// Silent: returns only when nothing is in flight, or after receiving.
func pollGuarded(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			if pending == nil {
				return ctx.Err()
			}
			return <-pending
		}
	}
}

// Silent: the channel has room for its one send.
func pollBuffered(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				ch := make(chan error, 1)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: the loop ends only once the result is in.
func untilDone(tick <-chan time.Time) error {
	var pending chan error
	started := false
	for {
		select {
		case <-tick:
			if !started {
				started = true
				ch := make(chan error)
				go func() { ch <- work() }()
				pending = ch
			}
		case err := <-pending:
			return err
		}
	}
}

func handle(ch chan error) {}

// Silent: the carried channel is handed to code that may receive.
func handedOn(ctx context.Context, tick <-chan time.Time) error {
	var pending chan error
	for {
		select {
		case <-tick:
			ch := make(chan error)
			go func() { ch <- work() }()
			pending = ch
			handle(pending)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: the variable also holds a channel made elsewhere, which the
// check does not follow.
func twoMakes(ctx context.Context, tick <-chan time.Time, first chan error) error {
	pending := first
	for {
		select {
		case <-tick:
			ch := make(chan error)
			go func() { ch <- work() }()
			pending = ch
		case <-pending:
			pending = nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Silent: each iteration receives its own result before the next.
func sequential(ctx context.Context, n int) error {
	for range n {
		ch := make(chan error, 1)
		go func() { ch <- work() }()
		select {
		case err := <-ch:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}
