// Package initflags holds goroutines started under a package variable
// set only at initialisation (a command-line flag) and waited for under
// the same test: the variable cannot change between the two.
package initflags

import (
	"flag"
	"sync"
)

func work(i int) error { return nil }

var (
	concurrent bool
	subscriber bool
	workers    = 4
	// live is set while the program runs: its two tests may differ.
	live bool
	// Shared is exported: another package may set it at any time.
	Shared bool
)

func init() {
	flag.BoolVar(&concurrent, "concurrent", false, "run the items concurrently")
	flag.BoolVar(&subscriber, "subscriber", false, "check with a subscriber")
	flag.IntVar(&workers, "workers", 4, "workers")
}

func toggle() { live = !live }

// --- must stay silent ---

func optional(xs []int) {
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

// The test and the Wait are separated by other work, including another
// group's Wait, as in a benchmark command.
func bank(xs []int) error {
	var wg, subWg sync.WaitGroup
	for i := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); work(i) }()
	}
	if subscriber {
		subWg.Add(1)
		go func() { defer subWg.Done(); work(-1) }()
	}
	wg.Wait()
	if subscriber {
		subWg.Wait()
	}
	return nil
}

// A comparison of such a variable with a constant.
func pooled(xs []int) {
	var wg sync.WaitGroup
	if workers > 1 {
		for i := range xs {
			wg.Add(1)
			go func() { defer wg.Done(); work(i) }()
		}
	}
	if workers > 1 {
		wg.Wait()
	}
}

// A loop testing the variable each time round.
func each(xs []int) {
	var wg sync.WaitGroup
	for i := range xs {
		if concurrent {
			wg.Add(1)
			go func() { defer wg.Done(); work(i) }()
		} else {
			work(i)
		}
	}
	if concurrent {
		wg.Wait()
	}
}

// --- must report ---

// live is written by toggle, which may run between the two tests.
func changing(xs []int) {
	var wg sync.WaitGroup
	if live {
		wg.Add(1)
		go func() { defer wg.Done(); work(0) }()
	}
	toggle()
	if live {
		wg.Wait()
	}
} // want `return skips sync.WaitGroup.Wait on wg`

// Shared is exported.
func exported(xs []int) {
	var wg sync.WaitGroup
	if Shared {
		wg.Add(1)
		go func() { defer wg.Done(); work(0) }()
	}
	if Shared {
		wg.Wait()
	}
} // want `return skips sync.WaitGroup.Wait on wg`
