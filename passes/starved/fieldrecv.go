package starved

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// checkFieldRecvs reports the receives, outside a select, from an
// unexported struct field of channel type that the package only ever
// receives from: no send on it, no close of it, and no use that lets the
// channel leave the field (passed, copied, returned, its address taken);
// every assignment to the field is a make, or there is none (a nil
// channel). Being unexported, the field is out of reach of other
// packages, so nothing can ever satisfy such a receive: a goroutine
// that reaches it is blocked forever.
func (c *checker) checkFieldRecvs() {
	byField := c.fo.Fields().ByOrigin()
	fields := make([]*types.Var, 0, len(byField))
	for f := range byField {
		fields = append(fields, f)
	}
	slices.SortFunc(fields, func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) })
	for _, f := range fields {
		if f.Exported() || f.Embedded() {
			continue // Conservative: other packages may send on it or close it
		}
		ops := byField[f]
		var recvs []chanmodel.FieldOp
		var makes []ast.Node
		ok := true
		for _, op := range ops {
			switch op.Kind {
			case chanmodel.FieldRecv:
				recvs = append(recvs, op)
			case chanmodel.FieldLenCap:
			case chanmodel.FieldAssign:
				if !c.assignsMake(op.Node, f) {
					ok = false
				}
				makes = append(makes, op.Node)
			default:
				ok = false // a send, a close, or an escape
			}
		}
		if !ok {
			continue
		}
		for _, r := range recvs {
			if r.Select != nil || r.Clause != nil || isGenerated(c.pass, r.Node.Pos()) || daemonDecl(c.pass, r.Decl) {
				continue // Conservative: a select case may be disabled on purpose
			}
			kind := "nil: it is never assigned"
			if len(makes) > 0 {
				kind = "only ever made"
			}
			d := analysis.Diagnostic{
				Pos:      r.Node.Pos(),
				End:      r.Node.End(),
				Category: catFieldRecv,
				Message: fmt.Sprintf("receive from field %s blocks forever: the channel is %s, nothing in the package sends on it or closes it, and the field is unexported, so nothing elsewhere can",
					f.Name(), kind),
			}
			for _, m := range makes {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: m.Pos(), Message: "the field is assigned here"})
			}
			c.pass.Report(d)
		}
	}
}

// assignsMake reports whether the assignment n (x.f = v, or f: v in a
// composite literal) gives the field f a fresh channel: every value it
// assigns to f is a call of the builtin make, or nil.
func (c *checker) assignsMake(n ast.Node, f *types.Var) bool {
	var vals []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return false
		}
		if len(n.Lhs) != len(n.Rhs) {
			return false // Conservative: a call's results
		}
		for i, l := range n.Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				if s := c.pass.TypesInfo.Selections[sel]; s != nil && sameField(s.Obj(), f) {
					vals = append(vals, n.Rhs[i])
				}
			}
		}
	case *ast.KeyValueExpr:
		vals = append(vals, n.Value)
	default:
		vals = append(vals, n.(ast.Expr)) // an element of an unkeyed literal
	}
	if len(vals) == 0 {
		return false
	}
	for _, v := range vals {
		v = ast.Unparen(v)
		if id, ok := v.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == types.Universe.Lookup("nil") {
			continue
		}
		call, ok := v.(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
			return false
		}
	}
	return true
}

// daemonDecl reports whether fd is main.main or an init function, whose
// receives may wait for the program's life on purpose.
func daemonDecl(pass *analysis.Pass, fd *ast.FuncDecl) bool {
	if fd == nil {
		return true // a package variable's initializer
	}
	if fd.Recv != nil {
		return false
	}
	return fd.Name.Name == "init" || (fd.Name.Name == "main" && pass.Pkg.Name() == "main")
}
