package demo

import (
	"context"
	"sync"
)

// Warm fetches every URL once, in parallel. A fetch that fails returns
// without Done, so Wait blocks forever after the first failure.
func Warm(ctx context.Context, urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			if err := fetch(ctx, u); err != nil {
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}
