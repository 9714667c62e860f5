package summary

import (
	"go/ast"
	"go/token"
	"go/types"
)

// InitOnly returns the package-level variables of pkg that hold the same
// value for as long as any other function of the package runs: those
// set only where the package is initialised. Such a variable, tested
// twice in one function (if checkSubscriber { go ... } ... if
// checkSubscriber { wg.Wait() }), gives the same outcome both times.
//
// A variable qualifies when it is unexported (no other package can set
// it), of a basic type (bool, a number, a string: no method can take its
// address behind the syntax, no field or element can be set apart), and
// every assignment, increment, range clause assigning it and address-of
// of it in files lies in an init function. A command's flag registered
// in init (flag.BoolVar(&verbose, ...)) is set by the flag package while
// main parses the command line, before any of the package's work runs.
func InitOnly(pkg *types.Package, info *types.Info, files []*ast.File) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || v.Exported() {
			continue
		}
		if _, ok := v.Type().Underlying().(*types.Basic); ok {
			out[v] = true
		}
	}
	if len(out) == 0 {
		return out
	}
	written := func(e ast.Expr) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return
		}
		if v, ok := info.Uses[id].(*types.Var); ok {
			delete(out, v)
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				continue
			}
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					for _, l := range n.Lhs {
						written(l)
					}
				case *ast.IncDecStmt:
					written(n.X)
				case *ast.RangeStmt:
					if n.Tok == token.ASSIGN {
						if n.Key != nil {
							written(n.Key)
						}
						if n.Value != nil {
							written(n.Value)
						}
					}
				case *ast.UnaryExpr:
					if n.Op == token.AND {
						written(n.X)
					}
				}
				return true
			})
		}
	}
	return out
}
