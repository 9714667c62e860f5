package chanmodel

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

// Each function s_<case> takes a channel ch as its first parameter; the
// table in TestSends says what its summary must be.
const src = `package p

import "fmt"

func s_once(ch chan error)           { ch <- nil }
func s_twice(ch chan error)          { ch <- nil; ch <- nil }
func s_branch(ch chan error, b bool) { if b { ch <- nil } else { ch <- fmt.Errorf("x") } }
func s_loop(ch chan error, n int)    { for range n { ch <- nil } }
func s_select(ch chan error, stop chan struct{}) {
	select {
	case ch <- nil:
	case <-stop:
	}
}
func s_close(ch chan error) { defer close(ch); ch <- nil }
func s_recv(ch chan error)  { <-ch }
func s_store(ch chan error) { kept = ch }
func s_callee(ch chan error) { helper(ch); helper(ch) }
func s_closure(ch chan error) {
	send := func() { ch <- nil }
	send()
}
func s_deferred(ch chan error) { defer func() { ch <- nil }(); ch <- nil }
func s_recover(ch chan error) {
	defer func() {
		if r := recover(); r != nil {
			ch <- fmt.Errorf("%v", r)
		}
	}()
	ch <- nil
}
func s_recursive(ch chan error, n int) {
	if n > 0 {
		s_recursive(ch, n-1)
	}
	ch <- nil
}
func s_panicOnly(ch chan error) {
	defer func() {
		if r := recover(); r != nil {
			ch <- fmt.Errorf("%v", r)
		}
	}()
	fmt.Println("work")
}
func s_foreign(ch chan error) { fmt.Println(ch) }
func s_directional(ch chan error) { var out chan<- error = ch; out <- nil }

var kept chan error

func helper(ch chan<- error) { ch <- nil }

func f_async(f func() error) <-chan error {
	ch := make(chan error)
	go func() { ch <- f() }()
	return ch
}
func f_buffered(f func() error) chan error {
	ch := make(chan error, 1)
	go func() { ch <- f() }()
	return ch
}
func f_gen(xs []int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, x := range xs {
			out <- x
		}
	}()
	return out
}
func f_worker(ch chan int) { ch <- 1 }
func f_named() chan int {
	ch := make(chan int)
	go f_worker(ch)
	return ch
}
func n_given(ch chan error) chan error { go func() { ch <- nil }(); return ch }
func n_stored() chan error {
	ch := make(chan error)
	kept = ch
	go func() { ch <- nil }()
	return ch
}
func n_noGoroutine() chan error { return make(chan error) }
`

func build(t *testing.T) *ssa.Package { return buildSource(t, src) }

// buildSource type-checks and builds one file of package p, importing
// the standard library from source.
func buildSource(t *testing.T, source string) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", source, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := xssautil.BuildPackage(&types.Config{Importer: importer.ForCompiler(fset, "source", nil)}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.BuilderMode(0))
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

func TestSends(t *testing.T) {
	pkg := build(t)
	m := New()
	for _, tc := range []struct {
		name   string
		ok     bool
		max    int
		closes bool
	}{
		{"s_once", true, 1, false},
		{"s_twice", true, 2, false},
		{"s_branch", true, 1, false},
		{"s_loop", true, Many, false},
		{"s_select", true, 0, false},
		{"s_close", true, 1, true},
		{"s_recv", false, 0, false},
		{"s_store", false, 0, false},
		{"s_callee", true, 2, false},
		{"s_closure", true, 1, false},
		{"s_deferred", true, 2, false},
		{"s_recover", true, 1, false},
		{"s_panicOnly", true, 1, false},
		{"s_recursive", false, 0, false},
		{"s_foreign", false, 0, false},
		{"s_directional", true, 1, false},
	} {
		fn := pkg.Func(tc.name)
		if fn == nil {
			t.Fatalf("no function %s", tc.name)
		}
		s := m.Sends(fn, fn.Params[0], false)
		if s.OK != tc.ok {
			t.Errorf("%s: OK = %v, want %v", tc.name, s.OK, tc.ok)
			continue
		}
		if !s.OK {
			continue
		}
		if s.Max != tc.max || s.Closes != tc.closes {
			t.Errorf("%s: Max = %d, Closes = %v; want %d, %v", tc.name, s.Max, s.Closes, tc.max, tc.closes)
		}
		if s.Max != 0 && len(s.Sites) == 0 {
			t.Errorf("%s: no send sites", tc.name)
		}
	}
}

// TestCertain checks which summaries make their sends on every path.
func TestCertain(t *testing.T) {
	pkg := build(t)
	m := New()
	for name, want := range map[string]bool{
		"s_once":      true,
		"s_twice":     true,
		"s_branch":    false, // a send on each branch: neither dominates the return
		"s_loop":      false, // the loop may run no time
		"s_select":    false, // no blocking send
		"s_close":     true,
		"s_callee":    true, // through a helper that sends on every path
		"s_closure":   true,
		"s_recover":   true, // the recovery's send is the panic path's
		"s_panicOnly": false,
	} {
		fn := pkg.Func(name)
		s := m.Sends(fn, fn.Params[0], false)
		if got := s.Certain(fn); got != want {
			t.Errorf("%s: Certain = %t, want %t", name, got, want)
		}
	}
}

func TestFuture(t *testing.T) {
	pkg := build(t)
	m := New()
	for _, tc := range []struct {
		name   string
		future bool
		cap    int64
		max    int
		closes bool
	}{
		{"f_async", true, 0, 1, false},
		{"f_buffered", true, 1, 1, false},
		{"f_gen", true, 0, Many, true},
		{"f_named", true, 0, 1, false},
		{"n_given", false, 0, 0, false},
		{"n_stored", false, 0, 0, false},
		{"n_noGoroutine", false, 0, 0, false},
	} {
		fn := pkg.Func(tc.name)
		if fn == nil {
			t.Fatalf("no function %s", tc.name)
		}
		f := m.Future(fn)
		if (f != nil) != tc.future {
			t.Errorf("%s: future = %v, want %v", tc.name, f != nil, tc.future)
			continue
		}
		if f == nil {
			continue
		}
		if f.Cap != tc.cap || f.Max != tc.max || f.Closes != tc.closes || len(f.Spawns) != 1 {
			t.Errorf("%s: Cap %d Max %d Closes %v Spawns %d; want %d %d %v 1", tc.name, f.Cap, f.Max, f.Closes, len(f.Spawns), tc.cap, tc.max, tc.closes)
		}
	}
}
