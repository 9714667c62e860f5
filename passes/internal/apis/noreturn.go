package apis

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// SSACalleeFunc returns the *types.Func an SSA call calls: the static
// callee (its generic origin for an instantiation), or the interface
// method of an invoke-mode call; nil for calls of function values.
func SSACalleeFunc(common *ssa.CallCommon) *types.Func {
	if common.IsInvoke() {
		return common.Method
	}
	if fn := common.StaticCallee(); fn != nil {
		if fn.Origin() != nil {
			fn = fn.Origin()
		}
		obj, _ := fn.Object().(*types.Func)
		return obj
	}
	return nil
}

// Package paths of testify's assertion packages.
const (
	TestifyRequirePath = "github.com/stretchr/testify/require"
	TestifyAssertPath  = "github.com/stretchr/testify/assert"
)

// NoReturn reports whether a call of fn never returns to its caller:
// os.Exit, runtime.Goexit, log.Fatal and log.Panic and their variants,
// the methods of package testing (on T, B, F or the TB interface) that
// stop the test: FailNow, Fatal, Fatalf, Skip, Skipf, SkipNow, which call
// runtime.Goexit, and testify's unconditional failures that stop the
// test through FailNow: require.Fail, Failf, FailNow, FailNowf and
// assert.FailNow, FailNowf (the package functions and the methods of
// their Assertions types). A conditional assertion (require.NoError)
// returns when it holds and is not included. Panics are instructions,
// not calls, and are for the caller to handle.
func NoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	method := RecvType(fn) != nil
	switch fn.Pkg().Path() {
	case TestifyRequirePath:
		switch fn.Name() {
		case "Fail", "Failf", "FailNow", "FailNowf":
			return testifyFunc(fn)
		}
	case TestifyAssertPath:
		switch fn.Name() {
		case "FailNow", "FailNowf":
			return testifyFunc(fn)
		}
	case "os":
		return !method && fn.Name() == "Exit"
	case "runtime":
		return !method && fn.Name() == "Goexit"
	case "log":
		switch fn.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true // the package functions and the (*log.Logger) methods
		}
	case "testing":
		switch fn.Name() {
		case "FailNow", "Fatal", "Fatalf", "Skip", "Skipf", "SkipNow":
			return method
		}
	}
	return false
}

// MarksTestFailed reports whether fn marks the test failed and returns:
// the methods Error, Errorf and Fail of package testing, and testify's
// unconditional assert.Fail and assert.Failf (functions and Assertions
// methods). Past such a call the failure is already visible.
func MarksTestFailed(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "testing":
		if RecvType(fn) == nil {
			return false
		}
		switch fn.Name() {
		case "Error", "Errorf", "Fail":
			return true
		}
	case TestifyAssertPath:
		switch fn.Name() {
		case "Fail", "Failf":
			return testifyFunc(fn)
		}
	}
	return false
}

// IsTestCleanup reports whether fn is the Cleanup method of package
// testing's T, B and F (declared on their common part) or of the
// testing.TB interface: it registers a function that runs when the test
// ends.
func IsTestCleanup(fn *types.Func) bool {
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "testing" && fn.Name() == "Cleanup" && RecvType(fn) != nil
}

// testifyFunc reports whether fn, of a testify assertion package, is a
// package-level function or a method of that package's Assertions type
// (what suite.Suite's Require() and Assert() return).
func testifyFunc(fn *types.Func) bool {
	recv := RecvType(fn)
	if recv == nil {
		return true
	}
	return IsNamedType(recv, fn.Pkg().Path(), "Assertions")
}
