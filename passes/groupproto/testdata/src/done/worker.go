package done

import (
	"context"
	"sync"
)

// Each item is counted before it is sent; the worker's continue skips
// the item's Done.
func workerContinue(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			if j < 0 {
				continue // want `continue without sync.WaitGroup.Done on wg: each item the worker receives is counted by an Add`
			}
			use(j)
			wg.Done()
		}
	}()
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	wg.Wait()
	close(jobs)
}

func consume(jobs <-chan int, wg *sync.WaitGroup) {
	for j := range jobs {
		if _, err := fetch(j); err != nil {
			return // want `return without sync.WaitGroup.Done on wg: each item`
		}
		wg.Done()
	}
}

// The same through a named worker that returns on an error.
func workerReturn(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int, len(xs))
	go consume(jobs, &wg)
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

// Silent: the skipping branch calls Done itself.
func workerDoneFirst(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			if j < 0 {
				wg.Done()
				continue
			}
			use(j)
			wg.Done()
		}
	}()
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

// Silent: the count is not one Add per send.
func workerCounted(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int, len(xs))
	wg.Add(len(xs))
	go func() {
		for j := range jobs {
			if j < 0 {
				continue
			}
			wg.Done()
		}
	}()
	for _, x := range xs {
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

func feed(jobs chan<- int) { jobs <- 0 }

// Silent: another function sends on the channel, uncounted as far as
// the check can see.
func workerEscapes(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int, len(xs)+1)
	go func() {
		for j := range jobs {
			if j < 0 {
				continue
			}
			wg.Done()
		}
	}()
	feed(jobs)
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

// Silent: the continue belongs to the inner loop.
func workerInner(xs [][]int) {
	var wg sync.WaitGroup
	jobs := make(chan []int)
	go func() {
		for j := range jobs {
			for _, y := range j {
				if y < 0 {
					continue
				}
				use(y)
			}
			wg.Done()
		}
	}()
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}

// Silent: the send sits in a select and may not happen.
func workerSelect(ctx context.Context, xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			if j < 0 {
				continue
			}
			wg.Done()
		}
	}()
	for _, x := range xs {
		wg.Add(1)
		select {
		case jobs <- x:
		case <-ctx.Done():
			wg.Done()
		}
	}
	close(jobs)
	wg.Wait()
}

// Silent: the worker defers Done per item in a closure.
func workerClosure(xs []int) {
	var wg sync.WaitGroup
	jobs := make(chan int)
	go func() {
		for j := range jobs {
			func() {
				defer wg.Done()
				if j < 0 {
					return
				}
				use(j)
			}()
		}
	}()
	for _, x := range xs {
		wg.Add(1)
		jobs <- x
	}
	close(jobs)
	wg.Wait()
}
