package done

import "sync"

// serveConn counts itself only when it is asked to: the caller decides.
func serveConn(wg *sync.WaitGroup, c int, async bool) {
	if async {
		defer wg.Done()
	}
	if c < 0 {
		return
	}
	use(c)
}

// Silent: started with async true, the Done is deferred on every path.
func asyncConstant(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go serveConn(&wg, x, true)
	}
	wg.Wait()
}

// Silent: the flag is not a constant here; whether the goroutine is
// counted is the caller's affair, and the check does not guess.
func asyncFlag(xs []int, async bool) {
	var wg sync.WaitGroup
	for _, x := range xs {
		if async {
			wg.Add(1)
		}
		go serveConn(&wg, x, async)
	}
	wg.Wait()
}

// Silent: the synchronous call of the same function is no goroutine.
func asyncSync(x int) {
	var wg sync.WaitGroup
	serveConn(&wg, x, false)
	wg.Wait()
}

// Silent: a literal given the constant, with the negated test.
func asyncLiteral(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(sync bool) {
		if !sync {
			defer wg.Done()
		}
		if x < 0 {
			return
		}
		use(x)
	}(false)
	wg.Wait()
}

// Silent: a Done at the end under a comparison the constant decides.
func asyncMode(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(mode int) {
		use(x)
		if mode == 1 {
			wg.Done()
		}
	}(1)
	wg.Wait()
}

// Counted by Add, but started with async false: serveConn then never
// calls Done and Wait blocks forever.
func asyncFalse(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go serveConnOnce(&wg, x, false)
	wg.Wait()
}

func serveConnOnce(wg *sync.WaitGroup, c int, async bool) {
	if async {
		defer wg.Done()
	}
	use(c)
} // want `return without sync.WaitGroup.Done on the WaitGroup`

// The constant decides the flag, but the early return on the other
// parameter still skips the Done.
func asyncEarly(x int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(async bool) {
		if x < 0 {
			return // want `return without sync.WaitGroup.Done on wg`
		}
		if async {
			wg.Done()
		}
	}(true)
	wg.Wait()
}
