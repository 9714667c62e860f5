// Package precision holds shapes the check once misread as senders left
// blocked or goroutines left running, next to the near misses that are
// real and still reported.
package precision

import (
	"errors"
)

type item struct {
	ID  int
	Err error
}

func work() error { return nil }

// --- must stay silent ---

// A filter lets the send fire once: ids are unique, and the collector
// takes the one value.
func findByID(xs []item, id int) (item, error) {
	ch := make(chan item)
	go func() {
		for _, x := range xs {
			if x.ID == id {
				ch <- x
			}
		}
	}()
	x := <-ch
	if x.Err != nil {
		return x, x.Err
	}
	return x, nil
}

// The same filter spelled with a continue.
func firstNonNil(xs []item) error {
	errc := make(chan error)
	go func() {
		for _, x := range xs {
			if x.Err == nil {
				continue
			}
			errc <- x.Err
		}
	}()
	if err := <-errc; err != nil {
		return err
	}
	return nil
}

// A send followed by leaving the loop fires once.
func findBreak(xs []item, id int) error {
	ch := make(chan item)
	go func() {
		for _, x := range xs {
			if x.ID == id {
				ch <- x
				break
			}
		}
	}()
	if x := <-ch; x.Err != nil {
		return x.Err
	}
	return nil
}

// A send followed by a return from the goroutine fires once.
func findReturn(xs []item, id int) error {
	ch := make(chan item)
	go func() {
		for _, x := range xs {
			if x.ID == id {
				ch <- x
				return
			}
		}
	}()
	if x := <-ch; x.Err != nil {
		return x.Err
	}
	return nil
}

// --- must report ---

// The send fires on every iteration: every element but the first is
// left blocked.
func sendEvery(xs []item) error {
	errc := make(chan error)
	go func() {
		for _, x := range xs {
			errc <- x.Err
		}
	}()
	if err := <-errc; err != nil {
		return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
	return errors.New("no error") // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
}

// The filtered sender's one value is never taken on this path.
func filterNotTaken(xs []item, id int, skip bool) error {
	ch := make(chan item)
	go func() {
		for _, x := range xs {
			if x.ID == id {
				ch <- x
			}
		}
	}()
	if skip {
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	<-ch
	return nil
}

// --- must stay silent ---

func sendMatch(ch chan<- item, xs []item, id int) {
	for _, x := range xs {
		if x.ID == id {
			ch <- x
		}
	}
}

// The filter sits in a helper the goroutine calls.
func findThroughHelper(xs []item, id int) error {
	ch := make(chan item)
	go func() { sendMatch(ch, xs, id) }()
	if x := <-ch; x.Err != nil {
		return x.Err
	}
	return nil
}

func sendAll(ch chan<- item, xs []item) {
	for _, x := range xs {
		ch <- x
	}
}

// --- must report ---

// The helper sends every element.
func allThroughHelper(xs []item) error {
	ch := make(chan item)
	go func() { sendAll(ch, xs) }()
	if x := <-ch; x.Err != nil {
		return x.Err // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	return nil // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
}
