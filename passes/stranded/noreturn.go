package stranded

import (
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// endsPath reports whether instr ends the paths the check looks at: a
// panic, a call that does not return (os.Exit, log.Fatal, runtime.Goexit),
// or a call that marks a test as failed or skipped (t.Error, t.Fatal,
// t.Skip and their variants). A goroutine left behind on a path where the
// test has already failed, or the process is exiting, is not worth a
// report: the failure is already visible.
func endsPath(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		fn := apis.SSACalleeFunc(instr.Common())
		return apis.NoReturn(fn) || apis.MarksTestFailed(fn)
	}
	return false
}
