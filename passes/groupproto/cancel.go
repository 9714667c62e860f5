package groupproto

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// cannotCancel reports a plain errgroup.Group (var g errgroup.Group,
// new(errgroup.Group), &errgroup.Group{}) whose goroutines pass on a
// context of the group's function: with WithContext, the first failure
// would cancel that context for the others; without it, they run to the
// end and Wait returns only the first error.
//
// Conservative: the group must not escape; every goroutine of the group
// must be a function literal, and one of them must be able to return a
// non-nil error (a group of goroutines that return only nil has no
// failure to cancel on); and no
// goroutine calls a captured function value (a cancel func of the
// caller's own: the goroutines then cancel by hand). A goroutine that
// hands the context only to context.WithoutCancel detaches on purpose and
// does not count as passing it on.
func (c *checker) cannotCancel(g *group) {
	if !c.cancelRule || !g.errgroup || len(g.escapes) > 0 {
		return
	}
	if _, isAlloc := g.root.(*ssa.Alloc); !isAlloc {
		return // errgroup.WithContext
	}
	var first *groupCall
	passes, fails := false, false
	for i, gc := range g.calls {
		if !gc.api.IsErrgroupSpawn() {
			continue
		}
		if gc.fr != g.top {
			return // started from a goroutine: judged by its own rules
		}
		mc, ok := gc.common.Args[1].(*ssa.MakeClosure)
		if !ok {
			return // Conservative: a function value we do not see
		}
		fn, _ := mc.Fn.(*ssa.Function)
		if fn == nil {
			return
		}
		lit, ok := fn.Syntax().(*ast.FuncLit)
		if !ok || callsFreeFunc(fn) {
			return
		}
		if !analysisutil.ReturnsOnlyNil(c.pass.TypesInfo, lit) {
			fails = true
		}
		if passesContext(fn) {
			passes = true
			if first == nil || gc.instr.Pos() < first.instr.Pos() {
				first = &g.calls[i]
			}
		}
	}
	if !passes || !fails {
		return
	}
	pos, end := c.callSpan(first.instr)
	c.pass.Report(analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: catCannotCancel,
		Message: "errgroup.Group made without WithContext while its goroutines take the caller's context: " +
			"the first failure does not cancel the others, and Wait waits for all of them to return one error " +
			"(use errgroup.WithContext(ctx) and its context in the goroutines)",
	})
}

// passesContext reports whether fn, a closure, gives one of its free
// variables of type context.Context to a call (as an argument or as the
// receiver of an interface method such as Done or Err), other than
// context.WithoutCancel.
func passesContext(fn *ssa.Function) bool {
	for _, fv := range fn.FreeVars {
		var vals []ssa.Value
		if p, ok := fv.Type().(*types.Pointer); ok && apis.IsContext(p.Elem()) {
			for _, ref := range ssautil.Referrers(fv) {
				if load, ok := ref.(*ssa.UnOp); ok {
					vals = append(vals, load)
				}
			}
		} else if apis.IsContext(fv.Type()) {
			vals = append(vals, fv)
		}
		for _, v := range vals {
			for _, ref := range ssautil.Referrers(v) {
				call, ok := ref.(ssa.CallInstruction)
				if !ok {
					continue
				}
				if apis.SSACallee(call.Common()) == apis.ContextWithoutCancel {
					continue
				}
				return true
			}
		}
	}
	return false
}

// callsFreeFunc reports whether fn calls a function value it captures.
func callsFreeFunc(fn *ssa.Function) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call.Common().IsInvoke() {
				continue
			}
			v := call.Common().Value
			if load, ok := v.(*ssa.UnOp); ok {
				v = load.X
			}
			if _, ok := v.(*ssa.FreeVar); ok {
				return true
			}
		}
	}
	return false
}
