// Package barrier holds start barriers: WaitGroups whose every Done is a
// goroutine's first action wait for goroutines to start, not to finish.
package barrier

import (
	"errors"
	"io"
	"sync"
)

func check(r io.Reader) error { return nil }

// --- must stay silent ---

// The goroutine copies for the connection's lifetime; Wait only makes
// sure it has started.
func proxy(dst io.Writer, src io.Reader) error {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		io.Copy(dst, src)
	}()
	if err := check(src); err != nil {
		return err
	}
	started.Wait()
	return nil
}

// A barrier over a loop of goroutines, with defer registrations before
// the Done.
func pumps(dst io.Writer, srcs []io.Reader) error {
	started := new(sync.WaitGroup)
	for _, s := range srcs {
		started.Add(1)
		go func() {
			defer println("pump done")
			started.Done()
			io.Copy(dst, s)
		}()
	}
	if len(srcs) > 8 {
		return errors.New("too many")
	}
	started.Wait()
	return nil
}

func serve(started *sync.WaitGroup, r io.Reader) {
	started.Done()
	io.ReadAll(r)
}

// A named worker whose first action is Done.
func startServer(r io.Reader) error {
	var started sync.WaitGroup
	started.Add(1)
	go serve(&started, r)
	if err := check(r); err != nil {
		return err
	}
	started.Wait()
	return nil
}

// A barrier never waited for on some path is still no join.
func fireAndStart(r io.Reader) {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		io.ReadAll(r)
	}()
}

// --- must report ---

// Done after the work: the Wait is a join, and the return skips it.
func doneLast(r io.Reader) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		io.ReadAll(r)
		wg.Done()
	}()
	if err := check(r); err != nil {
		return err // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return nil
}

// One barrier goroutine and one joined one: the group is a join.
func mixed(r io.Reader) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		wg.Done()
		io.ReadAll(r)
	}()
	go func() {
		defer wg.Done()
		io.ReadAll(r)
	}()
	if err := check(r); err != nil {
		return err // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
	return nil
}
