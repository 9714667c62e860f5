package groupproto

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// goArgs returns, for a goroutine started by a go statement, the constant
// each parameter of its function is given at that statement: go f(wg,
// true) binds f's second parameter to true. Parameters given anything
// but a constant are absent.
func goArgs(fr *frame) map[*ssa.Parameter]*ssa.Const {
	goInstr, ok := fr.runner.(*ssa.Go)
	if !ok || goInstr.Call.IsInvoke() {
		return nil
	}
	var fn *ssa.Function
	switch v := goInstr.Call.Value.(type) {
	case *ssa.Function:
		fn = v
	case *ssa.MakeClosure:
		fn, _ = v.Fn.(*ssa.Function)
	}
	if fn != fr.fn {
		return nil
	}
	var out map[*ssa.Parameter]*ssa.Const
	for i, a := range goInstr.Call.Args {
		k, ok := a.(*ssa.Const)
		if !ok || i >= len(fn.Params) {
			continue
		}
		if out == nil {
			out = make(map[*ssa.Parameter]*ssa.Const)
		}
		out[fn.Params[i]] = k
	}
	return out
}

// evalCond returns the value of a branch condition when the goroutine's
// constant arguments decide it: a constant, a parameter given a constant,
// their negation and their comparisons. ok is false otherwise.
func evalCond(v ssa.Value, args map[*ssa.Parameter]*ssa.Const) (constant.Value, bool) {
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil {
			return nil, false // nil of a reference type
		}
		return v.Value, true
	case *ssa.Parameter:
		if k := args[v]; k != nil && k.Value != nil {
			return k.Value, true
		}
	case *ssa.UnOp:
		if v.Op == token.NOT {
			if x, ok := evalCond(v.X, args); ok && x.Kind() == constant.Bool {
				return constant.MakeBool(!constant.BoolVal(x)), true
			}
		}
	case *ssa.BinOp:
		switch v.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			x, okx := evalCond(v.X, args)
			y, oky := evalCond(v.Y, args)
			if okx && oky && x.Kind() == y.Kind() && x.Kind() != constant.Unknown {
				return constant.MakeBool(constant.Compare(x, v.Op, y)), true
			}
		}
	}
	return nil, false
}

// onParameter reports whether v is computed, without calls, from a
// parameter or a captured variable of its function: the caller, not the
// goroutine, decides it.
func onParameter(v ssa.Value) bool {
	seen := make(map[ssa.Value]bool)
	var walk func(v ssa.Value) bool
	walk = func(v ssa.Value) bool {
		if v == nil || seen[v] {
			return false
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Parameter, *ssa.FreeVar:
			return true
		case *ssa.UnOp, *ssa.BinOp, *ssa.FieldAddr, *ssa.Field, *ssa.Convert, *ssa.ChangeType:
			for _, op := range v.(ssa.Instruction).Operands(nil) {
				if walk(*op) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// doneUnderParameter reports whether one of the goroutine's Dones sits in
// a branch of an if on a parameter that the other branch rejoins after
// it: if async { defer wg.Done() }. Whether such a goroutine is counted
// is decided where it is started (go f(wg, false) may well not be
// counted), so a path that skips the Done proves nothing. An early
// return on a parameter (if x < 0 { return }; wg.Done()) is not such a
// branch: its paths do not meet again.
func (dg *doneGoroutine) doneUnderParameter(branches map[*ssa.BasicBlock]bool) bool {
	for b := range branches {
		br := b.Instrs[len(b.Instrs)-1].(*ssa.If)
		if !onParameter(br.Cond) {
			continue
		}
		for i, s := range b.Succs {
			other := b.Succs[1-i]
			if len(s.Preds) != 1 {
				continue // s is not the branch's own block
			}
			for instr := range dg.done {
				if s.Dominates(instr.Block()) && ssautil.Reaches(instr.Block(), other) {
					return true
				}
			}
		}
	}
	return false
}
