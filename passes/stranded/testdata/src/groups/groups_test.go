package groups

import (
	"sync"
	"testing"
)

// A test that fails before Wait: the failure is already visible.
func TestFatalBeforeWait(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	if testing.Short() {
		t.Fatal("short")
	}
	wg.Wait()
}

// A test that skips Wait on a passing path.
func TestSkipsWait(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	if testing.Short() {
		return // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
}
