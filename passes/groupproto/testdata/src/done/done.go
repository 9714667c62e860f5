package done

import (
	"context"
	"errors"
	"log"
	"runtime"
	"sync"
	"time"
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
				return // want `return without sync.WaitGroup.Done on wg: the goroutine is counted by Add, so Wait blocks forever once this path is taken`
			}
			use(v)
			wg.Done()
		}()
	}
	wg.Wait()
}

func selectReturn(ctx context.Context, ch <-chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		select {
		case <-ctx.Done():
			return // want `return without sync.WaitGroup.Done`
		case v := <-ch:
			use(v)
		}
		wg.Done()
	}()
	wg.Wait()
}

func goexit(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			runtime.Goexit() // want `runtime.Goexit without sync.WaitGroup.Done`
		}
		use(x)
		wg.Done()
	}()
	wg.Wait()
}

func worker(wg *sync.WaitGroup, x int) {
	if _, err := fetch(x); err != nil {
		return // want `return without sync.WaitGroup.Done on wg`
	}
	wg.Done()
}

func namedWorker(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go worker(&wg, x)
	}
	wg.Wait()
}

// A defer registered after an early return does not cover it.
func lateDefer(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done`
		}
		defer wg.Done()
		use(x)
	}()
	wg.Wait()
}

// Silent: defer wg.Done() first.
func deferred(xs []int) {
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
func everyPath(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			v, err := fetch(x)
			if err != nil {
				wg.Done()
				return
			}
			use(v)
			wg.Done()
		}()
	}
	wg.Wait()
}

// Silent: a deferred closure that calls Done.
func deferredClosure(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer func() { wg.Done() }()
		if x < 0 {
			return
		}
		use(x)
	}()
	wg.Wait()
}

// Silent: a worker that calls Done per item, counted per item.
func perItem(jobs <-chan int, n int) {
	var wg sync.WaitGroup
	wg.Add(n)
	go func() {
		for j := range jobs {
			if j < 0 {
				continue
			}
			use(j)
			wg.Done()
		}
	}()
	wg.Wait()
}

// Silent: paths that crash or exit.
func crash(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			panic(errors.New("negative"))
		}
		if x == 0 {
			log.Fatal("zero")
		}
		use(x)
		wg.Done()
	}()
	wg.Wait()
}

// Silent: the goroutine hands the group to another function.
func handoff(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			finish(&wg)
			return
		}
		wg.Done()
	}()
	wg.Wait()
}

func finish(wg *sync.WaitGroup) { wg.Done() }

// Silent: nobody waits.
func neverWaited(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			return
		}
		wg.Done()
	}()
}

// Silent: wg.Go does its own counting.
func wgGo(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() {
			if _, err := fetch(x); err != nil {
				return
			}
		})
	}
	wg.Wait()
}

// Silent: a server goroutine that never returns.
func forever(ch <-chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Done()
		for v := range ch {
			use(v)
		}
	}()
	wg.Wait()
}

// Silent: a path that blocks forever never returns.
func blocksForever(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if x < 0 {
			select {}
		}
		use(x)
		wg.Done()
	}()
	wg.Wait()
}

// A literal that takes the group as a parameter and captures x.
func literalParam(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(wg *sync.WaitGroup) {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on wg`
		}
		wg.Done()
	}(&wg)
	wg.Wait()
}

// Silent: the same literal with a deferred Done.
func literalParamDeferred(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(wg *sync.WaitGroup) {
		defer wg.Done()
		if x < 0 {
			return
		}
		use(x)
	}(&wg)
	wg.Wait()
}

// Silent: a range over a ticker's channel never ends; the only way out
// calls Done.
func ticker(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		for range time.NewTicker(time.Second).C {
			select {
			case <-ctx.Done():
				wg.Done()
				return
			default:
			}
			use(0)
		}
	}()
	wg.Wait()
}
