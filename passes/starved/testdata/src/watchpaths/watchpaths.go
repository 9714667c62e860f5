// Package watchpaths holds watchers whose non-answering returns cannot
// leave the function that started them at its wait: it stops first,
// waits first for something the watcher does not do on that path, or
// the watcher's failure is the close the function makes after its wait.
package watchpaths

import (
	"errors"
	"log"
	"net"
)

var errBad = errors.New("bad")

func check() error { return nil }
func dial() error  { return nil }

// Silent: log.Fatal stops the process before the wait when the dial
// (which may need the goroutine) fails.
func dialFirst() {
	done := make(chan struct{})
	go func() {
		if check() != nil {
			return
		}
		close(done)
	}()
	if err := dial(); err != nil {
		log.Fatal(err)
	}
	<-done
}

type server[T any] struct{ v T }

// Silent: a method of a generic type that panics before its wait.
func (s *server[T]) handshake() T {
	res := make(chan T)
	go func() {
		if check() != nil {
			return
		}
		res <- s.v
	}()
	if err := dial(); err != nil {
		panic(err)
	}
	return <-res
}

// Silent: the stop is in a loop of retries before the wait.
func retries(n int) {
	done := make(chan struct{})
	go func() {
		if check() != nil {
			return
		}
		close(done)
	}()
	for i := 0; i < n; i++ {
		if dial() != nil && i == n-1 {
			log.Fatalf("dial failed %d times", n)
		}
	}
	<-done
}

// Reported: logging is not stopping; the function reaches its wait.
func logOnly() {
	done := make(chan struct{})
	go func() {
		if check() != nil {
			return // want `return neither sends on done nor closes it`
		}
		close(done)
	}()
	if err := dial(); err != nil {
		log.Print(err)
	}
	<-done
}

// Reported once, for out: the return that skips close(out) leaves the
// function in its range loop, not at <-done, whose send comes after
// the close.
func rangeThenDone(items []int) int {
	done := make(chan struct{})
	out := make(chan int)
	go func() {
		for _, it := range items {
			if it < 0 {
				return // want `return does not close out: the function that started this goroutine ranges over it`
			}
			out <- it
		}
		close(out)
		done <- struct{}{}
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	<-done
	return sum
}

// Reported once, for ready: the other way round, the function waits for
// ready before ranging over out, and the goroutine's first return
// answers neither.
func readyThenRange(items []int) int {
	out := make(chan int)
	ready := make(chan bool)
	go func() {
		if check() != nil {
			return // want `return neither sends on ready nor closes it`
		}
		ready <- true
		for _, it := range items {
			out <- it
		}
		close(out)
	}()
	<-ready
	sum := 0
	for v := range out {
		sum += v
	}
	return sum
}

// Silent: the goroutine always closes out and sends on done, in that
// order, on every path.
func rangeThenDoneAlways(items []int) int {
	done := make(chan struct{})
	out := make(chan int)
	go func() {
		defer func() { done <- struct{}{} }()
		defer close(out)
		for _, it := range items {
			if it < 0 {
				return
			}
			out <- it
		}
	}()
	sum := 0
	for v := range out {
		sum += v
	}
	<-done
	return sum
}

// Silent: the Accept fails only once the listener is closed, which the
// function does after its wait.
func acceptOne() (net.Conn, error) {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		return nil, err
	}
	defer ln.Close()
	conns := make(chan net.Conn)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		conns <- conn
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err == nil {
		defer c.Close()
	}
	return <-conns, nil
}

func accept(ln net.Listener, conns chan<- net.Conn) {
	conn, err := ln.Accept()
	if err != nil {
		return
	}
	conns <- conn
}

// Silent: a named acceptor given the listener, closed after the wait.
func acceptNamed(ln net.Listener) net.Conn {
	conns := make(chan net.Conn)
	go accept(ln, conns)
	c := <-conns
	ln.Close()
	return c
}

// Silent: the listener variable is captured by reference (assigned
// after its declaration), and closed in a defer.
func acceptCell(addr string) net.Conn {
	var ln net.Listener
	ln, _ = net.Listen("tcp", addr)
	defer ln.Close()
	conns := make(chan net.Conn)
	go func() {
		conn, err := ln.Accept()
		if err == nil {
			conns <- conn
			return
		}
	}()
	return <-conns
}

// Reported: the listener is closed before the wait, so the Accept's
// failure is one the wait does not survive.
func closedFirst(ln net.Listener) net.Conn {
	conns := make(chan net.Conn)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return // want `neither sends on conns`
		}
		conns <- conn
	}()
	ln.Close()
	return <-conns
}

// Reported: the failure is not a call on the listener.
func notTheListener(ln net.Listener) net.Conn {
	defer ln.Close()
	conns := make(chan net.Conn)
	go func() {
		if err := check(); err != nil {
			return // want `neither sends on conns`
		}
		conn, _ := ln.Accept()
		conns <- conn
	}()
	return <-conns
}

type session struct{ open bool }

func (s *session) Wait() error {
	if !s.open {
		return errBad
	}
	return nil
}

func (s *session) Close() error {
	s.open = false
	return nil
}

// Silent: a same-package resource whose one-result Wait fails once it
// is closed, which the function does in a defer, after its wait.
func waitSession(s *session) {
	defer s.Close()
	done := make(chan struct{})
	go func() {
		if err := s.Wait(); err != nil {
			return
		}
		close(done)
	}()
	<-done
}

// Reported: the session is closed by a call that may run before the
// wait.
func closeSessionEarly(s *session, early bool) {
	done := make(chan struct{})
	go func() {
		if err := s.Wait(); err != nil {
			return // want `neither sends on done`
		}
		close(done)
	}()
	if early {
		s.Close()
	}
	<-done
}
