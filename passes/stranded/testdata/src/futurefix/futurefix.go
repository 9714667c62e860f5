package futurefix

import (
	"errors"
	"time"
)

func async(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}

func wait(f func() error, d time.Duration) error {
	select {
	case err := <-async(f):
		return err
	case <-time.After(d):
		return errors.New("timeout") // want `return leaves goroutines blocked forever sending`
	}
}

// Silent: always received.
func waitAll(f func() error) error { return <-async(f) }

// Silent: a future that is buffered already.
func asyncBuffered(f func() error) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- f() }()
	return ch
}

func waitBuffered(f func() error, d time.Duration) error {
	select {
	case err := <-asyncBuffered(f):
		return err
	case <-time.After(d):
		return errors.New("timeout")
	}
}
