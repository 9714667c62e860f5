package demo

import (
	"context"
	"errors"
)

var errEmpty = errors.New("empty url")

// FetchPool feeds a pool of workers and returns on the first empty URL
// without closing jobs: the workers wait in their range loop forever.
func FetchPool(ctx context.Context, urls []string) error {
	jobs := make(chan string)
	for range 4 {
		go func() {
			for u := range jobs {
				_ = fetch(ctx, u)
			}
		}()
	}
	for _, u := range urls {
		if u == "" {
			return errEmpty
		}
		jobs <- u
	}
	close(jobs)
	return nil
}
