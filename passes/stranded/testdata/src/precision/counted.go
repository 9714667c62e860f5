package precision

import "errors"

// --- must stay silent ---

// One goroutine, started by a loop that runs once, and a buffer of one.
func countedOnce() error {
	const n = 1
	errc := make(chan error, 1)
	for i := 1; i <= n; i++ {
		go func() { errc <- work() }()
	}
	return <-errc
}

// Two goroutines and two receives.
func rangeTwo() error {
	errc := make(chan error)
	for range 2 {
		go func() { errc <- work() }()
	}
	e1 := <-errc
	e2 := <-errc
	return errors.Join(e1, e2)
}

// Three goroutines, and a buffer for every one of them: the first error
// returns early, the others fit.
func countedBuffered() error {
	const workers = 3
	errc := make(chan error, workers)
	for i := 0; i < workers; i++ {
		go func() { errc <- work() }()
	}
	for i := 0; i < workers; i++ {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Two started, a buffer of one and one receive.
func countedTwoBufferOne() error {
	errc := make(chan error, 1)
	for i := 0; i < 2; i++ {
		go func() { errc <- work() }()
	}
	return <-errc
}

// --- must report ---

// Two goroutines, one receive: the second is left blocked.
func rangeTwoOneReceive() error {
	errc := make(chan error)
	for range 2 {
		go func() { errc <- work() }()
	}
	return <-errc // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
}

// The counter is changed in the body: the trip count is not constant.
func counterChanged(skip bool) error {
	errc := make(chan error, 1)
	for i := 0; i < 1; i++ {
		if skip {
			i--
		}
		go func() { errc <- work() }()
	}
	return <-errc // want `return leaves goroutines blocked forever sending on channel errc \(capacity 1\)`
}

// Nested counted loops start six goroutines; six receives take them all.
func countedNested() error {
	errc := make(chan error)
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			go func() { errc <- work() }()
		}
	}
	var errs []error
	for range 6 {
		errs = append(errs, <-errc)
	}
	return errors.Join(errs...)
}
