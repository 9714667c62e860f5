// Package correlated holds goroutines started under a condition and
// waited for under the same unchanged condition: the path that skips the
// Wait started none.
package correlated

import (
	"errors"
	"sync"
)

func work(i int) error { return nil }
func validate() error  { return nil }

// --- must stay silent ---

func optional(concurrent bool, xs []int) {
	var wg sync.WaitGroup
	if concurrent {
		for i := range xs {
			wg.Add(1)
			go func() { defer wg.Done(); work(i) }()
		}
	}
	if concurrent {
		wg.Wait()
	}
}

// The negation, and a condition combined with another.
func negated(sequential bool, xs []int) error {
	var wg sync.WaitGroup
	if !sequential {
		wg.Add(1)
		go func() { defer wg.Done(); work(0) }()
	}
	if err := validate(); err != nil && sequential {
		return err
	}
	if !sequential {
		wg.Wait()
	}
	return nil
}

// The same comparison tested twice, spelled == and !=.
func comparison(n int) {
	var wg sync.WaitGroup
	if n != 1 {
		wg.Add(1)
		go func() { defer wg.Done(); work(n) }()
	}
	if n == 1 {
		return
	}
	wg.Wait()
}

// The same correlation for a collector: the sender runs only if async.
func collected(async bool) error {
	errc := make(chan error)
	if async {
		go func() { errc <- work(1) }()
	}
	if !async {
		return errors.New("sync")
	}
	return <-errc
}

// --- must report ---

// Two different conditions: the path with a and not b skips the Wait.
func different(a, b bool) {
	var wg sync.WaitGroup
	if a {
		wg.Add(1)
		go func() { defer wg.Done(); work(0) }()
	}
	if b {
		wg.Wait()
	}
} // want `return skips sync.WaitGroup.Wait on wg`

// A condition recomputed in each iteration does not carry over.
func perIteration(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		odd := x%2 == 1
		if odd {
			wg.Add(1)
			go func() { defer wg.Done(); work(x) }()
		}
		if odd && x > 10 {
			return // want `return skips sync.WaitGroup.Wait on wg`
		}
	}
	wg.Wait()
}
