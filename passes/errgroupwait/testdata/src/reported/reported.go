// Package reported holds errgroup goroutines whose errors go to
// functions of the package that report every error they return: a call
// dropped inside Go, or a discarded Wait over such goroutines, loses
// nothing. The near misses at the end lose the failure and are reported.
package reported

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"

	"golang.org/x/sync/errgroup"
)

var errFailed = errors.New("failed")

func work(ctx context.Context, i int) error {
	if i < 0 {
		return errFailed
	}
	return nil
}

type syncer struct {
	log  *log.Logger
	errc chan error
}

func (s *syncer) fail(op string, err error) error {
	s.log.Printf("%s: %v", op, err)
	return err
}

func (s *syncer) syncOne(ctx context.Context, i int) error {
	if err := work(ctx, i); err != nil {
		return s.fail("sync", err)
	}
	return nil
}

func (s *syncer) drain() {
	for err := range s.errc {
		slog.Error("sync", "err", err)
	}
}

func (s *syncer) queued(ctx context.Context, i int) error {
	err := work(ctx, i)
	if err != nil {
		s.errc <- err
	}
	return err
}

// ---- calls dropped inside Go whose callee reports ----

func (s *syncer) droppedReporter(ctx context.Context, n int) error {
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error {
			s.syncOne(ctx, i)
			return work(ctx, i)
		})
	}
	return g.Wait()
}

func (s *syncer) droppedQueued(ctx context.Context, n int) error {
	var g errgroup.Group
	for i := range n {
		g.Go(func() error {
			s.queued(ctx, i)
			return nil
		})
	}
	return g.Wait()
}

// ---- discarded Waits over goroutines that report their failures ----

func (s *syncer) waitOverLoggingLiterals(ctx context.Context, n int) {
	var g errgroup.Group
	for i := range n {
		g.Go(func() error {
			if err := work(ctx, i); err != nil {
				log.Printf("item %d: %v", i, err)
				return err
			}
			return nil
		})
	}
	g.Wait()
}

func (s *syncer) waitOverReporterMethod(ctx context.Context, n int) {
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		g.Go(func() error { return s.syncOne(ctx, i) })
	}
	_ = g.Wait()
}

func (s *syncer) syncAll() error {
	ctx := context.Background()
	if err := work(ctx, 1); err != nil {
		return s.fail("all", err)
	}
	return nil
}

func (s *syncer) waitOverMethodValue() {
	var g errgroup.Group
	g.Go(s.syncAll)
	g.Wait()
}

// ---- near misses ----

func (s *syncer) plain(ctx context.Context, i int) error {
	if err := work(ctx, i); err != nil {
		return fmt.Errorf("plain %d: %w", i, err)
	}
	return nil
}

func (s *syncer) droppedPlain(ctx context.Context, n int) error {
	var g errgroup.Group
	for i := range n {
		g.Go(func() error {
			s.plain(ctx, i) // want `error returned by reported.syncer.plain is dropped inside errgroup.Group.Go`
			return nil
		})
	}
	return g.Wait()
}

func (s *syncer) waitOverOneUnreported(ctx context.Context, n int) {
	var g errgroup.Group
	g.Go(func() error { return s.syncOne(ctx, 1) })
	g.Go(func() error { return s.plain(ctx, 2) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}
