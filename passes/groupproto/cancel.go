package groupproto

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fixes"
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
// caller's own: the goroutines then cancel by hand); and no goroutine
// hands the context on to work that can outlive it (a goroutine it
// starts, a closure, a store): WithContext's context is cancelled when
// Wait returns, which would stop that work. A goroutine that
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
	var lits []*ast.FuncLit
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
		if handsContextOn(fn) {
			// The group's context would be cancelled when Wait returns,
			// under work that outlives the goroutine.
			return
		}
		lits = append(lits, lit)
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
	d := analysis.Diagnostic{
		Pos:      pos,
		End:      end,
		Category: catCannotCancel,
		Message: "errgroup.Group made without WithContext while its goroutines take the caller's context: " +
			"the first failure does not cancel the others, and Wait waits for all of them to return one error " +
			"(use errgroup.WithContext(ctx) and its context in the goroutines)",
	}
	if fix, ok := c.withContextFix(first, lits); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// withContextFix offers to make the group with errgroup.WithContext and
// to give its goroutines the group's context:
//
//	var g errgroup.Group            g, gctx := errgroup.WithContext(ctx)
//	g.Go(func() error {       →     g.Go(func() error {
//		return fetch(ctx, u)            return fetch(gctx, u)
//
// It is offered when the group is declared alone (var g errgroup.Group,
// g := new(errgroup.Group), g := &errgroup.Group{}) in the function, the
// goroutines name exactly one context variable of the function, declared
// before the group and visible there, and the new name shadows nothing
// where it is used. The group's variable becomes a pointer, which its
// method calls do not notice; the group does not escape, so nothing else
// sees the change.
func (c *checker) withContextFix(first *groupCall, lits []*ast.FuncLit) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	info := c.pass.TypesInfo
	call := c.callExpr(first.instr)
	if call == nil {
		return none, false
	}
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return none, false
	}
	gid, ok := apis.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return none, false
	}
	gvar, _ := info.Uses[gid].(*types.Var)
	if gvar == nil {
		return none, false
	}
	file := analysisutil.FileOf(c.pass, gvar.Pos())
	if file == nil {
		return none, false
	}
	// The declaration of the group: a statement of its own.
	path, _ := astutil.PathEnclosingInterval(file, gvar.Pos(), gvar.Pos())
	var decl ast.Stmt
	var typ ast.Expr // errgroup.Group as written
	for _, n := range path {
		switch n := n.(type) {
		case *ast.DeclStmt:
			gd, ok := n.Decl.(*ast.GenDecl)
			if !ok || len(gd.Specs) != 1 {
				return none, false
			}
			vs, ok := gd.Specs[0].(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || len(vs.Values) != 0 || vs.Type == nil {
				return none, false
			}
			decl, typ = n, vs.Type
		case *ast.AssignStmt:
			if len(n.Lhs) != 1 || len(n.Rhs) != 1 || n.Tok.String() != ":=" {
				return none, false
			}
			switch r := apis.Unparen(n.Rhs[0]).(type) {
			case *ast.CallExpr: // new(errgroup.Group)
				if len(r.Args) == 1 && isCreation(info, r) {
					decl, typ = n, r.Args[0]
				}
			case *ast.UnaryExpr: // &errgroup.Group{}
				if lit, ok := apis.Unparen(r.X).(*ast.CompositeLit); ok && len(lit.Elts) == 0 && isCreation(info, r) {
					decl, typ = n, lit.Type
				}
			}
		}
		if decl != nil {
			break
		}
	}
	if decl == nil || typ == nil {
		return none, false
	}
	tsel, ok := apis.Unparen(typ).(*ast.SelectorExpr)
	if !ok {
		return none, false
	}
	pkgID, ok := tsel.X.(*ast.Ident)
	if !ok {
		return none, false
	}
	// The one context variable the goroutines name.
	var ctxVar *types.Var
	for _, lit := range lits {
		bad := false
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			v, ok := info.Uses[id].(*types.Var)
			if !ok || !apis.IsContext(v.Type()) || (lit.Pos() <= v.Pos() && v.Pos() < lit.End()) {
				return true
			}
			if ctxVar != nil && v != ctxVar {
				bad = true
			}
			ctxVar = v
			return true
		})
		if bad {
			return none, false
		}
	}
	if ctxVar == nil || ctxVar.Pos() >= decl.Pos() {
		return none, false
	}
	if _, obj := c.pass.TypesInfo.Scopes[file].Innermost(decl.Pos()).LookupParent(ctxVar.Name(), decl.Pos()); obj != ctxVar {
		return none, false
	}
	// The goroutines' uses of ctx become the group's context, as
	// ctxcancel does for a group whose context is discarded.
	rename := &fixes.GroupContext{Pkg: c.pass.Pkg, Info: info, File: file, Parent: ctxVar, Lits: lits, Decl: decl.Pos()}
	name, renames, ok := rename.Edits()
	if !ok {
		return none, false
	}
	edits := []analysis.TextEdit{{
		Pos:     decl.Pos(),
		End:     decl.End(),
		NewText: []byte(fmt.Sprintf("%s, %s := %s.WithContext(%s)", gvar.Name(), name, pkgID.Name, ctxVar.Name())),
	}}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Make the group with errgroup.WithContext(%s) and give its goroutines %s", ctxVar.Name(), name),
		TextEdits: append(edits, renames...),
	}, true
}

// passesContext reports whether fn, a closure, gives one of its free
// variables of type context.Context to a call (as an argument or as the
// receiver of an interface method such as Done or Err), other than
// context.WithoutCancel.
func passesContext(fn *ssa.Function) bool {
	vals, _ := contextFreeVars(fn)
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
	return false
}

// contextFreeVars returns, for each free variable of fn that is a
// context.Context or the cell of a captured one, the values holding the
// context in fn: the variable, or the loads of the cell; and the cells.
func contextFreeVars(fn *ssa.Function) (vals, cells []ssa.Value) {
	for _, fv := range fn.FreeVars {
		if p, ok := fv.Type().(*types.Pointer); ok && apis.IsContext(p.Elem()) {
			cells = append(cells, fv)
			for _, ref := range ssautil.Referrers(fv) {
				if load, ok := ref.(*ssa.UnOp); ok {
					vals = append(vals, load)
				}
			}
		} else if apis.IsContext(fv.Type()) {
			vals = append(vals, fv)
		}
	}
	return vals, cells
}

// handsContextOn reports whether fn hands a context it captures to work
// that can outlive it: a goroutine it starts (go f(ctx), or a literal
// that captures the context), any closure, or a store.
func handsContextOn(fn *ssa.Function) bool {
	vals, cells := contextFreeVars(fn)
	for _, v := range append(vals, cells...) {
		for _, ref := range ssautil.Referrers(v) {
			switch ref.(type) {
			case *ssa.MakeClosure, *ssa.Go, *ssa.Store:
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
