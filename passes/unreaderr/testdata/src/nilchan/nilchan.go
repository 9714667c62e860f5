// Package nilchan holds error channels that are never made: every send
// and receive on a nil channel blocks forever.
package nilchan

import (
	"context"
	"errors"
)

var errFailed = errors.New("failed")

func work(i int) error {
	if i < 0 {
		return nil
	}
	return errFailed
}

// ---- must report ----

func localNeverMade() error {
	var errc chan error
	go func() {
		errc <- work(1) // want `send on nil channel errc blocks forever: the channel is never made, so the goroutines' errors are never read`
	}()
	return <-errc // want `receive from nil channel errc blocks forever`
}

type pool struct {
	errc chan error
}

func (p *pool) run(i int) { p.errc <- work(i) } // want `send on nil channel errc blocks forever`

func (p *pool) wait() error {
	for err := range p.errc { // want `range over nil channel errc blocks forever`
		if err != nil {
			return err
		}
	}
	return nil
}

func fieldNeverMade(n int) error {
	p := &pool{}
	for i := range n {
		go p.run(i)
	}
	return p.wait()
}

// ---- must stay silent ----

func assignedLater() error {
	var errc chan error
	errc = make(chan error, 1)
	go func() { errc <- work(1) }()
	return <-errc
}

func assignedOnOnePath(n int) error {
	var errc chan error
	if n > 0 {
		errc = make(chan error, n)
	}
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for range n {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

type made struct{ errc chan error }

func newMade() *made { return &made{errc: make(chan error, 1)} }

func (m *made) run() { m.errc <- work(1) }

func fieldMadeInConstructor() error {
	m := newMade()
	go m.run()
	return <-m.errc
}

type setLater struct{ errc chan error }

func (s *setLater) start() {
	s.errc = make(chan error, 1)
	go func() { s.errc <- work(1) }()
}

func (s *setLater) wait() error { return <-s.errc }

type positional struct {
	n    int
	errc chan error
}

func positionalLiteral() error {
	p := positional{1, make(chan error, 1)}
	go func() { p.errc <- work(p.n) }()
	return <-p.errc
}

// A nil channel in a select disables its case on purpose.
func disabledCase(ctx context.Context, enabled bool) error {
	var errc chan error
	go func() {
		select {
		case errc <- work(1):
		case <-ctx.Done():
		}
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func addressTaken() error {
	var errc chan error
	makeInto(&errc)
	go func() { errc <- work(1) }()
	return <-errc
}

func makeInto(c *chan error) { *c = make(chan error, 1) }

type byAddress struct{ errc chan error }

// A field whose address is handed on may be set there.
func (b *byAddress) run() error {
	makeInto(&b.errc)
	go func() { b.errc <- work(1) }()
	return <-b.errc
}

type byRange struct{ errc chan error }

// A range clause assigns the field.
func (b *byRange) run(all []chan error) error {
	for _, b.errc = range all {
	}
	go func() { b.errc <- work(1) }()
	return <-b.errc
}

// Exported fields can be set by other packages.
type Exported struct{ Errc chan error }

func (e *Exported) Run() error {
	go func() { e.Errc <- work(1) }()
	return <-e.Errc
}

func notErrors() {
	var done chan struct{}
	go func() { done <- struct{}{} }()
	<-done
}

func noGoroutineSends() error {
	var errc chan error
	go func() { _ = work(1) }()
	return errFromNil(errc)
}

func errFromNil(c chan error) error {
	select {
	case err := <-c:
		return err
	default:
		return nil
	}
}
