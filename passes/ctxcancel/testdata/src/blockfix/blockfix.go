package blockfix

import (
	"context"
	"time"

	"golang.org/x/sync/errgroup"
)

func produce() int { return 1 }

func send(ctx context.Context) {
	out := make(chan int)
	go func() {
		for i := range 3 {
			out <- i // want `send on out blocks forever`
		}
	}()
	<-out
}

func sleep(ctx context.Context) {
	go func() {
		for {
			time.Sleep(time.Second) // want `time.Sleep in a loop`
			produce()
		}
	}()
}

// The goroutine function has a result: a bare return is wrong, no fix.
func withResult(ctx context.Context, g *errgroup.Group) {
	out := make(chan int)
	g.Go(func() error {
		out <- 1 // want `send on out blocks forever`
		for {
			time.Sleep(time.Second) // want `time.Sleep in a loop`
		}
	})
}

// Not a statement of a list: no fix.
func postStatement(ctx context.Context) {
	out := make(chan int)
	go func() {
		for i := 0; i < 3; out <- i { // want `send on out blocks forever`
			i++
		}
	}()
}

// ---- must stay silent: no diagnostic, so no fix ----

func selectsOnDone(ctx context.Context) {
	out := make(chan int)
	go func() {
		select {
		case out <- 1:
		case <-ctx.Done():
		}
	}()
	<-out
}

func bufferedForAll(ctx context.Context, items []int) {
	out := make(chan int, len(items))
	for _, it := range items {
		go func() { out <- it }()
	}
}

func sleepChecksContext(ctx context.Context) {
	go func() {
		for ctx.Err() == nil {
			time.Sleep(time.Second)
		}
	}()
}

func singleSleep(ctx context.Context) {
	go func() {
		time.Sleep(time.Second)
		produce()
	}()
}

func paramChannel(ctx context.Context, out chan<- int) {
	go func() { out <- produce() }()
}

func noContext() {
	out := make(chan int)
	go func() {
		out <- 1
		for {
			time.Sleep(time.Second)
		}
	}()
}
