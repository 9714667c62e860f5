package stranded

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// endsPath reports whether instr ends the paths the check looks at: a
// panic, a call that does not return (os.Exit, log.Fatal, runtime.Goexit,
// t.Fatal, testify's require.Fail), a call that marks a test as failed or
// skipped (t.Error, t.Skip, assert.Fail and their variants), or a call of
// a function of the package that does one of these on every path (a
// test helper that calls t.Fatalf). A goroutine left behind on a path
// where the test has already failed, or the process is exiting, is not
// worth a report: the failure is already visible.
func (c *checker) endsPath(instr ssa.Instruction) bool {
	switch instr := instr.(type) {
	case *ssa.Panic:
		return true
	case *ssa.Call:
		return c.testFail.Fails(apis.SSACalleeFunc(instr.Common()))
	}
	return false
}

// failedEdge returns, for a block that branches on whether the test has
// failed (if t.Failed() { return }, or its negation), the successor taken
// when it has: like the paths past t.Error, it is not looked at, the
// failure being already visible. It returns nil for any other block.
func failedEdge(b *ssa.BasicBlock) *ssa.BasicBlock {
	if len(b.Instrs) == 0 || len(b.Succs) != 2 {
		return nil
	}
	iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return nil
	}
	cond, neg := iff.Cond, false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			break
		}
		cond, neg = u.X, !neg
	}
	call, ok := cond.(*ssa.Call)
	if !ok || !apis.IsTestFailed(apis.SSACalleeFunc(call.Common())) {
		return nil
	}
	if neg {
		return b.Succs[1]
	}
	return b.Succs[0]
}

// exitsAfter reports whether the process exits as soon as fn returns
// through r, ending every goroutine it leaves behind: r returns from
// main.main, or returns a non-nil error from a function of package main
// whose every caller exits on that error (summary.ExitsOnError).
func (c *checker) exitsAfter(fn *ssa.Function, r *ssa.Return) bool {
	if fn.Parent() != nil || fn.Pkg == nil || fn.Pkg.Pkg.Name() != "main" {
		return false
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return false
	}
	if obj.Name() == "main" && fn.Signature.Recv() == nil {
		return true
	}
	if len(r.Results) == 0 || !c.testFail.ExitsOnError(obj) {
		return false
	}
	k, isConst := r.Results[len(r.Results)-1].(*ssa.Const)
	return !isConst || !k.IsNil()
}
