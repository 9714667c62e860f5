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

// NoReturn reports whether a call of fn never returns to its caller:
// os.Exit, runtime.Goexit, log.Fatal and log.Panic and their variants,
// and the methods of package testing (on T, B, F or the TB interface)
// that stop the test: FailNow, Fatal, Fatalf, Skip, Skipf, SkipNow, which
// call runtime.Goexit. Panics are instructions, not calls, and are for
// the caller to handle.
func NoReturn(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	method := RecvType(fn) != nil
	switch fn.Pkg().Path() {
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

// MarksTestFailed reports whether fn is a method of package testing that
// marks the test failed and returns: Error, Errorf, Fail. Past such a
// call the failure is already visible.
func MarksTestFailed(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "testing" || RecvType(fn) == nil {
		return false
	}
	switch fn.Name() {
	case "Error", "Errorf", "Fail":
		return true
	}
	return false
}
