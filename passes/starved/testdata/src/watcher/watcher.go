package watcher

import (
	"context"
	"errors"
)

var errBad = errors.New("bad")

func check() error { return nil }
func work()        {}

func watch(done chan<- struct{}) {
	if err := check(); err != nil {
		return // want `return neither sends on done nor closes it: the function that started this goroutine waits for it in a receive that nothing else can satisfy`
	}
	close(done)
}

// Reported: the watcher returns without closing done on one path.
func run() {
	done := make(chan struct{})
	go watch(done)
	work()
	<-done
}

// Reported: a closure that sends only on success.
func closure() error {
	result := make(chan int)
	go func() {
		if check() != nil {
			return // want `neither sends on result`
		}
		result <- 1
	}()
	if v := <-result; v != 1 {
		return errBad
	}
	return nil
}

func watchAll(done chan<- struct{}) {
	defer close(done)
	if err := check(); err != nil {
		return
	}
	work()
}

// Silent: the watcher closes done on every path.
func deferred() {
	done := make(chan struct{})
	go watchAll(done)
	<-done
}

// Silent: the function also selects on a context.
func withCtx(ctx context.Context) {
	done := make(chan struct{})
	go watch(done)
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// Silent: an error or a value on every path.
func errOrValue() error {
	errc := make(chan error)
	go func() {
		if err := check(); err != nil {
			errc <- err
			return
		}
		errc <- nil
	}()
	return <-errc
}

// Silent: two watchers; which one signals is not modelled.
func two() {
	done := make(chan struct{})
	go watch(done)
	go watch(done)
	<-done
}

// Silent: the watcher's select has another case, and counts as sending.
func selectSend(ctx context.Context) {
	res := make(chan int)
	go func() {
		select {
		case res <- 1:
		case <-ctx.Done():
		}
	}()
	<-res
}

// Silent: the function may return without waiting.
func mayNotWait(b bool) {
	done := make(chan struct{}, 1)
	go watch(done)
	if b {
		return
	}
	<-done
}

// Silent: the channel is returned.
func returned() chan struct{} {
	done := make(chan struct{})
	go watch(done)
	return done
}

func produce(out chan<- int, n int) {
	for i := range n {
		if check() != nil {
			return // want `return does not close out: the function that started this goroutine ranges over it`
		}
		out <- i
	}
	close(out)
}

// Reported: the producer closes only on its success path.
func consume() int {
	out := make(chan int)
	go produce(out, 10)
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

func produceAll(out chan<- int, n int) {
	defer close(out)
	for i := range n {
		if check() != nil {
			return
		}
		out <- i
	}
}

// Silent: the producer closes on every path.
func consumeAll() int {
	out := make(chan int)
	go produceAll(out, 10)
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// Silent: the consumer may stop early.
func consumeSome() int {
	out := make(chan int)
	go produce(out, 10)
	for v := range out {
		if v > 3 {
			return v
		}
	}
	return 0
}

// Reported once, at produce's return, with consume.
func consumeAgain() int {
	out := make(chan int)
	go produce(out, 5)
	n := 0
	for range out {
		n++
	}
	return n
}
