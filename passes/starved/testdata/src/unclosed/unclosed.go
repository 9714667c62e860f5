package unclosed

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

var errNeg = errors.New("negative")

func handle(int) {}

// Reported: the workers range over jobs, which is never closed.
func process(items []int) {
	jobs := make(chan int)
	for i := 0; i < 4; i++ {
		go func() {
			for j := range jobs {
				handle(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
} // want `return leaves goroutines blocked forever ranging over jobs: nothing closes it on this path and nothing else sends on it; close jobs once the sends are done, on every path \(defer close\(jobs\) after the make\)`

func worker(jobs <-chan int) {
	for j := range jobs {
		handle(j)
	}
}

// Reported: the early return between the sends and the close.
func early(items []int) error {
	jobs := make(chan int)
	go worker(jobs)
	for _, it := range items {
		if it < 0 {
			return errNeg // want `return leaves goroutines blocked forever ranging over jobs: nothing closes it on this path .*close jobs on every path, not only on some \(a deferred close\)`
		}
		jobs <- it
	}
	close(jobs)
	return nil
}

type pool struct{ n int }

func (p *pool) run(jobs chan string) {
	for s := range jobs {
		p.n += len(s)
	}
}

// Reported: a method started as the worker.
func (p *pool) feed(xs []string) {
	jobs := make(chan string, 1)
	go p.run(jobs)
	for _, x := range xs {
		jobs <- x
	}
} // want `ranging over jobs`

func drain[T any](ch <-chan T) {
	for v := range ch {
		_ = v
	}
}

// Reported: a generic worker.
func feedGeneric[T any](xs []T) {
	ch := make(chan T)
	go drain(ch)
	for _, x := range xs {
		ch <- x
	}
} // want `ranging over ch`

// Reported: sends through a same-package helper, a close only on success.
func viaHelper(items []int) error {
	jobs := make(chan int)
	go worker(jobs)
	if err := send(jobs, items); err != nil {
		return err // want `ranging over jobs`
	}
	close(jobs)
	return nil
}

func send(jobs chan<- int, items []int) error {
	for _, it := range items {
		if it < 0 {
			return errNeg
		}
		jobs <- it
	}
	return nil
}

// Silent: closed by a deferred close.
func deferred(items []int) {
	jobs := make(chan int)
	defer close(jobs)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// Silent: closed after the sends on every path, then waited for.
func closedThenWait(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				handle(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	wg.Wait()
}

// Silent: a deferred closure closes it.
func deferredClosure(items []int) error {
	jobs := make(chan int)
	defer func() { close(jobs) }()
	go worker(jobs)
	for _, it := range items {
		if it < 0 {
			return errNeg
		}
		jobs <- it
	}
	return nil
}

func finish(jobs chan int) { close(jobs) }

// Silent: a deferred helper closes it on every path.
func deferredHelper(items []int) error {
	jobs := make(chan int)
	defer finish(jobs)
	go worker(jobs)
	for _, it := range items {
		if it < 0 {
			return errNeg
		}
		jobs <- it
	}
	return nil
}

// Silent: a producer goroutine sends and closes; the function is not
// the only sender.
func producer(items []int) {
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for _, it := range items {
			jobs <- it
		}
	}()
	go worker(jobs)
}

// Silent: the workers select on ctx.Done.
func withCtx(ctx context.Context, items []int) {
	jobs := make(chan int)
	go func() {
		for {
			select {
			case j := <-jobs:
				handle(j)
			case <-ctx.Done():
				return
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Silent: the workers have a done channel.
func withDone(items []int, done <-chan struct{}) {
	jobs := make(chan int)
	go func() {
		for {
			select {
			case j := <-jobs:
				handle(j)
			case <-done:
				return
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Silent: the worker gives up after a timeout.
func withTimer(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			select {
			case j := <-jobs:
				handle(j)
			case <-time.After(time.Second):
				return
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Silent: the worker leaves the loop on a value.
func sentinel(items []int) {
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			if j < 0 {
				break
			}
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
	jobs <- -1
}

// Silent: returned, the caller owns it.
func returned(items []int) chan int {
	jobs := make(chan int, len(items))
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	return jobs
}

type holder struct{ jobs chan int }

// Silent: stored in a field, closed by whoever owns the holder.
func stored(h *holder, items []int) {
	jobs := make(chan int)
	h.jobs = jobs
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// Silent: passed to code the model cannot follow.
func unknown(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	fmt.Println(jobs)
	for _, it := range items {
		jobs <- it
	}
}

// Silent: put in an interface.
func inInterface(items []int) any {
	jobs := make(chan int)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	var x any = jobs
	return x
}

// Silent: a worker sends back on the channel.
func requeue(items []int) {
	jobs := make(chan int, 10)
	go func() {
		for j := range jobs {
			if j > 0 {
				jobs <- j - 1
			}
		}
	}()
	for _, it := range items {
		jobs <- it
	}
}

// Silent: the worker may skip the loop.
func maySkip(items []int, skip bool) {
	jobs := make(chan int)
	go func() {
		if skip {
			return
		}
		for j := range jobs {
			handle(j)
		}
	}()
	for _, it := range items {
		if !skip {
			jobs <- it
		}
	}
}

// Silent: closed by a helper called on every path.
func closedByHelper(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	finish(jobs)
}

// Silent: a return before any worker starts.
func beforeStart(items []int) error {
	if len(items) == 0 {
		return errNeg
	}
	jobs := make(chan int)
	defer close(jobs)
	go worker(jobs)
	for _, it := range items {
		jobs <- it
	}
	return nil
}

func feedAndClose(jobs chan int, items []int) {
	defer func() { close(jobs) }()
	for _, it := range items {
		jobs <- it
	}
}

// Silent: a helper closes it in a deferred closure.
func helperDeferredClosure(items []int) {
	jobs := make(chan int)
	go worker(jobs)
	feedAndClose(jobs, items)
}

type server struct{ n int }

func (s *server) process(jobs <-chan int) {
	for j := range jobs {
		s.n += j
	}
}

// Reported: the goroutine ranges in a method it calls.
func (s *server) serve(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.process(jobs)
	}()
	for _, it := range items {
		jobs <- it
	}
} // want `ranging over jobs`

// Silent: the goroutine may not call the ranging method.
func (s *server) maybe(items []int, on bool) {
	jobs := make(chan int)
	go func() {
		if on {
			s.process(jobs)
		}
	}()
	for _, it := range items {
		if on {
			jobs <- it
		}
	}
}

// Reported: the worker tests ok, the closed branch is its only way out.
func commaOk(items []int) {
	jobs := make(chan int)
	go func() {
		for {
			j, ok := <-jobs
			if !ok {
				return
			}
			handle(j)
		}
	}()
	for _, it := range items {
		jobs <- it
	}
} // want `ranging over jobs`
