// Package trace stands for a tracing or logging library of another
// module: its functions take a context to read values from it.
package trace

import "context"

type Span struct{}

func (*Span) End() {}

// SpanFromContext reads the span stored in ctx.
func SpanFromContext(ctx context.Context) *Span { _ = ctx.Value(0); return &Span{} }

// Wait blocks until ctx is done. It observes cancellation, but it is in
// another package and known to no list: calls of it prove nothing.
func Wait(ctx context.Context) { <-ctx.Done() }
