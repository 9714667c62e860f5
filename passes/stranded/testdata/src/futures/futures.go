// Package futures holds callers of same-package futures: functions that
// make a channel, start a goroutine that sends on it and return it.
package futures

import (
	"errors"
	"net/http"
	"os/exec"
	"time"
)

var ErrTimeout = errors.New("timeout")

// async is a future whose goroutine makes one blocking send.
func async(f func() error) chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// asyncBuffered is the same future with room for its one send.
func asyncBuffered(f func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- f() }()
	return ch
}

// Must report: on timeout nobody receives the future's value.
func waitTimeout(cmd *exec.Cmd, d time.Duration) error {
	select {
	case err := <-async(cmd.Wait):
		return err
	case <-time.After(d):
		return ErrTimeout // want `return leaves goroutines blocked forever sending on unbuffered channel`
	}
}

// Must report: the future is dropped on the floor.
func fireAndForget(f func() error) {
	async(f)
} // want `return leaves goroutines blocked forever sending`

// probe is a future that reports whether a URL answers.
func probe(url string) <-chan bool {
	out := make(chan bool)
	go func() {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		out <- err == nil
	}()
	return out
}

// Must report: the first of two probes wins; the loser's goroutine is
// left blocked.
func firstUp(a, b string) string {
	ca, cb := probe(a), probe(b)
	select {
	case <-ca:
		return a // want `return leaves goroutines blocked forever sending on unbuffered channel cb`
	case <-cb:
		return b // want `return leaves goroutines blocked forever sending on unbuffered channel ca`
	}
}

// Silent: the buffered future is safe to abandon.
func waitTimeoutBuffered(cmd *exec.Cmd, d time.Duration) error {
	select {
	case err := <-asyncBuffered(cmd.Wait):
		return err
	case <-time.After(d):
		return ErrTimeout
	}
}

// Silent: the caller always receives.
func waitAlways(cmd *exec.Cmd) error {
	return <-async(cmd.Wait)
}

// Silent: the caller receives on every path, after other work.
func waitLater(cmd *exec.Cmd, log func(string)) error {
	ch := async(cmd.Wait)
	log("started")
	err := <-ch
	return err
}

// Silent: the future is handed to the caller, who owns it now.
func passOn(cmd *exec.Cmd) chan error {
	return async(cmd.Wait)
}

// Silent: the channel escapes into a struct the model cannot follow.
type holder struct{ ch chan error }

func store(cmd *exec.Cmd) *holder {
	return &holder{ch: async(cmd.Wait)}
}

// asyncSelect is a future whose send selects on a stop channel: it has
// another way out.
func asyncSelect(f func() error, stop <-chan struct{}) <-chan error {
	ch := make(chan error)
	go func() {
		select {
		case ch <- f():
		case <-stop:
		}
	}()
	return ch
}

// Silent: the goroutine can leave through stop.
func waitStoppable(cmd *exec.Cmd, stop <-chan struct{}, d time.Duration) error {
	select {
	case err := <-asyncSelect(cmd.Wait, stop):
		return err
	case <-time.After(d):
		return ErrTimeout
	}
}

// both receives both probes' answers before returning.
func both(a, b string) (bool, bool) {
	ca, cb := probe(a), probe(b)
	return <-ca, <-cb
}

// notFuture returns a channel it is given: not a future.
func notFuture(ch chan error) chan error {
	go func() { ch <- nil }()
	return ch
}

// Silent: notFuture's channel belongs to the caller, who made it with
// room for the send.
func useNotFuture() {
	ch := make(chan error, 1)
	notFuture(ch)
}

// gen is a generator: it sends every value and closes.
func gen(xs []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}

// Silent: the consumer ranges to the close.
func sum(xs []int) int {
	n := 0
	for x := range gen(xs) {
		n += x
	}
	return n
}

// result is a generic future.
func result[T any](f func() T) <-chan T {
	ch := make(chan T)
	go func() { ch <- f() }()
	return ch
}

// Must report: the generic future, abandoned on timeout.
func waitValue(f func() int, d time.Duration) (int, error) {
	select {
	case v := <-result(f):
		return v, nil
	case <-time.After(d):
		return 0, ErrTimeout // want `return leaves goroutines blocked forever sending`
	}
}

// Silent: the generic future, always received.
func value(f func() int) int {
	return <-result(f)
}

// Silent: a future called through a function value is not followed.
func viaValue(cmd *exec.Cmd, d time.Duration) error {
	start := async
	select {
	case err := <-start(cmd.Wait):
		return err
	case <-time.After(d):
		return ErrTimeout
	}
}

// Must report: abandoned in a loop, one future per iteration.
func pollAll(cmds []*exec.Cmd, d time.Duration) error {
	for _, cmd := range cmds {
		select {
		case err := <-async(cmd.Wait):
			if err != nil {
				return err
			}
		case <-time.After(d):
			return ErrTimeout // want `return leaves goroutines blocked forever sending`
		}
	}
	return nil
}

type runner struct{ name string }

// start is a method future.
func (r *runner) start(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// Must report: a method future abandoned on timeout.
func (r *runner) RunTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-r.start(f):
		return err
	case <-time.After(d):
		return ErrTimeout // want `return leaves goroutines blocked forever sending`
	}
}
