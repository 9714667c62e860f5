// Package app calls lib's future from another package.
package app

import (
	"errors"
	"time"

	"example.com/crosspkg/lib"
)

var ErrTimeout = errors.New("timeout")

// WaitTimeout leaves lib.Async's goroutine blocked when it times out.
func WaitTimeout(f func() error, d time.Duration) error {
	select {
	case err := <-lib.Async(f):
		return err
	case <-time.After(d):
		return ErrTimeout
	}
}

// Wait always receives.
func Wait(f func() error) error {
	return <-lib.Async(f)
}

// WaitDrained times out too, but hands the channel to a goroutine that
// receives the late result.
func WaitDrained(f func() error, d time.Duration) error {
	ch := lib.Async(f)
	select {
	case err := <-ch:
		return err
	case <-time.After(d):
		go func() { <-ch }()
		return ErrTimeout
	}
}
