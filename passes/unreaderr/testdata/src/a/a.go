// Package a exercises the go statement and dropped-error cases.
package a

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

func work(i int) error {
	if i < 0 {
		return os.ErrInvalid
	}
	return nil
}

func workWG(wg *sync.WaitGroup, i int) error       { defer wg.Done(); return work(i) }
func pair(wg *sync.WaitGroup) (int, error)         { defer wg.Done(); return 0, work(-1) }
func noErr(wg *sync.WaitGroup, i int)              { defer wg.Done() }
func generic[T any](wg *sync.WaitGroup, v T) error { defer wg.Done(); return work(0) }

type worker struct{ wg *sync.WaitGroup }

func (w *worker) run(wg *sync.WaitGroup) error { defer wg.Done(); return work(0) }
func (w *worker) serve() error                 { return work(1) }

type server interface{ Serve(l net.Listener) error }

// ---- must report: go f(args) ----

func goFuncWG(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go workWG(&wg, i) // want `go statement discards the error returned by a.workWG: the goroutine is waited for but its failure is lost`
	}
	wg.Wait()
	return nil
}

func goMethodWG(w *worker) (int, error) {
	var wg sync.WaitGroup
	wg.Add(2)
	go w.run(&wg) // want `go statement discards the error returned by a.worker.run`
	run := w.run
	go run(&wg) // want `go statement discards the error returned by run`
	wg.Wait()
	return 0, nil
}

func goGenericAndPair() error {
	wg := new(sync.WaitGroup)
	wg.Add(2)
	go generic(wg, "x") // want `go statement discards the error returned by a.generic`
	go pair(wg)         // want `go statement discards the error returned by a.pair`
	wg.Wait()
	return nil
}

func goLiteral() {
	go func() error { // want `go statement discards the error returned by the function literal: the goroutine's failure is lost`
		if err := work(1); err != nil {
			return err
		}
		return nil
	}()
}

// ---- must report: dropped inside a joined goroutine ----

func droppedDone(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(i) // want `error returned by a.work is dropped inside a goroutine that is waited for: the failure is lost`
		}()
	}
	wg.Wait()
	return nil
}

func droppedWGGo(w *worker, n int) func() error {
	return func() error {
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				w.serve() // want `error returned by a.worker.serve is dropped inside a goroutine that is waited for`
			})
		}
		wg.Wait()
		return nil
	}
}

// ---- must stay silent ----

func fireAndForget(s server, l net.Listener, w *worker) {
	go s.Serve(l) // no join: fire-and-forget server
	go w.serve()
	go work(1)
	go os.Remove("tmp")
}

func acceptLoop(l net.Listener, w *worker) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() { // not joined
			defer c.Close()
			w.serve()
		}()
	}
}

func noErrorResult(n int) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go noErr(&wg, i)
	}
	wg.Wait()
}

func literalNilOnly() {
	go func() error { return nil }()
}

func literalNoError(wg *sync.WaitGroup) {
	go func() int { defer wg.Done(); return 1 }()
}

func errgroupClosures(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		work(1) // errgroupwait's business
		return ctx.Err()
	})
	go g.Wait() // errgroupwait reports this
	return g.Wait()
}

func handled(n int, s server, l net.Listener) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var buf bytes.Buffer
	var sb strings.Builder
	f, _ := os.Create("x")
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := work(i); err != nil {
				log.Print(err)
			}
			_ = work(i) // explicit discard is a decision
			fmt.Println("done")
			fmt.Fprintf(f, "%d", i)
			mu.Lock()
			buf.WriteString("x")
			sb.WriteString("y")
			mu.Unlock()
			f.Close()  // io.Closer: best-effort release
			s.Serve(l) // interface method: unknown callee
			fn := work
			fn(i)                // function value
			func() { work(i) }() // nested literal: a callback, not this goroutine
		}()
	}
	wg.Wait()
	return nil
}

func notJoinedByThisGoroutine(n int) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		go func() {
			work(1) // the inner goroutine is not waited for
		}()
	}()
	wg.Wait()
	return nil
}

// ---- must report outside _test.go files: spawners with no error result ----

// A notify-everyone helper has no error result, but the failures of its
// goroutines could be logged or counted: they are lost.
func notifyAll(ws []*worker) {
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() {
			w.serve() // want `error returned by a.worker.serve is dropped inside a goroutine that is waited for`
		})
	}
	wg.Wait()
}

func startAllNoResult(w *worker, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go w.run(&wg) // want `go statement discards the error returned by a.worker.run: the goroutine is waited for`
	}
	wg.Wait()
}
