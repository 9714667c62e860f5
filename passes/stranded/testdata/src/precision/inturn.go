package precision

import (
	"context"
	"errors"
)

// --- must stay silent ---

// The goroutine sends on a, then on b. Returning before a is received
// leaves it blocked on a (reported there), never on b, which it has not
// reached.
func inTurnCancelled(ctx context.Context) (int, int, error) {
	a := make(chan int)
	b := make(chan int, 1)
	go func() {
		a <- 1
		b <- 2
	}()
	var x int
	select {
	case x = <-a:
	case <-ctx.Done():
		return 0, 0, ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel a`
	}
	if x < 0 {
		return 0, 0, errors.New("negative") // b's value fits its buffer
	}
	return x, <-b, nil
}

// Both received in turn.
func inTurn() (int, int) {
	a := make(chan int)
	b := make(chan int)
	go func() {
		a <- 1
		b <- 2
	}()
	x := <-a
	return x, <-b
}

// --- must report ---

// Past the receive from a, the goroutine goes on to b, which nobody
// receives on this path.
func inTurnLeftOnB() (int, error) {
	a := make(chan int)
	b := make(chan int)
	go func() {
		a <- 1
		b <- 2
	}()
	x := <-a
	if x < 0 {
		return 0, errors.New("negative") // want `return leaves goroutines blocked forever sending on unbuffered channel b`
	}
	return x + <-b, nil
}
