package ssautil

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"
)

const src = `package p
func f(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}
`

// TestReachability checks block reachability on a loop: the loop's blocks
// lie on a cycle, the entry and exit do not, and the exit is reachable
// from the entry but not the other way round.
func TestReachability(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func("f")
	var entry, exit, loop *ssa.BasicBlock
	for _, b := range fn.Blocks {
		switch {
		case b.Index == 0:
			entry = b
		case len(b.Succs) == 0:
			exit = b
		case b.Comment == "for.body":
			loop = b
		}
	}
	if entry == nil || exit == nil || loop == nil {
		t.Fatalf("unexpected CFG: %v", fn.Blocks)
	}
	if !Reaches(loop, loop) || Reaches(entry, entry) || Reaches(exit, exit) {
		t.Error("Reaches(b, b) must hold exactly for blocks on a cycle")
	}
	if !Reaches(entry, exit) || Reaches(exit, entry) {
		t.Error("entry must reach exit, not the reverse")
	}
	if r := ReachableFrom(loop); !r[loop] || !r[exit] || r[entry] {
		t.Errorf("ReachableFrom(loop) = %v", r)
	}
	ret := exit.Instrs[len(exit.Instrs)-1]
	if IndexOf(ret) != len(exit.Instrs)-1 {
		t.Errorf("IndexOf(return) = %d", IndexOf(ret))
	}
	if len(Referrers(fn.Params[0])) == 0 || Referrers(fn) != nil {
		t.Error("Referrers: n has uses; a function records none")
	}
}
