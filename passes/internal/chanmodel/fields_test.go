package chanmodel

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

const fieldsSrc = `package p

type s struct {
	a chan int
	b chan error
	n int
}

type box[T any] struct{ c chan T }

func uses(x *s, xs []chan int, done chan bool) {
	x.a <- 1
	<-x.a
	for range x.a {
	}
	select {
	case v := <-x.a:
		_ = v
	case x.a <- 2:
	}
	close(x.a)
	_ = len(x.a)
	x.a = make(chan int)
	keep(x.a)
	p := &x.a
	_ = p
	for _, x.a = range xs {
	}
	_ = s{b: nil}
	_ = s{nil, nil, 0}
	var g box[int]
	g.c <- 1
}

func keep(chan int) {}
`

func TestIndexFields(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", fieldsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{"send", "recv", "close", "assign", "lencap", "escape"}
	spell := func(ops []FieldOp) string {
		var out []string
		for _, op := range ops {
			k := kinds[op.Kind]
			if op.Select != nil {
				k += "/select"
			}
			if op.Sets {
				k += "/sets"
			}
			out = append(out, k)
		}
		return strings.Join(out, " ")
	}
	st := pkg.Scope().Lookup("s").Type().Underlying().(*types.Struct)
	x := IndexFields(pkg, info, []*ast.File{f})
	for _, tc := range []struct {
		field *types.Var
		want  string
	}{
		{st.Field(0), "send recv recv recv/select send/select close lencap assign escape escape/sets escape/sets assign"},
		{st.Field(1), "assign assign"},
		{st.Field(2), ""},
	} {
		if got := spell(x.Ops(tc.field)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.field.Name(), got, tc.want)
		}
	}
	box := pkg.Scope().Lookup("box").Type().Underlying().(*types.Struct).Field(0)
	if got := spell(x.ByOrigin()[box]); got != "send" {
		t.Errorf("box.c by origin: got %q, want %q", got, "send")
	}
}
