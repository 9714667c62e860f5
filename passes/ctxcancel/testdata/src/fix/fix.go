package fix

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, u string) error { return ctx.Err() }

func blank(ctx context.Context, urls []string) error {
	g, _ := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `errgroup.Group.Go function uses ctx and the group's context`
	}
	g.Go(func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fetch(ctx, "last")
	})
	err := g.Wait()
	_ = fetch(ctx, "after") // the parent stays after Wait
	return err
}

// gctx is taken: the fix picks a free name.
func blankTakenName(ctx context.Context, gctx int) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") }) // want `errgroup.Group.Go function uses ctx`
	_ = gctx
	return g.Wait()
}

func named(parent context.Context) error {
	g, gctx := errgroup.WithContext(parent)
	g.Go(func() error { return fetch(parent, "a") }) // want `errgroup.Group.Go function uses parent, not the group's context gctx`
	g.Go(func() error { return fetch(gctx, "b") })
	return g.Wait()
}

// The goroutine reassigns the parent: no fix.
func reassigns(ctx context.Context) error {
	g, _ := errgroup.WithContext(ctx)
	g.Go(func() error {
		err := fetch(ctx, "a") // want `errgroup.Group.Go function uses ctx`
		ctx = nil
		return err
	})
	return g.Wait()
}

func detached(ctx context.Context, wg *sync.WaitGroup) {
	wg.Go(func() {
		tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background in a goroutine`
		defer cancel()
		_ = fetch(tctx, "a")
	})
	go func() {
		_ = fetch(context.TODO(), "b") // want `context.TODO in a goroutine`
	}()
}

// The name of the context in scope is shadowed at the call: no fix.
func shadowedName(ctx context.Context) {
	go func() {
		ctx := 1
		_ = ctx
		_ = fetch(context.Background(), "a") // want `context.Background in a goroutine of a function that has ctx`
	}()
}

// ---- must stay silent: no diagnostic, so no fix ----

func groupUsesGctx(ctx context.Context) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(gctx, "a") })
	return g.Wait()
}

func shadowingGroup(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return fetch(ctx, "a") })
	return g.Wait()
}

func goroutineUsesCtx(ctx context.Context, wg *sync.WaitGroup) {
	wg.Go(func() { _ = fetch(ctx, "a") })
}

func noContextInScope(wg *sync.WaitGroup) {
	wg.Go(func() { _ = fetch(context.Background(), "a") })
}

func afterDone(ctx context.Context) {
	go func() {
		<-ctx.Done()
		_ = fetch(context.Background(), "cleanup")
	}()
}

func detachOnPurpose(ctx context.Context) {
	go func() { _ = fetch(context.WithoutCancel(ctx), "a") }()
}

func ownTimeout(wg *sync.WaitGroup) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	wg.Go(func() { _ = fetch(context.Background(), "a") })
	_ = ctx
}
