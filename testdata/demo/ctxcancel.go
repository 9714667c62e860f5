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

// Lines is a pipeline stage its caller cannot stop: once the caller
// stops receiving (it returned on ctx.Done()), the goroutine blocks on
// its send for ever, although ctx was there to stop it.
func Lines(ctx context.Context, lines []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			out <- l
		}
	}()
	return out
}
