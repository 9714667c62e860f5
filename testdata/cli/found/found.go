// Package found has errgroupwait findings, one with a fix.
package found

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return request(ctx, url) }

// FetchAll drops the group's error: the fix returns it.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	g.Wait()
	return nil
}

// Background waits in a goroutine, so nothing sees the error.
func Background(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	/* 日本語 */ go g.Wait()
}

// request stands for a call that can fail. A fetch that returned only
// ctx.Err() would report no failure of its own, and its dropped Wait
// would be no finding.
var request = func(ctx context.Context, url string) error { return ctx.Err() }
