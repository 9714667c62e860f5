package review16

import (
	"sync"
	"time"
)

// goWith starts f(v) as a goroutine.
func goWith[T any](v T, f func(T)) {
	go func() { f(v) }()
}

// Silent: every goroutine's send is received.
func genericHelper(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		goWith(u, func(s string) { errc <- fetch(s) })
	}
	var first error
	for range urls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Must report: the first error strands the rest.
func genericHelperFirst(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		goWith(u, func(s string) { errc <- fetch(s) })
	}
	for range urls {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// GPool is a generic pool.
type GPool[T any] struct {
	wg  sync.WaitGroup
	out []T
}

// Go runs f as a goroutine of the pool.
func (p *GPool[T]) Go(f func()) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f()
	}()
}

// Silent: both sends received.
func genericPool(p *GPool[int]) (error, error) {
	errc := make(chan error)
	p.Go(func() { errc <- fetch("a") })
	p.Go(func() { errc <- fetch("b") })
	return <-errc, <-errc
}

// Must report: on timeout the pool's goroutine blocks.
func genericPoolTimeout(p *GPool[int], d time.Duration) error {
	errc := make(chan error)
	p.Go(func() { errc <- fetch("a") })
	select {
	case err := <-errc:
		return err
	case <-time.After(d):
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
}

// Silent: the helper starting f twice is no go-helper, and one buffer
// slot with two receives is fine anyway.
func twiceStarted() (error, error) {
	errc := make(chan error, 1)
	goTwice(func() { errc <- fetch("a") })
	return <-errc, <-errc
}

// Silent: a helper started as a goroutine itself.
func helperInGo() error {
	errc := make(chan error, 1)
	go goRecover(func() { errc <- fetch("a") })
	return <-errc
}

// Silent: a deferred helper.
func helperDeferred(errc chan error) {
	defer goRecover(func() { errc <- fetch("a") })
}
