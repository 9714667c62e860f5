package groupproto

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// limitedFieldGo reports the recursive shape of a Go under a limit, on an
// errgroup.Group held in a struct field: a method that calls r.g.Go with
// a function literal that calls a method of the same receiver r, which
// itself calls r.g.Go, while the package sets a limit on that field.
//
//	func (w *walker) walk(d *dir) {
//		w.g.Go(func() error {
//			for _, sub := range d.subs {
//				w.walk(sub) // blocks in w.g.Go once the limit is full
//			}
//			return nil
//		})
//	}
//
// It reports only when the goroutines can fill the limit: the called
// method leads back to the one that starts the goroutine (recursion), or
// the outer Go sits in a loop.
//
// Conservative: only methods of the package, called on the receiver
// variable itself, and Go calls outside function literals in them, are
// followed.
func (c *checker) limitedFieldGo() {
	info := c.pass.TypesInfo
	limited := make(map[*types.Var]ast.Node) // fields a package sets a limit on → the SetLimit call
	methods := make(map[*types.Func]*ast.FuncDecl)
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			decl, ok := d.(*ast.FuncDecl)
			if !ok || decl.Body == nil {
				continue
			}
			if fn, ok := info.Defs[decl.Name].(*types.Func); ok && decl.Recv != nil {
				methods[fn] = decl
			}
			ast.Inspect(decl.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || apis.Callee(info, call) != apis.ErrgroupSetLimit || len(call.Args) != 1 {
					return true
				}
				if tv, ok := info.Types[call.Args[0]]; ok && tv.Value != nil {
					if n, exact := constant.Int64Val(tv.Value); exact && n < 0 {
						return true // no limit
					}
				}
				if field := groupField(info, call); field != nil {
					limited[field] = call
				}
				return true
			})
		}
	}
	if len(limited) == 0 {
		return
	}
	// goesOn[m][f]: method m calls Go on its receiver's field f outside
	// function literals, directly or through methods called on the
	// receiver outside function literals.
	direct := make(map[*types.Func]map[*types.Var]bool)
	calls := make(map[*types.Func][]*types.Func)
	for fn, decl := range methods {
		recv := recvVar(info, decl)
		if recv == nil {
			continue
		}
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				if apis.Callee(info, n) == apis.ErrgroupGo && onReceiver(info, n, recv) {
					if field := groupField(info, n); field != nil && limited[field] != nil {
						if direct[fn] == nil {
							direct[fn] = make(map[*types.Var]bool)
						}
						direct[fn][field] = true
					}
				}
				if m := recvMethodCall(info, n, recv); m != nil {
					calls[fn] = append(calls[fn], m)
				}
			}
			return true
		})
	}
	goesOn := func(m *types.Func, field *types.Var) bool {
		seen := make(map[*types.Func]bool)
		var visit func(*types.Func) bool
		visit = func(x *types.Func) bool {
			if seen[x] {
				return false
			}
			seen[x] = true
			if direct[x][field] {
				return true
			}
			for _, y := range calls[x] {
				if visit(y) {
					return true
				}
			}
			return false
		}
		return visit(m)
	}
	reaches := func(from, to *types.Func) bool {
		seen := make(map[*types.Func]bool)
		stack := []*types.Func{from}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if x == to {
				return true
			}
			if seen[x] {
				continue
			}
			seen[x] = true
			stack = append(stack, calls[x]...)
		}
		return false
	}

	insp := inspector.New(c.pass.Files)
	for fn, decl := range methods {
		recv := recvVar(info, decl)
		if recv == nil || isGenerated(c.pass, decl.Pos()) {
			continue
		}
		cur, ok := insp.Root().FindNode(decl)
		if !ok {
			continue
		}
		for call := range cur.Preorder((*ast.CallExpr)(nil)) {
			outer := call.Node().(*ast.CallExpr)
			if apis.Callee(info, outer) != apis.ErrgroupGo || !onReceiver(info, outer, recv) || len(outer.Args) != 1 {
				continue
			}
			field := groupField(info, outer)
			lit, ok := apis.Unparen(outer.Args[0]).(*ast.FuncLit)
			if field == nil || limited[field] == nil || !ok {
				continue
			}
			// A loop around the outer Go, in the function (or literal)
			// that makes it.
			inLoop := false
		up:
			for p := call.Parent(); p.Node() != decl; p = p.Parent() {
				switch p.Node().(type) {
				case *ast.ForStmt, *ast.RangeStmt:
					inLoop = true
					break up
				case *ast.FuncLit:
					break up
				}
			}
			ast.Inspect(lit.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit, *ast.GoStmt:
					return false // another goroutine or a callback
				case *ast.CallExpr:
					m := recvMethodCall(info, n, recv)
					if m == nil || !goesOn(m, field) || (!inLoop && !reaches(m, fn)) {
						return true
					}
					c.pass.Report(analysis.Diagnostic{
						Pos:      n.Pos(),
						End:      n.End(),
						Category: catLimitedGo,
						Message: fmt.Sprintf("%s calls errgroup.Group.Go on %s.%s from inside a goroutine of the same group, which SetLimit bounds: "+
							"once every slot is held by a goroutine waiting to start another, none can finish (use TryGo, or a second group)",
							methodName(m), recv.Name(), field.Name()),
						Related: []analysis.RelatedInformation{
							{Pos: limited[field].Pos(), Message: "limit set here"},
							{Pos: outer.Pos(), Message: "the calling goroutine is started here"},
						},
					})
				}
				return true
			})
		}
	}
}

// recvVar returns the named receiver of a method declaration, or nil.
func recvVar(info *types.Info, decl *ast.FuncDecl) *types.Var {
	if decl.Recv == nil || len(decl.Recv.List) != 1 || len(decl.Recv.List[0].Names) != 1 {
		return nil
	}
	v, _ := info.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	return v
}

// groupField returns the struct field that holds the group of a group
// method call x.f.M(...), or nil.
func groupField(info *types.Info, call *ast.CallExpr) *types.Var {
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	inner, ok := apis.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := info.Selections[inner]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	v, _ := s.Obj().(*types.Var)
	return v
}

// recvMethodCall returns the method of the package that call calls on
// recv itself (recv.m(...)), or nil.
func recvMethodCall(info *types.Info, call *ast.CallExpr, recv *types.Var) *types.Func {
	sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := apis.Unparen(sel.X).(*ast.Ident)
	if !ok || info.Uses[id] != recv {
		return nil
	}
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return nil
	}
	fn, _ := s.Obj().(*types.Func)
	if fn == nil || fn.Pkg() != recv.Pkg() {
		return nil
	}
	return fn.Origin()
}
