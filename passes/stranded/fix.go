package stranded

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// futureFix offers, for a future whose goroutines make one blocking send
// in all, to give the channel made in the future a buffer of one: the
// send then completes whether or not any caller receives, for every
// caller.
func futureFix(f *chanmodel.Future) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if f.Max != 1 || f.Cap != 0 || f.Make == nil {
		return none, false
	}
	call := enclosingCall(f.Fn.Syntax(), f.Make.Pos())
	if call == nil || len(call.Args) == 0 || len(call.Args) > 2 {
		return none, false
	}
	var edit analysis.TextEdit
	if len(call.Args) == 1 {
		edit = analysis.TextEdit{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", 1")}
	} else {
		edit = analysis.TextEdit{Pos: call.Args[1].Pos(), End: call.Args[1].End(), NewText: []byte("1")}
	}
	return analysis.SuggestedFix{
		Message:   "Buffer the future's channel for its one send",
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// capacityFix offers to buffer the collector's channel for every send,
// which removes every block: each goroutine makes at most one blocking
// send, and either the go statements are outside loops (capacity: their
// number) or there is one go statement, directly in a loop ranging over a
// variable xs that is in scope at the make and never reassigned
// (capacity: len(xs)).
func (c *checker) capacityFix(col *collector, loops []*loop) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if col.future != nil {
		return futureFix(col.future)
	}
	for _, s := range col.spawns {
		if s.sum.Max != 1 {
			return none, false
		}
	}
	call := enclosingCall(col.fn.Syntax(), col.make.Pos())
	if call == nil || len(call.Args) == 0 || len(call.Args) > 2 {
		return none, false
	}
	var size string
	looped := false
	for _, s := range col.spawns {
		if inLoop(loops, s.instr.Block(), col.make.Block()) {
			looped = true
		}
	}
	if !looped {
		size = fmt.Sprint(len(col.spawns))
	} else {
		if len(col.spawns) != 1 {
			return none, false
		}
		xs := c.rangedVar(col, call)
		if xs == nil {
			return none, false
		}
		size = "len(" + xs.Name() + ")"
	}
	var edit analysis.TextEdit
	if len(call.Args) == 1 {
		edit = analysis.TextEdit{Pos: call.Args[0].End(), End: call.Args[0].End(), NewText: []byte(", " + size)}
	} else {
		edit = analysis.TextEdit{Pos: call.Args[1].Pos(), End: call.Args[1].End(), NewText: []byte(size)}
	}
	return analysis.SuggestedFix{
		Message:   "Buffer the channel for every sender",
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// rangedVar returns the variable xs when the collector's only go statement
// sits directly (no other loop, no function literal in between) in a
// "for ... range xs" loop that does not contain the make, xs is a slice,
// array, pointer to array or map variable visible at the make, and xs is
// never assigned after its declaration nor has its address taken, so that
// len(xs) at the make equals the loop's trip count.
func (c *checker) rangedVar(col *collector, mk *ast.CallExpr) *types.Var {
	goPos := col.spawns[0].instr.Pos()
	path := pathTo(col.fn.Syntax(), goPos)
	if len(path) == 0 {
		return nil
	}
	if _, ok := path[len(path)-1].(*ast.GoStmt); !ok {
		return nil
	}
	var rng *ast.RangeStmt
	for _, n := range path {
		switch n := n.(type) {
		case *ast.FuncLit:
			if n != col.fn.Syntax() {
				return nil
			}
		case *ast.ForStmt:
			if n.Pos() <= mk.Pos() && mk.End() <= n.End() {
				continue
			}
			return nil
		case *ast.RangeStmt:
			if n.Pos() <= mk.Pos() && mk.End() <= n.End() {
				continue
			}
			if rng != nil {
				return nil
			}
			rng = n
		}
	}
	if rng == nil {
		return nil
	}
	id, ok := rng.X.(*ast.Ident)
	if !ok {
		return nil
	}
	info := c.pass.TypesInfo
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Pkg() != c.pass.Pkg || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() {
		return nil // a global can change between make and loop
	}
	switch t := v.Type().Underlying().(type) {
	case *types.Slice, *types.Array, *types.Map:
	case *types.Pointer:
		if _, ok := t.Elem().Underlying().(*types.Array); !ok {
			return nil
		}
	default:
		return nil // strings range over runes, integers have no len
	}
	scope := c.pass.Pkg.Scope().Innermost(mk.Pos())
	if scope == nil {
		return nil
	}
	if _, obj := scope.LookupParent(v.Name(), mk.Pos()); obj != v {
		return nil
	}
	if _, obj := scope.LookupParent("len", mk.Pos()); obj != types.Universe.Lookup("len") {
		return nil
	}
	if assigned(info, col.fn.Syntax(), v) {
		return nil
	}
	return v
}

// assigned reports whether root assigns v after its declaration, or takes
// its address.
func assigned(info *types.Info, root ast.Node, v *types.Var) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == v
	}
	found := false
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				found = found || is(l)
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				found = found || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
			}
		case *ast.UnaryExpr:
			found = found || (n.Op == token.AND && is(n.X))
		}
		return !found
	})
	return found
}

// enclosingCall returns the call expression in root whose Lparen is pos.
func enclosingCall(root ast.Node, lparen token.Pos) *ast.CallExpr {
	var found *ast.CallExpr
	if root == nil {
		return nil
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == lparen {
			found = call
		}
		return found == nil
	})
	return found
}

// pathTo returns the nodes of root enclosing pos, outermost first, ending
// with the innermost node that starts at pos.
func pathTo(root ast.Node, pos token.Pos) []ast.Node {
	var path []ast.Node
	if root == nil {
		return nil
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil || n.Pos() > pos || n.End() <= pos {
			return false
		}
		path = append(path, n)
		return n.Pos() != pos || len(path) == 1
	})
	// Trim to the outermost node starting at pos (the statement).
	for i, n := range path {
		if n.Pos() == pos {
			return path[:i+1]
		}
	}
	return path
}
