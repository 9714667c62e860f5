// Package fields holds collectors whose channel lives in a struct field
// that goroutines started with the struct send on.
package fields

import (
	"errors"
	"fmt"
)

func fetch(x string) error {
	if x == "" {
		return errors.New("empty")
	}
	return nil
}

type fetcher struct {
	results chan error
	name    string
}

func (f *fetcher) run(x string) {
	f.results <- fetch(x)
}

// Must report: the method returns on the first error; the other
// goroutines stay blocked on f.results.
func (f *fetcher) FetchAll(xs []string) error {
	f.results = make(chan error)
	for _, x := range xs {
		go f.run(x)
	}
	for range xs {
		if err := <-f.results; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel f.results`
		}
	}
	return nil
}

type collector struct {
	out chan error
}

func (c *collector) work(x string) { c.out <- fetch(x) }

// Silent: buffered for every sender.
func (c *collector) Buffered(xs []string) error {
	c.out = make(chan error, len(xs))
	for _, x := range xs {
		go c.work(x)
	}
	for range xs {
		if err := <-c.out; err != nil {
			return err
		}
	}
	return nil
}

// Silent: receives every value.
type all struct{ errs chan error }

func (a *all) send(x string) { a.errs <- fetch(x) }

func (a *all) Collect(xs []string) []error {
	a.errs = make(chan error)
	for _, x := range xs {
		go a.send(x)
	}
	var out []error
	for range xs {
		if err := <-a.errs; err != nil {
			out = append(out, err)
		}
	}
	return out
}

// Silent: another method receives from the field too.
type twoReaders struct{ ch chan error }

func (t *twoReaders) send(x string) { t.ch <- fetch(x) }

func (t *twoReaders) Start(xs []string) error {
	t.ch = make(chan error)
	for _, x := range xs {
		go t.send(x)
	}
	return <-t.ch
}

func (t *twoReaders) Drain() {
	for range t.ch {
	}
}

// Silent: the field is handed out by an accessor.
type exposed struct{ ch chan error }

func (e *exposed) send(x string)         { e.ch <- fetch(x) }
func (e *exposed) Results() <-chan error { return e.ch }

func (e *exposed) Start(xs []string) error {
	e.ch = make(chan error)
	for _, x := range xs {
		go e.send(x)
	}
	return <-e.ch
}

// Must report: a closure started with the struct sends on the field.
type lit struct{ done chan error }

func (l *lit) First(xs []string) error {
	l.done = make(chan error)
	for _, x := range xs {
		go func() { l.done <- fetch(x) }()
	}
	return <-l.done // want `return leaves goroutines blocked forever sending on unbuffered channel l.done`
}

// Silent: the goroutine's method hands the struct to fmt, which the
// model cannot follow.
type logged struct{ ch chan error }

func (g *logged) send(x string) {
	fmt.Println(g)
	g.ch <- fetch(x)
}

func (g *logged) First(xs []string) error {
	g.ch = make(chan error)
	for _, x := range xs {
		go g.send(x)
	}
	return <-g.ch
}

// Silent: one goroutine, one receive.
type single struct{ ch chan error }

func (s *single) send(x string) { s.ch <- fetch(x) }

func (s *single) One(x string) error {
	s.ch = make(chan error)
	go s.send(x)
	return <-s.ch
}

// A generic field collector: the same shape, reported.
type gfetch[T any] struct{ out chan T }

func (g *gfetch[T]) run(f func() T) { g.out <- f() }

func (g *gfetch[T]) First(fs []func() T) T {
	g.out = make(chan T)
	for _, f := range fs {
		go g.run(f)
	}
	return <-g.out // want `return leaves goroutines blocked forever sending on unbuffered channel g.out`
}

// Silent: the goroutine is a method value, which the model does not
// follow.
type mvalue struct{ ch chan error }

func (m *mvalue) send(x string) { m.ch <- fetch(x) }

func (m *mvalue) First(xs []string) error {
	m.ch = make(chan error)
	send := m.send
	for _, x := range xs {
		go send(x)
	}
	return <-m.ch
}
