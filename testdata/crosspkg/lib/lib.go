// Package lib offers a future: a call that runs f in a goroutine and
// returns the channel its result arrives on.
package lib

// Async runs f in a goroutine and returns the channel of its result.
func Async(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}
