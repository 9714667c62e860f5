package ctxcancel

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fixes"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// A group is one call of errgroup.WithContext and the values it yields.
type group struct {
	call   *ssa.Call
	fn     *ssa.Function
	g      ssa.Value          // the *errgroup.Group (extract #0)
	gctx   ssa.Value          // the group's context (extract #1), nil if never extracted
	parent map[ssa.Value]bool // the values the parent context can be

	syn      *ast.CallExpr // the WithContext call in the syntax
	parentID *ast.Ident    // the parent argument, when it is a plain variable
	gctxID   *ast.Ident    // the left-hand side naming the group's context, when the call is assigned
	define   bool          // the assignment is a := definition
}

// parentName names the parent context for messages.
func (g *group) parentName() string {
	if g.parentID != nil {
		return g.parentID.Name
	}
	return "the parent context"
}

// gctxName names the group's context for messages.
func (g *group) gctxName() string {
	if g.gctxID != nil && g.gctxID.Name != "_" {
		return g.gctxID.Name
	}
	return "the group's context"
}

// findGroups returns every errgroup.WithContext call of the built
// functions whose parent context has known roots.
func (c *checker) findGroups() []*group {
	var groups []*group
	for _, fn := range c.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || apis.SSACallee(call.Common()) != apis.ErrgroupWithContext || len(call.Call.Args) != 1 {
					continue
				}
				gr := &group{call: call, fn: fn}
				for _, r := range ssautil.Referrers(call) {
					if ex, ok := r.(*ssa.Extract); ok {
						switch ex.Index {
						case 0:
							gr.g = ex
						case 1:
							gr.gctx = ex
						}
					}
				}
				parent, ok := c.flow.roots(call.Call.Args[0])
				if gr.g == nil || !ok {
					continue // Conservative: the parent's value is not known
				}
				gr.parent = parent
				c.groupSyntax(gr)
				groups = append(groups, gr)
			}
		}
	}
	return groups
}

// groupSyntax fills in the syntax of the group's WithContext call.
func (c *checker) groupSyntax(gr *group) {
	cur, ok := c.calls[gr.call.Pos()]
	if !ok {
		return
	}
	gr.syn = cur.Node().(*ast.CallExpr)
	if id, ok := apis.Unparen(gr.syn.Args[0]).(*ast.Ident); ok {
		if _, isVar := c.pass.TypesInfo.Uses[id].(*types.Var); isVar {
			gr.parentID = id
		}
	}
	if as, ok := cur.Parent().Node().(*ast.AssignStmt); ok && len(as.Lhs) == 2 && len(as.Rhs) == 1 {
		if id, ok := as.Lhs[1].(*ast.Ident); ok {
			gr.gctxID = id
			gr.define = as.Tok == token.DEFINE
		}
	}
}

// A ctxUse is a call, inside a group's goroutine, that receives a context.
type ctxUse struct {
	call ssa.CallInstruction
	lit  *ast.FuncLit // the goroutine's function
}

// checkGroup reports the group's goroutines that use the parent context
// rather than the group's (case 1), and uses of the group's context
// after Wait (case 2).
func (c *checker) checkGroup(gr *group) {
	var parentUses []ctxUse
	var lits []*ast.FuncLit
	for _, fn := range c.fns {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				call, ok := instr.(*ssa.Call)
				if !ok || !apis.SSACallee(call.Common()).IsErrgroupSpawn() || len(call.Call.Args) != 2 {
					continue
				}
				if !c.flow.only(call.Call.Args[0], gr.g) {
					continue // Conservative: another group, or not provably this one
				}
				mc, ok := call.Call.Args[1].(*ssa.MakeClosure)
				if !ok {
					continue // Conservative: a named function or a function value
				}
				anon := mc.Fn.(*ssa.Function)
				lit, ok := anon.Syntax().(*ast.FuncLit)
				if !ok {
					continue
				}
				var uses []ctxUse
				usesGroup := false
				c.eachContextArg(anon, func(call ssa.CallInstruction, v ssa.Value, i int) {
					set, ok := c.flow.rootsDerived(v)
					if !ok {
						return
					}
					if gr.gctx != nil && set[gr.gctx] {
						usesGroup = true
						return
					}
					if valuesOnly(call, v) || apis.SSACallee(call.Common()).IsContextDerivation() {
						return // reading values is no choice about cancellation; a derived context is judged where it is used
					}
					if _, ok := call.(*ssa.Go); ok {
						return // a goroutine the group does not join, started with the parent on purpose
					}
					if use := c.reach(call, i); use&summary.Observes == 0 || use&summary.Spawns != 0 {
						// Nothing shows that the group's cancellation
						// would stop this call; or the call starts a
						// lifetime goroutine with the parent, which the
						// group's context would end with the group.
						return
					}
					for r := range set {
						if !gr.parent[r] {
							return
						}
					}
					uses = append(uses, ctxUse{call, lit})
				})
				if usesGroup || len(uses) == 0 {
					// A goroutine that reads the group's context as well
					// chose which context to use where.
					continue
				}
				parentUses = append(parentUses, uses...)
				lits = append(lits, lit)
			}
		}
	}
	if len(parentUses) > 0 {
		c.reportParentUse(gr, parentUses, lits)
	}
	if gr.gctx != nil {
		c.checkAfterWait(gr)
	}
}

// eachContextArg calls visit for every operand of type context.Context of
// every call in fn and the closures nested in it: arguments, with their
// index among the callee's parameters (receiver excluded), and the
// receiver of a method called on a context, with index -1.
func (c *checker) eachContextArg(fn *ssa.Function, visit func(call ssa.CallInstruction, v ssa.Value, i int)) {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			common := call.Common()
			if common.IsInvoke() && apis.IsContext(common.Value.Type()) {
				visit(call, common.Value, -1)
			}
			// A static call of a method passes the receiver first; a
			// call of a function value (a bound method included) never
			// does.
			shift := 0
			if callee := common.StaticCallee(); callee != nil && callee.Signature.Recv() != nil {
				shift = 1
			}
			for j, a := range common.Args {
				if apis.IsContext(a.Type()) && j >= shift {
					visit(call, a, j-shift)
				}
			}
		}
	}
	for _, anon := range fn.AnonFuncs {
		c.eachContextArg(anon, visit)
	}
}

// reportParentUse reports the first call of a group goroutine that uses
// the parent context, with the other such calls as related information,
// and offers to switch the goroutines to the group's context.
func (c *checker) reportParentUse(gr *group, uses []ctxUse, lits []*ast.FuncLit) {
	first := c.callSyntax(uses[0].call)
	if first == nil {
		return
	}
	var msg string
	if gr.gctx == nil || gr.gctxID == nil || gr.gctxID.Name == "_" {
		msg = fmt.Sprintf("errgroup.Group.Go function uses %s and the group's context from errgroup.WithContext is discarded: the first failure does not cancel the other goroutines; use the group's context", gr.parentName())
	} else {
		msg = fmt.Sprintf("errgroup.Group.Go function uses %s, not the group's context %s: the first failure does not cancel this goroutine; use %s", gr.parentName(), gr.gctxName(), gr.gctxName())
	}
	d := analysis.Diagnostic{
		Pos:      first.Pos(),
		End:      first.End(),
		Category: catGroupIgnored,
		Message:  msg,
	}
	if gr.syn != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{
			Pos:     gr.syn.Pos(),
			End:     gr.syn.End(),
			Message: "the group's context is created here",
		})
	}
	for _, u := range uses[1:] {
		if s := c.callSyntax(u.call); s != nil {
			d.Related = append(d.Related, analysis.RelatedInformation{
				Pos: s.Pos(), End: s.End(), Message: "the parent context is used here too",
			})
		}
	}
	if fix, ok := c.groupContextFix(gr, lits); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	c.pass.Report(d)
}

// groupContextFix renames the blank group context of a := definition to
// a free name (or keeps its name) and replaces, in the group's
// goroutines only, every use of the parent variable by it. It gives up
// when the parent is not a plain variable, is assigned inside a
// goroutine, or the group context's name would mean something else at a
// replaced use.
func (c *checker) groupContextFix(gr *group, lits []*ast.FuncLit) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if gr.parentID == nil || gr.gctxID == nil || gr.syn == nil {
		return none, false
	}
	info := c.pass.TypesInfo
	rename := &fixes.GroupContext{
		Pkg:    c.pass.Pkg,
		Info:   info,
		File:   analysisutil.FileOf(c.pass, gr.gctxID.Pos()),
		Parent: info.Uses[gr.parentID].(*types.Var),
		Lits:   lits,
		Decl:   gr.syn.End(),
	}
	if gr.gctxID.Name == "_" {
		if !gr.define {
			return none, false // naming it would need a declaration
		}
	} else if rename.Ctx = info.ObjectOf(gr.gctxID); rename.Ctx == nil {
		return none, false
	}
	if rename.File == nil {
		return none, false
	}
	name, edits, ok := rename.Edits()
	if !ok {
		return none, false
	}
	if gr.gctxID.Name == "_" {
		edits = append([]analysis.TextEdit{{Pos: gr.gctxID.Pos(), End: gr.gctxID.End(), NewText: []byte(name)}}, edits...)
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Use the group's context %s in its goroutines", name),
		TextEdits: edits,
	}, true
}

// resolvesTo reports whether name, written at pos, would denote want;
// want == nil means that name must denote nothing there yet (a name the
// fix is about to declare).
func (c *checker) resolvesTo(name string, pos token.Pos, want types.Object) bool {
	file := analysisutil.FileOf(c.pass, pos)
	if file == nil {
		return false
	}
	scope := c.pass.TypesInfo.Scopes[file]
	if scope == nil {
		return false
	}
	_, obj := scope.Innermost(pos).LookupParent(name, pos)
	return obj == want
}

// checkAfterWait reports calls, after a Wait of the group in the
// function that created it, that receive the group's context: Wait has
// cancelled it by then.
func (c *checker) checkAfterWait(gr *group) {
	reported := map[ssa.CallInstruction]bool{}
	for _, b := range gr.fn.Blocks {
		for _, instr := range b.Instrs {
			wait, ok := instr.(*ssa.Call)
			if !ok || apis.SSACallee(wait.Common()) != apis.ErrgroupWait || len(wait.Call.Args) != 1 {
				continue
			}
			if !c.flow.only(wait.Call.Args[0], gr.g) {
				continue
			}
			c.eachContextArg(gr.fn, func(call ssa.CallInstruction, v ssa.Value, i int) {
				if reported[call] || call.Parent() != gr.fn || !c.cancelledUseMatters(call, v, i) {
					return
				}
				// A path from Wait that goes through WithContext again
				// sees a new group context. A context derived from the
				// group's is cancelled with it.
				if !reachable(wait, call, gr.call) || !c.flow.onlyDerived(v, gr.gctx) {
					return
				}
				s := c.callSyntax(call)
				if s == nil {
					return
				}
				reported[call] = true
				msg := fmt.Sprintf("%s from errgroup.WithContext is used after errgroup.Group.Wait, which cancels it: this call sees context canceled; use the parent context %s", gr.gctxName(), gr.parentName())
				if gr.gctxID != nil && gr.parentID != nil && gr.gctxID.Name == gr.parentID.Name {
					msg = fmt.Sprintf("%s is the group's context from errgroup.WithContext (it shadows the parent) and is used after errgroup.Group.Wait, which cancels it: this call sees context canceled; use the parent context", gr.gctxName())
				}
				c.pass.Report(analysis.Diagnostic{
					Pos:      s.Pos(),
					End:      s.End(),
					Category: catAfterWait,
					Message:  msg,
					Related: []analysis.RelatedInformation{{
						Pos: wait.Pos(), Message: "errgroup.Group.Wait cancels the group's context here",
					}},
				})
			})
		}
	}
}

// cancelledUseMatters reports whether passing a cancelled context to the
// call as its i-th argument (-1: the receiver) has a consequence that
// the code proves: the call observes the cancellation (see reach).
// Reading a cancelled context's values, its cause (context.Cause after
// Wait is how the group's first error is read) or detaching from it is
// fine (see valuesOnly); deriving a context from it is judged where the
// derived context is used; handing it to a function of another package
// that is not known to observe cancellation proves nothing (a logging
// wrapper or a trace-span lookup reads only values).
func (c *checker) cancelledUseMatters(call ssa.CallInstruction, v ssa.Value, i int) bool {
	if valuesOnly(call, v) || apis.SSACallee(call.Common()).IsContextDerivation() {
		return false
	}
	return c.reach(call, i)&summary.Observes != 0
}

// reach returns what a context passed to call as its i-th argument
// (receiver excluded; -1 for the receiver of a method of the context
// itself) reaches: Done and Err of the context observe it; a callee is
// judged by its same-package summary or its known contract (see
// summary.CtxUses.Arg), a function literal called directly by its
// summary; anything else (a function value, an interface method of an
// unknown interface) reaches nothing that the code shows.
func (c *checker) reach(call ssa.CallInstruction, i int) summary.CtxUse {
	common := call.Common()
	if i < 0 {
		if common.IsInvoke() && (common.Method.Name() == "Done" || common.Method.Name() == "Err") {
			return summary.Observes
		}
		return 0
	}
	if fn := apis.SSACalleeFunc(common); fn != nil {
		return c.sum.Arg(fn, i)
	}
	var anon *ssa.Function
	switch f := common.Value.(type) {
	case *ssa.MakeClosure:
		anon, _ = f.Fn.(*ssa.Function)
	case *ssa.Function:
		anon = f
	}
	if anon != nil {
		if lit, ok := anon.Syntax().(*ast.FuncLit); ok {
			return c.sum.Lit(lit, i)
		}
	}
	return 0
}

// callSyntax returns the call expression of an SSA call, or nil.
func (c *checker) callSyntax(call ssa.CallInstruction) *ast.CallExpr {
	if cur, ok := c.calls[call.Common().Pos()]; ok {
		return cur.Node().(*ast.CallExpr)
	}
	return nil
}
