package groups

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

func handle(int) error { return nil }

// Reported: WaitGroup.Go workers, and the function never closes jobs.
func waitGroupGo(items []int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for j := range jobs {
				handle(j)
			}
		})
	}
	for _, it := range items {
		jobs <- it
	}
} // want `ranging over jobs`

// Silent: the errgroup's workers return on the first error.
func errgroupWorkers(ctx context.Context, items []int) error {
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan int)
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				if err := handle(j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	return g.Wait()
}

// Silent: closed before the Wait.
func closedBeforeWait(items []int) {
	jobs := make(chan int)
	var g errgroup.Group
	for range 4 {
		g.Go(func() error {
			for j := range jobs {
				handle(j)
			}
			return nil
		})
	}
	for _, it := range items {
		jobs <- it
	}
	close(jobs)
	g.Wait()
}

// Silent: a deferred close, even with an early return.
func deferredWithGroup(items []int) error {
	jobs := make(chan int)
	defer close(jobs)
	var wg sync.WaitGroup
	wg.Go(func() {
		for j := range jobs {
			handle(j)
		}
	})
	for _, it := range items {
		if it < 0 {
			return nil
		}
		jobs <- it
	}
	return nil
}
