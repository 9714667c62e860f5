// Package demo shows one finding of each fanoutlint check.
package demo

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error {
	if url == "" {
		return errors.New("no URL")
	}
	return ctx.Err()
}

// FetchAll starts a fetch per URL but drops the group's error: a failed
// fetch is reported as success.
func FetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	g.Wait()
	return nil
}
