package cancel

import (
	"context"
	"time"
)

// Reported: the cancel function is kept in a local variable, assigned
// to the blank identifier (which keeps lostcancel quiet) and never
// called.
func blanked() {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	go func() { // want `cancel function cancel is only assigned to the blank identifier and never called`
		<-ctx.Done()
		cleanup()
	}()
}

// Reported: a generic function, the goroutine a same-package function
// selecting on the context in a loop.
func blankedGeneric[T any](in chan T) {
	ctx, stop := context.WithCancel(context.TODO())
	go drain(ctx, in) // want `cancel function stop is only assigned`
	_ = stop
}

func drain[T any](ctx context.Context, in chan T) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-in:
		}
	}
}

// Silent: called on one path only; go vet's lostcancel reports the
// other ("the cancel function is not used on all paths").
func calledOnOnePath(b bool) {
	ctx, cancel := context.WithCancel(context.Background())
	if b {
		cancel()
	}
	go wait(ctx)
}

// Silent: discarded with _, lostcancel's "should be called, not
// discarded".
func discarded() {
	ctx, _ := context.WithCancel(context.Background())
	go wait(ctx)
}

// Silent: the blank assignment is on one path only; lostcancel reports
// the other.
func blankOnOnePath(b bool) {
	ctx, cancel := context.WithCancel(context.Background())
	if b {
		_ = cancel
	}
	go wait(ctx)
}

// Silent: called later, after a blank assignment.
func blankThenDeferred() {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	defer cancel()
	go wait(ctx)
}

// Silent: a closure that calls it is kept.
func calledByClosure() func() {
	ctx, cancel := context.WithCancel(context.Background())
	go wait(ctx)
	return func() { cancel() }
}

// Silent: a timeout ends the context by itself.
func timeout() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	_ = cancel
	go wait(ctx)
}

// Silent: the function never returns; the goroutine lives as long as
// it does.
func serveForever(in chan int) {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	go wait(ctx)
	for v := range in {
		handle(v)
	}
	for {
		time.Sleep(time.Second)
	}
}

// Silent: the goroutine has another way out.
func otherWayOut(in chan int) {
	ctx, cancel := context.WithCancel(context.Background())
	_ = cancel
	go func() {
		select {
		case <-ctx.Done():
		case <-in:
		}
	}()
}
