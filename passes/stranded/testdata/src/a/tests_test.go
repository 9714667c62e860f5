package a

import (
	"testing"
	"time"
)

// A test that fails on timeout: the stranded sender is moot.
func TestTimeout(t *testing.T) {
	ch := make(chan int)
	go func() {
		v, _ := work(1)
		ch <- v
	}()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Fatal("timeout")
	}
}

// The same with Errorf, which does not stop the test but fails it.
func TestTimeoutErrorf(t *testing.T) {
	ch := make(chan int)
	go func() {
		v, _ := work(1)
		ch <- v
	}()
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Errorf("timeout")
	}
}

// A test that leaves on a passing path strands its sender.
func TestEarlyReturn(t *testing.T) {
	ch := make(chan int)
	go func() {
		v, _ := work(1)
		ch <- v
	}()
	if testing.Short() {
		return // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	<-ch
}
