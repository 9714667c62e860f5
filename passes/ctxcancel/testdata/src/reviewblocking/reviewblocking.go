// Package reviewblocking holds correct idioms that look like the shapes
// ctxcancel reports with -ctxcancel.blocking; nothing here is reported
// unless a want comment says so.
package reviewblocking

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func produce() int                { return 1 }
func work(x int) int              { return x }
func serve() error                { return nil }
func poll() bool                  { return true }
func handle(v int)                {}
func backoff(i int) time.Duration { return time.Duration(i) * time.Millisecond }

// The canonical fan-in: the spawner drains the channel until it is
// closed, so no send can block forever.
func fanIn(ctx context.Context, items []int) []int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- work(it)
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// A done channel the spawner always waits for.
func waitForDone(ctx context.Context) {
	done := make(chan bool)
	go func() {
		_ = produce()
		done <- true
	}()
	<-done
}

// The error of a server goroutine, always collected.
func serveAndWait(ctx context.Context) error {
	errc := make(chan error)
	go func() { errc <- serve() }()
	return <-errc
}

// A buffered channel sized by len.
func sizedByLen(ctx context.Context, items []int) []int {
	out := make(chan int, len(items))
	for _, it := range items {
		go func() { out <- work(it) }()
	}
	res := make([]int, 0, len(items))
	for range items {
		res = append(res, <-out)
	}
	return res
}

// A producer that closes the channel; the consumer ranges.
func pipeline(ctx context.Context, items []int) {
	ch := make(chan int, 16)
	go func() {
		defer close(ch)
		for _, it := range items {
			select {
			case ch <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		for v := range ch {
			handle(v)
		}
	}()
}

// A non-blocking send with default.
func nonBlocking(ctx context.Context) {
	notify := make(chan int, 1)
	go func() {
		for {
			select {
			case notify <- produce():
			default:
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
		}
	}()
}

// Ticker loops that watch the context.
func tickers(ctx context.Context) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				_ = poll()
			}
		}
	}()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if ctx.Err() != nil {
				return
			}
		}
	}()
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			<-t.C
			if ctx.Err() != nil {
				return
			}
		}
	}()
}

// A retry loop that checks the context between attempts.
func retry(ctx context.Context) {
	go func() {
		for i := 0; i < 5; i++ {
			if poll() {
				return
			}
			if ctx.Err() != nil {
				return
			}
			time.Sleep(backoff(i))
		}
	}()
}

// A poll loop stopped by an atomic flag: reported, the flag is no
// cancellation the check can see.
func atomicStop(ctx context.Context, stopped *atomic.Bool) {
	go func() {
		for !stopped.Load() {
			time.Sleep(10 * time.Millisecond) // want `time.Sleep in a loop keeps the goroutine running after ctx is cancelled`
		}
	}()
}

// A fan-in whose consumer may leave early: the senders block.
func fanInEarlyExit(ctx context.Context, items []int) int {
	results := make(chan int)
	for _, it := range items {
		go func() {
			results <- work(it) // want `send on results blocks forever`
		}()
	}
	for r := range results {
		if r > 0 {
			return r
		}
	}
	return 0
}

// A consumer that breaks out of the range.
func fanInBreak(ctx context.Context, items []int) int {
	results := make(chan int)
	for _, it := range items {
		go func() {
			results <- work(it) // want `send on results blocks forever`
		}()
	}
	n := 0
	for r := range results {
		if r > 0 {
			break
		}
		n++
	}
	return n
}

// The receive is on one path only.
func waitSometimes(ctx context.Context, wait bool) {
	done := make(chan bool)
	go func() {
		done <- true // want `send on done blocks forever`
	}()
	if wait {
		<-done
	}
}

// Crash probes: labels, goto, select{}, recursion, generics.
func oddBlocking[T any](ctx context.Context, xs []T) {
	ch := make(chan T)
	go func() {
	loop:
		for _, x := range xs {
			select {
			case ch <- x:
			case <-ctx.Done():
				break loop
			}
		}
		goto end
	end:
		select {}
	}()
	go func() {
		for {
			v, ok := <-ch
			if !ok {
				return
			}
			_ = v
		}
	}()
}

// The receive is skipped when the test stops: the goroutine is left
// blocked on the failure path, which is harmless (the test has failed)
// and not reported; see package testexit.
func TestAccept(t *testing.T) {
	ctx := t.Context()
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	connCh := make(chan net.Conn)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		connCh <- conn
	}()
	if _, err := net.Dial("tcp", ln.Addr().String()); err != nil {
		t.Fatalf("dial: %v", err)
	}
	c := <-connCh
	_ = c
	_ = ctx
}
