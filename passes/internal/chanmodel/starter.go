package chanmodel

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Starts reports whether fn, a function of the package being analysed,
// starts its function parameter param as a goroutine exactly once on
// every path that returns, and does nothing else with it: a go-helper.
//
//	func goSafe(f func()) {
//		go func() {
//			defer logPanic()
//			f()
//		}()
//	}
//
// The goroutine is either go f(...) itself or a function literal that
// calls f, once, on every path that returns, outside any loop; a
// caller handing a closure to such a helper starts that closure as a
// goroutine, as a go statement would. A parameter that is stored,
// passed on, called in the helper's own goroutine, started in a loop or
// on some paths only, or called conditionally is not started (false).
func Starts(fn *ssa.Function, param int) bool {
	if fn == nil || fn.Blocks == nil || param < 0 || param >= len(fn.Params) {
		return false
	}
	var start ssa.Instruction
	ok := funcUses(fn.Params[param], false, func(ref ssa.Instruction, v ssa.Value, indirect bool) bool {
		switch ref := ref.(type) {
		case *ssa.Go:
			if ref.Call.Value != v || slices.Contains(ref.Common().Args, ssa.Value(v)) || start != nil {
				return false
			}
			start = ref
			return true
		case *ssa.MakeClosure:
			if start != nil || !startsCallOnce(ref, v, indirect) {
				return false
			}
			start = ref
			return true
		}
		return false
	})
	return ok && start != nil && onEveryPathOnce(fn, start)
}

// funcUses calls use for every use of the function value v (or, when
// indirect, of the variable v points to) other than a debug reference:
// through the local variable a parameter captured by a closure is
// spilled to, when that variable holds nothing else. It reports whether
// every use was accepted.
func funcUses(v ssa.Value, indirect bool, use func(ref ssa.Instruction, v ssa.Value, indirect bool) bool) bool {
	for _, ref := range ssautil.Referrers(v) {
		switch ref := ref.(type) {
		case *ssa.DebugRef:
			continue
		case *ssa.Store:
			cell, ok := ref.Addr.(*ssa.Alloc)
			if indirect || !ok || ref.Val != v {
				return false
			}
			for _, r := range ssautil.Referrers(cell) {
				if st, ok := r.(*ssa.Store); ok && st.Val != v {
					return false // the variable is reassigned
				}
			}
			for _, r := range ssautil.Referrers(cell) {
				switch r := r.(type) {
				case *ssa.Store, *ssa.DebugRef:
				case *ssa.UnOp:
					if r.Op != token.MUL || !funcUses(r, false, use) {
						return false
					}
				default:
					if !use(r, cell, true) {
						return false
					}
				}
			}
			continue
		case *ssa.UnOp:
			if indirect && ref.Op == token.MUL {
				if !funcUses(ref, false, use) {
					return false
				}
				continue
			}
		}
		if !use(ref, v, indirect) {
			return false
		}
	}
	return true
}

// startsCallOnce reports whether the closure mc, which captures the
// function value p (or the variable holding it, when indirect), is
// started by a go statement, used for nothing else, and calls the
// function once on every path of its body and does nothing else with
// it.
func startsCallOnce(mc *ssa.MakeClosure, p ssa.Value, indirect bool) bool {
	refs := ssautil.Referrers(mc)
	if len(refs) != 1 {
		return false
	}
	g, ok := refs[0].(*ssa.Go)
	if !ok || g.Call.Value != mc || g.Call.Method != nil || slices.Contains(g.Common().Args, ssa.Value(mc)) {
		return false
	}
	lit, fv := ClosureVar(mc, p)
	if lit == nil || lit.Blocks == nil {
		return false
	}
	var call ssa.Instruction
	ok = funcUses(fv, indirect, func(ref ssa.Instruction, v ssa.Value, _ bool) bool {
		c, ok := ref.(*ssa.Call)
		if !ok || c.Call.Value != v || slices.Contains(c.Common().Args, ssa.Value(v)) || call != nil {
			return false
		}
		call = c
		return true
	})
	return ok && call != nil && onEveryPathOnce(lit, call) && onEveryPathOnce(mc.Parent(), g)
}

// onEveryPathOnce reports whether instr runs once in every execution
// of fn that returns: its block dominates every block that returns and
// lies on no cycle.
func onEveryPathOnce(fn *ssa.Function, instr ssa.Instruction) bool {
	return fn != nil && instr.Block() != nil && !CanRunAfter(instr, instr) && DominatesReturns(fn, instr.Block())
}

// DominatesReturns reports whether block b of fn dominates every block
// of fn that returns normally (the block a panic recovers into
// excepted): whatever runs in b runs on every path that returns. fn must
// have at least one such block.
func DominatesReturns(fn *ssa.Function, b *ssa.BasicBlock) bool {
	returns := 0
	for _, x := range fn.Blocks {
		if x == fn.Recover || len(x.Instrs) == 0 {
			continue
		}
		if _, ok := x.Instrs[len(x.Instrs)-1].(*ssa.Return); ok {
			returns++
			if !b.Dominates(x) {
				return false
			}
		}
	}
	return returns > 0
}
