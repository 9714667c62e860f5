package fixes

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// GroupContext is the rewrite that moves an errgroup's goroutines onto
// the group's context: inside the function literals given to the
// group's Go, every use of the caller's context variable becomes the
// context errgroup.WithContext returns, so that the first failure
// cancels the others. ctxcancel offers it where the group's context is
// discarded or unused (g, _ := errgroup.WithContext(ctx)), groupproto
// where the group is made without WithContext at all; each writes its own
// edit of the group's creation and takes the renaming from here.
type GroupContext struct {
	Pkg  *types.Package
	Info *types.Info
	File *ast.File
	// Parent is the caller's context variable the goroutines use.
	Parent *types.Var
	// Lits are the group's goroutines.
	Lits []*ast.FuncLit
	// Ctx is the group's context when the code already names it; nil
	// when the fix declares it, under a name free at Decl.
	Ctx  types.Object
	Decl token.Pos
	// Base is the name to start from for a fresh context ("gctx").
	Base string
}

// Edits returns the name of the group's context and the edits replacing
// Parent by it in the literals. It fails when a literal assigns Parent or
// takes its address (the goroutine means that variable, not a context
// value), or when the name would denote something other than the
// group's context at one of the replaced uses.
func (gc *GroupContext) Edits() (name string, edits []analysis.TextEdit, ok bool) {
	scope := gc.Info.Scopes[gc.File]
	if scope == nil || gc.Parent == nil {
		return "", nil, false
	}
	if gc.Ctx != nil {
		name = gc.Ctx.Name()
		if gc.Ctx == types.Object(gc.Parent) {
			return "", nil, false
		}
	} else {
		base := gc.Base
		if base == "" {
			base = "gctx"
		}
		name = NewRenderer(gc.Pkg, gc.Info, gc.File, gc.Decl).FreeName(base)
	}
	for _, lit := range gc.Lits {
		ok := true
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if id, isID := l.(*ast.Ident); isID && gc.Info.Uses[id] == gc.Parent {
						ok = false // the goroutine reassigns the parent
					}
				}
			case *ast.UnaryExpr:
				if id, isID := n.X.(*ast.Ident); isID && n.Op == token.AND && gc.Info.Uses[id] == gc.Parent {
					ok = false
				}
			case *ast.Ident:
				if gc.Info.Uses[n] != gc.Parent {
					return true
				}
				// The name must mean the group's context here: the
				// existing one, or nothing yet for a fresh one.
				if _, obj := scope.Innermost(n.Pos()).LookupParent(name, n.Pos()); obj != gc.Ctx {
					ok = false
					return false
				}
				edits = append(edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(name)})
			}
			return ok
		})
		if !ok {
			return "", nil, false
		}
	}
	return name, edits, true
}
