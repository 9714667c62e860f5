// Package ignored suppresses findings with //fanoutlint:ignore.
package ignored

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return request(ctx, url) }

// SameLine is suppressed by a directive at the end of the line.
func SameLine(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	g.Wait() //fanoutlint:ignore errgroupwait fetch failures are logged by fetch
}

// LineAbove is suppressed by a directive on the line above.
func LineAbove(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	//fanoutlint:ignore errgroupwait fetch failures are logged by fetch
	g.Wait()
}

// NoReason has a directive without a reason: it suppresses nothing.
func NoReason(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	g.Wait() //fanoutlint:ignore errgroupwait
}

// Stale has a directive left behind after the code was fixed.
func Stale(ctx context.Context) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	//fanoutlint:ignore errgroupwait the error used to be dropped
	return g.Wait()
}

// request stands for a call that can fail. A fetch that returned only
// ctx.Err() would report no failure of its own, and its dropped Wait
// would be no finding.
var request = func(ctx context.Context, url string) error { return ctx.Err() }
