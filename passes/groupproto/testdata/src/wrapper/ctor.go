package wrapper

import "errors"

// NewPool makes a fresh pool: its callers hold the only reference.
func NewPool(limit int) *Pool {
	p := &Pool{}
	p.g.SetLimit(limit)
	return p
}

// newDefault hands on another constructor's fresh value.
func newDefault() *Pool { return NewPool(4) }

func newWorkers(n int) (*Workers, error) {
	if n < 0 {
		return nil, errors.New("negative")
	}
	return &Workers{n: n}, nil
}

var shared = &Pool{}

// Shared returns the one pool of the package.
func Shared() *Pool { return shared }

var registry []*Pool

// registered keeps a reference: the value is shared.
func registered() *Pool {
	p := &Pool{}
	registry = append(registry, p)
	return p
}

// fromHolder returns a pool somebody else holds.
func fromHolder(h *holder) *Pool { return h.p }

// watched captures the pool in a closure that may run later.
func watched(stop <-chan struct{}, errs chan<- error) *Pool {
	p := &Pool{}
	go func() {
		<-stop
		errs <- p.Wait()
	}()
	return p
}

// A constructed pool is followed like a made one.
func ctorEarly(ok bool) error {
	p := NewPool(2)
	p.Go(task)
	if !ok {
		return errBad // want `return skips p.Wait`
	}
	return p.Wait()
}

// Through a constructor that calls another one.
func ctorChained() {
	p := newDefault()
	p.Go(task) // want `goroutines started through p.Go are never waited for`
}

// With a second result.
func ctorTwoResults(n int) error {
	w, err := newWorkers(n)
	if err != nil {
		return err
	}
	w.Start(func() {}) // want `goroutines started through w.Start are never waited for`
	return nil
}

// Silent: the package's shared pool is waited for elsewhere.
func sharedPool() {
	p := Shared()
	p.Go(task)
}

// Silent: the registry holds the pool.
func registeredPool() {
	p := registered()
	p.Go(task)
}

// Silent: the holder owns the pool.
func heldPool(h *holder) {
	p := fromHolder(h)
	p.Go(task)
}

// Silent: the watcher waits for the pool.
func watchedPool(stop <-chan struct{}, errs chan<- error) {
	p := watched(stop, errs)
	p.Go(task)
}

// Silent: every path waits.
func ctorWaited(ok bool) error {
	p := NewPool(2)
	p.Go(task)
	if !ok {
		_ = p.Wait() // want `error of \(\*Pool\).Wait is discarded`
		return errBad
	}
	return p.Wait()
}

// Silent: the constructed pool is returned to the caller.
func ctorReturned() *Pool {
	p := NewPool(1)
	p.Go(task)
	return p
}

// Silent: the error path returns before anything starts.
func ctorError(n int) error {
	w, err := newWorkers(n)
	if err != nil {
		return err
	}
	w.Start(func() {})
	w.Stop()
	return nil
}
