package review16

import (
	"context"
	"errors"
	"time"
)

// start returns a future and an error that is nil whenever the
// goroutine runs.
func start(f func() error) (<-chan error, error) {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch, nil
}

// Silent: the error branch is not a path with a live future.
func startAndWait(f func() error) error {
	ch, err := start(f)
	if err != nil {
		return err
	}
	return <-ch
}

// Silent: the same test spelled err == nil.
func startAndWait2(f func() error) error {
	ch, err := start(f)
	if err == nil {
		return <-ch
	}
	return err
}

// Must report: a timeout after the error test abandons the future.
func startTimeout(f func() error, d time.Duration) error {
	ch, err := start(f)
	if err != nil {
		return err
	}
	select {
	case err := <-ch:
		return err
	case <-time.After(d):
		return errors.New("timeout") // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
}

// value is a generic future.
func value[T any](f func() T) <-chan T {
	ch := make(chan T)
	go func() { ch <- f() }()
	return ch
}

// Silent: each generic future of the loop is received in its iteration.
func values(fs []func() int) int {
	n := 0
	for _, f := range fs {
		n += <-value(f)
	}
	return n
}

// Silent: the future's channel is handed on.
func forward(f func() int, out chan<- <-chan int) {
	out <- value(f)
}

// closing closes its channel after one send.
func closing(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		defer close(ch)
		select {
		case ch <- struct{}{}:
		case <-ctx.Done():
		}
	}()
	return ch
}

// Silent: the goroutine gives up with the context.
func waitClosing(ctx context.Context) error {
	select {
	case <-closing(ctx):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Must report: a generic future abandoned on timeout, in a loop.
func valuesTimeout(fs []func() int, d time.Duration) int {
	n := 0
	for _, f := range fs {
		select {
		case v := <-value(f):
			n += v
		case <-time.After(d):
			return n // want `return leaves goroutines blocked forever sending`
		}
	}
	return n
}
