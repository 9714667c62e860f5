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
