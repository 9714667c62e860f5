package starved

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// unused reports whether the SSA value v has no use: the cancel
// function of a derivation that is never called, deferred, passed on,
// captured or stored.
func unused(v ssa.Value) bool {
	for _, ref := range ssautil.Referrers(v) {
		if _, ok := ref.(*ssa.DebugRef); !ok {
			return false
		}
	}
	return true
}

// blankCancel returns the local variable that the derivation call
// assigns its cancel function to (ctx, cancel := context.WithCancel(...))
// when go vet's lostcancel cannot see that it is never called: every
// reference to the variable in the package is a blank assignment (_ =
// cancel), and one of them follows the derivation in the same block,
// with only straight-line statements between, so that lostcancel finds
// the variable used on every path. A variable never referenced at all,
// or referenced only on some paths, is lostcancel's report (not used on
// all paths), or the function never returns; nil is returned then, as
// for _ in place of the variable (lostcancel's "should be called, not
// discarded") and for shapes this does not read.
func (c *checker) blankCancel(call *ssa.Call) *types.Var {
	var file *ast.File
	for _, f := range c.pass.Files {
		if f.FileStart <= call.Pos() && call.Pos() < f.FileEnd {
			file = f
		}
	}
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, call.Pos(), call.Pos())
	var ce *ast.CallExpr
	var def *ast.AssignStmt
	var list []ast.Stmt
	for i, n := range path {
		if x, ok := n.(*ast.CallExpr); ok && ce == nil && x.Lparen == call.Pos() {
			ce = x
			if i+2 < len(path) {
				def, _ = path[i+1].(*ast.AssignStmt)
				if blk, ok := path[i+2].(*ast.BlockStmt); ok {
					list = blk.List
				}
			}
			break
		}
	}
	if ce == nil || def == nil || list == nil || len(def.Lhs) != 2 || len(def.Rhs) != 1 || def.Rhs[0] != ast.Expr(ce) {
		return nil
	}
	id, ok := def.Lhs[1].(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || v.Parent() == nil || v.Parent() == v.Pkg().Scope() {
		return nil // a package variable: other code may call it
	}
	// Every reference is a blank assignment.
	blanks := make(map[ast.Stmt]bool)
	for _, f := range c.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if ok && as.Tok == token.ASSIGN && len(as.Lhs) == 1 && len(as.Rhs) == 1 {
				if l, ok := as.Lhs[0].(*ast.Ident); ok && l.Name == "_" {
					if r, ok := ast.Unparen(as.Rhs[0]).(*ast.Ident); ok && c.pass.TypesInfo.Uses[r] == v {
						blanks[as] = true
					}
				}
			}
			return true
		})
	}
	refs := 0
	for rid, obj := range c.pass.TypesInfo.Uses {
		if obj == v && rid != id {
			refs++
		}
	}
	if refs == 0 || refs != len(blanks) {
		return nil // called, passed on, or never referenced (lostcancel)
	}
	// One blank assignment follows the derivation in straight line.
	at := -1
	for i, st := range list {
		if st == ast.Stmt(def) {
			at = i
		}
	}
	if at < 0 {
		return nil
	}
	for _, st := range list[at+1:] {
		if blanks[st] {
			return v
		}
		switch st.(type) {
		case *ast.AssignStmt, *ast.ExprStmt, *ast.DeclStmt, *ast.GoStmt, *ast.DeferStmt, *ast.SendStmt, *ast.IncDecStmt, *ast.EmptyStmt:
		default:
			return nil // a branch lostcancel may find a path through
		}
	}
	return nil
}

// returns reports whether some return of fn is reachable.
func returns(fn *ssa.Function) bool {
	return len(fn.Blocks) > 0 && len(chanmodel.EntryReturnsAvoiding(fn, nil)) > 0
}
