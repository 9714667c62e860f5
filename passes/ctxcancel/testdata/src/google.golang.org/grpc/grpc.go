// Package grpc is a stub of google.golang.org/grpc with the real
// signatures of the methods ctxcancel knows.
package grpc

import "context"

type CallOption interface{}

type StreamDesc struct{}

type ClientStream interface{}

// ClientConnInterface is what generated clients call.
type ClientConnInterface interface {
	Invoke(ctx context.Context, method string, args any, reply any, opts ...CallOption) error
	NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error)
}

type ClientConn struct{}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return ctx.Err()
}
