package errgroupwait

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// failsAnyway reports whether every path from the Wait call w to the end
// of its function ends in a failure that the caller or the user sees
// regardless of the group's error: a call that never returns and
// signals a failure (os.Exit with a code other than 0, log.Fatal,
// t.Fatal; not runtime.Goexit or t.Skip: see failingExit), a panic, or a
// return of an error that is provably not nil (one tested non-nil on the
// way, or made by errors.New or fmt.Errorf). Such a Wait drains the
// group on a failure path, typically after cancelling it:
//
//	if err := srv.Run(ctx); err != nil {
//		cancel()
//		g.Wait()
//		return err
//	}
//
// and the group's own error, most often the cancellation, is not the
// failure that matters. Discarding it is true but harmless.
//
// Conservative: a function whose SSA form is not built, a path that
// returns without an error result or with an error not proved non-nil,
// and a path that reaches the end of main, all count as not failing.
func failsAnyway(fo *fanout.Result, w waitCall) bool {
	fn := fo.Func(enclosingFuncNode(w))
	if fn == nil {
		return false
	}
	call := ssaCallAt(fn, w.call.Lparen)
	if call == nil {
		return false
	}
	errIdx := apis.ErrorResult(fn.Signature)
	seen := make(map[*ssa.BasicBlock]bool)
	var failing func(b *ssa.BasicBlock, from int) bool
	failing = func(b *ssa.BasicBlock, from int) bool {
		for _, instr := range b.Instrs[from:] {
			switch instr := instr.(type) {
			case *ssa.Panic:
				return true
			case *ssa.Call:
				if fn := apis.SSACalleeFunc(instr.Common()); apis.NoReturn(fn) {
					return failingExit(fn, instr.Common())
				}
			case *ssa.Return:
				return errIdx >= 0 && errIdx < len(instr.Results) && nonNilAt(instr.Results[errIdx], b)
			}
		}
		succs := b.Succs
		if len(succs) == 0 {
			return false // an unreachable end or a select{}: not a failure path
		}
		for _, s := range succs {
			if seen[s] {
				continue
			}
			seen[s] = true
			if !failing(s, 0) {
				return false
			}
		}
		return true
	}
	idx := ssautil.IndexOf(call)
	return idx >= 0 && failing(call.Block(), idx+1)
}

// failingExit reports whether the call c of fn, a function that never
// returns, ends the program or the test as a failure: not os.Exit(0),
// not runtime.Goexit, not one of testing's Skip methods.
func failingExit(fn *types.Func, c *ssa.CallCommon) bool {
	switch fn.Pkg().Path() {
	case "os":
		if len(c.Args) == 1 {
			if k, ok := c.Args[0].(*ssa.Const); ok && k.Value != nil && k.Value.String() == "0" {
				return false
			}
		}
		return true
	case "runtime":
		return false
	case "testing":
		switch fn.Name() {
		case "Skip", "Skipf", "SkipNow":
			return false
		}
	}
	return true
}

// nonNilAt reports whether the error v is provably not nil in block b:
// made by errors.New or fmt.Errorf, or tested v != nil (or v == nil with
// the else edge taken) by a branch whose successor, entered only from
// it, dominates b.
func nonNilAt(v ssa.Value, b *ssa.BasicBlock) bool {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		// A function with a defer returns its results through a local
		// slot: follow the value stored there last in this block.
		slot, ok := load.X.(*ssa.Alloc)
		if !ok || load.Block() != b {
			return false
		}
		for _, r := range ssautil.Referrers(slot) {
			switch r.(type) {
			case *ssa.Store, *ssa.UnOp, *ssa.DebugRef:
			default:
				return false // a deferred closure may assign the result
			}
		}
		for i := ssautil.IndexOf(load) - 1; i >= 0; i-- {
			if st, ok := b.Instrs[i].(*ssa.Store); ok && st.Addr == slot {
				return nonNilAt(st.Val, b)
			}
		}
		return false
	}
	if c, ok := v.(*ssa.Call); ok {
		if fn := apis.SSACalleeFunc(c.Common()); fn != nil && fn.Pkg() != nil && apis.RecvType(fn) == nil {
			switch {
			case fn.Pkg().Path() == "errors" && fn.Name() == "New",
				fn.Pkg().Path() == "fmt" && fn.Name() == "Errorf":
				return true
			}
		}
	}
	for _, r := range ssautil.Referrers(v) {
		cmp, ok := r.(*ssa.BinOp)
		if !ok || !comparesWithNil(cmp, v) {
			continue
		}
		for _, rr := range ssautil.Referrers(cmp) {
			ifi, ok := rr.(*ssa.If)
			if !ok || len(ifi.Block().Succs) != 2 {
				continue
			}
			edge := ifi.Block().Succs[0] // v != nil holds on the true edge
			if cmp.Op == token.EQL {
				edge = ifi.Block().Succs[1]
			}
			if len(edge.Preds) == 1 && edge.Dominates(b) {
				return true
			}
		}
	}
	return false
}

// comparesWithNil reports whether cmp is v != nil or v == nil.
func comparesWithNil(cmp *ssa.BinOp, v ssa.Value) bool {
	if cmp.Op != token.NEQ && cmp.Op != token.EQL {
		return false
	}
	other := cmp.Y
	if cmp.Y == v {
		other = cmp.X
	} else if cmp.X != v {
		return false
	}
	c, ok := other.(*ssa.Const)
	return ok && c.IsNil() && types.IsInterface(v.Type())
}
