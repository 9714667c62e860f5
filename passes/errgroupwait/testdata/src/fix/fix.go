package fix

import (
	"context"
	stdio "io"

	"golang.org/x/sync/errgroup"
)

func work(ctx context.Context) error { return errFailed }

// errFailed is a failure the package cannot see to be nil.
var errFailed error

type Point struct{ X, Y int }

type Celsius float64

type Pair[K comparable, V any] struct {
	K K
	V V
}

func onlyError(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return nil
}

func manyResults(ctx context.Context) (int, string, bool, *Point, Point, []int, map[string]int, Celsius, [2]int, stdio.Reader, struct{ a int }, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return work(ctx) })
	_ = g.Wait() // want `errgroup.Group.Wait error is discarded`
	return 0, "", false, nil, Point{}, nil, nil, 0, [2]int{}, nil, struct{ a int }{}, nil
}

func generic[T any, K comparable](ctx context.Context) (T, Pair[K, T], error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	var t T
	return t, Pair[K, T]{}, nil
}

func errInScope(ctx context.Context) (err error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	if err = work(ctx); err != nil {
		return err
	}
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return err
}

func inLiteral(ctx context.Context) func() error {
	return func() error {
		var g errgroup.Group
		g.Go(func() error { return work(ctx) })
		g.Wait() // want `errgroup.Group.Wait error is discarded`
		return nil
	}
}

func inSwitch(ctx context.Context, mode int) error {
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	switch mode {
	case 1:
		g.Wait() // want `errgroup.Group.Wait error is discarded`
	}
	return nil
}

// No fix: the function has no error result.
func noErrorResult(ctx context.Context) int {
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return 1
}

// No fix: defer.
func deferred(ctx context.Context) error {
	var g errgroup.Group
	defer g.Wait() // want `errgroup.Group.Wait error is discarded by defer`
	g.Go(func() error { return work(ctx) })
	return nil
}

// No fix: the package of a result type is shadowed by a local.
func shadowedImport(ctx context.Context) (stdio.SectionReader, error) {
	var zero stdio.SectionReader
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	stdio := 1
	_ = stdio
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return zero, nil
}

// An interface result needs no qualifier: nil is right even with the
// import shadowed.
func shadowedImportInterface(ctx context.Context) (stdio.Reader, error) {
	var g errgroup.Group
	g.Go(func() error { return work(ctx) })
	stdio := 1
	_ = stdio
	g.Wait() // want `errgroup.Group.Wait error is discarded`
	return nil, nil
}
