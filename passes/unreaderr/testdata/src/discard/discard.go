// Package discard holds error channels whose receives throw the errors
// away (for range errc {}, <-errc as a statement) and len drains of
// unbuffered channels, whose len is always 0.
package discard

import (
	"context"
	"errors"
	"log"
	"sync"
)

var errFailed = errors.New("failed")

func work(i int) error {
	if i < 0 {
		return nil
	}
	return errFailed
}

type result struct {
	val int
	err error
}

// ---- must report: received and thrown away ----

func rangeDiscard(n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errc <- work(i) })
	}
	wg.Wait()
	close(errc)
	for range errc { // want `errors received from errc are discarded: the goroutines' failures are lost`
	}
	return nil
}

func rangeBlankDiscard(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for _ = range errc { // want `errors received from errc are discarded`
	}
	return nil
}

func recvStatement(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for range n {
		<-errc // want `errors received from errc are discarded`
	}
	return nil
}

func resultsDiscarded(n int) int {
	results := make(chan result)
	for i := range n {
		go func() { results <- result{i, work(i)} }()
	}
	for range n {
		<-results // want `errors received from results are discarded`
	}
	return n
}

// ---- must report: len drains of unbuffered channels ----

func lenDrainLoop(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for len(errc) > 0 { // want `len of unbuffered channel errc is always 0: the receive it guards never runs, the goroutines' errors are never read and their sends block`
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func lenDrainIf() error {
	errc := make(chan error)
	go func() { errc <- work(1) }()
	if 0 != len(errc) { // want `len of unbuffered channel errc is always 0`
		return <-errc
	}
	return nil
}

// ---- must stay silent ----

func doneSignal(n int) {
	done := make(chan struct{})
	for range n {
		go func() {
			_ = work(1)
			done <- struct{}{}
		}()
	}
	for range n {
		<-done // a success signal, no error on it
	}
}

func nilOnly(n int) {
	done := make(chan error)
	for range n {
		go func() {
			_ = work(1)
			done <- nil
		}()
	}
	for range n {
		<-done // only nil is ever sent
	}
}

func commentedDrain(n int) {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	// Drain so that no sender blocks: the result does not matter here.
	for range n {
		<-errc
	}
}

func commentedRange(n int) {
	errc := make(chan error)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errc <- work(i) })
	}
	go func() { wg.Wait(); close(errc) }()
	for range errc {
		// Best effort: the caller retries what failed.
	}
}

func blankAssign(n int) {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for range n {
		_ = <-errc
	}
}

func drainedAfterJoin(n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errc <- work(i) })
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

func bufferedLenDrainAfterJoin(n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errc <- work(i) })
	}
	wg.Wait()
	for len(errc) > 0 {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func firstThenDrain(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	err := <-errc
	go func() {
		for range n - 1 {
			<-errc
		}
	}()
	return err
}

func loggedBeforeSend(n int) {
	errc := make(chan error, n)
	for i := range n {
		go func() {
			err := work(i)
			if err != nil {
				log.Print(err)
			}
			errc <- err
		}()
	}
	for range n {
		<-errc
	}
}

func unbufferedLenAndReceive(n int) error {
	errc := make(chan error)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for len(errc) > 0 {
		<-errc
	}
	for range n {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func commaOkUsed(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for {
		err, ok := <-errc
		if !ok {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func selectWaitsForExit(ctx context.Context) {
	errc := make(chan error, 1)
	go func() { errc <- work(1) }()
	select {
	case <-errc:
	case <-ctx.Done():
	}
}

func recvBeforeStart(n int) error {
	errc := make(chan error, 1)
	errc <- nil
	<-errc // before any goroutine starts: sees none of their errors
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return <-errc
}
