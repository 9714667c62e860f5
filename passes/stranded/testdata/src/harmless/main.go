// Command harmless holds findings that are true but without
// consequence: paths after which the process exits, and goroutines that
// give nothing back. The first are silent; the second are reported at a
// lower severity, with a message that says so.
package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

func work(i int) error { return nil }
func setup() error     { return nil }

// --- must stay silent ---

// Returning from main exits the process.
func main() {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); work(i) }()
	}
	if len(os.Args) > 3 {
		return
	}
	wg.Wait()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log.Fatal(serve())
	err := collect()
	if err != nil {
		log.Fatalf("collect: %v", err)
	}
	if err := twice(); err != nil {
		os.Exit(2)
	}
	twice()
}

// Every caller exits on run's error: its error returns end the process.
func run() error {
	var wg sync.WaitGroup
	results := make([]error, 4)
	for i := range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = work(i) }()
	}
	if err := setup(); err != nil {
		return err
	}
	wg.Wait()
	return errors.Join(results...)
}

// A collector whose timeout ends the process.
func serve() error {
	errc := make(chan error)
	go func() { errc <- work(0) }()
	select {
	case err := <-errc:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// Called as err := collect(); if err != nil { log.Fatalf(...) }.
func collect() error {
	errc := make(chan error)
	go func() { errc <- work(1) }()
	if err := setup(); err != nil {
		return fmt.Errorf("setup: %w", err)
	}
	return <-errc
}

// --- must report ---

// The nil return goes on in the caller.
func runNil() error {
	var wg sync.WaitGroup
	results := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = work(i) }()
	}
	if len(os.Args) == 1 {
		return nil // want `return skips sync.WaitGroup.Wait on wg: goroutines started before it keep running after the call returns \(defer Wait, or Wait before returning\)$`
	}
	wg.Wait()
	return errors.Join(results...)
}

func init() {
	if err := runNil(); err != nil {
		os.Exit(1)
	}
}

// One caller ignores twice's error: its error return is not an exit.
func twice() error {
	errc := make(chan error)
	go func() { errc <- work(2) }()
	if err := setup(); err != nil {
		return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
	}
	return <-errc
}

// Cleanup goroutines that give nothing back: reported as such.
func cleanup(paths []string) error {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Go(func() { os.Remove(p) })
	}
	if len(paths) > 10 {
		return errors.New("too many") // want `return skips sync.WaitGroup.Wait on wg: .*; they give nothing back and end by themselves`
	}
	wg.Wait()
	return nil
}
