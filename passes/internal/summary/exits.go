package summary

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// ExitsOnError reports whether fn is a function of package main whose
// error result ends the process, or the test, at every use when it is
// not nil: each reference to fn in the package is a call whose error is
// tested at once, with every path of the failing branch stopping
// (Stops: os.Exit, log.Fatal, t.Fatal, a helper that does):
//
//	if err := run(); err != nil {
//		fmt.Fprintln(os.Stderr, err)
//		os.Exit(1)
//	}
//
// the same with err := run() just before the if, or handed straight to
// a stopping call (log.Fatal(run())). A return of
// a non-nil error from such a function is followed by the process's
// exit, which ends every goroutine it left behind. Functions of other
// packages can be called from anywhere and are never summarised so.
func (s *TestFail) ExitsOnError(fn *types.Func) bool {
	if fn == nil || s.pkg.Name() != "main" || fn.Pkg() != s.pkg {
		return false
	}
	sig := fn.Type().(*types.Signature)
	if sig.Recv() != nil || sig.Results().Len() == 0 || !apis.IsError(sig.Results().At(sig.Results().Len()-1).Type()) {
		return false
	}
	if s.exits == nil {
		s.exits = make(map[*types.Func]bool)
		s.exitUses()
	}
	return s.exits[fn]
}

// exitUses fills s.exits: for every package-level function of the
// package, whether each of its uses is a call whose error ends the
// process.
func (s *TestFail) exitUses() {
	ok := make(map[*types.Func]bool)
	bad := make(map[*types.Func]bool)
	checked := make(map[*ast.Ident]bool)
	use := func(id *ast.Ident, good bool) {
		fn, isFn := s.info.Uses[id].(*types.Func)
		if !isFn || fn.Pkg() != s.pkg {
			return
		}
		checked[id] = true
		if good {
			ok[fn] = true
		} else {
			bad[fn] = true
		}
	}
	for _, f := range s.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BlockStmt:
				// err := f(); if err != nil { ...stop }
				for i := 0; i+1 < len(n.List); i++ {
					as, ok := n.List[i].(*ast.AssignStmt)
					iff, ok2 := n.List[i+1].(*ast.IfStmt)
					if !ok || !ok2 || iff.Init != nil || len(as.Rhs) != 1 {
						continue
					}
					if call, ok := apis.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
						if id := funIdent(call); id != nil && !checked[id] {
							use(id, s.stopsOnNonNil(as, iff))
						}
					}
				}
			case *ast.IfStmt:
				// if err := f(); err != nil { ...stop }
				if id := s.calledInInit(n); id != nil {
					use(id, s.stopsOnNonNil(n.Init.(*ast.AssignStmt), n))
				}
			case *ast.ExprStmt:
				// log.Fatal(f())
				if call, ok := exprCall(n); ok && s.Stops(calleeOf(s.info, call)) && len(call.Args) == 1 {
					if inner, ok := apis.Unparen(call.Args[0]).(*ast.CallExpr); ok {
						if id := funIdent(inner); id != nil {
							use(id, true)
						}
					}
				}
			case *ast.Ident:
				if !checked[n] {
					use(n, false)
				}
			}
			return true
		})
	}
	for fn := range ok {
		s.exits[fn] = !bad[fn]
	}
}

// calledInInit returns the identifier of the function called in the
// init statement of an if of the form if err := f(...); err != nil, or
// nil.
func (s *TestFail) calledInInit(n *ast.IfStmt) *ast.Ident {
	as, ok := n.Init.(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
		return nil
	}
	call, ok := apis.Unparen(as.Rhs[0]).(*ast.CallExpr)
	if !ok {
		return nil
	}
	return funIdent(call)
}

// stopsOnNonNil reports whether n tests err != nil for the last variable
// as assigns, and its body stops on every path.
func (s *TestFail) stopsOnNonNil(as *ast.AssignStmt, n *ast.IfStmt) bool {
	if len(as.Lhs) == 0 {
		return false
	}
	errID, ok := as.Lhs[len(as.Lhs)-1].(*ast.Ident)
	if !ok {
		return false
	}
	errObj := s.info.ObjectOf(errID)
	cond, ok := apis.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || errObj == nil {
		return false
	}
	x, okX := apis.Unparen(cond.X).(*ast.Ident)
	y, okY := apis.Unparen(cond.Y).(*ast.Ident)
	if !okX || !okY || cond.Op != token.NEQ || s.info.ObjectOf(x) != errObj || s.info.Uses[y] != types.Universe.Lookup("nil") {
		return false
	}
	return s.list(n.Body.List, s.stopsStmt)
}

// funIdent returns the identifier naming the function call calls, when
// it is a plain identifier (a package-level function), or nil.
func funIdent(call *ast.CallExpr) *ast.Ident {
	id, _ := apis.Unparen(call.Fun).(*ast.Ident)
	return id
}

// calleeOf returns the function call calls, or nil.
func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}
