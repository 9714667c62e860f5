// Package sinks holds channels the function hands to its goroutines and
// never receives from: a goroutine is known to block there only when it
// sends on every path, not when its sends wait on a condition.
package sinks

import "errors"

type update struct{ name string }

var errFailed = errors.New("failed")

func finish(name string) error {
	if name == "" {
		return errFailed
	}
	return nil
}

// finisher sends an update for each item that finishes.
func finisher(in <-chan string, updates chan<- update) {
	for name := range in {
		if err := finish(name); err == nil {
			updates <- update{name}
		}
	}
}

// notify sends one update, always.
func notify(name string, updates chan<- update) {
	updates <- update{name}
}

// Silent: whether the finisher sends depends on what finishes.
func drive(names []string) {
	in := make(chan string)
	updates := make(chan update, 1)
	go finisher(in, updates)
	for _, n := range names {
		in <- n
	}
	close(in)
}

// Silent: the same with a closure sending under a condition.
func conditional(names []string) {
	updates := make(chan update)
	for _, n := range names {
		go func() {
			if finish(n) == nil {
				updates <- update{n}
			}
		}()
	}
}

// Silent: the channel has room for the one send.
func buffered() {
	updates := make(chan update, 1)
	go notify("a", updates)
}

// Must report: nobody receives, and the goroutine sends on every path.
func dropped() {
	updates := make(chan update)
	go notify("a", updates)
} // want `return leaves goroutines blocked forever sending on unbuffered channel updates`

// Must report: two unconditional sends, room for one.
func twice() {
	updates := make(chan update, 1)
	go func() {
		updates <- update{"a"}
		updates <- update{"b"}
	}()
} // want `return leaves goroutines blocked forever sending on channel updates`
