package chanmodel

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	ssatools "golang.org/x/tools/go/ssa/ssautil"
)

const recvSrc = `package p

func closes(ch chan int)          { close(ch) }
func deferCloses(ch chan int)     { defer close(ch); ch <- 1 }
func viaHelper(ch chan int)       { closes(ch) }
func viaClosure(ch chan int)      { defer func() { close(ch) }() }
func somePaths(ch chan int, b bool) {
	if b {
		return
	}
	close(ch)
}
func sends(ch chan int)           { ch <- 1 }
func ranges(ch chan int)          { for range ch {} }
func selects(ch chan int, d chan bool) {
	select {
	case <-ch:
	case <-d:
	}
}
func escapes(ch chan int) any     { return ch }
func starts(ch chan int)          { go sends(ch) }
func panics(ch chan int)          { _ = len(ch); panic("x") }
`

// TestHolds checks the receive-side summaries of the first parameter of
// each function of recvSrc.
func TestHolds(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", recvSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssatools.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	m := New()
	for _, tc := range []struct {
		fn                string
		ok, sends, closes bool
		recvs             int
		closesOnEveryPath bool
	}{
		{"closes", true, false, true, 0, true},
		{"deferCloses", true, true, true, 0, true},
		{"viaHelper", true, false, true, 0, true},
		{"viaClosure", true, false, true, 0, true},
		{"somePaths", true, false, true, 0, false},
		{"sends", true, true, false, 0, false},
		{"ranges", true, false, false, 1, false},
		{"selects", true, false, false, 1, false},
		{"escapes", false, false, false, 0, false},
		{"starts", false, false, false, 0, false},
		{"panics", true, false, false, 0, false},
	} {
		fn := pkg.Func(tc.fn)
		if fn == nil {
			t.Fatalf("no function %s", tc.fn)
		}
		p := fn.Params[0]
		h := m.Holds(fn, p, false)
		if h.OK != tc.ok || (h.OK && (h.Sends != tc.sends || h.Closes != tc.closes || len(h.Recvs) != tc.recvs)) {
			t.Errorf("Holds(%s) = %+v, want ok %v sends %v closes %v recvs %d", tc.fn, h, tc.ok, tc.sends, tc.closes, tc.recvs)
		}
		if got := m.ClosesOnEveryPath(fn, p, false); got != tc.closesOnEveryPath {
			t.Errorf("ClosesOnEveryPath(%s) = %v, want %v", tc.fn, got, tc.closesOnEveryPath)
		}
		// Memoised: asking again gives the same answer.
		if got := m.ClosesOnEveryPath(fn, p, false); got != tc.closesOnEveryPath {
			t.Errorf("ClosesOnEveryPath(%s), second time = %v", tc.fn, got)
		}
	}
}
