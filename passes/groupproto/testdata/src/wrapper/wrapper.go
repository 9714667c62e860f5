package wrapper

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Pool runs tasks on an errgroup and waits for them in Wait.
type Pool struct {
	g errgroup.Group
}

func (p *Pool) Go(f func() error) { p.g.Go(f) }

func (p *Pool) Wait() error { return p.g.Wait() }

// Workers counts its goroutines on a WaitGroup.
type Workers struct {
	wg sync.WaitGroup
	n  int
}

func (w *Workers) Start(f func()) {
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		f()
	}()
}

func (w *Workers) Stop() { w.wg.Wait() }

// Batch embeds its group.
type Batch struct {
	errgroup.Group
	name string
}

func (b *Batch) Add(f func() error) { b.Go(f) }

func (b *Batch) Flush() error { return b.Wait() }

// Runner starts and joins in one method: not a wrapper.
type Runner struct{ g errgroup.Group }

func (r *Runner) Run(fs []func() error) error {
	for _, f := range fs {
		r.g.Go(f)
	}
	return r.g.Wait()
}

func task() error { return nil }

var errBad = errors.New("bad")

func earlyReturn(ok bool) error {
	p := &Pool{}
	p.Go(task)
	if !ok {
		return errBad // want `return skips p.Wait: goroutines started through p.Go keep running after the call returns`
	}
	return p.Wait()
}

func neverWaited() {
	var w Workers
	w.Start(func() {}) // want `goroutines started through w.Start are never waited for: call w.Stop before returning`
}

func droppedError() {
	p := new(Pool)
	p.Go(task)
	p.Wait() // want `error of \(\*Pool\).Wait is discarded: it returns errgroup.Group.Wait's error`
}

func droppedBlank(b *Batch) {
	_ = b.Flush() // want `error of \(\*Batch\).Flush is discarded`
}

func embeddedEarly(ctx context.Context) error {
	b := &Batch{name: "x"}
	b.Add(task)
	if ctx.Err() != nil {
		return ctx.Err() // want `return skips b.Flush`
	}
	return b.Flush()
}

// Silent: waited on every path.
func everyPath(ok bool) error {
	p := &Pool{}
	p.Go(task)
	if !ok {
		_ = p.Wait() // want `error of \(\*Pool\).Wait is discarded`
		return errBad
	}
	return p.Wait()
}

// Silent: a deferred Stop covers every return.
func deferred(ok bool) {
	w := &Workers{}
	defer w.Stop()
	w.Start(func() {})
	if !ok {
		return
	}
	w.Start(func() {})
}

// Silent: the value is returned, ownership moves on.
func returned() *Pool {
	p := &Pool{}
	p.Go(task)
	return p
}

type holder struct{ p *Pool }

// Silent: the value is stored.
func stored(h *holder) {
	p := &Pool{}
	p.Go(task)
	h.p = p
}

func finish(p *Pool) error { return p.Wait() }

// Silent: handed to another function.
func handedOn() error {
	p := &Pool{}
	p.Go(task)
	return finish(p)
}

// Silent: captured by a closure that waits.
func captured() func() error {
	p := &Pool{}
	p.Go(task)
	return func() error { return p.Wait() }
}

// Silent: a type that starts and joins in one method.
func runner() error {
	r := &Runner{}
	return r.Run([]func() error{task})
}

// Silent: the error is returned.
func checked() error {
	p := &Pool{}
	p.Go(task)
	if err := p.Wait(); err != nil {
		return err
	}
	return nil
}

// Silent: nothing started before the early return.
func nothingStarted(ok bool) error {
	p := &Pool{}
	if !ok {
		return errBad
	}
	p.Go(task)
	return p.Wait()
}

// Silent: a parameter is not created here.
func param(p *Pool) {
	p.Go(task)
}

// Silent: the path panics.
func panics(ok bool) error {
	p := &Pool{}
	p.Go(task)
	if !ok {
		panic("bad")
	}
	return p.Wait()
}

func fieldSet(ok bool) error {
	b := &Batch{}
	b.name = "x"
	b.Add(task)
	if !ok {
		return errBad // want `return skips b.Flush`
	}
	return b.Flush()
}

type withChan struct {
	g    errgroup.Group
	done chan struct{}
}

func (w *withChan) Go(f func() error) { w.g.Go(f) }

func (w *withChan) Wait() error { return w.g.Wait() }

// Silent: a field that reaches further is handed on.
func chanField(ok bool, sink chan chan struct{}) error {
	w := &withChan{done: make(chan struct{})}
	w.Go(task)
	sink <- w.done
	if !ok {
		return errBad
	}
	return w.Wait()
}

// Silent: the function never returns.
func serveForever() {
	w := &Workers{}
	w.Start(func() {})
	select {}
}
