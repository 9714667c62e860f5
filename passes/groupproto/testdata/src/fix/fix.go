package fix

import (
	"context"
	"sync"
)

func fetch(int) (int, error) { return 0, nil }

func use(int) {}

func earlyReturn(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			v, err := fetch(x)
			if err != nil {
				return // want `return without sync.WaitGroup.Done on wg`
			}
			if v < 0 {
				wg.Done()
				return
			}
			use(v)
			wg.Done()
		}()
	}
	wg.Wait()
}

func worker(ctx context.Context, wg *sync.WaitGroup, ch <-chan int) {
	select {
	case <-ctx.Done():
		return // want `return without sync.WaitGroup.Done on wg`
	case v := <-ch:
		use(v)
	}
	wg.Done()
}

func start(ctx context.Context, ch <-chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(ctx, &wg, ch)
	wg.Wait()
}

// No fix: something happens after the Done.
func afterDone(x int, out chan<- int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on wg`
		}
		wg.Done()
		out <- x
	}()
	wg.Wait()
}

// No fix: another defer would run before the Done.
func otherDefer(x int, out chan<- int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer func() { out <- x }()
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on wg`
		}
		use(x)
		wg.Done()
	}()
	wg.Wait()
}

// Silent: Done deferred at the start.
func deferredFirst(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := fetch(x); err != nil {
				return
			}
		}()
	}
	wg.Wait()
}

// Silent: Done on every path.
func everyPath(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			wg.Done()
			return
		}
		use(x)
		wg.Done()
	}()
	wg.Wait()
}

// Silent: Done before the early return.
func doneFirst(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		if x < 0 {
			return
		}
		use(x)
	}()
	wg.Wait()
}

// Silent: a worker counted per item.
func perItem(jobs <-chan int, n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	go func() {
		for j := range jobs {
			use(j)
			wg.Done()
		}
	}()
	wg.Wait()
}

// Silent: wg.Go counts and finishes the goroutine itself.
func wgGo(x int) {
	var wg sync.WaitGroup
	wg.Go(func() {
		if x < 0 {
			return
		}
		use(x)
	})
	wg.Wait()
}

type server struct{ wg sync.WaitGroup }

func (s *server) Close() { s.wg.Wait() }

func (s *server) serve(x int) {
	s.wg.Add(1)
	go func() {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on s.wg`
		}
		use(x)
		s.wg.Done()
	}()
}
