// Package chanhelper holds error channels that goroutines hand to the
// package's own functions, which send on them or receive from them: the
// channel model follows the channel into those functions.
package chanhelper

import (
	"context"
	"errors"
	"log"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

var errFailed = errors.New("failed")

func work(i int) error {
	if i < 0 {
		return nil
	}
	return errFailed
}

// sendErr hands err to whoever reads errc.
func sendErr(errc chan<- error, err error) {
	errc <- err
}

// ---- must report ----

// The goroutines send through a helper; nothing receives.
func helperSendsNobodyReceives(n int) error {
	var wg sync.WaitGroup
	errc := make(chan error, n) // want `error channel errc is sent on by goroutines but never received from: their failures are lost`
	for i := range n {
		wg.Go(func() { sendErr(errc, work(i)) })
	}
	wg.Wait()
	return nil
}

// fail reports the worker's failure on errc.
func fail(errc chan<- error, i int) {
	if err := work(i); err != nil {
		errc <- err
	}
}

func worker(i int, errc chan<- error, wg *sync.WaitGroup) {
	defer wg.Done()
	fail(errc, i)
}

// A worker started by go calls a helper that sends; nothing receives.
func workerHelperSends(n int) error {
	var wg sync.WaitGroup
	errc := make(chan error, n) // want `error channel errc is sent on by goroutines but never received from`
	for i := range n {
		wg.Add(1)
		go worker(i, errc, &wg)
	}
	wg.Wait()
	return nil
}

func list(prefix string) ([]string, error) {
	if prefix == "" {
		return nil, errFailed
	}
	return []string{prefix}, nil
}

func collect(prefix string, out chan<- string) error {
	names, err := list(prefix)
	if err != nil {
		return err
	}
	for _, n := range names {
		out <- n
	}
	return nil
}

// gather receives n results.
func gather(results <-chan string, n int) []string {
	var all []string
	for range n {
		all = append(all, <-results)
	}
	return all
}

// The spawner receives the results through a helper: the goroutine is
// joined by the channel, and its error is dropped.
func joinedThroughHelper(prefixes []string) string {
	results := make(chan string)
	for _, p := range prefixes {
		go collect(p, results) // want `go statement discards the error returned by chanhelper.collect: the goroutine's results are received from a channel but its failure is lost`
	}
	return strings.Join(gather(results, len(prefixes)), ",")
}

// drainAll empties errc and throws the errors away.
func drainAll(errc <-chan error) {
	for range errc { // want `errors received from errc are discarded: the goroutines' failures are lost`
	}
}

// The only receive, in a helper, discards the errors.
func discardedInHelper(n int) error {
	errc := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { sendErr(errc, work(i)) })
	}
	wg.Wait()
	close(errc)
	drainAll(errc)
	return nil
}

// ---- must stay silent ----

// firstErr returns the first failure among n.
func firstErr(errc <-chan error, n int) error {
	var first error
	for range n {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Sent through a helper, received through a helper.
func helperBothSides(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go func() { sendErr(errc, work(i)) }()
	}
	return firstErr(errc, n)
}

// The helper sends on errc in the spawner's own goroutine, and the
// goroutine only sends nil through it; the errors are read after.
func helperInSpawner(n int) error {
	errc := make(chan error, n)
	for i := range n {
		sendErr(errc, work(i))
	}
	go func() { sendErr(errc, nil) }()
	close(errc)
	for err := range errc {
		if err != nil {
			return err
		}
	}
	return nil
}

// signalDone tells that the worker finished: a nil error is a success.
func signalDone(errc chan<- error) {
	errc <- nil
}

// The goroutines send only nil through the helper.
func helperSendsNil(n int) {
	errc := make(chan error, n)
	for range n {
		go func() { signalDone(errc) }()
	}
}

// logAndSend reports the failure before handing it on.
func logAndSend(errc chan<- error, err error) {
	if err != nil {
		log.Printf("work: %v", err)
	}
	errc <- err
}

// The helper logs every error it sends: no failure is lost.
func helperLogs(n int) {
	errc := make(chan error, n)
	for i := range n {
		go func() { logAndSend(errc, work(i)) }()
	}
}

var sink chan<- error

// keep stores the channel where the model cannot follow it.
func keep(errc chan<- error) { sink = errc }

// The helper lets the channel escape: someone else may read it.
func helperEscapes(n int) {
	errc := make(chan error, n)
	keep(errc)
	for i := range n {
		go func() { sendErr(errc, work(i)) }()
	}
}

// consumeErrs logs every error it receives.
func consumeErrs(errc <-chan error, done chan<- struct{}) {
	for err := range errc {
		log.Print(err)
	}
	close(done)
}

// Another goroutine reads the errors, through a helper.
func helperConsumer(n int) {
	errc := make(chan error)
	done := make(chan struct{})
	go consumeErrs(errc, done)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { sendErr(errc, work(i)) })
	}
	wg.Wait()
	close(errc)
	<-done
}

// The errgroup's closures send through the helper: their errors reach
// Wait, which errgroupwait checks.
func groupHelper(ctx context.Context, n int) error {
	g, _ := errgroup.WithContext(ctx)
	errc := make(chan error, n)
	for i := range n {
		g.Go(func() error {
			sendErr(errc, work(i))
			return nil
		})
	}
	return g.Wait()
}

// waitErr waits for one error or the end of ctx.
func waitErr(ctx context.Context, errc <-chan error) error {
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Received in a helper's select.
func helperSelects(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { sendErr(errc, work(1)) }()
	return waitErr(ctx, errc)
}

// retry sends on errc at the end of its retries.
func retry(errc chan<- error, i, left int) {
	if left > 0 && work(i) != nil {
		retry(errc, i, left-1)
		return
	}
	errc <- work(i)
}

// A recursive helper sends; the spawner receives.
func recursiveHelper(n int) error {
	errc := make(chan error, n)
	for i := range n {
		go retry(errc, i, 3)
	}
	return firstErr(errc, n)
}

// The spawner hands the results to a goroutine of its own, which
// receives them: the spawner collects nothing itself.
func gatheredByGoroutine(prefixes []string) {
	results := make(chan string)
	go func() { log.Print(gather(results, len(prefixes))) }()
	for _, p := range prefixes {
		go collect(p, results)
	}
}

// drainLogged empties errc whose senders logged their failures.
func drainLogged(errc <-chan error) {
	// Drain so that no worker blocks: each one logged its failure.
	for range errc {
	}
}

// The helper's discard is deliberate: it says so.
func deliberateInHelper(n int) {
	errc := make(chan error)
	for i := range n {
		go func() { logAndSend(errc, work(i)) }()
		go func() { errc <- work(i) }()
	}
	drainLogged(errc)
}
