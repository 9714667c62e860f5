package stranded

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// endsPath reports whether instr ends the paths the check looks at: a
// panic, a call that does not return (os.Exit, log.Fatal, runtime.Goexit),
// or a call that marks a test as failed or skipped (t.Error, t.Fatal,
// t.Skip and their variants). A goroutine left behind on a path where the
// test has already failed, or the process is exiting, is not worth a
// report: the failure is already visible.
func endsPath(instr ssa.Instruction) bool {
	var call *ssa.CallCommon
	switch instr := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		call = instr.Common()
	default:
		return false
	}
	var obj *types.Func
	if call.IsInvoke() {
		obj = call.Method
	} else if fn := call.StaticCallee(); fn != nil {
		if fn.Origin() != nil {
			fn = fn.Origin()
		}
		obj, _ = fn.Object().(*types.Func)
	}
	if obj == nil || obj.Pkg() == nil {
		return false
	}
	recv := obj.Type().(*types.Signature).Recv() != nil
	switch obj.Pkg().Path() {
	case "os":
		return !recv && obj.Name() == "Exit"
	case "runtime":
		return !recv && obj.Name() == "Goexit"
	case "log":
		switch obj.Name() {
		case "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln":
			return true
		}
	case "testing":
		switch obj.Name() {
		case "Error", "Errorf", "Fail", "FailNow", "Fatal", "Fatalf", "Skip", "Skipf", "SkipNow":
			return recv
		}
	}
	return false
}
