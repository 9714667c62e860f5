// Package reviewreport holds the near misses of the exemptions in
// package review: shapes that resemble handled errors but still lose
// the failure.
package reviewreport

import (
	"errors"
	"log"
	"sync"
	"testing"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

// A deferred call evaluates its arguments when the defer statement runs:
// log.Print(err) sees nil, not the returned error.
func goLiteralDeferByValue() {
	go func() (err error) { // want `go statement discards the error returned by the function literal`
		defer log.Print(err)
		return work(1)
	}()
}

// A deferred literal that does not look at the result handles nothing.
func goLiteralDeferUnrelated(mu *sync.Mutex) {
	go func() (err error) { // want `go statement discards the error returned by the function literal`
		mu.Lock()
		defer func() { mu.Unlock() }()
		return work(1)
	}()
}

func mayFail(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	if i > 3 {
		return work(-i)
	}
	return nil
}

func goMayFail(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go mayFail(&wg, i) // want `go statement discards the error returned by reviewreport.mayFail`
	}
	wg.Wait()
	return nil
}

// errors.Is inspects the error; non-canceled failures still go only into
// the channel.
func inspectedThenSent(t *testing.T) {
	errc := make(chan error, 1) // want `error channel errc is sent on by goroutines but never received from`
	go func() {
		err := work(1)
		if errors.Is(err, errors.ErrUnsupported) {
			return
		}
		errc <- err
	}()
}

// A nil success signal next to a real failure: the failure is lost.
func nilAndFailure() {
	errc := make(chan error, 1) // want `error channel errc is sent on by goroutines but never received from`
	go func() {
		if err := work(1); err != nil {
			errc <- err
			return
		}
		errc <- nil
	}()
}

type result struct {
	val int
	err error
}

func errorFieldAmongOthers(n int) {
	var wg sync.WaitGroup
	res := make([]result, n) // want `errors that goroutines store in res are never read`
	for i := range n {
		wg.Go(func() {
			res[i].val = i
			res[i].err = work(i)
		})
	}
	wg.Wait()
}

// The failure is wrapped, not reported: the wrapped error goes nowhere.
func fetchWrapped(wg *sync.WaitGroup, u string) error {
	defer wg.Done()
	if err := work(len(u)); err != nil {
		log.Print("failed")
		return errors.Join(errors.New(u), err)
	}
	return nil
}

func crawlWrapped(urls []string) error {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go fetchWrapped(&wg, u) // want `go statement discards the error returned by reviewreport.fetchWrapped`
	}
	wg.Wait()
	return nil
}
