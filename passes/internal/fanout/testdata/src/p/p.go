//go:build go1.22

package p

import "sync"

func plain() int { return 1 } // not a candidate: no goroutine, no group

func spawns(n int) { // want `candidate spawns built`
	for i := 0; i < n; i++ {
		go func() { // want `closure captures a per-iteration i`
			use(i)
		}()
	}
	go worker(n)
	plain()
}

func worker(n int) { use(n) } // want `candidate worker built`

func joins(wg *sync.WaitGroup) { // want `candidate joins built`
	wg.Wait()
}

type S struct{}

func (S) run() {} // want `candidate run built`

func (s S) start(wg *sync.WaitGroup) { // want `candidate start built`
	wg.Go(s.run)
}

func use(int) {}

// A package variable whose initializer starts a goroutine holds no
// candidate (package initializers are not built) but is indexed for the
// syntactic checks; one that does not is not indexed.
var started = func() bool { // want `var started indexed`
	go use(1)
	return true
}()

var notStarted = plain()
