package single

import (
	"errors"
	"time"
)

var errNeg = errors.New("negative")

func cleanup() {}
func work()    {}

// Reported: the early return neither sends on done nor closes it.
func watch(items []int) error {
	done := make(chan struct{})
	go func() {
		<-done
		cleanup()
	}()
	for _, it := range items {
		if it < 0 {
			return errNeg // want `return leaves goroutines blocked forever receiving from done: nothing sends on it or closes it on this path, and nothing else holds it`
		}
	}
	close(done)
	return nil
}

func waiter(ready <-chan int) {
	v := <-ready
	_ = v
	cleanup()
}

// Reported: a same-package waiter, and the channel is never used again.
func never() {
	ready := make(chan int)
	go waiter(ready)
	work()
} // want `receiving from ready`

// Silent: a deferred close.
func deferred(items []int) error {
	done := make(chan struct{})
	defer close(done)
	go waiter2(done)
	if len(items) == 0 {
		return errNeg
	}
	return nil
}

func waiter2(done <-chan struct{}) {
	<-done
	cleanup()
}

// Silent: a send on every path.
func sent(items []int) error {
	ready := make(chan int)
	go waiter(ready)
	if len(items) == 0 {
		ready <- 0
		return errNeg
	}
	ready <- len(items)
	return nil
}

func notify(ready chan<- int) { ready <- 1 }

// Silent: a helper sends on every path.
func viaHelper() {
	ready := make(chan int)
	go waiter(ready)
	notify(ready)
}

// Silent: the goroutine gives up after a timeout.
func timeout() {
	ready := make(chan int)
	go func() {
		select {
		case <-ready:
		case <-time.After(time.Second):
		}
		cleanup()
	}()
	work()
}

// Silent: the goroutine may return before receiving.
func mayReturn(skip bool) {
	ready := make(chan int)
	go func() {
		if skip {
			return
		}
		<-ready
	}()
	if !skip {
		ready <- 1
	}
}

// Silent: receives in a loop; how many sends it needs is not modelled.
func looped(items []int) {
	ready := make(chan int, len(items))
	go func() {
		for {
			<-ready
			cleanup()
		}
	}()
	for _, it := range items {
		ready <- it
	}
}

// Silent: a deferred closure sends.
func deferredSend() {
	ready := make(chan int)
	defer func() { ready <- 1 }()
	go waiter(ready)
	work()
}

// Silent: the channel is returned.
func returned() chan int {
	ready := make(chan int)
	go waiter(ready)
	return ready
}

// Silent: the send sits in a loop whose trip count makes it run.
func inLoop() {
	start := make(chan bool)
	go func() {
		<-start
		cleanup()
	}()
	for i := 0; i < 1000; i++ {
		if i == 222 {
			start <- true
		}
	}
}

// Silent: the goroutine takes back a token sent before it started.
func semaphore() {
	sem := make(chan struct{}, 1)
	sem <- struct{}{}
	go func() {
		work()
		<-sem
	}()
}

func finish(done chan struct{}, err error) error {
	if err != nil {
		return err
	}
	close(done)
	return nil
}

// Reported: the same-package function given done closes it only on its
// success path, so the return after it may leave the waiter blocked.
func viaPartialHelper(err error) error {
	done := make(chan struct{})
	go waiter2(done)
	return finish(done, err) // want `receiving from done: nothing sends on it or closes it on this path`
}

func finishAll(done chan struct{}, err error) error {
	defer close(done)
	if err != nil {
		return err
	}
	return nil
}

// Silent: the helper closes on every path.
func viaFullHelper(err error) error {
	done := make(chan struct{})
	go waiter2(done)
	return finishAll(done, err)
}
