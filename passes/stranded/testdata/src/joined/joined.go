// Package joined holds collectors that return after a goroutine closes a
// channel once every sender has finished: go func() { defer close(done);
// wg.Wait() }() followed by <-done.
package joined

import "sync"

func work(i int) error { return nil }

// --- must stay silent ---

// The deferred close of done runs after the Wait.
func deferredClose(xs []int) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(x)
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		wg.Wait()
	}()
	var first error
	for {
		select {
		case err := <-errc:
			if err != nil && first == nil {
				first = err
			}
		case <-done:
			return first
		}
	}
}

// The same with the close after the Wait, and a plain receive of done
// once the collector has stopped caring.
func plainClose(xs []int) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- x
		}()
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	sum := 0
	for {
		select {
		case v := <-results:
			sum += v
		case <-done:
			return sum
		}
	}
}

// --- must report ---

// The waiter can close done without waiting: done proves nothing.
func closesEarly(xs []int, skip bool) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(x)
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if skip {
			return
		}
		wg.Wait()
	}()
	var first error
	for {
		select {
		case err := <-errc:
			if err != nil && first == nil {
				first = err
			}
		case <-done:
			return first // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
}
