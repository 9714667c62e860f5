// Package s exercises the summary of functions that report every error
// they return. Functions marked with a want comment report every error;
// the others may return one nobody has seen.
package s

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"testing"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

func pair(i int) (int, error) { return i, work(i) }

// ---- report every error ----

func nilOnly() error { return nil } // want `reports every error`

func loggedInBranch(i int) error { // want `reports every error`
	if err := work(i); err != nil {
		log.Printf("work %d: %v", i, err)
		return err
	}
	return nil
}

func loggedAfterIf(i int) error { // want `reports every error`
	err := work(i)
	if err != nil {
		slog.Error("work failed", "err", err)
	}
	return err
}

func nestedArgument(i int) error { // want `reports every error`
	err := work(i)
	if err != nil {
		log.Print("work failed: " + err.Error())
		return err
	}
	return nil
}

func wrappedAfterLog(i int) (int, error) { // want `reports every error`
	n, err := pair(i)
	if err != nil {
		log.Print(err)
		return 0, fmt.Errorf("pair %d: %w", i, err)
	}
	return n, nil
}

func testReported(t *testing.T, i int) error { // want `reports every error`
	if err := work(i); err != nil {
		t.Error(err)
		return err
	}
	return nil
}

type server struct {
	errc    chan error
	lastErr error
	log     *log.Logger
}

func (s *server) fail(err error) error { // want `reports every error`
	s.log.Printf("server: %v", err)
	return err
}

func (s *server) viaReporter(i int) error { // want `reports every error`
	if err := work(i); err != nil {
		return s.fail(err)
	}
	return nil
}

func (s *server) sentOnField(i int) error { // want `reports every error`
	err := work(i)
	if err != nil {
		s.errc <- err
		return err
	}
	return nil
}

func (s *server) loop() {
	for err := range s.errc {
		log.Print(err)
	}
}

func (s *server) stored(i int) error { // want `reports every error`
	err := work(i)
	s.lastErr = err
	return err
}

func deferredLog(i int) (err error) { // want `reports every error`
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	return work(i)
}

func cancelled(ctx context.Context) error { // want `reports every error`
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	return context.Cause(ctx)
}

func nilAfterTerminatingIf(i int) error { // want `reports every error`
	err := work(i)
	if err != nil {
		log.Print(err)
		os.Exit(1)
	}
	return err
}

func nilInElse(i int) error { // want `reports every error`
	if err := work(i); err != nil {
		log.Print(err)
	} else {
		return err
	}
	return nil
}

func namedBareNil() (err error) { // want `reports every error`
	log.Print("x")
	return
}

func switchClauses(i int) error { // want `reports every error`
	err := work(i)
	switch {
	case i > 2:
		log.Print(err)
		return err
	case err != nil:
		return s2(err)
	}
	return nil
}

func s2(err error) error { // want `reports every error`
	log.Println(err)
	return err
}

var literal = func(i int) error { // want `literal reports every error`
	if err := work(i); err != nil {
		log.Print(err)
		return err
	}
	return nil
}

// ---- may return an unreported error ----

func plain(i int) error { return work(i) }

func loggedWithoutError(i int) error {
	if err := work(i); err != nil {
		log.Print("failed")
		return err
	}
	return nil
}

func loggedOtherValue(i int) error {
	err := work(i)
	if err != nil {
		log.Print(err)
		err = work(i + 1)
	}
	return err
}

func inspectedOnly(i int) error {
	err := work(i)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func wrappedNotLogged(i int) error {
	if err := work(i); err != nil {
		return fmt.Errorf("work: %w", err)
	}
	return nil
}

func newError() error { return fmt.Errorf("bad") }

func joinedWithNew(i int) error {
	err := work(i)
	if err != nil {
		log.Print(err)
		return errors.Join(err, errors.New("more"))
	}
	return nil
}

func param(err error) error { return err }

func sentOnParam(errc chan error, i int) error {
	err := work(i)
	errc <- err
	return err
}

func (s *server) sentOnUnread(c chan error, i int) error {
	local := make(chan error, 1)
	err := work(i)
	local <- err
	return err
}

func assignedInClosure(i int) error {
	err := work(i)
	log.Print(err)
	func() { err = work(i + 1) }()
	return err
}

func loopCarried(xs []int) error {
	var err error
	for _, x := range xs {
		if err != nil {
			return err
		}
		err = work(x)
	}
	return nil
}

func deferredByValue(i int) (err error) {
	defer log.Print(err)
	return work(i)
}

func deferredRecoverOnly(i int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return work(i)
}

func recursiveFail(i int) error {
	if i > 0 {
		return recursiveFail(i - 1)
	}
	return work(i)
}

func withGoto(i int) error {
	err := work(i)
	log.Print(err)
	if i > 0 {
		goto out
	}
	err = work(i + 1)
out:
	return err
}

func fallthroughCase(i int) error {
	err := work(i)
	switch i {
	case 0:
		err = work(1)
		fallthrough
	case 1:
		return err
	}
	return nil
}

var failingLiteral = func(i int) error { return work(i) }

func recoveredIntoResult() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return nil
}
