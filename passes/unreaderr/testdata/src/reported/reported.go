// Package reported holds goroutines whose errors go to functions of the
// package that report every error they return (log it, hand it to a
// reporter, send it on a channel someone reads, store it in a field):
// dropping the result loses nothing. The near misses at the end lose
// the failure and are reported.
package reported

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"sync"
	"testing"
)

var errFailed = errors.New("failed")

func work(i int) error {
	if i < 0 {
		return errFailed
	}
	return nil
}

type server struct {
	log     *log.Logger
	errc    chan error
	mu      sync.Mutex
	lastErr error
}

func newServer() *server {
	return &server{log: log.Default(), errc: make(chan error, 1)}
}

// fail is the package's reporter: it logs the error and returns it.
func (s *server) fail(err error) error {
	s.log.Printf("server: %v", err)
	return err
}

func (s *server) loop() {
	for err := range s.errc {
		log.Print(err)
	}
}

// ---- go f(args) of a worker that reports its failure ----

func slogWorker(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	err := work(i)
	if err != nil {
		slog.Error("work failed", "i", i, "err", err)
	}
	return err
}

func goSlogWorker(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go slogWorker(&wg, i)
	}
	wg.Wait()
	return nil
}

func (s *server) viaReporter(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	if err := work(i); err != nil {
		return s.fail(err)
	}
	return nil
}

func (s *server) goViaReporter(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go s.viaReporter(&wg, i)
	}
	wg.Wait()
	return nil
}

func (s *server) sendsOnField(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	err := work(i)
	if err != nil {
		s.errc <- err
		return err
	}
	return nil
}

func (s *server) goSendsOnField(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go s.sendsOnField(&wg, i)
	}
	wg.Wait()
	return nil
}

func wrappedAfterLog(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	if err := work(i); err != nil {
		log.Printf("work %d: %v", i, err)
		return fmt.Errorf("work %d: %w", i, err)
	}
	return nil
}

func goWrappedAfterLog(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go wrappedAfterLog(&wg, i)
	}
	wg.Wait()
	return nil
}

// ---- calls dropped inside joined goroutines ----

func (s *server) stored(i int) error {
	err := work(i)
	s.mu.Lock()
	s.lastErr = err
	s.mu.Unlock()
	return err
}

func (s *server) droppedStored(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { s.stored(i) })
	}
	wg.Wait()
	return nil
}

func (s *server) droppedReporterChain(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.viaReporter(&wg, i)
		}()
	}
	wg.Wait()
	return nil
}

func testReports(t *testing.T, i int) error {
	if err := work(i); err != nil {
		t.Errorf("work %d: %v", i, err)
		return err
	}
	return nil
}

func droppedInTestHelper(t *testing.T) error {
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() { testReports(t, i) })
	}
	wg.Wait()
	return nil
}

// ---- go func() error literals that report before returning ----

func goLiteralLogs(i int) {
	go func() error {
		if err := work(i); err != nil {
			log.Print(err)
			return err
		}
		return nil
	}()
}

// ---- holders filled with errors their producer already reported ----

func holderOfReported(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = slogWorker(&wg, i)
		}()
	}
	wg.Wait()
	return nil
}

// ---- near misses: the failure is lost ----

// The worker logs, but not the error.
func logsWithoutError(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	if err := work(i); err != nil {
		log.Print("work failed")
		return err
	}
	return nil
}

func goLogsWithoutError(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go logsWithoutError(&wg, i) // want `go statement discards the error returned by reported.logsWithoutError`
	}
	wg.Wait()
	return nil
}

// The worker logs one error and returns another.
func logsThenRetries(i int) error {
	err := work(i)
	if err != nil {
		log.Print(err)
		err = work(i + 1)
	}
	return err
}

func droppedRetry(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			logsThenRetries(i) // want `error returned by reported.logsThenRetries is dropped inside a goroutine that is waited for`
		})
	}
	wg.Wait()
	return nil
}

// The worker sends on a channel the package never receives from.
func sendsOnParam(errc chan error, i int) error {
	err := work(i)
	if err != nil {
		errc <- err
	}
	return err
}

func holderOfUnreported(n int) error {
	var wg sync.WaitGroup
	errc := make(chan error, n) // want `error channel errc is sent on by goroutines but never received from`
	errs := make([]error, n)    // want `errors that goroutines store in errs are never read`
	for i := range n {
		wg.Go(func() { errs[i] = sendsOnParam(errc, i) })
	}
	wg.Wait()
	return nil
}
