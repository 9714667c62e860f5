package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// Fresh summarises the constructors of a package: the functions whose
// result is a value they make themselves on every path, and that nobody
// else holds when they return. A caller may treat such a result as a
// value it made:
//
//	func NewPool(n int) *Pool {
//		p := &Pool{limit: n}
//		p.g.SetLimit(n)
//		return p
//	}
//
// A function that returns a global, a field, a parameter or a value it
// handed to anything (a method of its own, a store, a call) is not a
// constructor: the value may be shared.
type Fresh struct {
	pkg   *types.Package
	info  *types.Info
	decls map[*types.Func]*ast.FuncDecl
	memo  map[freshKey]answer
}

type freshKey struct {
	fn *types.Func
	i  int
}

// NewFresh returns the constructor summary of a package; functions are
// summarised on first use.
func NewFresh(pkg *types.Package, info *types.Info, files []*ast.File) *Fresh {
	f := &Fresh{pkg: pkg, info: info, decls: make(map[*types.Func]*ast.FuncDecl), memo: make(map[freshKey]answer)}
	for _, file := range files {
		for _, d := range file.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil || decl.Recv != nil {
				continue
			}
			if fn, ok := info.Defs[decl.Name].(*types.Func); ok {
				f.decls[fn] = decl
			}
		}
	}
	return f
}

// Returns reports whether fn, a function of the package (not a method),
// makes the value of its result i itself on every path: each return
// statement gives, as that result, nil, T{...}, &T{...}, new(T), a call of
// another such constructor, or a local variable defined by one of those
// (or declared var v T) and used otherwise only to set its fields or to
// call sync, errgroup or context methods on them.
func (f *Fresh) Returns(fn *types.Func, i int) bool {
	key := freshKey{fn, i}
	switch f.memo[key] {
	case yes:
		return true
	case no, inProgress:
		return false // a cycle proves nothing
	}
	f.memo[key] = inProgress
	ok := f.returns(fn, i)
	f.memo[key] = no
	if ok {
		f.memo[key] = yes
	}
	return ok
}

func (f *Fresh) returns(fn *types.Func, i int) bool {
	decl := f.decls[fn]
	if decl == nil {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if i >= sig.Results().Len() {
		return false
	}
	fresh := true
	returned := make(map[*types.Var]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			if len(n.Results) != sig.Results().Len() {
				fresh = false // a bare return, or a call's several results
				return false
			}
			e := apis.Unparen(n.Results[i])
			if f.made(e) {
				return true
			}
			id, ok := e.(*ast.Ident)
			v, _ := f.info.Uses[id].(*types.Var)
			if !ok || v == nil || v.Parent() == nil || v.Parent() == f.pkg.Scope() || !inside(decl.Body, v.Pos()) {
				fresh = false
				return false
			}
			returned[v] = true
		}
		return fresh
	})
	if !fresh {
		return false
	}
	for v := range returned {
		if !f.localFresh(decl.Body, v) {
			return false
		}
	}
	return true
}

// made reports whether e makes a new value: a composite literal, its
// address, new(T) or a call of a constructor of the package; or is nil.
func (f *Fresh) made(e ast.Expr) bool {
	switch e := apis.Unparen(e).(type) {
	case *ast.CompositeLit:
		return true
	case *ast.Ident:
		// nil, on an error path: nobody holds it.
		return f.info.Uses[e] == types.Universe.Lookup("nil")
	case *ast.UnaryExpr:
		_, ok := apis.Unparen(e.X).(*ast.CompositeLit)
		return e.Op == token.AND && ok
	case *ast.CallExpr:
		if id, ok := apis.Unparen(e.Fun).(*ast.Ident); ok && f.info.Uses[id] == types.Universe.Lookup("new") {
			return true
		}
		callee, _ := typeutil.Callee(f.info, e).(*types.Func)
		if callee == nil || callee.Pkg() != f.pkg {
			return false
		}
		if sig := callee.Type().(*types.Signature); sig.Results().Len() == 1 {
			return f.Returns(callee, 0)
		}
	}
	return false
}

// localFresh reports whether the local variable v of body is defined by
// a value made there and used, outside its definition and the returns,
// only to set its fields or call known APIs on them.
func (f *Fresh) localFresh(body *ast.BlockStmt, v *types.Var) bool {
	ok := true
	defined := false
	allowed := make(map[*ast.Ident]bool) // uses checked by their context
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n, func(m ast.Node) bool {
				if id, isID := m.(*ast.Ident); isID && f.info.Uses[id] == v {
					ok = false // captured: may be stored anywhere
				}
				return ok
			})
			return false
		case *ast.AssignStmt:
			for j, l := range n.Lhs {
				id, isID := l.(*ast.Ident)
				if isID && f.info.Defs[id] == v {
					if n.Tok != token.DEFINE || len(n.Lhs) != len(n.Rhs) || !f.made(n.Rhs[j]) {
						ok = false
					}
					defined = true
				} else if isID && f.info.Uses[id] == v {
					ok = false // reassigned
				}
				// v.f = x: setting a field hands nothing on.
				if sel, isSel := l.(*ast.SelectorExpr); isSel {
					if id, isID := apis.Unparen(sel.X).(*ast.Ident); isID && f.info.Uses[id] == v {
						allowed[id] = true
					}
				}
			}
		case *ast.ValueSpec:
			for j, id := range n.Names {
				if f.info.Defs[id] != v {
					continue
				}
				defined = true
				switch {
				case j < len(n.Values):
					ok = ok && f.made(n.Values[j])
				case len(n.Values) > 0:
					ok = false
				default:
					// var v T: a zero struct of its own, not a nil pointer.
					_, isPtr := v.Type().Underlying().(*types.Pointer)
					ok = ok && !isPtr
				}
			}
		case *ast.ReturnStmt:
			for _, r := range n.Results {
				if id, isID := apis.Unparen(r).(*ast.Ident); isID && f.info.Uses[id] == v {
					allowed[id] = true
				}
			}
		case *ast.CallExpr:
			// v.g.SetLimit(n): a method of sync, errgroup or context on a
			// field keeps the value where it is.
			sel, isSel := apis.Unparen(n.Fun).(*ast.SelectorExpr)
			if !isSel || apis.Callee(f.info, n) == apis.None {
				break
			}
			if inner, isSel := apis.Unparen(sel.X).(*ast.SelectorExpr); isSel {
				if id, isID := apis.Unparen(inner.X).(*ast.Ident); isID && f.info.Uses[id] == v {
					allowed[id] = true
				}
			}
		case *ast.Ident:
			if f.info.Uses[n] == v && !allowed[n] {
				ok = false // Conservative: handed on, read or compared
			}
		}
		return true
	})
	return ok && defined
}

// inside reports whether pos lies in n.
func inside(n ast.Node, pos token.Pos) bool {
	return n.Pos() <= pos && pos < n.End()
}
