// Package clean uses errgroup correctly.
package clean

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return request(ctx, url) }

// FetchAll returns the first fetch error.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// request stands for a call that can fail. A fetch that returned only
// ctx.Err() would report no failure of its own.
var request = func(ctx context.Context, url string) error { return ctx.Err() }
