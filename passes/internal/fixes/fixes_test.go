package fixes

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

const src = `package p

import (
	stdio "io"
	"strings"
)

type S struct{ a int }
type N float64
type G[T any] struct{ v T }

func f[T any, P *int](err error) (r0 int, r1 string, r2 bool, r3 N, r4 *S, r5 S, r6 []int, r7 map[int]int, r8 chan int, r9 func(), r10 stdio.Reader, r11 strings.Builder, r12 [2]S, r13 struct{ x int }, r14 T, r15 G[T], r16 P, r17 error) {
	// HERE
	strings := 1
	_ = strings
	// SHADOWED
	return
}
`

func TestZero(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Scopes: map[ast.Node]*types.Scope{}, Defs: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	pos := func(marker string) token.Pos {
		return fset.File(f.Pos()).Pos(strings.Index(src, marker))
	}
	sig := pkg.Scope().Lookup("f").Type().(*types.Signature)

	r := NewRenderer(pkg, info, f, pos("// HERE"))
	want := []string{"0", `""`, "false", "0", "nil", "S{}", "nil", "nil", "nil", "nil", "nil",
		"strings.Builder{}", "[2]S{}", "struct{x int}{}", "*new(T)", "G[T]{}", "*new(P)"}
	for i, w := range want {
		got, ok := r.Zero(sig.Results().At(i).Type())
		if !ok || got != w {
			t.Errorf("result %d: Zero = %q, %v; want %q", i, got, ok, w)
		}
	}
	if got, ok := r.ReturnValues(types.NewSignatureType(nil, nil, nil, nil,
		types.NewTuple(sig.Results().At(0), sig.Results().At(17)), false), "err1"); !ok || got != "0, err1" {
		t.Errorf("ReturnValues = %q, %v", got, ok)
	}
	// err is a parameter: the free name is err1.
	if got := r.FreeName("err"); got != "err1" {
		t.Errorf("FreeName(err) = %q, want err1", got)
	}
	if got := r.FreeName("gctx"); got != "gctx" {
		t.Errorf("FreeName(gctx) = %q", got)
	}

	// Where the strings import is shadowed, strings.Builder cannot be named.
	r = NewRenderer(pkg, info, f, pos("// SHADOWED"))
	if got, ok := r.Zero(sig.Results().At(11).Type()); ok {
		t.Errorf("shadowed import: Zero = %q, want failure", got)
	}
	if got, ok := r.Zero(sig.Results().At(10).Type()); !ok || got != "nil" {
		t.Errorf("interface from renamed import: Zero = %q, %v", got, ok)
	}
}
