// Package barrier holds start barriers: WaitGroups whose every Done is a
// goroutine's first action wait for the goroutines to start, not to
// finish. The goroutines are long-lived by design, and nobody collects
// their errors: no finding. The near misses at the end are joins.
package barrier

import (
	"errors"
	"io"
	"net"
	"sync"
)

var errFailed = errors.New("failed")

func pump(dst io.Writer, src io.Reader) error {
	if _, err := io.Copy(dst, src); err != nil {
		return err
	}
	return errFailed
}

// ---- must stay silent ----

func proxy(a, b net.Conn) error {
	var started sync.WaitGroup
	started.Add(2)
	go func() {
		started.Done()
		pump(a, b)
	}()
	go func() {
		started.Done()
		pump(b, a)
	}()
	started.Wait()
	return nil
}

func pumps(dst io.Writer, srcs []io.Reader) error {
	started := new(sync.WaitGroup)
	for _, s := range srcs {
		started.Add(1)
		go func() {
			defer println("pump done")
			started.Done()
			pump(dst, s)
		}()
	}
	started.Wait()
	return nil
}

func pointerVariable(dst io.Writer, src io.Reader) error {
	started := &sync.WaitGroup{}
	started.Add(1)
	go func() {
		started.Done()
		pump(dst, src)
	}()
	started.Wait()
	return nil
}

func serve(started *sync.WaitGroup, l net.Listener) error {
	started.Done()
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func startServer(l net.Listener) error {
	var started sync.WaitGroup
	started.Add(1)
	go serve(&started, l)
	started.Wait()
	return nil
}

type listener struct{ l net.Listener }

func (s *listener) serve(started *sync.WaitGroup) error {
	started.Done()
	_, err := s.l.Accept()
	return err
}

func (s *listener) start() error {
	var started sync.WaitGroup
	started.Add(1)
	go s.serve(&started)
	started.Wait()
	return nil
}

// A barrier per connection of an accept loop.
func acceptAll(l net.Listener, dst io.Writer) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		var started sync.WaitGroup
		started.Add(1)
		go func() {
			started.Done()
			pump(dst, c)
		}()
		started.Wait()
	}
}

// ---- near misses: joins ----

// Done after the work: the Wait joins the goroutine, whose error is lost.
func doneLast(dst io.Writer, src io.Reader) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		pump(dst, src) // want `error returned by barrier.pump is dropped inside a goroutine that is waited for`
		wg.Done()
	}()
	wg.Wait()
	return nil
}

// One goroutine signals its start, the other its end: the group joins.
func mixed(dst io.Writer, src io.Reader) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		wg.Done()
		pump(dst, src) // want `error returned by barrier.pump is dropped inside a goroutine that is waited for`
	}()
	go func() {
		defer wg.Done()
		pump(dst, src) // want `error returned by barrier.pump is dropped inside a goroutine that is waited for`
	}()
	wg.Wait()
	return nil
}

func serveJoined(wg *sync.WaitGroup, l net.Listener) error {
	defer wg.Done()
	_, err := l.Accept()
	return err
}

func startJoined(l net.Listener) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go serveJoined(&wg, l) // want `go statement discards the error returned by barrier.serveJoined`
	wg.Wait()
	return nil
}
