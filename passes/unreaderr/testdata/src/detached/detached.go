// Package detached holds goroutines nobody waits for whose error result
// the go statement drops, reported with -unreaderr.detached outside
// _test.go files.
package detached

import (
	"errors"
	"log"
	"net"
	"net/http"
	"sync"
)

var errFailed = errors.New("failed")

type service struct {
	srv *http.Server
	ln  net.Listener
}

func (s *service) run() error {
	if s.ln == nil {
		return errFailed
	}
	return s.srv.Serve(s.ln)
}

func (s *service) runLogged() error {
	if err := s.srv.Serve(s.ln); err != nil {
		log.Print(err)
		return err
	}
	return nil
}

func (s *service) runNil() error {
	log.Print("started")
	return nil
}

// ---- must report ----

func startServer(srv *http.Server, ln net.Listener) {
	go srv.Serve(ln) // want `go statement discards the error returned by http.Server.Serve and nothing waits for the goroutine: its failure is never known`
}

func (s *service) start() {
	go s.run() // want `go statement discards the error returned by detached.service.run and nothing waits for the goroutine`
}

func listen(addr string) *http.Server {
	srv := &http.Server{Addr: addr}
	go srv.ListenAndServe() // want `go statement discards the error returned by http.Server.ListenAndServe`
	return srv
}

// ---- must stay silent ----

func checkedAgainstClosed(srv *http.Server) {
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Printf("serve: %v", err)
		}
	}()
}

func (s *service) startLogged() {
	go s.runLogged() // reports its own failure
}

func (s *service) startNil() {
	go s.runNil() // returns only nil
}

func closeLater(c net.Conn) {
	go c.Close() // best-effort release
}

func noError(s *service) {
	go log.Print("x")
	go s.srv.SetKeepAlivesEnabled(false)
}

func errorToChannel(s *service) error {
	errc := make(chan error, 1)
	go func() { errc <- s.run() }()
	return <-errc
}

func joined(s *service) error {
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := s.run(); err != nil {
			log.Print(err)
		}
	})
	wg.Wait()
	return nil
}
