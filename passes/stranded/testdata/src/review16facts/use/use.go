// Package use calls the futures of package lib.
package use

import (
	"context"
	"errors"
	"time"

	"review16facts/lib"
)

var errTimeout = errors.New("timeout")

// Silent: the channel is closed after its one send; the range loop
// returns on the first value, which is the only one.
func first(f func() (int, error)) int {
	for v := range lib.Closing(f) {
		return v
	}
	return -1
}

// Silent: v, ok reads the one send or the close.
func firstOK(f func() (int, error)) (int, bool) {
	v, ok := <-lib.Closing(f)
	return v, ok
}

// Silent: drains the stream until closed.
func sum() int {
	n := 0
	for v := range lib.Two() {
		n += v
	}
	return n
}

// Must report: the second send is never received.
func firstOfTwo() int {
	for v := range lib.Two() {
		return v // want `return leaves goroutines blocked forever sending`
	}
	return 0
}

// Silent: the buffer holds both sends.
func eitherBuffered(a, b func() error) error {
	return <-lib.Both(a, b)
}

// Must report: one of the two sends is never received.
func eitherPair(a, b func() error) error {
	return <-lib.Pair(a, b) // want `return leaves goroutines blocked forever sending`
}

// Silent: both received.
func bothPair(a, b func() error) error {
	ch := lib.Pair(a, b)
	e1, e2 := <-ch, <-ch
	return errors.Join(e1, e2)
}

// Silent: the future gives up when the context ends.
func cancellable(ctx context.Context, f func() error) error {
	select {
	case err := <-lib.Cancellable(ctx, f):
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func consume(ch <-chan error) {}

// Silent: the caller hands the future's channel on.
func handOn(f func() error) {
	ch := lib.Run(f)
	consume(ch)
}

// Silent: handed to a goroutine that receives.
func handToGoroutine(f func() error, done func(error)) {
	ch := lib.Run(f)
	go func() { done(<-ch) }()
}

// Silent: stored in a struct for later.
type job struct{ result <-chan error }

func start(f func() error) *job {
	return &job{result: lib.Run(f)}
}

// Silent: collected in a slice and each received.
func all(fs []func() error) error {
	var chans []<-chan error
	for _, f := range fs {
		chans = append(chans, lib.Run(f))
	}
	var errs []error
	for _, ch := range chans {
		errs = append(errs, <-ch)
	}
	return errors.Join(errs...)
}

// Silent: a future called in a loop, each result received in its
// iteration.
func inTurn(fs []func() error) error {
	for _, f := range fs {
		if err := <-lib.Run(f); err != nil {
			return err
		}
	}
	return nil
}

// Must report: in a loop, a timeout abandons the iteration's future.
func inTurnTimeout(fs []func() error, d time.Duration) error {
	for _, f := range fs {
		select {
		case err := <-lib.Run(f):
			if err != nil {
				return err
			}
		case <-time.After(d):
			return errTimeout // want `return leaves goroutines blocked forever sending`
		}
	}
	return nil
}

// Silent: the generic method's future is received.
func get(b *lib.Box[string]) string {
	return <-b.Get()
}

// Must report: the generic method's future is abandoned on timeout.
func getTimeout(b *lib.Box[int], d time.Duration) int {
	select {
	case v := <-b.Get():
		return v
	case <-time.After(d):
		return 0 // want `return leaves goroutines blocked forever sending`
	}
}

// Silent: Map is buffered for its send.
func mapped(d time.Duration) string {
	select {
	case s := <-lib.Map(1, func(int) string { return "x" }):
		return s
	case <-time.After(d):
		return ""
	}
}

// Silent: the channel of a two-result future is received.
func withErr(f func() error) error {
	ch, err := lib.WithErr(f)
	if err != nil {
		return err
	}
	return <-ch
}

// Silent: the method value is a function value, not followed.
func methodValue(b *lib.Box[int]) int {
	get := b.Get
	return <-get()
}

type wrapped struct{ *lib.Box[int] }

// Silent: a promoted method, received.
func promoted(w wrapped) int {
	return <-w.Get()
}

// Must report: past the error test, a timeout abandons the future.
func withErrTimeout(f func() error, d time.Duration) error {
	ch, err := lib.WithErr(f)
	if err != nil {
		return err
	}
	select {
	case err := <-ch:
		return err
	case <-time.After(d):
		return errTimeout // want `return leaves goroutines blocked forever sending`
	}
}

// Silent: the result is received by a deferred function.
func deferredReceive(f func() error) {
	ch := lib.Run(f)
	defer func() { <-ch }()
}

// Silent: the one value, or the close, ends the loop.
func breakOnFirst(f func() (int, error)) int {
	n := 0
	for v := range lib.Closing(f) {
		if v > 0 {
			n = v
			break
		}
	}
	return n
}

// Must report: the future is dropped.
func dropped(f func() error) {
	_ = lib.Run(f)
} // want `return leaves goroutines blocked forever sending`

// Silent: the future's channel is carried by a loop, which the check
// does not follow for futures.
func carriedFuture(ctx context.Context, f func() error, tick <-chan time.Time) error {
	var pending <-chan error
	for {
		select {
		case <-tick:
			if pending == nil {
				pending = lib.Run(f)
			}
		case err := <-pending:
			pending = nil
			if err != nil {
				return err
			}
		case <-ctx.Done():
			if pending != nil {
				return <-pending
			}
			return ctx.Err()
		}
	}
}

// Silent: received.
func safe(f func() error) error {
	return <-lib.Safe(f)
}

// Silent: the channel is given to another package's helper, which is
// not followed.
func goErr(fs []func() error) error {
	errc := make(chan error)
	for _, f := range fs {
		lib.GoErr(errc, f)
	}
	for range fs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Silent (a known miss): on timeout nobody receives, but a future whose
// goroutine a go-helper starts is not recognised as a future.
func safeTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Safe(f):
		return err
	case <-time.After(d):
		return errTimeout
	}
}

// Silent: the first result wins; the buffer holds the other.
func race(a, b func() error) error {
	return <-lib.FirstOfTwo(a, b)
}

// Must report: two losers, room for one.
func race3(a, b, c func() error) error {
	return <-lib.FirstOfThree(a, b, c) // want `return leaves goroutines blocked forever sending on channel returned by FirstOfThree \(capacity 1\)`
}

// Silent: received.
func named(f func() error) error {
	return <-lib.Named(f)
}

// Silent: received.
func typed(f func() error) error {
	return <-lib.Typed(f)
}

// Must report: a future of a named channel type abandoned on timeout.
func typedTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Typed(f):
		return err
	case <-time.After(d):
		return errTimeout // want `return leaves goroutines blocked forever sending on unbuffered channel returned by Typed`
	}
}

// Must report: a future with a named result abandoned on timeout.
func namedTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Named(f):
		return err
	case <-time.After(d):
		return errTimeout // want `return leaves goroutines blocked forever sending on unbuffered channel returned by Named`
	}
}
