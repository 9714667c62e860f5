// Package crossfunc holds collectors whose goroutines send through code
// the goroutine calls: a same-package function given the channel, a
// closure it calls, a deferred closure.
package crossfunc

import (
	"errors"
	"fmt"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

// report sends its result on the channel it is given.
func report(errc chan<- error, i int) {
	errc <- work(i)
}

// Must report: the goroutines send through report; the collector
// returns on the first error.
func firstError(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { report(errc, x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// Silent: the same collector buffered for every sender.
func firstErrorBuffered(xs []int) error {
	errc := make(chan error, len(xs))
	for _, x := range xs {
		go func() { report(errc, x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Silent: every value is received.
func allErrors(xs []int) []error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { report(errc, x) }()
	}
	var errs []error
	for range xs {
		if err := <-errc; err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// Must report: two goroutines each send once through a called closure;
// the collector receives one value.
func first() error {
	errc := make(chan error)
	for i := range 2 {
		go func() {
			send := func(err error) { errc <- err }
			send(work(i))
		}()
	}
	return <-errc // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
}

// Silent: a goroutine that sends its result or, on a panic, an error in
// its place: one send on every path, and the collector receives it.
func guarded() error {
	errc := make(chan error)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errc <- fmt.Errorf("panic: %v", r)
			}
		}()
		errc <- work(1)
	}()
	return <-errc
}

// Must report: the deferred recover send is a send; the collector
// returns without receiving on its early path.
func guardedEarly(skip bool) error {
	errc := make(chan error)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errc <- fmt.Errorf("panic: %v", r)
			}
		}()
		errc <- work(1)
	}()
	if skip {
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
	return <-errc
}

// forward passes the channel on to report: followed through both.
func forward(errc chan<- error, i int) { report(errc, i) }

// Silent: the channel reaches report through forward, one send per
// goroutine, and every value is received.
func viaForward(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go forward(errc, x)
	}
	var err error
	for range xs {
		if e := <-errc; e != nil && err == nil {
			err = e
		}
	}
	return err
}

// keep stores the channel: out of the model's view.
var kept chan<- error

func keep(errc chan<- error) { kept = errc }

// Silent: the goroutine hands the channel to keep, which stores it.
func escapes() error {
	errc := make(chan error)
	go func() { keep(errc); errc <- nil }()
	if kept == nil {
		return nil
	}
	return <-errc
}

// loop calls itself with the channel: recursion is cut.
func loop(errc chan<- error, n int) {
	if n == 0 {
		errc <- nil
		return
	}
	loop(errc, n-1)
}

// Silent: a recursive sender is out of the model's view.
func recursive(skip bool) error {
	errc := make(chan error)
	go loop(errc, 3)
	if skip {
		return nil
	}
	return <-errc
}
