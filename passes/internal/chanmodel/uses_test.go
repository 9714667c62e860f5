package chanmodel

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	xssautil "golang.org/x/tools/go/ssa/ssautil"

	"github.com/fanoutlint/fanoutlint/passes/internal/ssautil"
)

// Each function u_<case> makes one channel; the table in TestUses says
// what Uses must find from that make.
const usesSrc = `package p

import (
	"errors"
	"sync"
)

var kept chan error

func work() error { return errors.New("x") }

func u_plain() error {
	ch := make(chan error)
	go func() { ch <- work() }()
	return <-ch
}

func u_discards() {
	ch := make(chan error, 3)
	go func() { ch <- work(); ch <- work(); ch <- work() }()
	<-ch
	_, _ = <-ch
	for range ch {
	}
}

func u_kept() {
	ch := make(chan error, 1)
	go func() { ch <- work() }()
	for err := range ch {
		println(err.Error())
	}
}

func send(ch chan<- error, err error) { ch <- err }

func u_helperInGoroutine() error {
	ch := make(chan error, 1)
	go func() { send(ch, work()) }()
	return <-ch
}

func u_helperInHolder() error {
	ch := make(chan error, 1)
	send(ch, work())
	return <-ch
}

func u_helperBoth() error {
	ch := make(chan error, 2)
	send(ch, nil)
	go func() { send(ch, work()) }()
	return <-ch
}

func worker(ch chan error) { ch <- work() }

func u_goFunc() error {
	ch := make(chan error)
	go worker(ch)
	return <-ch
}

func u_goLiteralArg() error {
	ch := make(chan error)
	go func(c chan<- error) { c <- work() }(ch)
	return <-ch
}

func u_waitGroupGo() {
	var wg sync.WaitGroup
	ch := make(chan error, 1)
	wg.Go(func() { ch <- work() })
	wg.Wait()
	if len(ch) > 0 {
		println((<-ch).Error())
	}
}

func u_handed(run func(func())) {
	ch := make(chan error, 1)
	run(func() { ch <- work() })
}

func drain(ch <-chan error) {
	for range ch {
	}
}

func u_drainHelper() {
	ch := make(chan error)
	go func() { defer close(ch); ch <- work() }()
	drain(ch)
}

func u_select(stop chan struct{}) {
	ch := make(chan error)
	go func() {
		select {
		case ch <- work():
		case <-stop:
		}
	}()
	select {
	case err := <-ch:
		println(err.Error())
	case <-stop:
	}
	if ch != nil {
		println(cap(ch))
	}
}

func u_stored() {
	ch := make(chan error)
	kept = ch
	go func() { ch <- work() }()
}

func u_interface() {
	ch := make(chan error)
	go func() { ch <- work() }()
	println(any(ch) != nil)
}

func u_foreign(f func(chan error)) {
	ch := make(chan error)
	go func() { ch <- work() }()
	f(ch)
}

func u_reassigned(b bool, other chan error) {
	ch := make(chan error, 4)
	go func() { ch <- work() }()
	if b {
		ch = other
	}
	<-ch
}

func u_remade(b bool) {
	ch := make(chan error)
	if b {
		ch = make(chan error, 8)
	}
	go func() { ch <- work() }()
	<-ch
}

func recurse(ch chan error, n int) {
	if n > 0 {
		recurse(ch, n-1)
		return
	}
	ch <- work()
}

func u_recursive() {
	ch := make(chan error, 1)
	go recurse(ch, 3)
	<-ch
}
`

// describeOps returns the ops of u as sorted words: the kind, then ":go",
// ":group" or ":handed" for a use outside the holder's goroutine, then
// "!" for a discarded receive.
func describeOps(u Uses) string {
	kinds := map[OpKind]string{OpSend: "send", OpSelectSend: "selsend", OpRecv: "recv", OpSelectRecv: "selrecv",
		OpLen: "len", OpClose: "close", OpCompare: "cmp"}
	ctxs := map[Context]string{InHolder: "", Handed: ":handed", InGroup: ":group", InGoroutine: ":go"}
	var words []string
	for _, op := range u.Ops {
		w := kinds[op.Kind] + ctxs[op.Context]
		if op.Discarded {
			w += "!"
		}
		words = append(words, w)
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

// sizes returns the constant sizes of u's makes, as a string.
func sizes(u Uses) string {
	var s []string
	for _, v := range u.Sizes {
		if c, ok := v.(*ssa.Const); ok {
			s = append(s, c.Value.String())
		} else {
			s = append(s, "?")
		}
	}
	return strings.Join(s, " ")
}

func TestUses(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", usesSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	m := New()
	for _, tc := range []struct {
		fn    string
		ok    bool
		ops   string
		sizes string
	}{
		{"u_plain", true, "recv send:go", "0"},
		{"u_discards", true, "recv! recv! recv! send:go send:go send:go", "3"},
		{"u_kept", true, "recv send:go", "1"},
		{"u_helperInGoroutine", true, "recv send:go", "1"},
		{"u_helperInHolder", true, "recv send", "1"},
		{"u_helperBoth", true, "recv send:go", "2"},
		{"u_goFunc", true, "recv send:go", "0"},
		{"u_goLiteralArg", true, "recv send:go", "0"},
		{"u_waitGroupGo", true, "len recv send:go", "1"},
		{"u_handed", true, "send:handed", "1"},
		{"u_drainHelper", true, "close:go recv! send:go", "0"},
		{"u_select", true, "cmp len selrecv selsend:go", "0"},
		{"u_stored", false, "send:go", "0"},
		{"u_interface", false, "send:go", "0"},
		{"u_foreign", false, "send:go", "0"},
		{"u_reassigned", false, "recv! send:go", "4"},
		{"u_remade", true, "recv! send:go", "0 8"},
		{"u_recursive", true, "recv! send:go", "1"},
	} {
		fn := pkg.Func(tc.fn)
		if fn == nil {
			t.Fatalf("no function %s", tc.fn)
		}
		mk := firstMake(fn)
		if mk == nil {
			t.Fatalf("%s: no make", tc.fn)
		}
		u := m.Uses(mk)
		if u.OK() != tc.ok {
			t.Errorf("%s: OK = %v (escapes %v), want %v", tc.fn, u.OK(), u.Escapes, tc.ok)
		}
		if got := describeOps(u); got != tc.ops {
			t.Errorf("%s: ops %q, want %q", tc.fn, got, tc.ops)
		}
		if got := sizes(u); got != tc.sizes {
			t.Errorf("%s: sizes %q, want %q", tc.fn, got, tc.sizes)
		}
		// The send's value is the one sent.
		for _, op := range u.Ops {
			if op.Kind == OpSend && op.Value != op.Instr.(*ssa.Send).X {
				t.Errorf("%s: send value %v, want %v", tc.fn, op.Value, op.Instr.(*ssa.Send).X)
			}
		}
	}
}

// TestUsesFromCell checks that the walk from the variable holding the
// channel finds what the walk from its make finds.
func TestUsesFromCell(t *testing.T) {
	pkg := buildSource(t, usesSrc)
	m := New()
	for _, name := range []string{"u_plain", "u_discards", "u_remade", "u_waitGroupGo"} {
		fn := pkg.Func(name)
		mk := firstMake(fn)
		var cell *ssa.Alloc
		for _, r := range ssautil.Referrers(mk) {
			if st, ok := r.(*ssa.Store); ok {
				cell, _ = st.Addr.(*ssa.Alloc)
			}
		}
		if cell == nil {
			t.Fatalf("%s: the make is not stored in a variable", name)
		}
		fromMake, fromCell := m.Uses(mk), m.Uses(cell)
		if a, b := describeOps(fromMake), describeOps(fromCell); a != b || fromCell.OK() != fromMake.OK() {
			t.Errorf("%s: from the cell %q (ok %v), from the make %q (ok %v)", name, b, fromCell.OK(), a, fromMake.OK())
		}
		// From the cell, the sizes are those of the stores.
		if want := fmt.Sprint(len(fromMake.Sizes)); fmt.Sprint(len(fromCell.Sizes)) != want {
			t.Errorf("%s: %d sizes from the cell, want %s", name, len(fromCell.Sizes), want)
		}
	}
}

// firstMake returns the first make of a channel in fn.
func firstMake(fn *ssa.Function) *ssa.MakeChan {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if mk, ok := instr.(*ssa.MakeChan); ok {
				return mk
			}
		}
	}
	return nil
}

// groupSrc uses a stub of golang.org/x/sync/errgroup with the real
// method set.
const groupSrc = `package p

import "golang.org/x/sync/errgroup"

func work() error { return nil }

func u_group() error {
	var g errgroup.Group
	ch := make(chan error, 1)
	g.Go(func() error {
		ch <- work()
		go func() { ch <- work() }()
		return nil
	})
	_ = g.Wait()
	return <-ch
}
`

const errgroupStub = `package errgroup

type Group struct{ err error }

func (g *Group) Go(f func() error) { _ = f() }
func (g *Group) Wait() error       { return g.err }
`

// importerFunc resolves imports to packages type-checked in the test.
type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// TestUsesGroup checks that a send in a closure started by
// errgroup.Group.Go runs InGroup, and one in a goroutine that closure
// starts InGoroutine.
func TestUsesGroup(t *testing.T) {
	fset := token.NewFileSet()
	stub, err := parser.ParseFile(fset, "errgroup.go", errgroupStub, 0)
	if err != nil {
		t.Fatal(err)
	}
	eg, err := (&types.Config{}).Check("golang.org/x/sync/errgroup", fset, []*ast.File{stub}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(fset, "p.go", groupSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == eg.Path() {
			return eg, nil
		}
		return nil, fmt.Errorf("no package %s", path)
	})
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: imp}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	u := New().Uses(firstMake(pkg.Func("u_group")))
	if got, want := describeOps(u), "recv send:go send:group"; got != want || !u.OK() {
		t.Errorf("u_group: ops %q (ok %v), want %q", got, u.OK(), want)
	}
}
