package testfail

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --- stop on every path ---

func fatalf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Fatalf(format, args...)
}

func viaRequire(t *testing.T, msg string) {
	require.Fail(t, msg)
}

func viaAssertFailNow(t testing.TB) {
	assert.FailNow(t, "boom")
}

func viaHelper(t *testing.T) {
	fatalf(t, "x") // want `stops`
}

func bothBranches(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	} else {
		t.Skip("no error")
	}
}

func switchAll(t *testing.T, n int) {
	switch n {
	case 0:
		t.FailNow()
	default:
		panic("n")
	}
}

func exits(code int) {
	println("exit")
	os.Exit(code)
}

// --- fail, not stop, on every path ---

func reportf(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Errorf(format, args...)
}

func assertFail(t *testing.T) {
	assert.Fail(t, "x")
}

// --- neither ---

func conditional(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

func returnsFirst(t *testing.T, err error) {
	if err == nil {
		return
	}
	t.Fatal(err)
}

func breaksOut(t *testing.T, n int) {
	switch n {
	case 0:
		break
	default:
		t.Fatal(n)
	}
}

func noDefault(t *testing.T, n int) {
	switch n {
	case 0:
		t.Fatal(n)
	}
}

func inClosure(t *testing.T) {
	f := func() { t.Fatal("x") }
	_ = f
}

func requireNoError(t *testing.T, err error) {
	require.NoError(t, err)
}

func recursive(t *testing.T, n int) {
	recursive(t, n-1)
}

func logs(t *testing.T) {
	t.Log("x")
}

func TestUse(t *testing.T) {
	fatalf(t, "x")         // want `stops`
	viaRequire(t, "x")     // want `stops`
	viaAssertFailNow(t)    // want `stops`
	viaHelper(t)           // want `stops`
	bothBranches(t, nil)   // want `stops`
	switchAll(t, 0)        // want `stops`
	exits(1)               // want `stops`
	reportf(t, "x")        // want `fails`
	assertFail(t)          // want `fails`
	conditional(t, nil)    // none
	returnsFirst(t, nil)   // none
	breaksOut(t, 0)        // none
	noDefault(t, 0)        // none
	inClosure(t)           // none
	requireNoError(t, nil) // none
	recursive(t, 0)        // none
	logs(t)                // none
}
