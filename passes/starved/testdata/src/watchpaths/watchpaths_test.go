package watchpaths

import (
	"net"
	"testing"
	"time"
)

func handshake(c net.Conn) error {
	_, err := c.Write([]byte("hello"))
	return err
}

// Silent: the test reads the goroutine's handshake under a deadline and
// stops when it does not come, before the receive the goroutine would
// not answer.
func TestHandshake(t *testing.T) {
	c1, c2 := net.Pipe()
	defer c1.Close()
	done := make(chan struct{})
	go func() {
		if err := handshake(c2); err != nil {
			return
		}
		close(done)
	}()
	c1.SetDeadline(time.Now().Add(time.Second))
	buf := make([]byte, 5)
	if _, err := c1.Read(buf); err != nil {
		t.Fatal(err)
	}
	<-done
}

// Silent: t.FailNow in a select with a timeout, before the wait.
func TestTimeoutFirst(t *testing.T) {
	started := make(chan struct{}, 1)
	done := make(chan struct{})
	go func() {
		started <- struct{}{}
		if check() != nil {
			return
		}
		close(done)
	}()
	select {
	case <-started:
	case <-time.After(time.Second):
		t.FailNow()
	}
	<-done
}

// Silent: the test's listener is closed by a deferred Close, after the
// wait; only that close makes the Accept fail.
func TestAccept(t *testing.T) {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
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
	if err != nil {
		t.Error(err)
	}
	defer c.Close()
	(<-conns).Close()
}

// Reported: t.Error does not stop the test, which reaches its wait.
func TestErrorOnly(t *testing.T) {
	done := make(chan struct{})
	go func() {
		if check() != nil {
			return // want `neither sends on done`
		}
		close(done)
	}()
	if err := dial(); err != nil {
		t.Error(err)
	}
	<-done
}
