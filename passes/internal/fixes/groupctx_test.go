package fixes

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

const groupSrc = `package p

import "context"

func use(context.Context) {}

func fresh(ctx context.Context) {
	go func() { use(ctx); use(ctx) }()
}

func taken(ctx context.Context, gctx int) {
	go func() { use(ctx) }()
}

func shadowed(ctx context.Context) {
	go func() {
		gctx := 1
		_ = gctx
		use(ctx)
	}()
}

func assigned(ctx context.Context) {
	go func() { ctx = context.Background(); use(ctx) }()
}

func existing(ctx context.Context) {
	gctx := ctx
	go func() { use(ctx) }()
	_ = gctx
}
`

// TestGroupContext checks the names GroupContext picks and the uses it
// refuses to rename, in the first function literal of each function.
func TestGroupContext(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", groupSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Scopes: map[ast.Node]*types.Scope{},
		Defs:   map[*ast.Ident]types.Object{},
		Uses:   map[*ast.Ident]types.Object{},
	}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		fn       string
		existing bool // the function's gctx variable is the group's context
		name     string
		edits    int
		ok       bool
	}{
		{fn: "fresh", name: "gctx", edits: 2, ok: true},
		{fn: "taken", name: "gctx1", edits: 1, ok: true},
		{fn: "shadowed", ok: false}, // gctx means the literal's int at the use
		{fn: "assigned", ok: false}, // the goroutine assigns ctx
		{fn: "existing", existing: true, name: "gctx", edits: 1, ok: true},
	} {
		var decl *ast.FuncDecl
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == tc.fn {
				decl = fd
			}
		}
		var lit *ast.FuncLit
		ast.Inspect(decl.Body, func(n ast.Node) bool {
			if l, ok := n.(*ast.FuncLit); ok && lit == nil {
				lit = l
			}
			return lit == nil
		})
		fnObj := info.Defs[decl.Name].(*types.Func)
		scope := fnObj.Scope()
		gc := &GroupContext{
			Pkg:    pkg,
			Info:   info,
			File:   f,
			Parent: scope.Lookup("ctx").(*types.Var),
			Lits:   []*ast.FuncLit{lit},
			Decl:   decl.Body.Lbrace + 1,
		}
		if tc.existing {
			gc.Ctx = scope.Innermost(lit.Pos()).Lookup("gctx")
			if gc.Ctx == nil {
				_, gc.Ctx = scope.Innermost(lit.Pos()).LookupParent("gctx", lit.Pos())
			}
		}
		name, edits, ok := gc.Edits()
		if ok != tc.ok || (ok && (name != tc.name || len(edits) != tc.edits)) {
			t.Errorf("%s: Edits = %q, %d edits, %v; want %q, %d, %v", tc.fn, name, len(edits), ok, tc.name, tc.edits, tc.ok)
		}
		for _, e := range edits {
			if string(e.NewText) != name || groupSrc[fset.Position(e.Pos).Offset:fset.Position(e.End).Offset] != "ctx" {
				t.Errorf("%s: edit %q over %q", tc.fn, e.NewText, groupSrc[fset.Position(e.Pos).Offset:fset.Position(e.End).Offset])
			}
		}
	}
}
