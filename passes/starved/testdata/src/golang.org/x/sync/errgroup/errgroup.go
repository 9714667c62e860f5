// Package errgroup is a test stub of golang.org/x/sync/errgroup with the
// real API's signatures.
package errgroup

import "context"

type Group struct {
	cancel func(error)
	err    error
}

func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, ctx
}

func (g *Group) Wait() error { return g.err }

func (g *Group) Go(f func() error) { _ = f() }

func (g *Group) TryGo(f func() error) bool { _ = f(); return true }

func (g *Group) SetLimit(n int) {}
