// Package gohelper holds collectors whose goroutines are started by a
// same-package helper that runs a function literal as a goroutine.
package gohelper

import (
	"log"
	"sync"
	"time"
)

func fetch(string) error { return nil }

// goSafe starts f as a goroutine that logs a panic instead of crashing.
func goSafe(f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				log.Print(r)
			}
		}()
		f()
	}()
}

// Must report: a return on the first error leaves the other senders
// blocked.
func fetchAll(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		goSafe(func() { errc <- fetch(u) })
	}
	for range urls {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

type pool struct{ wg sync.WaitGroup }

// Go starts f as a goroutine of the pool.
func (p *pool) Go(f func()) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		f()
	}()
}

// Must report: on timeout nobody receives, through a method helper.
func (p *pool) first(d time.Duration) error {
	done := make(chan error)
	p.Go(func() { done <- fetch("a") })
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel done`
	}
}

// Silent: the channel has room for every sender.
func fetchAllBuffered(urls []string) error {
	errc := make(chan error, len(urls))
	for _, u := range urls {
		goSafe(func() { errc <- fetch(u) })
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Silent: every send is received.
func fetchEvery(urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		goSafe(func() { errc <- fetch(u) })
	}
	var first error
	for range urls {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// callNow runs f in the caller's goroutine.
func callNow(f func()) { f() }

// Silent: not a goroutine.
func synchronous() error {
	errc := make(chan error, 1)
	callNow(func() { errc <- fetch("a") })
	return <-errc
}

// goIf starts f only when asked to.
func goIf(ok bool, f func()) {
	if ok {
		go f()
	}
}

// Silent: the helper may not start the goroutine; the check does not
// count it.
func maybe(ok bool, d time.Duration) error {
	done := make(chan error)
	goIf(ok, func() { done <- fetch("a") })
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return nil
	}
}

// goN starts n copies of f.
func goN(n int, f func()) {
	for range n {
		go f()
	}
}

// Silent: how many goroutines the helper starts is not counted.
func copies(n int) error {
	done := make(chan error)
	goN(n, func() { done <- fetch("a") })
	return <-done
}

// Silent: the goroutine selects on a stop channel the caller closes.
func stoppable(d time.Duration) error {
	done := make(chan error)
	stop := make(chan struct{})
	defer close(stop)
	goSafe(func() {
		select {
		case done <- fetch("a"):
		case <-stop:
		}
	})
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return nil
	}
}
