// Package rfpanic holds the values whose SSA form records no referrers
// (constants, globals, functions) where the check follows a goroutine's
// write: it once dereferenced their nil referrer list and panicked.
package rfpanic

import "errors"

type res struct{ err error }

// The reported case: a zero-value result, a constant, sent by a
// goroutine and received.

func build(done chan res) { done <- res{} }

func run() error {
	done := make(chan res, 1)
	go build(done)
	r := <-done
	return r.err
}

// A global error sent by a goroutine on a channel that is received from.

var errStop = errors.New("stop")

func sendGlobal(done chan error) { done <- errStop }

func runGlobal() error {
	done := make(chan error, 1)
	go sendGlobal(done)
	return <-done
}

// A zero-value result stored into a slice element that is read.

func runSlice(n int) error {
	out := make([]res, n)
	for i := range n {
		go func() { out[i] = res{} }()
	}
	for _, r := range out {
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

// The constant and the global still make a finding where nothing reads
// the channel: a failure among the values sent is lost.

func failed() error { return errStop }

func lost() {
	done := make(chan res, 2) // want `error channel done is sent on by goroutines but never received from`
	go func() { done <- res{} }()
	go func() { done <- res{err: failed()} }()
}

func lostGlobal() {
	done := make(chan error, 1) // want `error channel done is sent on by goroutines but never received from`
	go func() { done <- errStop }()
}
