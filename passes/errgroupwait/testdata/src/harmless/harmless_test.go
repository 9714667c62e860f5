package harmless

import (
	"context"
	"testing"

	"golang.org/x/sync/errgroup"
)

// A failure lost in a test lets the test pass: reported, with the test
// category.
func TestLost(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { return work(context.Background(), -1) })
	g.Wait() // want `errgroup.Group.Wait error is discarded`
}

// Stopped with a failure right after: silent.
func TestFatalAfter(t *testing.T) {
	var g errgroup.Group
	g.Go(func() error { return work(context.Background(), -1) })
	g.Wait()
	t.Fatalf("unexpected")
}
