package watcher

import "testing"

// Silent: the path that skips the close has failed the test.
func TestServer(t *testing.T) {
	ready := make(chan struct{})
	go func() {
		if err := check(); err != nil {
			t.Errorf("check: %v", err)
			return
		}
		close(ready)
	}()
	<-ready
}

// Reported: a path that neither fails the test nor closes.
func TestQuiet(t *testing.T) {
	ready := make(chan struct{})
	go func() {
		if err := check(); err != nil {
			return // want `neither sends on ready`
		}
		close(ready)
	}()
	<-ready
}

func waitWithin(t *testing.T, ch <-chan int) int {
	t.Helper()
	v, ok := <-ch
	if !ok {
		t.Fatal("closed")
	}
	return v
}

// Silent: a helper given t, which may stop the test, runs before the
// receive.
func TestHelperFirst(t *testing.T) {
	ready := make(chan struct{})
	values := make(chan int, 1)
	go func() {
		if err := check(); err != nil {
			return
		}
		close(ready)
		values <- 1
	}()
	waitWithin(t, values)
	<-ready
}
