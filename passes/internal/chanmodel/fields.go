package chanmodel

import (
	"go/ast"
	"go/token"
	"go/types"
)

// A FieldOp is one use of a struct field that holds a channel, found in
// the package's syntax: the field is identified by its *types.Var, so
// the uses of every value of the struct type are pooled.
type FieldOp struct {
	Kind FieldOpKind
	// Node is the send statement, the receive expression, the range
	// statement, the close call, or the selector of any other use.
	Node ast.Node
	// Sel is the selector expression x.f naming the field.
	Sel *ast.SelectorExpr
	// Decl is the function declaration the use is in, nil for a package
	// variable's initializer.
	Decl *ast.FuncDecl
	// Select is the select statement whose case the send or receive is,
	// nil for a plain one; Clause is that case.
	Select *ast.SelectStmt
	Clause *ast.CommClause
	// Sets reports, for a FieldEscape, that the use may store into the
	// field: its address is taken (&x.f), or a range clause assigns it.
	Sets bool
}

// A FieldOpKind says what a FieldOp does with the channel.
type FieldOpKind int

const (
	FieldSend   FieldOpKind = iota // x.f <- v
	FieldRecv                      // <-x.f, v, ok := <-x.f, for range x.f
	FieldClose                     // close(x.f)
	FieldAssign                    // x.f = v, T{f: v}
	FieldLenCap                    // len(x.f), cap(x.f)
	FieldEscape                    // any other use: the channel value leaves the field
)

// Fields indexes the uses of the channel-typed struct fields of one
// package's syntax.
type Fields struct {
	ops map[*types.Var][]FieldOp
}

// Ops returns the uses of the field f, in source order.
func (x *Fields) Ops(f *types.Var) []FieldOp { return x.ops[f] }

// IndexFields walks files and records every use of a struct field of
// channel type declared in pkg.
func IndexFields(pkg *types.Package, info *types.Info, files []*ast.File) *Fields {
	x := &Fields{ops: make(map[*types.Var][]FieldOp)}
	for _, f := range files {
		for _, d := range f.Decls {
			fd, _ := d.(*ast.FuncDecl)
			var stack []ast.Node
			ast.Inspect(d, func(n ast.Node) bool {
				if n == nil {
					stack = stack[:len(stack)-1]
					return false
				}
				stack = append(stack, n)
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if v := chanField(pkg, info, n); v != nil {
						x.ops[v] = append(x.ops[v], classify(info, n, stack, fd))
					}
				case *ast.CompositeLit:
					// T{a, b}: the elements assign the fields in order.
					if len(n.Elts) == 0 {
						break
					}
					if _, keyed := n.Elts[0].(*ast.KeyValueExpr); keyed {
						break
					}
					t := info.TypeOf(n)
					if t == nil {
						break
					}
					if p, ok := t.Underlying().(*types.Pointer); ok {
						t = p.Elem()
					}
					st, ok := t.Underlying().(*types.Struct)
					if !ok {
						break
					}
					for i, e := range n.Elts {
						if i < st.NumFields() {
							if v := st.Field(i); v.Pkg() == pkg && isChan(v.Type()) {
								x.ops[v] = append(x.ops[v], FieldOp{Kind: FieldAssign, Node: e, Decl: fd})
							}
						}
					}
				case *ast.KeyValueExpr:
					if id, ok := n.Key.(*ast.Ident); ok {
						if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() && v.Pkg() == pkg && isChan(v.Type()) {
							x.ops[v] = append(x.ops[v], FieldOp{Kind: FieldAssign, Node: n, Decl: fd})
						}
					}
				}
				return true
			})
		}
	}
	return x
}

// chanField returns the channel-typed field of pkg that sel selects, or
// nil.
func chanField(pkg *types.Package, info *types.Info, sel *ast.SelectorExpr) *types.Var {
	s, ok := info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	v, ok := s.Obj().(*types.Var)
	if !ok || v.Pkg() != pkg || !isChan(v.Type()) {
		return nil
	}
	return v
}

func isChan(t types.Type) bool {
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// classify says what the use of the field at sel, the top of stack,
// does.
func classify(info *types.Info, sel *ast.SelectorExpr, stack []ast.Node, fd *ast.FuncDecl) FieldOp {
	op := FieldOp{Kind: FieldEscape, Node: sel, Sel: sel, Decl: fd}
	parent := func(i int) ast.Node { // i = 1: the parent
		if len(stack) > i {
			return stack[len(stack)-1-i]
		}
		return nil
	}
	// Look through parentheses.
	up := 1
	for {
		if _, ok := parent(up).(*ast.ParenExpr); !ok {
			break
		}
		up++
	}
	inSelect := func(comm ast.Node, at int) {
		if cc, ok := parent(at).(*ast.CommClause); ok && cc.Comm == comm {
			op.Clause = cc
			if blk, ok := parent(at + 1).(*ast.BlockStmt); ok {
				if s, ok := parent(at + 2).(*ast.SelectStmt); ok && s.Body == blk {
					op.Select = s
				}
			}
		}
	}
	switch p := parent(up).(type) {
	case *ast.SendStmt:
		if ast.Unparen(p.Chan) == sel {
			op.Kind, op.Node = FieldSend, p
			inSelect(p, up+1)
		}
	case *ast.UnaryExpr:
		op.Sets = p.Op == token.AND
		if p.Op == token.ARROW {
			op.Kind, op.Node = FieldRecv, p
			// <-x.f as a statement, v := <-x.f, v, ok = <-x.f
			switch q := parent(up + 1).(type) {
			case *ast.ExprStmt:
				inSelect(q, up+2)
			case *ast.AssignStmt:
				inSelect(q, up+2)
			}
		}
	case *ast.RangeStmt:
		if ast.Unparen(p.X) == sel {
			op.Kind, op.Node = FieldRecv, p
		} else {
			op.Sets = p.Tok == token.ASSIGN
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && len(p.Args) == 1 {
			if b, ok := info.Uses[id].(*types.Builtin); ok {
				switch b.Name() {
				case "close":
					op.Kind, op.Node = FieldClose, p
				case "len", "cap":
					op.Kind, op.Node = FieldLenCap, p
				}
			}
		}
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if ast.Unparen(l) == sel {
				op.Kind, op.Node = FieldAssign, p
			}
		}
	}
	return op
}
