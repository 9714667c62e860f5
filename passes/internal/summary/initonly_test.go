package summary

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

const initOnlySrc = `package p

import "flag"

var (
	verbose  bool
	workers  = 4
	name     string
	counter  int
	toggled  bool
	ranged   int
	pointed  int
	Exported bool
	config   struct{ on bool }
	local    bool
)

func init() {
	flag.BoolVar(&verbose, "v", false, "")
	flag.StringVar(&name, "name", "", "")
	workers = 8
}

func run() {
	counter++
	toggled = !toggled
	for ranged = range 3 {
	}
	p := &pointed
	_ = p
	local := true
	_ = local
	_, _, _, _ = verbose, workers, name, config
}
`

func TestInitOnly(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", initOnlySrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for v := range InitOnly(pkg, info, []*ast.File{f}) {
		got = append(got, v.Name())
	}
	slices.Sort(got)
	// local is the package variable, shadowed in run by a local that is
	// assigned: the package's is never written.
	if want := "local name verbose workers"; strings.Join(got, " ") != want {
		t.Errorf("InitOnly = %q, want %q", strings.Join(got, " "), want)
	}
}
