// Package lib holds futures of the shapes callers in another package
// use.
package lib

import "context"

// Closing sends once and closes the channel.
func Closing(f func() (int, error)) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		v, err := f()
		if err != nil {
			return
		}
		ch <- v
	}()
	return ch
}

// Two sends twice and closes.
func Two() <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		ch <- 1
		ch <- 2
	}()
	return ch
}

// Both has room for its two goroutines' sends.
func Both(a, b func() error) <-chan error {
	ch := make(chan error, 2)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	return ch
}

// Pair has two goroutines on an unbuffered channel.
func Pair(a, b func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	return ch
}

// Cancellable gives up its send when the context ends.
func Cancellable(ctx context.Context, f func() error) <-chan error {
	ch := make(chan error)
	go func() {
		select {
		case ch <- f():
		case <-ctx.Done():
		}
	}()
	return ch
}

// Run is a plain future.
func Run(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// Box is a generic type with a future method.
type Box[T any] struct{ V T }

// Get is a future of a generic type's method.
func (b *Box[T]) Get() <-chan T {
	ch := make(chan T)
	go func() { ch <- b.V }()
	return ch
}

// Map is a generic future with two type parameters.
func Map[T, U any](v T, f func(T) U) <-chan U {
	ch := make(chan U, 1)
	go func() { ch <- f(v) }()
	return ch
}

// WithErr returns the channel and an error.
func WithErr(f func() error) (<-chan error, error) {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch, nil
}

func goSafe(f func()) {
	go func() {
		defer func() { _ = recover() }()
		f()
	}()
}

// Safe is a future whose goroutine a go-helper starts.
func Safe(f func() error) <-chan error {
	ch := make(chan error)
	goSafe(func() { ch <- f() })
	return ch
}

// GoErr starts f and sends its error, or its panic, on errc.
func GoErr(errc chan<- error, f func() error) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errc <- nil
			}
		}()
		errc <- f()
	}()
}

// FirstOfTwo races two functions; its buffer holds the loser's send.
func FirstOfTwo(a, b func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	return ch
}

// FirstOfThree races three functions with room for one loser only.
func FirstOfThree(a, b, c func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- a() }()
	go func() { ch <- b() }()
	go func() { ch <- c() }()
	return ch
}

// Named returns its channel through a named result.
func Named(f func() error) (ch chan error) {
	ch = make(chan error)
	go func() { ch <- f() }()
	return
}

// Result is a named channel type.
type Result <-chan error

// Typed returns a named channel type.
func Typed(f func() error) Result {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}
