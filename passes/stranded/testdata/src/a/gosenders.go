package a

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

// Senders started with WaitGroup.Go; the join closes the channel.
func wgGoCloseRange(xs []int) int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() { results <- x })
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	sum := 0
	for v := range results {
		sum += v
	}
	return sum
}

// Senders started with errgroup.Group.Go; the collector stops early.
func errgroupSenders(xs []int) (int, error) {
	var g errgroup.Group
	ch := make(chan int)
	for _, x := range xs {
		g.Go(func() error {
			ch <- x
			return nil
		})
	}
	for range xs {
		if v := <-ch; v < 0 {
			return v, nil // want `return leaves goroutines blocked forever sending on unbuffered channel ch` `return skips errgroup.Group.Wait on g`
		}
	}
	return 0, g.Wait()
}
