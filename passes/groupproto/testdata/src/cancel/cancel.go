package cancel

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }

func record(u string) error { return nil }

func plainGroup(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `errgroup.Group made without WithContext while its goroutines take the caller's context: the first failure does not cancel the others`
	}
	return g.Wait()
}

func newGroup(ctx context.Context, a, b string) error {
	g := new(errgroup.Group)
	g.Go(func() error { return record(a) })
	g.Go(func() error { return fetch(ctx, b) }) // want `errgroup.Group made without WithContext`
	return g.Wait()
}

// Silent: WithContext.
func withContext(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return g.Wait()
}

// Silent: the goroutines do not take the context.
func noContext(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return record(u) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// Silent: detached on purpose.
func detached(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(context.WithoutCancel(ctx), u) })
	}
	return g.Wait()
}

// Silent: every goroutine returns nil; there is no failure to cancel on.
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

// Silent: the goroutines cancel by hand.
func manualCancel(ctx context.Context, urls []string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			if err := fetch(ctx, u); err != nil {
				cancel()
				return err
			}
			return nil
		})
	}
	return g.Wait()
}

func run(g *errgroup.Group) error { return g.Wait() }

// Silent: the group escapes.
func escapes(ctx context.Context, urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) })
	}
	return run(&g)
}

// A poller that returns nil is stopped too once the fetch fails.
func mixed(ctx context.Context, u string) error {
	var g errgroup.Group
	g.Go(func() error { // want `errgroup.Group made without WithContext`
		<-ctx.Done()
		return nil
	})
	g.Go(func() error { return record(u) })
	return g.Wait()
}

type source interface {
	Start(ctx context.Context) error
}

// Silent: the goroutines start work that outlives them with ctx; the
// group's context would stop it when Wait returns.
func startSources(ctx context.Context, srcs []source) error {
	var g errgroup.Group
	for _, s := range srcs {
		g.Go(func() error {
			errc := make(chan error, 1)
			go func() { errc <- s.Start(ctx) }()
			return <-errc
		})
	}
	return g.Wait()
}

// Silent: ctx handed to a goroutine by a go statement.
func goWithContext(ctx context.Context, srcs []source) error {
	var g errgroup.Group
	for _, s := range srcs {
		g.Go(func() error {
			go s.Start(ctx)
			return fetch(ctx, "x")
		})
	}
	return g.Wait()
}
