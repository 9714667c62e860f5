package precision

import "context"

// --- must stay silent ---

// The loop ends only when both channels have delivered.
func bothFlags() (int, int) {
	a := make(chan int)
	b := make(chan int)
	go func() { a <- 1 }()
	go func() { b <- 2 }()
	var x, y int
	aDone, bDone := false, false
	for !(aDone && bDone) {
		select {
		case x = <-a:
			aDone = true
		case y = <-b:
			bDone = true
		}
	}
	return x, y
}

// The same with ||.
func eitherPending() (int, int) {
	a := make(chan int)
	b := make(chan int)
	go func() { a <- 1 }()
	go func() { b <- 2 }()
	var x, y int
	aDone, bDone := false, false
	for !aDone || !bDone {
		select {
		case x = <-a:
			aDone = true
		case y = <-b:
			bDone = true
		}
	}
	return x, y
}

// --- must report ---

// A cancellation case returns before both have delivered.
func flagsCancelled(ctx context.Context) (int, int) {
	a := make(chan int)
	b := make(chan int)
	go func() { a <- 1 }()
	go func() { b <- 2 }()
	var x, y int
	aDone, bDone := false, false
	for !(aDone && bDone) {
		select {
		case x = <-a:
			aDone = true
		case y = <-b:
			bDone = true
		case <-ctx.Done():
			return 0, 0 // want `return leaves goroutines blocked forever sending on unbuffered channel a and unbuffered channel b`
		}
	}
	return x, y
}
