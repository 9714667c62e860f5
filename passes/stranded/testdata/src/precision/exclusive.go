package precision

import "time"

type server struct{}

// --- must stay silent ---

// The goroutine sends on errc or on done, never both.
func errOrDone() error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errc:
		return err
	case <-done:
	}
	return nil
}

// The same with the error sent through a closure.
func errThroughClosure() error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		fail := func(err error) { errc <- err }
		if err := work(); err != nil {
			fail(err)
			return
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

func (s *server) run(errc chan<- error, done chan<- bool) {
	if err := work(); err != nil {
		errc <- err
	} else {
		done <- true
	}
}

// The same in a method, with an else.
func (s *server) start() error {
	errc := make(chan error)
	done := make(chan bool)
	go s.run(errc, done)
	select {
	case err := <-errc:
		return err
	case <-done:
		return nil
	}
}

// --- must report ---

// The done send follows the error send: returning on the error leaves
// the goroutine blocked on done.
func errThenDone() error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			errc <- err
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errc:
		return err // want `return leaves goroutines blocked forever sending on unbuffered channel done`
	case <-done:
	}
	return nil
}

// A timeout receives neither.
func errOrDoneTimeout() error {
	errc := make(chan error)
	done := make(chan struct{})
	go func() {
		if err := work(); err != nil {
			errc <- err
			return
		}
		done <- struct{}{}
	}()
	select {
	case err := <-errc:
		return err
	case <-done:
	case <-time.After(time.Second):
		return nil // want `return leaves goroutines blocked forever sending on unbuffered channel errc and unbuffered channel done`
	}
	return nil
}
