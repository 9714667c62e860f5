package demo

import "context"

// FirstError returns on the first failure while the other fetches are
// still trying to send: they block forever on the unbuffered channel.
func FirstError(ctx context.Context, urls []string) error {
	errc := make(chan error)
	for _, u := range urls {
		go func() { errc <- fetch(ctx, u) }()
	}
	for range urls {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}
