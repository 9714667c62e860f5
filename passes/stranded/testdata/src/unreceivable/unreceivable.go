// Package unreceivable holds sends on unbuffered channels made in the
// function, some before anyone else can hold the channel.
package unreceivable

func work() error { return nil }

// Must report: the receiver starts after the send, which never
// completes.
func sendFirst() error {
	done := make(chan error)
	done <- work() // want `send on unbuffered channel done blocks forever: nothing else holds the channel yet`
	go func() { <-done }()
	return nil
}

// Must report: a select whose only case is the send blocks the same way.
func selectFirst() {
	ch := make(chan int)
	select {
	case ch <- 1: // want `send on unbuffered channel ch blocks forever`
	}
	go func() { <-ch }()
}

// Silent: the receiver is started first.
func receiverFirst() error {
	done := make(chan error)
	go func() { <-done }()
	done <- work()
	return nil
}

// Silent: a buffer takes the send.
func buffered() error {
	done := make(chan error, 1)
	done <- work()
	return <-done
}

// Silent: the channel is handed on before the send.
func handedOn(start func(chan int)) {
	ch := make(chan int)
	start(ch)
	ch <- 1
}

// Silent: a select with another way out.
func withDefault() {
	ch := make(chan int)
	select {
	case ch <- 1:
	default:
	}
}

// Silent: remade each iteration, and the goroutine of the previous
// iteration is not what receives; the channel is handed on first.
func perIteration(xs []int) {
	for _, x := range xs {
		ch := make(chan int)
		go func() { <-ch }()
		ch <- x
	}
}

// Silent: the send sits on a path after the channel was stored.
type box struct{ ch chan int }

func stored(b *box) {
	ch := make(chan int)
	b.ch = ch
	ch <- 1
}
