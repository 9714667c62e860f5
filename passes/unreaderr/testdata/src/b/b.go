// Package b exercises the error holders: channels, slices, maps and
// variables that goroutines write.
package b

import (
	"context"
	"errors"
	"log"
	"sync"

	"golang.org/x/sync/errgroup"
)

// work can fail: a stub that returns only nil reports every error it
// returns (none), and the check rightly stays silent on it.
func work(i int) error { return errFailed }

var errFailed = errors.New("failed")

type result struct {
	val int
	err error
}

var sink chan error

// ---- must report: channels never received from ----

func chanNeverReceived(n int) {
	errc := make(chan error, n) // want `error channel errc is sent on by goroutines but never received from: their failures are lost`
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errc <- work(i)
		}()
	}
	wg.Wait()
	close(errc)
}

func chanToWorker(n int) {
	results := make(chan result, n) // want `error channel results is sent on`
	for i := range n {
		go sender(results, i)
	}
}

func sender(out chan<- result, i int) {
	out <- result{i, work(i)}
}

// ---- must report: slices and maps never read ----

func sliceNeverRead(n int) {
	var wg sync.WaitGroup
	errs := make([]error, n) // want `errors that goroutines store in errs are never read: their failures are lost`
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
}

func appendNeverRead(n int) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error // want `errors that goroutines store in errs are never read`
	)
	for i := range n {
		wg.Go(func() {
			if err := work(i); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

func resultFieldNeverRead(n int) {
	var wg sync.WaitGroup
	res := make([]result, n) // want `errors that goroutines store in res are never read`
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i].err = work(i)
		}()
	}
	wg.Wait()
}

func mapNeverRead(keys []int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	m := make(map[int]error) // want `errors that goroutines store in m are never read`
	for _, k := range keys {
		wg.Go(func() {
			err := work(k)
			mu.Lock()
			m[k] = err
			mu.Unlock()
		})
	}
	wg.Wait()
}

// ---- must report: error variables not read after the goroutines start ----

func varReadOnlyBefore(n int) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	err := work(-1) // want `error variable err assigned by goroutines is never read after they start: their failures are lost`
	if err != nil {
		return err
	}
	for i := range n {
		wg.Go(func() {
			if e := work(i); e != nil {
				mu.Lock()
				err = e
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return nil
}

func varBlankRead() {
	var wg sync.WaitGroup
	var firstErr error // want `error variable firstErr assigned by goroutines is never read after they start`
	wg.Add(1)
	go func() {
		defer wg.Done()
		firstErr = work(0)
	}()
	wg.Wait()
	_ = firstErr
}

// ---- must stay silent ----

func chanDrained(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	for range n {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func chanRanged(n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errc <- work(i) })
	}
	go func() { wg.Wait(); close(errc) }()
	var all []error
	for err := range errc {
		all = append(all, err)
	}
	return errors.Join(all...)
}

func chanSelected(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- work(1) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func chanReturned(n int) <-chan error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return errc
}

func chanPassedOn(n int) {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	consume(errc) // receives
}

var lastErr error

func consume(c chan error) {
	for err := range c {
		lastErr = err
	}
}

func chanToGlobal() {
	errc := make(chan error, 1)
	sink = errc
	go func() { errc <- work(1) }()
}

func chanReceivedByWorker(n int) {
	errc := make(chan error, n)
	go logger(errc)
	for i := range n {
		go func() { errc <- work(i) }()
	}
}

func logger(c <-chan error) {
	for err := range c {
		log.Print(err)
	}
}

func chanNotErrors(n int) {
	done := make(chan struct{}, n)
	for range n {
		go func() { done <- struct{}{} }()
	}
}

func chanSentOnlyBySelf() {
	errc := make(chan error, 1)
	errc <- work(1) // no goroutine involved
}

func sliceJoined(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func sliceRanged(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = work(i)
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func sliceIndexed(n int) error {
	var wg sync.WaitGroup
	res := make([]result, n)
	for i := range n {
		wg.Go(func() { res[i] = result{i, work(i)} })
	}
	wg.Wait()
	if res[0].err != nil {
		return res[0].err
	}
	return nil
}

func sliceReturned(n int) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return errs
}

func sliceLen(n int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for i := range n {
		wg.Go(func() {
			if err := work(i); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return len(errs)
}

func mapRanged(keys []int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	m := make(map[int]error)
	for _, k := range keys {
		wg.Go(func() {
			mu.Lock()
			m[k] = work(k)
			mu.Unlock()
		})
	}
	wg.Wait()
	for k, err := range m {
		log.Print(k, err)
	}
}

func sliceInErrgroup(ctx context.Context, n int) error {
	g, _ := errgroup.WithContext(ctx)
	errs := make([]error, n)
	for i := range n {
		g.Go(func() error { errs[i] = work(i); return nil })
	}
	return g.Wait() // errgroup closures are errgroupwait's business
}

func varRead(n int) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var err error
	for i := range n {
		wg.Go(func() {
			if e := work(i); e != nil {
				mu.Lock()
				err = e
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return err
}

func varNamedResult() (err error) {
	var wg sync.WaitGroup
	wg.Go(func() { err = work(1) })
	wg.Wait()
	return
}

func varAddressTaken() error {
	var wg sync.WaitGroup
	var err error
	p := &err
	wg.Go(func() { err = work(1) })
	wg.Wait()
	return *p
}

func varReadInGoroutine() {
	var wg sync.WaitGroup
	var err error
	wg.Go(func() {
		err = work(1)
		if err != nil {
			log.Print(err)
		}
	})
	wg.Wait()
}

func varAssignedOnlyBeforeStart(n int) error {
	var wg sync.WaitGroup
	err := work(0)
	for range n {
		wg.Go(func() { log.Print(err) })
	}
	wg.Wait()
	return nil
}

func genericHolder[T any](items []T, f func(T) error) error {
	var wg sync.WaitGroup
	errs := make([]error, len(items))
	for i, it := range items {
		wg.Go(func() { errs[i] = f(it) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// ---- more: generics, select sends, pointers to results ----

func genericNeverRead[T any](ctx context.Context, items []T, f func(T) error) {
	out := make(chan *result, len(items)) // want `error channel out is sent on by goroutines but never received from`
	for _, it := range items {
		go func() {
			select {
			case out <- &result{err: f(it)}:
			case <-ctx.Done():
			}
		}()
	}
}

func drainedInDefer(n int) (err error) {
	errc := make(chan error, n)
	defer func() {
		for range n {
			if e := <-errc; e != nil && err == nil {
				err = e
			}
		}
	}()
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return nil
}

func drainedBySelect(ctx context.Context, n int) error {
	errc := make(chan error)
	for i := range n {
		go func() {
			select {
			case errc <- work(i):
			case <-ctx.Done():
			}
		}()
	}
	for range n {
		select {
		case err := <-errc:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func (w *holderOwner) methodWorker(errs []error, i int) { errs[i] = work(i) }

type holderOwner struct{ errs []error }

func sliceStoredInField(o *holderOwner, n int) {
	var wg sync.WaitGroup
	errs := make([]error, n)
	o.errs = errs
	for i := range n {
		wg.Go(func() { o.methodWorker(errs, i) })
	}
	wg.Wait()
}

func sliceToMethodWorker(o *holderOwner, n int) {
	errs := make([]error, n) // want `errors that goroutines store in errs are never read`
	for i := range n {
		go o.methodWorker(errs, i)
	}
}

func sliceToUnbuiltHelper(o *holderOwner, n int) {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { fill(errs, i) }) // fill's body is not built: it may read
	}
	wg.Wait()
}

func fill(errs []error, i int) { errs[i] = work(i) }
