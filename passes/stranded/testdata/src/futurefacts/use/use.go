// Package use calls the futures of package lib.
package use

import (
	"context"
	"errors"
	"time"

	"futurefacts/lib"
)

var errTimeout = errors.New("timeout")

// Must report: on timeout nobody receives the future's value.
func withTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Async(f):
		return err
	case <-time.After(d):
		return errTimeout // want `return leaves goroutines blocked forever sending on unbuffered channel`
	}
}

// Must report: the generic future is dropped.
func dropValue() {
	lib.Value(func() int { return 1 })
} // want `return leaves goroutines blocked forever sending`

// Must report: the first of two probes wins, through a method.
func firstUp(a, b *lib.Prober) bool {
	ca, cb := a.Probe(), b.Probe()
	select {
	case ok := <-ca:
		return ok // want `return leaves goroutines blocked forever sending`
	case ok := <-cb:
		return ok // want `return leaves goroutines blocked forever sending`
	}
}

// Silent: the caller always receives.
func always(f func() error) error {
	return <-lib.Async(f)
}

// Silent: the caller receives on every path before returning.
func always2(ctx context.Context, f func() error) error {
	errc := lib.Async(f)
	if err := <-errc; err != nil {
		return err
	}
	return ctx.Err()
}

// Silent: the future is buffered for its send.
func buffered(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Buffered(f):
		return err
	case <-time.After(d):
		return errTimeout
	}
}

// Silent: a stream's number of sends is not known to this package.
func firstItem(items []string) string {
	for it := range lib.Stream(items) {
		return it
	}
	return ""
}

// Silent: the channel is the caller's own.
func given() error {
	ch := make(chan error, 1)
	return <-lib.Given(ch)
}

// Silent: both probes are received.
func both(a, b *lib.Prober) bool {
	ca, cb := a.Probe(), b.Probe()
	x, y := <-ca, <-cb
	return x && y
}

// Must report: && skips the second receive when the first probe fails.
func bothShort(a, b *lib.Prober) bool {
	ca, cb := a.Probe(), b.Probe()
	return <-ca && <-cb // want `return leaves goroutines blocked forever sending on unbuffered channel cb`
}

// Silent: the second result is received.
func pair(f func() error) error {
	_, errc := lib.Pair(f)
	return <-errc
}

// Silent: the channel is handed on to the caller.
func handOn(f func() error) <-chan error {
	return lib.Async(f)
}
