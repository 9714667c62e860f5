// Package testexit holds, with -ctxcancel.blocking, test goroutines whose
// send blocks only once the test has stopped (t.Fatal, testify's
// require, a helper that stops the test on every path) or the process
// has exited: the failure is already visible, and the blocked goroutine
// ends with the test binary, so none is reported. The near-misses, where
// a plain return or a helper that may return skips the receive, are.
package testexit

import (
	"context"
	"errors"
	"log"
	"testing"

	"github.com/stretchr/testify/require"
)

func dial() error   { return errors.New("refused") }
func accept() int   { return 1 }
func check() bool   { return true }
func ready() string { return "" }

// fatalf stops the test on every path.
func fatalf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Fatalf(format, args...)
}

// maybeFatal stops it only when asked to.
func maybeFatal(t *testing.T, stop bool) {
	if stop {
		t.Fatal("stop")
	}
}

// ---- must stay silent ----

func TestFatal(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() { ch <- accept() }()
	if err := dial(); err != nil {
		t.Fatalf("dial: %v", err)
	}
	<-ch
	_ = ctx
}

func TestHelperThenReturn(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() { ch <- accept() }()
	if err := dial(); err != nil {
		fatalf(t, "dial: %v", err)
		return
	}
	<-ch
	_ = ctx
}

func TestRequire(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() { ch <- accept() }()
	if !check() {
		require.FailNow(t, "not ready")
		return
	}
	require.NoError(t, dial())
	<-ch
	_ = ctx
}

func TestSkip(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() { ch <- accept() }()
	if ready() == "" {
		t.Skip("no server")
		return
	}
	<-ch
	_ = ctx
}

func serveUntilFatal(ctx context.Context) {
	ch := make(chan int)
	go func() { ch <- accept() }()
	if err := dial(); err != nil {
		log.Fatalf("dial: %v", err)
		return
	}
	<-ch
}

// The spawner receives, or the test stops when ctx ends first.
func TestSelectFatal(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() { ch <- accept() }()
	if err := dial(); err != nil {
		t.Fatal(err)
	}
	select {
	case v := <-ch:
		_ = v
	case <-ctx.Done():
		t.Fatal("timed out")
	}
}

// ---- the near-misses, reported ----

// The other case returns: the sender is left blocked on a passing test.
func TestSelectReturn(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() {
		ch <- accept() // want `send on ch blocks forever`
	}()
	select {
	case v := <-ch:
		_ = v
	case <-ctx.Done():
		t.Log("timed out")
		return
	}
}

func TestPlainReturn(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() {
		ch <- accept() // want `send on ch blocks forever`
	}()
	if err := dial(); err != nil {
		t.Log(err)
		return
	}
	<-ch
	_ = ctx
}

func TestMaybeFatal(t *testing.T) {
	ctx := t.Context()
	ch := make(chan int)
	go func() {
		ch <- accept() // want `send on ch blocks forever`
	}()
	if err := dial(); err != nil {
		maybeFatal(t, err != nil)
		return
	}
	<-ch
	_ = ctx
}
