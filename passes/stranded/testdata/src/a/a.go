// Package a holds the collector cases of the stranded check.
package a

import (
	"context"
	"errors"
	"sync"
	"time"
)

type result struct {
	v   int
	err error
}

func work(x int) (int, error) { return x, nil }

// --- must report ---

// Return on the first error inside the receive loop.
func firstError(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() {
			_, err := work(x)
			errc <- err
		}()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// Return on validation failure between the start and the receive.
func validateBetween(x int) (int, error) {
	ch := make(chan result)
	go func() {
		v, err := work(x)
		ch <- result{v, err}
	}()
	if x < 0 {
		return 0, errors.New("negative") // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	r := <-ch
	return r.v, r.err
}

// The timeout leak: the other select case returns.
func timeout(x int) (int, error) {
	ch := make(chan int)
	go func() {
		v, _ := work(x)
		ch <- v
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout") // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
}

// The same with a context.
func ctxDone(ctx context.Context, x int) (int, error) {
	ch := make(chan int)
	go func() {
		v, _ := work(x)
		ch <- v
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err() // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
}

// First reply wins: N senders, one receive.
func firstReply(replicas []string) string {
	ch := make(chan string)
	for _, r := range replicas {
		go func() { ch <- r }()
	}
	return <-ch // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
}

// A buffer of one does not help N senders.
func firstReplyBuffered(replicas []string) string {
	ch := make(chan string, 1)
	for _, r := range replicas {
		go func() { ch <- r }()
	}
	return <-ch // want `return leaves goroutines blocked forever sending on channel ch \(capacity 1\)`
}

// Same-package worker functions started with the channel.
func sendTo(ch chan<- result, x int) {
	v, err := work(x)
	ch <- result{v, err}
}

func workers(xs []int) ([]int, error) {
	ch := make(chan result)
	for _, x := range xs {
		go sendTo(ch, x)
	}
	var out []int
	for range xs {
		r := <-ch
		if r.err != nil {
			return nil, r.err // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
		out = append(out, r.v)
	}
	return out, nil
}

// A method started as a goroutine.
type fetcher struct{ base int }

func (f *fetcher) fetch(ch chan int, x int) { ch <- f.base + x }

func (f *fetcher) all(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go f.fetch(ch, x)
	}
	return <-ch // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
}

// A method value started as a goroutine.
func (f *fetcher) viaValue(x int) int {
	ch := make(chan int)
	send := f.fetch
	go send(ch, x)
	if x == 0 {
		return 0 // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	return <-ch
}

// A generic collector.
func firstOf[T any](xs []T, f func(T) error) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { errc <- f(x) }()
	}
	for range xs {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// A generic worker.
func genericSend[T any](ch chan T, v T) { ch <- v }

func genericWorker(x int) int {
	ch := make(chan int)
	go genericSend(ch, x)
	go genericSend(ch, x+1)
	return <-ch // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
}

// Two goroutines, two receives, but an early return after the first.
func twoThenBreak() error {
	errc := make(chan error)
	go func() { errc <- nil }()
	go func() { errc <- errors.New("x") }()
	for i := 0; i < 2; i++ {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// A producer that sends many values, and a consumer that stops early.
func producerStopsEarly(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	for v := range ch {
		if v > 10 {
			return v // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
		}
	}
	return 0
}

// A return inside the spawn loop, after some goroutines started.
func returnInSpawnLoop(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		if x < 0 {
			return errors.New("negative") // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
		go func() { _, err := work(x); errc <- err }()
	}
	for range xs {
		<-errc
	}
	return nil
}

// --- must stay silent ---

// Buffered for every sender.
func bufferedForAll(xs []int) error {
	errc := make(chan error, len(xs))
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

// One sender, buffer of one: the timeout does not strand it.
func bufferedOne(ctx context.Context, x int) (int, error) {
	ch := make(chan int, 1)
	go func() { v, _ := work(x); ch <- v }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// Two senders, buffer of two.
func bufferedTwo() error {
	errc := make(chan error, 2)
	go func() { errc <- nil }()
	go func() { errc <- nil }()
	return <-errc
}

// The collector drains every sender, recording the first error.
func drainAll(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
	}
	var first error
	for range xs {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Producers close the channel, the consumer ranges to the end.
func closeAndRange(xs []int) int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch <- x
		}()
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// The sender selects on a done channel closed by a deferred close.
func doneChannel(xs []int) int {
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
	return <-ch
}

// The sender selects on the context.
func senderSelectsCtx(ctx context.Context, xs []int) int {
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
	return <-ch
}

// A non-blocking send.
func nonBlockingSend(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() {
			select {
			case ch <- x:
			default:
			}
		}()
	}
	return <-ch
}

// The channel escapes: returned to the caller.
func escapes(x int) <-chan int {
	ch := make(chan int)
	go func() { ch <- x }()
	return ch
}

// The channel escapes: passed to an unknown function.
func passedOn(x int, use func(chan int)) {
	ch := make(chan int)
	go func() { ch <- x }()
	use(ch)
}

// The spawner also sends: out of scope.
func spawnerSends(x int) {
	ch := make(chan int)
	go func() { <-ch }()
	ch <- x
}

// A worker pool: the spawner drains a fixed number of results.
func pool(jobs []int) []int {
	in := make(chan int, len(jobs))
	out := make(chan int)
	for w := 0; w < 4; w++ {
		go func() {
			for j := range in {
				out <- j * 2
			}
		}()
	}
	for _, j := range jobs {
		in <- j
	}
	close(in)
	res := make([]int, 0, len(jobs))
	for range jobs {
		res = append(res, <-out)
	}
	return res
}

// Spawn and receive in the same iteration.
func oneAtATime(xs []int) error {
	errc := make(chan error)
	for _, x := range xs {
		go func() { _, err := work(x); errc <- err }()
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// A fresh channel per attempt, received on every path.
func retry(n int) int {
	for i := 0; i < n; i++ {
		ch := make(chan int)
		go func() { ch <- i }()
		if v := <-ch; v > 0 {
			return v
		}
	}
	return 0
}

// Only a close: a done signal, no sender.
func doneSignal(x int) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = work(x)
	}()
	if x < 0 {
		return
	}
	<-done
}

// The sender drains after cancellation: every path receives.
func shutdown(ctx context.Context, serve func() error) error {
	errc := make(chan error)
	go func() { errc <- serve() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	return <-errc
}

// An infinite receive loop that stops once it has what it needs.
func untilEnough(xs []int) int {
	ch := make(chan int)
	for _, x := range xs {
		go func() { ch <- x }()
	}
	n := 0
	for {
		v := <-ch
		n++
		if n == len(xs) {
			return v
		}
	}
}

// A capacity computed at run time is taken as sized for the senders.
func runtimeCap(n int) int {
	ch := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() { ch <- i }()
	}
	return <-ch
}

// A buffer sized for a constant spawn loop.
func constLoop() int {
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func() { ch <- i }()
	}
	return <-ch
}

// Receive with comma-ok until closed.
func commaOk(xs []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			ch <- x
		}
		close(ch)
	}()
	sum := 0
	for {
		v, ok := <-ch
		if !ok {
			break
		}
		sum += v
	}
	return sum
}

// A generic collector buffered for every sender.
func gatherAll[T any](xs []T, f func(T) T) []T {
	ch := make(chan T, len(xs))
	for _, x := range xs {
		go func() { ch <- f(x) }()
	}
	out := make([]T, 0, len(xs))
	for range xs {
		out = append(out, <-ch)
	}
	return out
}

// The goroutine sends only on a path the receive also covers.
func conditionalSend(x int) (int, error) {
	ch := make(chan result)
	go func() {
		v, err := work(x)
		if err != nil {
			ch <- result{err: err}
			return
		}
		ch <- result{v: v}
	}()
	r := <-ch
	return r.v, r.err
}

// The goroutine either sends an error or closes done; done means it sent
// nothing.
func doneOrError(ctx context.Context) {
	done := make(chan struct{})
	errc := make(chan error)
	go func() {
		if _, err := work(1); err != nil {
			errc <- err
			return
		}
		close(done)
	}()
	select {
	case <-done:
	case err := <-errc:
		_ = err
	}
}

// A deferred close of finished runs after the send.
func finishedSignal(x int) int {
	finished := make(chan struct{})
	ch := make(chan int)
	go func() {
		defer close(finished)
		ch <- x
	}()
	select {
	case v := <-ch:
		return v
	case <-finished:
		return 0
	}
}

// A worker function that signals on a second channel.
func signalWorker(res chan<- int, done chan<- struct{}, x int) {
	if x > 0 {
		res <- x
		return
	}
	close(done)
}

func viaWorker(x int) int {
	res := make(chan int)
	done := make(chan struct{})
	go signalWorker(res, done, x)
	select {
	case v := <-res:
		return v
	case <-done:
		return 0
	}
}

// A signal sent before the send tells nothing: still reported.
func startedThenSend(x int) int {
	started := make(chan struct{})
	ch := make(chan int)
	go func() {
		close(started)
		ch <- x
	}()
	<-started
	if x > 0 {
		return x // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	return <-ch
}

// A producer that sends in a loop and signals when it stops.
func producerSignals(xs []int) int {
	stopped := make(chan struct{})
	ch := make(chan int)
	go func() {
		for _, x := range xs {
			if x < 0 {
				close(stopped)
				return
			}
			ch <- x
		}
		close(ch)
	}()
	sum := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum
			}
			sum += v
		case <-stopped:
			return sum
		}
	}
}

// Range over an integer, draining every sender.
func rangeInt(n int) error {
	errc := make(chan error)
	for range n {
		go func() { _, err := work(1); errc <- err }()
	}
	var first error
	for range n {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Range over an integer, returning on the first error.
func rangeIntEarly(n int) error {
	errc := make(chan error)
	for range n {
		go func() { _, err := work(1); errc <- err }()
	}
	for range n {
		if err := <-errc; err != nil {
			return err // want `return leaves goroutines blocked forever sending on unbuffered channel errc`
		}
	}
	return nil
}

// A goroutine reporting errors in a loop into a large buffer, checked
// once at the end: the buffer is taken as sized for the errors.
func errorsWhileRunning(done chan struct{}, xs []int) error {
	errCh := make(chan error, 100)
	go func() {
		for _, x := range xs {
			if _, err := work(x); err != nil {
				errCh <- err
			}
		}
	}()
	if len(errCh) > 0 {
		return <-errCh
	}
	return nil
}

// A producer sending in a loop into a buffer of one strands itself.
func loopIntoOne(xs []int) int {
	ch := make(chan int, 1)
	go func() {
		for _, x := range xs {
			ch <- x
		}
	}()
	return <-ch // want `return leaves goroutines blocked forever sending on channel ch \(capacity 1\)`
}
