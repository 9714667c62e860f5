// Package joinwait holds collectors that wait for their senders with a
// WaitGroup before returning.
package joinwait

import (
	"errors"
	"sync"
	"time"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

// Silent: Wait returns only once every goroutine has sent (its Done is
// deferred), so none is left blocked at the return; and the sends are
// conditional, so the Wait is not claimed to block.
func deferredDone(n int) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(i); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// Silent: the same with a plain Done after the send.
func plainDone(n int) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			if err := work(i); err != nil {
				errc <- err
			}
			wg.Done()
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// Silent: a producer settled by its done channel, and workers joined by
// the Wait.
func mixed(n int) error {
	errs := make(chan error, 1)
	done := make(chan struct{}, 1)
	jobs := make(chan int, n)
	var wg sync.WaitGroup
	go func() {
		for i := range n {
			if err := work(i); err != nil {
				errs <- err
				return
			}
			jobs <- i
		}
		close(jobs)
		done <- struct{}{}
	}()
	select {
	case <-done:
	case err := <-errs:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
	for j := range jobs {
		wg.Add(1)
		go func() {
			if err := work(j); err != nil {
				errs <- err
			}
			wg.Done()
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// Must report: Done comes before the send, so Wait proves nothing; the
// return takes one value of many.
func doneFirst(n int) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			wg.Done()
			errc <- work(i)
		}()
	}
	wg.Wait()
	return <-errc // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
}

// Must report: the return before the Wait is not settled by it.
func beforeWait(n int, quick bool) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(i)
		}()
	}
	if quick {
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
	go func() { wg.Wait(); close(errc) }()
	for err := range errc {
		if err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// Must report: the goroutines send on an unbuffered channel before
// Done, and the function receives only after Wait: Wait never returns.
func waitThenReceive(n int) error {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(i)
		}()
	}
	wg.Wait() // want `Wait can block forever: the goroutines it waits for can send more values on unbuffered channel errc than it buffers before they call Done`
	return <-errc
}

// Silent: a buffer of one for any number of failures would block, but
// the sends are conditional: how many fail is not known (Known
// limitations).
func failuresAfterWait(n int) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(i); err != nil {
				errc <- err
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// Silent: buffered for every sender.
func bufferedForAll(xs []int) error {
	errc := make(chan error, len(xs))
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(x)
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// Silent: two goroutines, a buffer of two.
func two() error {
	errc := make(chan error, 2)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); errc <- work(1) }()
	go func() { defer wg.Done(); errc <- work(2) }()
	wg.Wait()
	if err := <-errc; err != nil {
		return err
	}
	return <-errc
}

// Silent: the first failure wins under a mutex: one send at most, and
// the buffer holds it.
func firstWins(n int) error {
	errc := make(chan error, 1)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		sent bool
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(i); err != nil {
				mu.Lock()
				if !sent {
					sent = true
					errc <- err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}
