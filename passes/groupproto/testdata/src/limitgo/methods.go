package limitgo

import "golang.org/x/sync/errgroup"

type walker struct {
	g errgroup.Group
}

func newWalker() *walker {
	w := &walker{}
	w.g.SetLimit(8)
	return w
}

// The recursion holds a slot in each goroutine while it waits in Go.
func (w *walker) walk(n *node) {
	w.g.Go(func() error {
		for _, k := range n.kids {
			w.walk(k) // want `\(\*walker\).walk calls errgroup.Group.Go on w.g from inside a goroutine of the same group, which SetLimit bounds`
		}
		return visit(n)
	})
}

func (w *walker) Wait() error { return w.g.Wait() }

// Through a helper method.
func (w *walker) walkVia(n *node) {
	w.g.Go(func() error {
		w.spawnKids(n) // want `\(\*walker\).spawnKids calls errgroup.Group.Go on w.g`
		return nil
	})
}

func (w *walker) spawnKids(n *node) {
	for _, k := range n.kids {
		w.walkVia(k)
	}
}

// Silent: TryGo, and inline work when the group is full.
func (w *walker) tryWalk(n *node) {
	if !w.g.TryGo(func() error { return w.visitAll(n) }) {
		_ = w.visitAll(n)
	}
}

func (w *walker) visitAll(n *node) error {
	for _, k := range n.kids {
		w.tryWalk(k)
	}
	return visit(n)
}

// Silent: the inner start is on another goroutine.
func (w *walker) walkAsync(n *node) {
	w.g.Go(func() error {
		for _, k := range n.kids {
			go w.walkAsync(k)
		}
		return nil
	})
}

type unlimited struct{ g errgroup.Group }

// Silent: no limit on this field.
func (u *unlimited) walk(n *node) {
	u.g.Go(func() error {
		for _, k := range n.kids {
			u.walk(k)
		}
		return nil
	})
}

type pipeline struct {
	stage1, stage2 errgroup.Group
}

func newPipeline() *pipeline {
	p := &pipeline{}
	p.stage1.SetLimit(4)
	p.stage2.SetLimit(4)
	return p
}

// Silent: the goroutine starts work on the other group.
func (p *pipeline) run(n *node) {
	p.stage1.Go(func() error {
		p.next(n)
		return nil
	})
}

func (p *pipeline) next(n *node) {
	p.stage2.Go(func() error { return visit(n) })
}

// Silent: one outer goroutine, no recursion, not in a loop.
func (w *walker) once(n *node) {
	w.g.Go(func() error {
		w.leaf(n)
		return nil
	})
}

func (w *walker) leaf(n *node) {
	w.g.Go(func() error { return visit(n) })
}
