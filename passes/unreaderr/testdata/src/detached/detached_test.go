package detached

import (
	"net"
	"net/http"
	"testing"
)

// In tests, a server started for the test's requests is supervised by
// the test: its requests fail if it does not serve.

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s := &service{srv: srv, ln: ln}
	go s.run()
}
