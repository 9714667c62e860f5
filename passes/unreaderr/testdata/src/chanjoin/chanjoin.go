// Package chanjoin holds goroutines joined through a channel rather than
// a WaitGroup: the spawner receives the values the goroutine sends, and
// the error the goroutine's function returns is dropped by the go
// statement.
package chanjoin

import (
	"errors"
	"log"
	"strings"
)

var errFailed = errors.New("failed")

func list(prefix string) ([]string, error) {
	if prefix == "" {
		return nil, errFailed
	}
	return []string{prefix}, nil
}

func collect(prefix string, out chan<- string) error {
	names, err := list(prefix)
	if err != nil {
		return err
	}
	for _, n := range names {
		out <- n
	}
	return nil
}

// ---- must report ----

func listAll(prefixes []string) ([]string, error) {
	results := make(chan string)
	for _, p := range prefixes {
		go collect(p, results) // want `go statement discards the error returned by chanjoin.collect: the goroutine's results are received from a channel but its failure is lost`
	}
	var all []string
	for range prefixes {
		all = append(all, <-results)
	}
	return all, nil
}

type scanner struct{ root string }

func (s *scanner) scan(dir string, found chan<- int) error {
	if !strings.HasPrefix(dir, s.root) {
		return errFailed
	}
	found <- len(dir)
	return nil
}

// Outside test files the spawner's signature does not matter.
func (s *scanner) total(dirs []string) int {
	found := make(chan int, len(dirs))
	for _, d := range dirs {
		go s.scan(d, found) // want `go statement discards the error returned by chanjoin.scanner.scan: the goroutine's results`
	}
	sum := 0
	for range dirs {
		sum += <-found
	}
	return sum
}

// ---- must stay silent ----

type result struct {
	name string
	err  error
}

func fetch(p string, out chan<- result) error {
	names, err := list(p)
	out <- result{strings.Join(names, ","), err}
	return err
}

// The channel carries the error too.
func errorsOnChannel(prefixes []string) error {
	out := make(chan result)
	for _, p := range prefixes {
		go fetch(p, out)
	}
	for range prefixes {
		if r := <-out; r.err != nil {
			return r.err
		}
	}
	return nil
}

func collectLogged(prefix string, out chan<- string) error {
	names, err := list(prefix)
	if err != nil {
		log.Printf("list %s: %v", prefix, err)
		return err
	}
	for _, n := range names {
		out <- n
	}
	return nil
}

// The worker reports its own failure.
func loggedWorker(prefixes []string) []string {
	out := make(chan string)
	for _, p := range prefixes {
		go collectLogged(p, out)
	}
	var all []string
	for range prefixes {
		all = append(all, <-out)
	}
	return all
}

func serve(ready chan<- struct{}) error {
	ready <- struct{}{}
	_, err := list("")
	return err
}

// A chan struct{} signals readiness; it brings no result back.
func readySignal() error {
	ready := make(chan struct{})
	go serve(ready)
	<-ready
	return nil
}

func consume(in <-chan string) {
	for s := range in {
		log.Print(s)
	}
}

// The spawner does not receive: another goroutine does.
func pipeline(prefixes []string) {
	ch := make(chan string)
	go consume(ch)
	for _, p := range prefixes {
		go collect(p, ch)
	}
}

func echo(in chan string) error {
	for s := range in {
		if s == "" {
			return errFailed
		}
		in <- s
	}
	return nil
}

// The callee also receives from the channel: not a one-way result.
func roundTrip() string {
	ch := make(chan string)
	go echo(ch)
	ch <- "x"
	return <-ch
}

func closeOnly(done chan<- int) error {
	close(done)
	return errFailed
}

// The callee never sends: nothing comes back on the channel.
func waitClose() {
	done := make(chan int)
	go closeOnly(done)
	<-done
}

func nilOnly(out chan<- string) error {
	out <- "x"
	return nil
}

func neverFails() string {
	out := make(chan string)
	go nilOnly(out)
	return <-out
}
