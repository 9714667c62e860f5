// Package harmless holds Waits whose error is discarded on a path that
// fails anyway: the function then returns an error proved non-nil, or
// the process or test stops with a failure. The group is drained, most
// often after being cancelled, and its own error is not the failure
// that matters: no finding. The near misses at the end can end in
// success with the group's failure lost.
package harmless

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"testing"

	"golang.org/x/sync/errgroup"
)

var errFailed = errors.New("failed")

func work(ctx context.Context, i int) error {
	if i < 0 {
		return errFailed
	}
	return nil
}

// ---- must stay silent ----

func drainOnError(ctx context.Context, listen func() error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx, 1) })
	if err := listen(); err != nil {
		cancel()
		g.Wait()
		return err
	}
	return nil
}

func drainBeforeWrapped(ctx context.Context, listen func() error) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	if err := listen(); err != nil {
		_ = g.Wait()
		return fmt.Errorf("listen: %w", err)
	}
	return nil
}

func drainBeforeTimeout(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	<-ctx.Done()
	g.Wait()
	return errors.New("timed out")
}

func drainBeforeFatal(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait()
	log.Fatal("shutting down after a failure")
}

func drainBeforeExit(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait()
	os.Exit(2)
}

func drainBeforePanic(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait()
	panic("unreachable state")
}

func TestDrainBeforeFatal(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { return work(context.Background(), 1) })
	g.Wait()
	t.Fatal("the server did not start")
}

// ---- near misses ----

// err may be nil: the function can report success.
func drainThenReturnUnknown(ctx context.Context, listen func() error) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	err := listen()
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return err
}

// One path after the Wait ends in success.
func drainThenMaybeExit(ctx context.Context, strict bool) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	if strict {
		os.Exit(1)
	}
}

// A successful exit loses the failure.
func drainThenExitZero(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx, 1) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	os.Exit(0)
}

// A skipped test hides the failure.
func TestDrainThenSkip(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { return work(context.Background(), 1) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	t.Skip("not supported")
}
