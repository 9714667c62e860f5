// Package other is another package: what its functions do with a
// context is not looked at.
package other

import "context"

func Wait(ctx context.Context) { <-ctx.Done() }
