package selfwait

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

func work(int) error { return nil }

func errgroupSelf(xs []int) error {
	var g errgroup.Group
	for _, x := range xs {
		g.Go(func() error {
			if err := work(x); err != nil {
				return err
			}
			return g.Wait() // want `errgroup.Group.Wait called inside one of the group's own goroutines: it waits for the goroutine that calls it`
		})
	}
	return g.Wait()
}

func waitGroupGoSelf(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() {
			work(x)
			wg.Wait() // want `sync.WaitGroup.Wait called inside one of the group's own goroutines`
		})
	}
	wg.Wait()
}

func deferredDoneThenWait(xs []int, done chan struct{}) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(x)
			wg.Wait() // want `sync.WaitGroup.Wait called inside a goroutine the group counts, before its Done`
			close(done)
		}()
	}
}

// Silent: the closer goroutine is not counted by the group.
func closer(xs []int) <-chan error {
	errc := make(chan error, len(xs))
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(x)
		}()
	}
	go func() {
		wg.Wait()
		close(errc)
	}()
	return errc
}

// Silent: Done comes before the Wait: a goroutine that finishes its part,
// then waits for the others.
func doneThenWait(xs []int, out chan<- int) {
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() {
			work(x)
			wg.Done()
			if i == 0 {
				wg.Wait()
				out <- len(xs)
			}
		}()
	}
}

// Silent: the inner Wait is on a nested group.
func nested(xs []int) error {
	var g errgroup.Group
	g.Go(func() error {
		var inner errgroup.Group
		for _, x := range xs {
			inner.Go(func() error { return work(x) })
		}
		return inner.Wait()
	})
	return g.Wait()
}

// Silent: a Wait in a goroutine of another group.
func otherGroup(xs []int) error {
	var a, b errgroup.Group
	for _, x := range xs {
		a.Go(func() error { return work(x) })
	}
	b.Go(func() error { return a.Wait() })
	return b.Wait()
}

// Silent: a goroutine that waits for a batch and counts itself anew.
func recount(xs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		wg.Wait()
		wg.Add(1)
		work(0)
		wg.Done()
	}()
	wg.Wait()
}
