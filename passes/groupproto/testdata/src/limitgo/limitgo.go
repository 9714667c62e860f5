package limitgo

import (
	"context"

	"golang.org/x/sync/errgroup"
)

type node struct{ kids []*node }

func visit(*node) error { return nil }

// Each outer goroutine blocks in Go once the limit is full of them.
func nestedInLoop(ctx context.Context, roots []*node) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				g.Go(func() error { return visit(k) }) // want `errgroup.Group.Go called from inside a goroutine of the same group, which SetLimit bounds`
			}
			return ctx.Err()
		})
	}
	return g.Wait()
}

// SetLimit(1): the one slot is held by the goroutine that waits in Go.
func limitOne(r *node) error {
	var g errgroup.Group
	g.SetLimit(1)
	g.Go(func() error {
		g.Go(func() error { return visit(r) }) // want `errgroup.Group.Go called from inside a goroutine of the same group`
		return nil
	})
	return g.Wait()
}

// Silent: TryGo never blocks.
func tryGo(roots []*node) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				if !g.TryGo(func() error { return visit(k) }) {
					if err := visit(k); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// Silent: no limit, Go from inside the group cannot block.
func noLimit(roots []*node) error {
	var g errgroup.Group
	for _, r := range roots {
		g.Go(func() error {
			for _, k := range r.kids {
				g.Go(func() error { return visit(k) })
			}
			return nil
		})
	}
	return g.Wait()
}

// Silent: SetLimit(-1) removes the limit.
func negativeLimit(roots []*node) error {
	var g errgroup.Group
	g.SetLimit(-1)
	for _, r := range roots {
		g.Go(func() error {
			g.Go(func() error { return visit(r) })
			return nil
		})
	}
	return g.Wait()
}

// Silent: a nested group of its own inside the goroutine.
func nestedGroup(roots []*node) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error {
			var inner errgroup.Group
			inner.SetLimit(4)
			for _, k := range r.kids {
				inner.Go(func() error { return visit(k) })
			}
			return inner.Wait()
		})
	}
	return g.Wait()
}

// Silent: two outer goroutines cannot fill a limit of eight.
func belowLimit(a, b *node) error {
	var g errgroup.Group
	g.SetLimit(8)
	g.Go(func() error {
		g.Go(func() error { return visit(a) })
		return nil
	})
	g.Go(func() error { return visit(b) })
	return g.Wait()
}

// Silent: the limited Go calls all come from the spawning function.
func flat(roots []*node) error {
	var g errgroup.Group
	g.SetLimit(4)
	for _, r := range roots {
		g.Go(func() error { return visit(r) })
	}
	return g.Wait()
}
