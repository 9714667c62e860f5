package demo

import (
	"context"
	"errors"
	"time"
)

// FirstError returns on the first failure while the other fetches are
// still trying to send: they block forever on the unbuffered channel.
func FirstError(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		go func() { errc <- fetch(ctx, u) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// async runs f in a goroutine and hands back a channel with its error:
// a future.
func async(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

// WaitTimeout waits for f at most d. On timeout nobody receives the
// future's value, and its goroutine blocks forever on the send.
func WaitTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-async(f):
		return err
	case <-time.After(d):
		return errors.New("timed out")
	}
}
