// Package fanout has fanoutlint findings for golangci-lint to report,
// suppress and fix.
package fanout

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return request(ctx, url) }

// FetchAll drops the group's error: --fix returns it.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	g.Wait()
	return nil
}

// Background waits in a goroutine: reported, with no fix.
func Background(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	go g.Wait()
}

// Nolint is suppressed by golangci-lint's own directive.
func Nolint(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	g.Wait() //nolint:fanoutlint // fetch logs its own failures
}

// Ignored is suppressed by fanoutlint's directive, which golangci-lint
// honours too.
func Ignored(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	//fanoutlint:ignore errgroupwait fetch logs its own failures
	g.Wait()
}

// Stale keeps a directive that suppresses nothing.
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
