package testhelpers

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fatalf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Fatalf(format, args...)
}

func reportTimeout(t *testing.T, d time.Duration) {
	t.Helper()
	t.Errorf("timed out after %v", d)
}

func checkNoErr(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

// --- must stay silent ---

func TestRequireFail(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		require.Fail(t, "timeout")
	}
}

func TestRequireMethod(t *testing.T) {
	r := require.New(t)
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		r.FailNow("timeout")
	}
}

func TestAssertFailNow(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		assert.FailNow(t, "timeout")
	}
}

func TestAssertFailReturn(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		assert.Fail(t, "timeout")
		return
	}
}

func TestHelperFatal(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		fatalf(t, "timeout")
	}
}

func TestHelperErrorf(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		reportTimeout(t, time.Second)
		return
	}
}

func TestHelperBeforeWait(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	if testing.Short() {
		reportTimeout(t, 0)
		return
	}
	wg.Wait()
}

// A path on which the test has already failed.
func TestReturnIfFailed(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	checkNoErr(t, nil)
	if t.Failed() {
		return
	}
	<-ch
}

// The same through a helper's testing.TB and a negation.
func waitUnlessFailed(tb testing.TB) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	if !tb.Failed() {
		wg.Wait()
		return
	}
}

// --- must report ---

// The test has not failed on the path that returns.
func TestReturnUnlessFailed(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	if !t.Failed() {
		return // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
	<-ch
}

// A helper that fails only on some paths does not end the path.
func TestConditionalHelper(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- work() }()
	select {
	case <-ch:
	case <-time.After(time.Second):
		checkNoErr(t, nil)
		return // want `return leaves goroutines blocked forever sending on unbuffered channel ch`
	}
}

// A conditional assertion returns when it holds.
func TestRequireNoError(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work()
	}()
	if testing.Short() {
		require.NoError(t, nil)
		return // want `return skips sync.WaitGroup.Wait on wg`
	}
	wg.Wait()
}
