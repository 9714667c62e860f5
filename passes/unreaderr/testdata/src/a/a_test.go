package a

import (
	"sync"
	"testing"
)

// In _test.go files, a spawner with no error result (a test, a
// benchmark, a stress test) runs its goroutines for their effects: what
// they drop is best effort, and nothing is reported.

// A stress test calls an API from many goroutines for the races alone:
// the function has no error result, so its goroutines run for effect.
func stressNoErrorResult(w *worker) {
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.serve()
		}()
		wg.Go(func() { work(1) })
		wg.Add(1)
		go w.run(&wg)
	}
	wg.Wait()
}

// The literal that returns no error has no way out for the failure, but
// its spawner is the function that matters: here it returns no error.
func spawnerInLiteral() error {
	var wg sync.WaitGroup
	f := func() {
		wg.Go(func() { work(1) })
	}
	f()
	wg.Wait()
	return nil
}

func TestHammer(t *testing.T) {
	w := &worker{}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go workWG(&wg, i)
		wg.Go(func() { w.serve() })
	}
	wg.Wait()
}

func BenchmarkServe(b *testing.B) {
	w := &worker{}
	var wg sync.WaitGroup
	for range b.N {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.serve()
		}()
	}
	wg.Wait()
}

// A test helper that returns an error still passes its goroutines'
// failures on: reported, at note level.
func helperWithError(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go workWG(&wg, i) // want `go statement discards the error returned by a.workWG`
	}
	wg.Wait()
	return nil
}
