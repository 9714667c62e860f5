package loopwait

import "sync"

func work(int) {}

// The first Wait waits for Dones of goroutines later iterations start.
func addLenWaitInLoop(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go func() {
			defer wg.Done()
			work(x)
		}()
		wg.Wait() // want `sync.WaitGroup.Wait inside the loop that starts the goroutines counted by Add\(len\(xs\)\): the first Wait waits for Done calls that only later iterations can make`
	}
}

func addNWaitFirst(n int) {
	wg := new(sync.WaitGroup)
	wg.Add(n)
	for i := 0; i < n; i++ {
		wg.Wait() // want `inside the loop that starts the goroutines counted by Add\(n\)`
		go func() {
			work(i)
			wg.Done()
		}()
	}
}

func addConstTwo(xs []int) {
	var wg sync.WaitGroup
	wg.Add(2)
	for _, x := range xs {
		go func() { defer wg.Done(); work(x) }()
		wg.Wait() // want `counted by Add\(2\)`
	}
}

// Silent: serial fan-out, Add(1), go and Wait in the same iteration.
func serial(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(x)
		}()
		wg.Wait()
	}
}

// Silent: Add(1) before the loop counts one goroutine, waited for at once.
func addOneBefore(xs []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	for _, x := range xs {
		go func() { defer wg.Done(); work(x) }()
		wg.Wait()
		wg.Add(1)
	}
}

// Silent: the Wait comes after the loop.
func waitAfter(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go func() { defer wg.Done(); work(x) }()
	}
	wg.Wait()
}

// Silent: a Wait on the last iteration only.
func waitOnLast(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for i, x := range xs {
		go func() { defer wg.Done(); work(x) }()
		if i == len(xs)-1 {
			wg.Wait()
		}
	}
}

// Silent: batches, each counted inside the outer loop.
func batches(bs [][]int) {
	var wg sync.WaitGroup
	for _, b := range bs {
		wg.Add(len(b))
		for _, x := range b {
			go func() { defer wg.Done(); work(x) }()
		}
		wg.Wait()
	}
}

func finish(wg *sync.WaitGroup) { wg.Done() }

// Silent: the group escapes to a function that may call Done.
func escapes(xs []int) {
	var wg sync.WaitGroup
	wg.Add(len(xs))
	for _, x := range xs {
		go func() { work(x); wg.Done() }()
		finish(&wg)
		wg.Wait()
	}
}

// Silent: the loop's goroutines do not use the group; the Wait is for
// the one started before.
func otherGoroutines(xs []int, ch chan int) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); work(0) }()
	go func() { defer wg.Done(); work(1) }()
	for _, x := range xs {
		go func() { ch <- x }()
		wg.Wait()
	}
}
