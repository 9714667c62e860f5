// Package lib holds futures that callers in another package use: their
// summaries reach those callers as facts.
package lib

// Async is a future whose goroutine makes one blocking send.
func Async(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// Buffered has room for its one send.
func Buffered(f func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- f() }()
	return ch
}

// Stream sends once per item and closes: a stream, not a result. Its
// number of sends is not known, so it is not exported.
func Stream(items []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, it := range items {
			out <- it
		}
	}()
	return out
}

// Given feeds a channel it is given: not a future.
func Given(ch chan error) chan error {
	go func() { ch <- nil }()
	return ch
}

// Value is a generic future.
func Value[T any](f func() T) <-chan T {
	ch := make(chan T)
	go func() { ch <- f() }()
	return ch
}

// Prober's method is a future too.
type Prober struct{ URL string }

func (p *Prober) Probe() <-chan bool {
	out := make(chan bool)
	go func() { out <- p.URL != "" }()
	return out
}

// Pair returns the future's channel as its second result.
func Pair(f func() error) (string, <-chan error) {
	ch := make(chan error)
	go func() { ch <- f() }()
	return "pair", ch
}
