package errgroupwait

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// receiver returns the receiver expression of a method call, without
// parentheses, or nil.
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return apis.Unparen(sel.X)
	}
	return nil
}

// outerFunc returns the function declaration that encloses cur, looking
// through function literals.
func outerFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// neverFails reports whether w's group provably never yields an error: it
// is a local variable initialised with a new group (not a parameter, not a
// copy of another reference), used only as the receiver of errgroup
// methods, and
// every function its Go and TryGo receive is a literal whose every return
// statement returns nil. A group used in any other way (passed on, copied,
// reassigned, its address taken) might be given failing work elsewhere.
func neverFails(pass *analysis.Pass, w waitCall) bool {
	id, ok := receiver(w.call).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.IsField() || v.Parent() == nil || v.Parent() == pass.Pkg.Scope() {
		return false
	}
	decl, ok := outerFunc(w.cur)
	if !ok {
		return false
	}
	fresh := false
	for c := range decl.Preorder((*ast.Ident)(nil)) {
		use := c.Node().(*ast.Ident)
		if pass.TypesInfo.Defs[use] == v {
			fresh = isFreshGroup(pass, c)
			continue
		}
		if pass.TypesInfo.Uses[use] != v {
			continue
		}
		sel, ok := c.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != use {
			return false
		}
		call, ok := c.Parent().Parent().Node().(*ast.CallExpr)
		if !ok || call.Fun != sel {
			return false
		}
		switch apis.Callee(pass.TypesInfo, call) {
		case apis.ErrgroupWait, apis.ErrgroupSetLimit:
		case apis.ErrgroupGo, apis.ErrgroupTryGo:
			lit, ok := apis.Unparen(call.Args[0]).(*ast.FuncLit)
			if !ok || !analysisutil.ReturnsOnlyNil(pass.TypesInfo, lit) {
				return false
			}
		default:
			return false
		}
	}
	return fresh
}

// isFreshGroup reports whether the defining identifier at def is
// initialised with a group nobody else holds: var g errgroup.Group,
// g := new(errgroup.Group), &errgroup.Group{}, or errgroup.WithContext.
// Parameters and copies of other references are not fresh.
func isFreshGroup(pass *analysis.Pass, def inspector.Cursor) bool {
	var rhs ast.Expr
	switch p := def.Parent().Node().(type) {
	case *ast.ValueSpec:
		if len(p.Values) == 0 {
			return true // var g errgroup.Group
		}
		if len(p.Values) == len(p.Names) {
			_, idx := def.ParentEdge()
			rhs = p.Values[idx]
		} else if len(p.Values) == 1 {
			rhs = p.Values[0]
		}
	case *ast.AssignStmt:
		if len(p.Rhs) == len(p.Lhs) {
			_, idx := def.ParentEdge()
			rhs = p.Rhs[idx]
		} else if len(p.Rhs) == 1 {
			rhs = p.Rhs[0]
		}
	}
	switch e := apis.Unparen(rhs).(type) {
	case *ast.CallExpr:
		if apis.Callee(pass.TypesInfo, e) == apis.ErrgroupWithContext {
			return true
		}
		if id, ok := apis.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			_, isBuiltin := pass.TypesInfo.Uses[id].(*types.Builtin)
			return isBuiltin && id.Name == "new"
		}
	case *ast.UnaryExpr:
		_, ok := apis.Unparen(e.X).(*ast.CompositeLit)
		return ok && e.Op == token.AND
	case *ast.CompositeLit:
		return true
	}
	return false
}

// checkedElsewhere reports whether another Wait on the same group, in the
// same function declaration, has its result consumed. Then w is a join
// on a side path (a deferred safety net, a drain before returning another
// error) and the group's error is read on the main path.
func checkedElsewhere(pass *analysis.Pass, w waitCall, waits []waitCall) bool {
	key := refKey(pass.TypesInfo, receiver(w.call))
	decl, ok := outerFunc(w.cur)
	if key == "" || !ok {
		return false
	}
	for _, o := range waits {
		if o.call == w.call || (o.kind != used && o.kind != assigned) {
			continue
		}
		if od, ok := outerFunc(o.cur); ok && od == decl && refKey(pass.TypesInfo, receiver(o.call)) == key {
			return true
		}
	}
	return false
}

// refKey identifies the variable or field path an expression denotes
// (g, s.g, s.inner.g) by object identity, or "" for anything else.
func refKey(info *types.Info, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		if obj := info.Uses[e]; obj != nil {
			return fmt.Sprintf("%p", obj)
		}
	case *ast.SelectorExpr:
		if sel, ok := info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			if base := refKey(info, apis.Unparen(e.X)); base != "" {
				return fmt.Sprintf("%s.%p", base, sel.Obj())
			}
		}
	case *ast.StarExpr:
		return refKey(info, apis.Unparen(e.X))
	}
	return ""
}

// checkSwallowed reports, in the body of a function literal passed to
// Group.Go or TryGo, calls used as statements whose static callee returns
// an error. Nested literals are other goroutines or callbacks and are
// left alone (see analysisutil.DroppedErrorCalls).
//
// Two kinds of dropped call are not swallowed failures: the Wait of a
// nested group, which the Wait rules judge (it may be a plain join, and
// one finding per call is enough), and the standard-library calls
// documented to return a nil error.
func checkSwallowed(pass *analysis.Pass, lit *ast.FuncLit) {
	for call, fn := range analysisutil.DroppedErrorCalls(pass.TypesInfo, lit.Body) {
		if apis.Of(fn) == apis.ErrgroupWait || neverReturnsError(fn) {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: catSwallowed,
			Message: fmt.Sprintf("error returned by %s is dropped inside errgroup.Group.Go: Wait can never report this failure",
				apis.FuncName(fn)),
		})
	}
}
