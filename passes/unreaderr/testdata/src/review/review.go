// Package review holds real-world idioms that look like lost goroutine
// errors but are not: every function here must stay silent.
package review

import (
	"context"
	"errors"
	"io"
	"log"
	"reflect"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"
)

func work(i int) error {
	if i < 0 {
		return errors.New("negative")
	}
	return nil
}

type result struct {
	val int
	err error
}

// Err returns the error of the result.
func (r result) Err() error { return r.err }

// ---- channels received in another function ----

type job struct{ wait func() error }

func closureInStruct() job {
	errc := make(chan error, 1)
	go func() { errc <- work(1) }()
	return job{wait: func() error { return <-errc }}
}

type errCh chan error

func (c errCh) wait() error { return <-c }

func methodValueReturned() func() error {
	c := make(errCh, 1)
	go func() { c <- work(1) }()
	return c.wait
}

func methodValueGo() error {
	c := make(errCh, 1)
	var wg sync.WaitGroup
	wg.Go(func() { c <- work(1) })
	wg.Go(func() { log.Print(c.wait()) })
	wg.Wait()
	return nil
}

func methodValueLocal() error {
	c := make(errCh, 1)
	go func() { c <- work(1) }()
	w := c.wait
	return w()
}

type drainer struct{ errc chan error }

func (d *drainer) drain() error { return <-d.errc }

func methodValueOfOwner() func() error {
	d := &drainer{errc: make(chan error, 1)}
	go func() { d.errc <- work(1) }()
	return d.drain
}

func reflectSelect(n int) error {
	var cases []reflect.SelectCase
	for i := range n {
		errc := make(chan error, 1)
		go func() { errc <- work(i) }()
		cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(errc)})
	}
	_, v, _ := reflect.Select(cases)
	if err, ok := v.Interface().(error); ok {
		return err
	}
	return nil
}

func recvOnlyHelper(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return firstErr(errc, n)
}

func firstErr(c <-chan error, n int) error {
	for range n {
		if err := <-c; err != nil {
			return err
		}
	}
	return nil
}

func recvOnlyGenericHelper(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	return collect(errc, n)
}

func collect[T any](c <-chan T, n int) T {
	var last T
	for range n {
		last = <-c
	}
	return last
}

func recvInClosureVar(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
	}
	next := func() error { return <-errc }
	for range n {
		if err := next(); err != nil {
			return err
		}
	}
	return nil
}

func lenOfChan(n int) bool {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := work(i); err != nil {
				errc <- err
			}
		})
	}
	wg.Wait()
	return len(errc) == 0
}

func nilSignals() {
	// A channel of error used only as a completion signal: every send is
	// nil, no failure travels on it.
	done := make(chan error, 1)
	go func() {
		_ = work(1)
		done <- nil
	}()
}

func perIterationDrain(xs []int) error {
	for _, x := range xs {
		errc := make(chan error, 1)
		go func() { errc <- work(x) }()
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func timeoutWrapper(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- work(1) }()
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	select {
	case err := <-errc:
		return err
	case <-timer.C:
		return errors.New("timeout")
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ---- slices read by builtins, sort and slices ----

func sliceCopied(n int) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	out := make([]error, n)
	copy(out, errs)
	return out
}

func sliceAppendedOn(n int, prev []error) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return append(prev, errs...)
}

func sliceSlicesIndex(n int) int {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return slices.IndexFunc(errs, func(err error) bool { return err != nil })
}

func sliceSorted(n int) error {
	var wg sync.WaitGroup
	res := make([]result, n)
	for i := range n {
		wg.Go(func() { res[i] = result{i, work(i)} })
	}
	wg.Wait()
	sort.Slice(res, func(a, b int) bool { return res[a].val < res[b].val })
	return nil
}

func sliceResultMethod(n int) error {
	var wg sync.WaitGroup
	res := make([]result, n)
	for i := range n {
		wg.Go(func() { res[i].err = work(i) })
	}
	wg.Wait()
	for i := range res {
		if err := res[i].Err(); err != nil {
			return err
		}
	}
	return nil
}

func sliceViaPointer(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	p := &errs
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return errors.Join(*p...)
}

func slicePointerToWorker(n int) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for i := range n {
		wg.Add(1)
		go appendErr(&wg, &mu, &errs, i)
	}
	wg.Wait()
	return errors.Join(errs...)
}

func appendErr(wg *sync.WaitGroup, mu *sync.Mutex, errs *[]error, i int) {
	defer wg.Done()
	if err := work(i); err != nil {
		mu.Lock()
		*errs = append(*errs, err)
		mu.Unlock()
	}
}

type multiErr []error

func (m multiErr) Error() string { return "multi" }

func sliceConverted(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return multiErr(errs)
}

func sliceRangeIndexOnly(n int) int {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	failed := 0
	for i := range errs {
		if errs[i] != nil {
			failed++
		}
	}
	return failed
}

func sliceSubslice(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { errs[i] = work(i) })
	}
	wg.Wait()
	return errors.Join(errs[:n/2]...)
}

func mapLen(keys []int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := make(map[int]error)
	for _, k := range keys {
		wg.Go(func() {
			if err := work(k); err != nil {
				mu.Lock()
				failures[k] = err
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return len(failures)
}

func mapLookup(keys []int) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	m := make(map[int]error, len(keys))
	for _, k := range keys {
		wg.Go(func() {
			err := work(k)
			mu.Lock()
			m[k] = err
			mu.Unlock()
		})
	}
	wg.Wait()
	return m[keys[0]]
}

// ---- error variables ----

func varDeferredRead(n int) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var err error
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
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
}

func varAfterDone(ctx context.Context) error {
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		err = work(1)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	return err
}

func varOnce() error {
	var once sync.Once
	var err error
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() {
			if e := work(i); e != nil {
				once.Do(func() { err = e })
			}
		})
	}
	wg.Wait()
	return err
}

func varLoopCondition(n int) error {
	var mu sync.Mutex
	var err error
	for i := 0; i < n; i++ {
		mu.Lock()
		failed := err != nil
		mu.Unlock()
		if failed {
			break
		}
		var wg sync.WaitGroup
		wg.Go(func() {
			e := work(i)
			mu.Lock()
			err = e
			mu.Unlock()
		})
		wg.Wait()
	}
	return nil
}

func varCleanup(t *testing.T) {
	var err error
	t.Cleanup(func() {
		if err != nil {
			t.Error(err)
		}
	})
	go func() { err = work(1) }()
}

func varResetOnly(n int) error {
	var mu sync.Mutex
	err := work(0)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			mu.Lock()
			err = nil // a reset produces no failure
			mu.Unlock()
		})
	}
	wg.Wait()
	return nil
}

// ---- goroutines that check their own errors ----

func testAssertsInGoroutine(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if err := work(i); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func goLiteralDeferHandles() {
	go func() (err error) {
		defer func() {
			if err != nil {
				log.Print(err)
			}
		}()
		return work(1)
	}()
}

// ---- go f(args) with a WaitGroup ----

func nilOnlyWorker(wg *sync.WaitGroup, i int) error {
	defer wg.Done()
	log.Print(i)
	return nil
}

func goNilOnlyWorker(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go nilOnlyWorker(&wg, i)
	}
	wg.Wait()
	return nil
}

// ---- dropped calls: conventions ----

func proxy(a, b io.ReadWriteCloser) error {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer a.Close()
		_, _ = io.Copy(a, b)
	}()
	go func() {
		defer wg.Done()
		defer b.Close()
		_, _ = io.Copy(b, a)
	}()
	wg.Wait()
	return nil
}

// ---- generics ----

func genericChan[T any](items []T, f func(T) error) error {
	errc := make(chan error, len(items))
	for _, it := range items {
		go func() { errc <- f(it) }()
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

type pool[T any] struct {
	wg   sync.WaitGroup
	errc chan error
}

func (p *pool[T]) run(items []T, f func(T) error) error {
	p.errc = make(chan error, len(items))
	for _, it := range items {
		p.wg.Go(func() { p.errc <- f(it) })
	}
	p.wg.Wait()
	close(p.errc)
	return <-p.errc
}

// ---- odd control flow must not crash ----

func oddFlow(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	i := 0
loop:
	if i < n {
		j := i
		wg.Go(func() { errs[j] = work(j) })
		i++
		goto loop
	}
	wg.Wait()
outer:
	for _, err := range errs {
		switch e := err.(type) {
		case nil:
			continue outer
		case interface{ Timeout() bool }:
			if e.Timeout() {
				break outer
			}
		}
		return err
	}
	return nil
}

func recursive(n int) error {
	if n == 0 {
		return nil
	}
	errc := make(chan error, 1)
	go func() { errc <- recursive(n - 1) }()
	return <-errc
}

func blockForever() {
	go func() { select {} }()
}

func methodExpr(n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	f := (*drainer).drain
	for i := range n {
		d := &drainer{errc: make(chan error, 1)}
		wg.Go(func() { errs[i] = f(d) })
	}
	wg.Wait()
	return errors.Join(errs...)
}

func deferInLoop(n int) (err error) {
	errc := make(chan error, n)
	for i := range n {
		go func() { errc <- work(i) }()
		defer func() {
			if e := <-errc; e != nil && err == nil {
				err = e
			}
		}()
	}
	return nil
}

func resultValueFieldOnly(n int) {
	// Goroutines fill only the value field: no error goes in.
	var wg sync.WaitGroup
	res := make([]result, n)
	for i := range n {
		wg.Go(func() { res[i].val = i })
	}
	wg.Wait()
}

// ---- second batch ----

func (c errCh) drainLog() {
	for err := range c {
		log.Print(err)
	}
}

func boundMethodToGo(n int) error {
	c := make(errCh, n)
	var wg sync.WaitGroup
	go c.drainLog()
	for i := range n {
		wg.Go(func() { c <- work(i) })
	}
	wg.Wait()
	close(c)
	return nil
}

func boundMethodToWGGo(n int) error {
	c := make(errCh, n)
	var wg sync.WaitGroup
	wg.Go(c.drainLog)
	for i := range n {
		go func() { c <- work(i) }()
	}
	wg.Wait()
	return nil
}

func testAssertsAndSends(t *testing.T) {
	errc := make(chan error, 1)
	go func() {
		err := work(1)
		if err != nil {
			t.Error(err)
		}
		errc <- err
	}()
}

func nilOnlyHelper(i int) error {
	log.Print(i)
	return nil
}

func (d *drainer) logged() (err error) {
	defer func() {
		if err != nil {
			log.Print(err)
		}
	}()
	return work(1)
}

func droppedNilOnly(d *drainer, n int) error {
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			nilOnlyHelper(i)
			d.logged()
		})
	}
	wg.Wait()
	return nil
}

func cleanupReceives(t *testing.T) {
	errc := make(chan error, 1)
	t.Cleanup(func() {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	})
	go func() { errc <- work(1) }()
}

func chanOfResultsDrainedByRange(n int) error {
	out := make(chan result)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out <- result{val: i, err: work(i)}
		}(i)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	for r := range out {
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

func chanOfChans(n int) error {
	reqs := make(chan chan error, n)
	go func() {
		for reply := range reqs {
			reply <- work(1)
		}
	}()
	reply := make(chan error, 1)
	reqs <- reply
	return <-reply
}

func semaphoreCap(items []int) error {
	sem := make(chan struct{}, 4)
	errc := make(chan error, len(items))
	for _, it := range items {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			errc <- work(it)
		}()
	}
	for range cap(errc) {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

func firstErrorSelectDefault(n int) error {
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := work(i); err != nil {
				select {
				case errc <- err:
				default:
				}
			}
		})
	}
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

func typeSwitchHolder(v any, n int) error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			switch x := v.(type) {
			case int:
				errs[i] = work(x)
			case string:
				errs[i] = errors.New(x)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

type limiter struct {
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs []error
}

func (l *limiter) spawn(f func() error) {
	l.wg.Go(func() {
		if err := f(); err != nil {
			l.mu.Lock()
			l.errs = append(l.errs, err)
			l.mu.Unlock()
		}
	})
}

func (l *limiter) wait() error {
	l.wg.Wait()
	return errors.Join(l.errs...)
}

func nestedGroups(outer, inner int) error {
	var wg sync.WaitGroup
	errc := make(chan error, outer*inner)
	for i := range outer {
		wg.Go(func() {
			var iwg sync.WaitGroup
			for j := range inner {
				iwg.Go(func() { errc <- work(i*inner + j) })
			}
			iwg.Wait()
		})
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

// ---- workers that log their failure before returning it ----

func fetchLogged(wg *sync.WaitGroup, u string) error {
	defer wg.Done()
	err := work(len(u))
	if err != nil {
		log.Printf("fetch %s: %v", u, err)
		return err
	}
	return nil
}

func crawl(urls []string) error {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go fetchLogged(&wg, u)
	}
	wg.Wait()
	return nil
}

// ---- odd code that must not crash ----

type gen[T any] struct{ v T }

func (g *gen[T]) run(wg *sync.WaitGroup) error {
	defer wg.Done()
	return work(-1)
}

func oddStatements(g *gen[int]) error {
	var wg sync.WaitGroup
	go println("x")
	wg.Add(1)
	go (*gen[int]).run(g, &wg) // want `go statement discards the error returned by review.gen.run`
	wg.Wait()
	for i := 0; ; i++ {
		if i > 3 {
			break
		}
		defer func() {}()
	}
	return nil
}
