package cancelfix

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }

func plain(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `errgroup.Group made without WithContext`
	}
	return g.Wait()
}

func newGroup(ctx context.Context, a, b string) error {
	g := new(errgroup.Group)
	g.Go(func() error { return fetch(ctx, a) }) // want `errgroup.Group made without WithContext`
	g.Go(func() error {
		if err := fetch(ctx, b); err != nil {
			return err
		}
		return ctx.Err()
	})
	return g.Wait()
}

// A fresh name: gctx is taken.
func taken(ctx context.Context, gctx string, urls []string) error {
	g := &errgroup.Group{}
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u+gctx) }) // want `errgroup.Group made without WithContext`
	}
	return g.Wait()
}

// Silent: WithContext already.
func withContext(ctx context.Context, urls []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(gctx, u) })
	}
	return g.Wait()
}

// Silent: the goroutines do not take the context.
func noContext(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(context.Background(), u) })
	}
	return g.Wait()
}

// Silent: detached on purpose.
func detached(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(context.WithoutCancel(ctx), u) })
	}
	return g.Wait()
}

// Silent: only nil.
func onlyNil(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			_ = fetch(ctx, u)
			return nil
		})
	}
	return g.Wait()
}

// No fix: the goroutines take two contexts.
func twoContexts(ctx, other context.Context, a, b string) error {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, a) }) // want `errgroup.Group made without WithContext`
	g.Go(func() error { return fetch(other, b) })
	return g.Wait()
}

type key struct{}

// Silent: the goroutines assign the caller's ctx itself (a shared
// variable, not a context handed to them); the fix would not apply.
func reassigned(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			ctx = context.WithValue(ctx, key{}, u)
			return fetch(ctx, u)
		})
	}
	return g.Wait()
}
