package apis

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/types/typeutil"
)

const errgroupSrc = `package errgroup
import "context"
type Group struct{}
func WithContext(ctx context.Context) (*Group, context.Context) { return nil, ctx }
func (g *Group) Go(f func() error) {}
func (g *Group) TryGo(f func() error) bool { return true }
func (g *Group) SetLimit(n int) {}
func (g *Group) Wait() error { return nil }
`

const userSrc = `package user
import (
	"context"
	"sync"
	"time"
	eg "golang.org/x/sync/errgroup"
)
type Alias = eg.Group
type PtrAlias = *eg.Group
type Fake struct{}
func (Fake) Wait() error { return nil }
func (*Fake) Go(func() error) {}
type Waiter interface{ Wait() error }
type holder struct{ g *eg.Group; a Alias; wg sync.WaitGroup; once sync.Once; tk *time.Ticker; tm *time.Timer }
type Embeds struct{ eg.Group }
func WithContext(ctx context.Context) (*Fake, context.Context) { return nil, ctx }
func use(ctx context.Context, h *holder, p PtrAlias, f Fake, w Waiter, e *Embeds) {
	h.g.Wait()              // errgroup.Group.Wait
	h.a.Wait()              // errgroup.Group.Wait
	p.Go(nil)               // errgroup.Group.Go
	e.Wait()                // errgroup.Group.Wait
	f.Wait()                // none
	w.Wait()                // none
	WithContext(ctx)        // none
	eg.WithContext(ctx)     // errgroup.WithContext
	h.wg.Add(1)             // sync.WaitGroup.Add
	h.wg.Go(func() {})      // sync.WaitGroup.Go
	context.Background()    // context.Background
	time.Sleep(0)           // time.Sleep
	time.NewTicker(1)       // time.NewTicker
	h.tk.Stop()             // time.Ticker.Stop
	h.tm.Stop()             // none
	h.once.Do(nil)          // sync.Once.Do
	ctx.Done()              // context.Context.Done
	wait := h.g.Wait
	wait()                  // none
}
`

type mapImporter struct {
	std  types.Importer
	pkgs map[string]*types.Package
}

func (m mapImporter) Import(path string) (*types.Package, error) {
	if p, ok := m.pkgs[path]; ok {
		return p, nil
	}
	return m.std.Import(path)
}

func check(t *testing.T, fset *token.FileSet, imp types.Importer, path, src string, info *types.Info) (*types.Package, *ast.File) {
	t.Helper()
	f, err := parser.ParseFile(fset, path+".go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{Importer: imp}).Check(path, fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	return pkg, f
}

// TestCallee checks that APIs are recognised by identity through aliases,
// pointers, fields and embedding, and that look-alikes are not.
func TestCallee(t *testing.T) {
	fset := token.NewFileSet()
	imp := mapImporter{std: importer.ForCompiler(fset, "source", nil), pkgs: map[string]*types.Package{}}
	eg, _ := check(t, fset, imp, ErrgroupPath, errgroupSrc, nil)
	imp.pkgs[ErrgroupPath] = eg

	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Uses:       map[*ast.Ident]types.Object{},
		Defs:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	_, f := check(t, fset, imp, "user", userSrc, info)

	// The expected API is the comment on the call's line.
	want := map[int]string{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			want[fset.Position(c.Pos()).Line] = c.Text[3:]
		}
	}
	var n int
	ast.Inspect(f, func(node ast.Node) bool {
		stmt, ok := node.(*ast.ExprStmt)
		if !ok {
			return true
		}
		call := stmt.X.(*ast.CallExpr)
		line := fset.Position(call.Pos()).Line
		w, ok := want[line]
		if !ok {
			return true
		}
		n++
		if got := Callee(info, call).String(); got != w {
			t.Errorf("line %d: Callee = %s, want %s", line, got, w)
		}
		return true
	})
	if n != 18 {
		t.Errorf("checked %d calls, want 18", n)
	}
}

// TestIsTickerC checks that time.Ticker's C is recognised and
// time.Timer's C, a field of the same name and type, is not.
func TestIsTickerC(t *testing.T) {
	fset := token.NewFileSet()
	time, err := importer.ForCompiler(fset, "source", nil).Import("time")
	if err != nil {
		t.Fatal(err)
	}
	field := func(typ string) *types.Var {
		st := time.Scope().Lookup(typ).Type().Underlying().(*types.Struct)
		for f := range st.Fields() {
			if f.Name() == "C" {
				return f
			}
		}
		t.Fatalf("time.%s has no field C", typ)
		return nil
	}
	if !IsTickerC(field("Ticker")) {
		t.Error("IsTickerC(time.Ticker.C) = false")
	}
	if IsTickerC(field("Timer")) {
		t.Error("IsTickerC(time.Timer.C) = true")
	}
}

func TestTypes(t *testing.T) {
	ctx := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage("context", "context"), "Context", nil), types.NewInterfaceType(nil, nil), nil)
	if !IsContext(ctx) {
		t.Error("IsContext(context.Context) = false")
	}
	if IsContext(types.NewPointer(ctx)) {
		t.Error("IsContext(*context.Context) = true")
	}
	fake := types.NewNamed(types.NewTypeName(token.NoPos, types.NewPackage("my/context", "context"), "Context", nil), types.NewInterfaceType(nil, nil), nil)
	if IsContext(fake) {
		t.Error("IsContext(my/context.Context) = true")
	}
	errT := types.Universe.Lookup("error").Type()
	sig := types.NewSignatureType(nil, nil, nil, nil, types.NewTuple(
		types.NewVar(token.NoPos, nil, "", types.Typ[types.Int]),
		types.NewVar(token.NoPos, nil, "", errT)), false)
	if got := ErrorResult(sig); got != 1 {
		t.Errorf("ErrorResult = %d, want 1", got)
	}
}

const uncheckedSrc = `package u
import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)
type file struct{}
func (file) Close() error { return nil }
type sink struct{}
func (sink) Write(p []byte) (int, error) { return len(p), nil }
func use(bw *bufio.Writer, b *bytes.Buffer, sb *strings.Builder, f *os.File, c file, s sink) {
	bw.WriteString("x")   // true
	bw.Flush()            // false
	b.Write(nil)          // true
	sb.WriteByte('x')     // true
	fmt.Println()         // true
	fmt.Errorf("x")       // false
	f.Close()             // true
	c.Close()             // true
	f.Sync()              // false
	s.Write(nil)          // false
	os.Remove("x")        // false
}
`

// TestConventionallyUnchecked pins the calls whose errors are skipped by
// identity, and that look-alikes of other types are not.
func TestConventionallyUnchecked(t *testing.T) {
	fset := token.NewFileSet()
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}, Types: map[ast.Expr]types.TypeAndValue{}}
	_, f := check(t, fset, importer.ForCompiler(fset, "source", nil), "u", uncheckedSrc, info)
	want := map[int]string{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			want[fset.Position(c.Pos()).Line] = c.Text[3:]
		}
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		stmt, ok := node.(*ast.ExprStmt)
		if !ok {
			return true
		}
		line := fset.Position(stmt.Pos()).Line
		fn := CalleeFunc(info, stmt.X.(*ast.CallExpr))
		if fn == nil {
			t.Fatalf("line %d: no static callee", line)
		}
		n++
		if got := fmt.Sprint(ConventionallyUnchecked(fn)); got != want[line] {
			t.Errorf("line %d: ConventionallyUnchecked(%s) = %s, want %s", line, FuncName(fn), got, want[line])
		}
		return true
	})
	if n != 11 {
		t.Errorf("checked %d calls, want 11", n)
	}
}

// The testify stubs keep the real signatures of the functions and
// methods the tables name, with look-alikes next to them.
const assertSrc = `package assert
type TestingT interface{ Errorf(format string, args ...interface{}) }
type Assertions struct{ t TestingT }
func New(t TestingT) *Assertions { return &Assertions{t} }
func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool { return false }
func Failf(t TestingT, failureMessage string, msg string, args ...interface{}) bool { return false }
func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) bool { return false }
func FailNowf(t TestingT, failureMessage string, msg string, args ...interface{}) bool { return false }
func NoError(t TestingT, err error, msgAndArgs ...interface{}) bool { return true }
func (a *Assertions) Fail(failureMessage string, msgAndArgs ...interface{}) bool { return false }
func (a *Assertions) FailNow(failureMessage string, msgAndArgs ...interface{}) bool { return false }
func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) bool { return true }
`

const requireSrc = `package require
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}
type Assertions struct{ t TestingT }
func New(t TestingT) *Assertions { return &Assertions{t} }
func Fail(t TestingT, failureMessage string, msgAndArgs ...interface{}) {}
func Failf(t TestingT, failureMessage string, msg string, args ...interface{}) {}
func FailNow(t TestingT, failureMessage string, msgAndArgs ...interface{}) {}
func FailNowf(t TestingT, failureMessage string, msg string, args ...interface{}) {}
func NoError(t TestingT, err error, msgAndArgs ...interface{}) {}
func (a *Assertions) Fail(failureMessage string, msgAndArgs ...interface{}) {}
func (a *Assertions) FailNow(failureMessage string, msgAndArgs ...interface{}) {}
func (a *Assertions) NoError(err error, msgAndArgs ...interface{}) {}
`

const failSrc = `package f
import (
	"log"
	"os"
	"testing"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)
type fake struct{}
func (fake) FailNow() {}
func (fake) Fatal(args ...any) {}
func (fake) Error(args ...any) {}
func (fake) Cleanup(func()) {}
func Fail(t *testing.T, msg string) {}
func use(t *testing.T, tb testing.TB, b *testing.B, a *assert.Assertions, r *require.Assertions, f fake, err error) {
	t.Fatal()                  // noreturn
	tb.FailNow()               // noreturn
	t.Skipf("x")               // noreturn
	os.Exit(1)                 // noreturn
	log.Fatalf("x")            // noreturn
	require.Fail(t, "x")       // noreturn
	require.FailNowf(t, "x", "y") // noreturn
	r.Fail("x")                // noreturn
	assert.FailNow(t, "x")     // noreturn
	a.FailNow("x")             // noreturn
	t.Error()                  // failed
	t.Errorf("x")              // failed
	assert.Fail(t, "x")        // failed
	assert.Failf(t, "x", "y")  // failed
	a.Fail("x")                // failed
	require.NoError(t, err)    // none
	assert.NoError(t, err)     // none
	r.NoError(err)             // none
	t.Log()                    // none
	f.FailNow()                // none
	f.Fatal()                  // none
	f.Error()                  // none
	Fail(t, "x")               // none
	t.Cleanup(func() {})       // cleanup
	tb.Cleanup(func() {})      // cleanup
	b.Cleanup(func() {})       // cleanup
	f.Cleanup(func() {})       // none
}
`

// TestTestFailure pins which calls stop a test or mark it failed: the
// testing methods, the exits, testify's unconditional failures, and
// neither conditional assertions nor look-alikes; and which register a
// test's cleanup.
func TestTestFailure(t *testing.T) {
	fset := token.NewFileSet()
	imp := mapImporter{std: importer.ForCompiler(fset, "source", nil), pkgs: map[string]*types.Package{}}
	a, _ := check(t, fset, imp, TestifyAssertPath, assertSrc, nil)
	imp.pkgs[TestifyAssertPath] = a
	r, _ := check(t, fset, imp, TestifyRequirePath, requireSrc, nil)
	imp.pkgs[TestifyRequirePath] = r
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}, Types: map[ast.Expr]types.TypeAndValue{}}
	_, f := check(t, fset, imp, "f", failSrc, info)
	want := map[int]string{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			want[fset.Position(c.Pos()).Line] = c.Text[3:]
		}
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		stmt, ok := node.(*ast.ExprStmt)
		if !ok {
			return true
		}
		line := fset.Position(stmt.Pos()).Line
		call := stmt.X.(*ast.CallExpr)
		fn, _ := typeutil.Callee(info, call).(*types.Func)
		if fn == nil {
			t.Fatalf("line %d: no callee", line)
		}
		got := "none"
		switch {
		case NoReturn(fn):
			got = "noreturn"
		case MarksTestFailed(fn):
			got = "failed"
		case IsTestCleanup(fn):
			got = "cleanup"
		}
		n++
		if got != want[line] {
			t.Errorf("line %d: %s is %s, want %s", line, FuncName(fn), got, want[line])
		}
		return true
	})
	if n != 27 {
		t.Errorf("checked %d calls, want 27", n)
	}
}
