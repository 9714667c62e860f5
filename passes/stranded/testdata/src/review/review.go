// Package review holds idioms of real code that look like the reported
// shapes but are correct, and odd code that must not crash the check.
package review

import (
	"context"
	"errors"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func work(x int) (int, error) { return x, nil }

// First reply wins, the channel buffered for every replica.
func firstReplyLen(xs []int) int {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		go func() { v, _ := work(x); ch <- v }()
	}
	return <-ch
}

// First reply wins, the channel buffered by cap of the input.
func firstReplyCap(xs []int) int {
	ch := make(chan int, cap(xs))
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch
}

// First reply wins among three hedged calls, one slot each.
func hedged() int {
	ch := make(chan int, 3)
	go func() { ch <- 1 }()
	go func() { ch <- 2 }()
	go func() { ch <- 3 }()
	return <-ch
}

// A constant-sized array of replicas.
func arrayReplicas(xs [4]int) int {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		go func() { ch <- x }()
	}
	return <-ch
}

// The collector returns early; a deferred drain receives the rest.
func deferredDrain(xs []int) error {
	errc := make(chan error)
	defer func() {
		go func() {
			for range errc {
			}
		}()
	}()
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// A goroutine drains the rest after the first error.
func goDrain(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
	}
	for i := range xs {
		if err := <-errc; err != nil {
			go func(n int) {
				for ; n > 0; n-- {
					<-errc
				}
			}(len(xs) - i - 1)
			return err
		}
	}
	return nil
}

// An inline drain of the remaining senders before the early return.
func inlineDrain(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
	}
	for i := range xs {
		if err := <-errc; err != nil {
			for j := i + 1; j < len(xs); j++ {
				<-errc
			}
			return err
		}
	}
	return nil
}

// Senders select on a done channel the collector closes on return.
func doneClosedByDefer(xs []int) (int, error) {
	done := make(chan struct{})
	defer close(done)
	ch := make(chan int)
	for _, x := range xs {
		go func() {
			v, _ := work(x)
			select {
			case ch <- v:
			case <-done:
			}
		}()
	}
	for range xs {
		if v := <-ch; v < 0 {
			return 0, errors.New("negative")
		}
	}
	return 0, nil
}

// The coordinator closes the channel after Wait; the collector breaks
// out of the range loop and then drains the rest.
func breakThenDrain(xs []int) error {
	ch := make(chan error)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := work(x)
			ch <- err
		}()
	}
	go func() { wg.Wait(); close(ch) }()
	var first error
	for err := range ch {
		if err != nil {
			first = err
			break
		}
	}
	for range ch {
	}
	return first
}

// Early return on ctx.Done(); the senders also select on ctx.Done().
func ctxBoth(ctx context.Context, xs []int) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan int)
	for _, x := range xs {
		go func() {
			select {
			case ch <- x:
			case <-ctx.Done():
			}
		}()
	}
	sum := 0
	for range xs {
		select {
		case v := <-ch:
			sum += v
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return sum, nil
}

// Early return on a timeout; the senders select on a done channel.
func timeoutDone(xs []int) (int, error) {
	done := make(chan struct{})
	defer close(done)
	ch := make(chan int)
	for _, x := range xs {
		go func() {
			select {
			case ch <- x:
			case <-done:
			}
		}()
	}
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

// continue skips a bad value but the loop receives from every sender.
func continueLoop(xs []int) []int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	var out []int
	for range xs {
		v := <-ch
		if v < 0 {
			continue
		}
		out = append(out, v)
	}
	return out
}

// A labeled continue from a nested loop still receives from every sender.
func labeledContinue(xs []int) []int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	var out []int
outer:
	for range xs {
		v := <-ch
		for _, o := range out {
			if o == v {
				continue outer
			}
		}
		out = append(out, v)
	}
	return out
}

// A labeled break out of a select loop, once every sender answered.
func labeledBreakCount(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	n, sum := 0, 0
loop:
	for {
		select {
		case v := <-ch:
			sum += v
			n++
			if n == len(xs) {
				break loop
			}
		}
	}
	return sum
}

// A receive loop written with goto.
func gotoLoop(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	i, sum := 0, 0
again:
	if i < len(xs) {
		sum += <-ch
		i++
		goto again
	}
	return sum
}

// A sender that panics or fails a test never blocks the collector.
func panicsInGoroutine(xs []int) int {
	ch := make(chan int, len(xs))
	for _, x := range xs {
		go func() {
			if x < 0 {
				panic("negative")
			}
			ch <- x
		}()
	}
	sum := 0
	for range xs {
		sum += <-ch
	}
	return sum
}

// Add in a loop, Wait in a deferred closure.
func deferredClosureWait(xs []int) error {
	var wg sync.WaitGroup
	defer func() { wg.Wait() }()
	for _, x := range xs {
		if x < 0 {
			return errors.New("negative")
		}
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	return nil
}

// The deferred Wait is registered after the spawn loop, before returns.
func deferAfterSpawn(xs []int) error {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	defer wg.Wait()
	if len(xs) > 10 {
		return errors.New("many")
	}
	return nil
}

// Returns after SetLimit but before any Go.
func setLimitReturn(ctx context.Context, xs []int, limit int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	if limit <= 0 {
		return errors.New("bad limit")
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, x := range xs {
		g.Go(func() error { _, err := work(x); return err })
	}
	return g.Wait()
}

// Spawn loop that stops early with break, then waits.
func breakThenWait(ctx context.Context, xs []int) error {
	var g errgroup.Group
	for _, x := range xs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error { _, err := work(x); return err })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

type pool struct{ base int }

func (p *pool) send(ch chan<- int, x int) { ch <- p.base + x }

// Goroutines started through a method value, all received.
func (p *pool) methodValue(xs []int) int {
	ch := make(chan int)
	f := p.send
	for _, x := range xs {
		go f(ch, x)
	}
	sum := 0
	for range xs {
		sum += <-ch
	}
	return sum
}

// A method expression as the goroutine.
func (p *pool) methodExpr(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go (*pool).send(p, ch, x)
	}
	sum := 0
	for range xs {
		sum += <-ch
	}
	return sum
}

func genericSend[T any](ch chan<- T, v T) { ch <- v }

// A generic worker, all received.
func genericAll[T any](xs []T) []T {
	ch := make(chan T)
	for _, x := range xs {
		go genericSend(ch, x)
	}
	out := make([]T, 0, len(xs))
	for range xs {
		out = append(out, <-ch)
	}
	return out
}

// sync.Once closes the done channel once; the sender selects on it.
func onceClose(xs []int) int {
	var once sync.Once
	done := make(chan struct{})
	stop := func() { once.Do(func() { close(done) }) }
	defer stop()
	ch := make(chan int)
	for _, x := range xs {
		go func() {
			select {
			case ch <- x:
			case <-done:
			}
		}()
	}
	return <-ch
}

// sync.Cond waits are not WaitGroup waits.
func condWait(xs []int) int {
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	n := 0
	var wg sync.WaitGroup
	for range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			n++
			cond.Broadcast()
			mu.Unlock()
		}()
	}
	mu.Lock()
	for n < len(xs) {
		cond.Wait()
	}
	mu.Unlock()
	wg.Wait()
	return n
}

type node struct{ kids []*node }

// Recursive fan-out, each level waits.
func walk(n *node) int {
	var wg sync.WaitGroup
	counts := make([]int, len(n.kids))
	for i, k := range n.kids {
		wg.Add(1)
		go func() { defer wg.Done(); counts[i] = walk(k) }()
	}
	wg.Wait()
	total := 1
	for _, c := range counts {
		total += c
	}
	return total
}

// Recursive collector: each level receives from every child.
func walkChan(n *node) int {
	ch := make(chan int)
	for _, k := range n.kids {
		go func() { ch <- walkChan(k) }()
	}
	total := 1
	for range n.kids {
		total += <-ch
	}
	return total
}

// The WaitGroup is returned: the caller waits.
func startAll(xs []int) *sync.WaitGroup {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	return &wg
}

type runner struct{ wg *sync.WaitGroup }

// The WaitGroup is handed to a struct that waits later.
func newRunner(xs []int) *runner {
	var wg sync.WaitGroup
	r := &runner{wg: &wg}
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	return r
}

// A wait function returned to the caller.
func startWait(xs []int) (wait func()) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	return wg.Wait
}

// The group's Wait runs through a closure variable on every path.
func waitVar(xs []int) error {
	var g errgroup.Group
	wait := func() error { return g.Wait() }
	for _, x := range xs {
		g.Go(func() error { _, err := work(x); return err })
	}
	return wait()
}

// Wait with a timeout delegated to a goroutine.
func waitTimeout(xs []int, d time.Duration) error {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-time.After(d):
		return errors.New("timeout")
	}
}

// A server loop: goroutines per connection, never returns.
func serve(accept func() int) {
	var wg sync.WaitGroup
	for {
		c := accept()
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(c) }()
	}
}

// A channel of channels: each request carries its reply channel.
func requests(reqs chan<- chan int) int {
	reply := make(chan int)
	go func() { reqs <- reply }()
	return <-reply
}

// Per-goroutine channels in a slice.
func perWorker(xs []int) int {
	chs := make([]chan int, len(xs))
	for i, x := range xs {
		chs[i] = make(chan int, 1)
		go func() { chs[i] <- x }()
	}
	return <-chs[0]
}

// A single sender, received on every path (including the timeout path,
// which waits for it after cancelling).
func cancelThenWait(ctx context.Context, f func(context.Context) int) int {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	ch := make(chan int)
	go func() { ch <- f(ctx) }()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		cancel()
		return <-ch
	}
}

// select{} blocks forever: no return.
func blockForever(xs []int) {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	<-ch
	select {}
}

// Type switch and defer in a loop around a collector.
func typeSwitch(vs []any) int {
	ch := make(chan int)
	n := 0
	for _, v := range vs {
		switch v := v.(type) {
		case int:
			n++
			go func() { ch <- v }()
		case string:
			defer func() {}()
		}
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	return sum
}

// Received through a comma-ok select case until closed by the coordinator.
func selectCommaOk(ctx context.Context, xs []int) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case ch <- x:
			case <-ctx.Done():
			}
		}()
	}
	go func() { wg.Wait(); close(ch) }()
	sum := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}

// A range loop over a channel nobody closes, left once every sender
// answered: the loop has no condition, like for {}.
func rangeCount(xs []int) []int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	var out []int
	for v := range ch {
		out = append(out, v)
		if len(out) == len(xs) {
			break
		}
	}
	return out
}

// A for-select loop whose header receives and returns once every sender
// answered.
func forSelectCount(xs []int) error {
	ch := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); ch <- err }()
	}
	n := 0
	for {
		select {
		case err := <-ch:
			if err != nil {
				return err // for {} left in a receiving iteration: assumed drained
			}
			n++
			if n == len(xs) {
				return nil
			}
		}
	}
}

// The coordinator closes the channel after Wait, but the collector
// returns on the first error: the other senders block, and so does the
// coordinator's Wait.
func coordinatorEarly(xs []int) error {
	ch := make(chan error)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := work(x)
			ch <- err
		}()
	}
	go func() { wg.Wait(); close(ch) }()
	for err := range ch {
		if err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
	return nil
}

// A for-select loop that returns on ctx.Done() while the senders do not
// select on it.
func forSelectCtx(ctx context.Context, xs []int) ([]int, error) {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	var out []int
	for {
		select {
		case v := <-ch:
			out = append(out, v)
			if len(out) == len(xs) {
				return out, nil
			}
		case <-ctx.Done():
			return nil, ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
}

// A for {} loop whose first statement is its condition in all but
// spelling; the return on the first error strands the others.
func topTest(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
	}
	n := 0
	for {
		if n == len(xs) {
			return nil
		}
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
		n++
	}
}

// Goroutines started in the body of a range-over-func loop.
func rangeFunc(seq func(func(int) bool), n int) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for x := range seq {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
	}
	sum := 0
	for range n {
		sum += <-ch
	}
	wg.Wait()
	return sum
}

// A generic type whose method fans out.
type box[T any] struct{ items []T }

func (b *box[T]) send(ch chan<- T, v T) { ch <- v }

func (b *box[T]) all() []T {
	ch := make(chan T)
	for _, it := range b.items {
		go b.send(ch, it)
	}
	out := make([]T, 0, len(b.items))
	for range b.items {
		out = append(out, <-ch)
	}
	return out
}

// Defer in a loop and a Wait on every path.
func deferInLoop(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); _, _ = work(x) }()
		defer func() {}()
	}
	wg.Wait()
}

// A receive loop nested in a for {} whose body starts with it.
func nestedStart(xs []int, rounds int) int {
	sum := 0
	for r := 0; ; r++ {
		ch := make(chan int)
		for _, x := range xs {
			go func() { ch <- x }()
		}
		for range xs {
			sum += <-ch
		}
		if r == rounds {
			return sum
		}
	}
}

// A coordinator closes done once every sender has returned: the done
// case is reached with nothing pending.
func coordinatorDone(xs []int) int {
	ch := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
	}
	go func() { wg.Wait(); close(done) }()
	sum := 0
	for {
		select {
		case v := <-ch:
			sum += v
		case <-done:
			return sum
		}
	}
}

// The same with WaitGroup.Go and a worker function.
func sendTo(ch chan<- int, x int) { ch <- x }

func coordinatorGo(xs []int) int {
	ch := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Go(func() { sendTo(ch, x) })
	}
	go func() { wg.Wait(); close(done) }()
	sum := 0
	for {
		select {
		case v := <-ch:
			sum += v
		case <-done:
			return sum
		}
	}
}

// The same with an errgroup whose Wait error is sent on.
func coordinatorErrgroup(ctx context.Context, xs []int) (int, error) {
	g, ctx := errgroup.WithContext(ctx)
	ch := make(chan int)
	errc := make(chan error, 1)
	for _, x := range xs {
		g.Go(func() error { ch <- x; return nil })
	}
	go func() { errc <- g.Wait() }()
	sum := 0
	for {
		select {
		case v := <-ch:
			sum += v
		case err := <-errc:
			return sum, err
		}
	}
}

// The senders call Done before they send: done can close while they
// are still blocked.
func doneBeforeSend(xs []int) int {
	ch := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { wg.Done(); ch <- x }()
	}
	go func() { wg.Wait(); close(done) }()
	sum := 0
	for {
		select {
		case v := <-ch:
			sum += v
		case <-done:
			return sum // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
}

// The coordinator closes done before it waits.
func closeBeforeWait(xs []int) int {
	ch := make(chan int)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { defer wg.Done(); ch <- x }()
	}
	go func() { close(done); wg.Wait() }()
	sum := 0
	for {
		select {
		case v := <-ch:
			sum += v
		case <-done:
			return sum // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
}
