// Package clean fans out work the way careful Go code does; fanoutlint
// must report nothing here.
package clean

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case <-time.After(time.Millisecond):
		return url, nil
	}
}

// FetchAll returns the group's first error.
func FetchAll(ctx context.Context, urls []string) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	out := make([]string, len(urls))
	for i, u := range urls {
		g.Go(func() error {
			body, err := fetch(ctx, u)
			out[i] = body
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// Buffered collects from a channel sized for every sender, so returning on
// the first error strands nobody.
func Buffered(ctx context.Context, urls []string) error {
	errc := make(chan error, len(urls))
	for _, u := range urls {
		go func() {
			_, err := fetch(ctx, u)
			errc <- err
		}()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// Joined waits for every worker and joins their errors.
func Joined(ctx context.Context, urls []string) error {
	var wg sync.WaitGroup
	errs := make([]error, len(urls))
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = fetch(ctx, u)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Pipeline's producer closes the channel and the consumer drains it; the
// producer also gives up when the context is cancelled.
func Pipeline(ctx context.Context, n int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

// First returns the first reply; the channel has room for every sender.
func First(ctx context.Context, urls []string) (string, error) {
	type reply struct {
		body string
		err  error
	}
	ch := make(chan reply, len(urls))
	for _, u := range urls {
		go func() {
			body, err := fetch(ctx, u)
			ch <- reply{body, err}
		}()
	}
	r := <-ch
	if r.err != nil {
		return "", fmt.Errorf("first: %w", r.err)
	}
	return r.body, nil
}

// Workers waits for its WaitGroup on every path, with defer.
func Workers(ctx context.Context, jobs []string) {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, j := range jobs {
		wg.Go(func() {
			if _, err := fetch(ctx, j); err != nil {
				fmt.Println("job failed:", err)
			}
		})
	}
}
