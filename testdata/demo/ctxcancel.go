package demo

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// FetchGroup derives a group context but the goroutines keep using the
// parent: the first failure does not stop the other fetches.
func FetchGroup(ctx context.Context, urls []string) error {
	g, _ := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}
