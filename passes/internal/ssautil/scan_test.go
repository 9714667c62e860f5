package ssautil

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"testing"
)

// rawReferrers returns the positions in f of calls of a Referrers method
// with no arguments: (ssa.Value).Referrers and (ssa.Instruction).Referrers
// return nil for values that record no uses (constants, globals,
// functions), so every use goes through Referrers here instead.
func rawReferrers(fset *token.FileSet, f *ast.File) []token.Position {
	var found []token.Position
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Referrers" {
			found = append(found, fset.Position(call.Pos()))
		}
		return true
	})
	return found
}

// TestRawReferrersScan checks that the scan finds both the dereferenced
// form and the form that keeps the pointer, and not the helper's own.
func TestRawReferrersScan(t *testing.T) {
	const src = `package p
func f(v value) {
	for range *v.Referrers() {}
	refs := v.Referrers()
	_ = refs
	_ = Referrers(v)
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := rawReferrers(fset, f)
	if len(got) != 2 || got[0].Line != 3 || got[1].Line != 4 {
		t.Errorf("rawReferrers found %v, want lines 3 and 4", got)
	}
}

// TestNoRawReferrers fails if any Go file under passes/, outside this
// package and testdata, calls Referrers directly rather than through
// Referrers, which treats the nil list as empty (issue 9: a raw
// *v.Referrers() panicked on the standard library).
func TestNoRawReferrers(t *testing.T) {
	root := filepath.Join("..", "..")
	self, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			abs, err := filepath.Abs(path)
			if err != nil {
				return err
			}
			if d.Name() == "testdata" || abs == self {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".go" {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files++
		for _, pos := range rawReferrers(fset, f) {
			t.Errorf("%s: Referrers called directly; use ssautil.Referrers, which treats a nil list as empty", pos)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Errorf("scanned %d files under passes/, want the whole tree", files)
	}
}
