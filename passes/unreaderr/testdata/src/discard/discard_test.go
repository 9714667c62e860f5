package discard

import (
	"net"
	"net/http"
	"testing"
)

// A test's helpers supervise its server: at teardown they stop it and
// wait for its goroutine to end, and the error it receives then is the
// expected one of a stopped server.

func TestCleanupWaits(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{}
	srvc := make(chan error, 1)
	go func() { srvc <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		<-srvc
	})
}

func TestDeferWaits(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- http.Serve(ln, nil) }()
	defer func() { ln.Close(); <-done }()
}

func helperCleanup(tb testing.TB, srv *http.Server, ln net.Listener) {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	tb.Cleanup(func() {
		srv.Close()
		<-errc
	})
}

// Outside teardown, a test that throws the errors away loses them: its
// failures let it pass (note level).
func TestDiscards(t *testing.T) {
	errc := make(chan error, 2)
	for i := range 2 {
		go func() { errc <- work(i) }()
	}
	<-errc // want `errors received from errc are discarded`
	<-errc
}
