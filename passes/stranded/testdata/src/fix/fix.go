// Package fix holds the cases with a suggested capacity fix.
package fix

import "errors"

func work(x int) error { return nil }

func firstError(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever`
		}
	}
	return nil
}

func overMap(m map[string]int) error {
	errc := make(chan error, 0)
	for _, v := range m {
		go func() { errc <- work(v) }()
	}
	return <-errc // want `return leaves goroutines blocked forever`
}

func single(x int) error {
	errc := make(chan error)
	go func() { errc <- work(x) }()
	if x < 0 {
		return errors.New("negative") // want `return leaves goroutines blocked forever`
	}
	return <-errc
}

func two(x int) error {
	errc := make(chan error)
	go func() { errc <- work(x) }()
	go func() { errc <- work(x + 1) }()
	return <-errc // want `return leaves goroutines blocked forever`
}

// No fix: xs is reassigned after the make.
func reassigned(xs []int) error {
	errc := make(chan error)
	xs = append(xs, 0)
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	return <-errc // want `return leaves goroutines blocked forever`
}

// No fix: the loop ranges over an integer.
func overInt(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return <-errc // want `return leaves goroutines blocked forever`
}

// No fix: each goroutine may send many times.
func manySends(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	return <-ch // want `return leaves goroutines blocked forever`
}

// No fix: nested loops start len(xs)*len(ys) goroutines.
func nested(xs, ys []int) error {
	errc := make(chan error)
	for _, x := range xs {
		for _, y := range ys {
			go func() { errc <- work(x + y) }()
		}
	}
	return <-errc // want `return leaves goroutines blocked forever`
}

// --- silent: nothing to fix ---

func buffered(xs []int) error {
	errc := make(chan error, len(xs))
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	return <-errc
}

func drained(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- work(x) }()
	}
	var first error
	for range xs {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func bufferedOne(x int) error {
	errc := make(chan error, 1)
	go func() { errc <- work(x) }()
	if x < 0 {
		return errors.New("negative")
	}
	return <-errc
}

func selectDone(xs []int) error {
	done := make(chan struct{})
	defer close(done)
	errc := make(chan error)
	for _, x := range xs {
		go func() {
			select {
			case errc <- work(x):
			case <-done:
			}
		}()
	}
	return <-errc
}

func received(x int) error {
	errc := make(chan error)
	go func() { errc <- work(x) }()
	return <-errc
}

func producer(xs []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range xs {
			ch <- x
		}
	}()
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

func escapes(x int) chan error {
	errc := make(chan error)
	go func() { errc <- work(x) }()
	return errc
}

func twoReceived(x int) error {
	errc := make(chan error)
	go func() { errc <- work(x) }()
	go func() { errc <- work(x + 1) }()
	err1, err2 := <-errc, <-errc
	return errors.Join(err1, err2)
}

func oneAtATime(xs []int) error {
	for _, x := range xs {
		errc := make(chan error)
		go func() { errc <- work(x) }()
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}
