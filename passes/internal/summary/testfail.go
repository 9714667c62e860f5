package summary

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
)

// TestFail summarises the functions of one package that fail or stop the
// test on every path, such as
//
//	func fatalf(t *testing.T, format string, args ...any) {
//		t.Helper()
//		t.Fatalf(format, args...)
//	}
//
// Beyond a package's own helpers it knows the calls of apis.NoReturn
// (t.Fatal, t.FailNow, t.Skip, os.Exit, log.Fatal, testify's require.Fail
// and assert.FailNow…) and of apis.MarksTestFailed (t.Error, assert.Fail…).
// It is computed from syntax, lazily: a function is read on its first
// query, and its answer kept. A TestFail is not safe for concurrent use.
type TestFail struct {
	pkg   *types.Package
	files []*ast.File
	info  *types.Info

	decls map[*types.Func]*ast.FuncDecl // nil until the first query
	stops map[*types.Func]answer
	fails map[*types.Func]answer
	exits map[*types.Func]bool // see ExitsOnError; nil until its first query
}

// answer is a memoised summary; inProgress breaks recursion, as false.
type answer int8

const (
	unknown answer = iota
	inProgress
	yes
	no
)

// NewTestFail returns the summary of the package pkg, whose syntax is
// files and type information info (an analysis.Pass's Pkg, Files and
// TypesInfo). It reads nothing until queried.
func NewTestFail(pkg *types.Package, files []*ast.File, info *types.Info) *TestFail {
	return &TestFail{pkg: pkg, files: files, info: info}
}

// Stops reports whether a call of fn never returns normally: fn is one of
// apis.NoReturn, or a function of the package whose every path ends in
// such a call, in a call of another function that Stops, or in a panic.
func (s *TestFail) Stops(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if apis.NoReturn(fn) {
		return true
	}
	return s.summarise(fn, s.stopsStmt, &s.stops)
}

// Fails reports whether, once a call of fn has returned or stopped, the
// test is known to have failed or stopped: fn Stops, is one of
// apis.MarksTestFailed, or is a function of the package whose every path
// passes a call that Fails before it can return.
func (s *TestFail) Fails(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	if apis.MarksTestFailed(fn) || s.Stops(fn) {
		return true
	}
	return s.summarise(fn, s.failsStmt, &s.fails)
}

// summarise answers, for a function of the package, whether its body
// satisfies prove, memoising in *memo.
func (s *TestFail) summarise(fn *types.Func, prove func(ast.Stmt) bool, memo *map[*types.Func]answer) bool {
	fn = fn.Origin()
	if fn.Pkg() != s.pkg {
		return false
	}
	if s.decls == nil {
		s.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range s.files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := s.info.Defs[fd.Name].(*types.Func); ok {
						s.decls[obj] = fd
					}
				}
			}
		}
	}
	if *memo == nil {
		*memo = make(map[*types.Func]answer)
	}
	switch (*memo)[fn] {
	case yes:
		return true
	case no, inProgress:
		return false
	}
	decl := s.decls[fn]
	if decl == nil {
		(*memo)[fn] = no
		return false
	}
	(*memo)[fn] = inProgress
	ok := s.list(decl.Body.List, prove)
	if ok {
		(*memo)[fn] = yes
	} else {
		(*memo)[fn] = no
	}
	return ok
}

// list reports whether every path through stmts reaches a statement
// that satisfies prove: one of them does, and none before it can leave
// the list another way (return, break, continue, goto).
func (s *TestFail) list(stmts []ast.Stmt, prove func(ast.Stmt) bool) bool {
	for _, st := range stmts {
		if prove(st) {
			return true
		}
		if leaves(st) {
			return false
		}
	}
	return false
}

// stopsStmt reports whether st never completes normally, on every path:
// a call that Stops, a panic, or a block, if/else, switch or select every
// branch of which stops.
func (s *TestFail) stopsStmt(st ast.Stmt) bool {
	if call, ok := exprCall(st); ok {
		if isPanic(s.info, call) {
			return true
		}
		fn, _ := typeutil.Callee(s.info, call).(*types.Func)
		return s.Stops(fn)
	}
	return s.branches(st, s.stopsStmt)
}

// failsStmt reports whether st, on every path, fails or stops the test.
func (s *TestFail) failsStmt(st ast.Stmt) bool {
	if call, ok := exprCall(st); ok {
		if isPanic(s.info, call) {
			return true
		}
		fn, _ := typeutil.Callee(s.info, call).(*types.Func)
		return s.Fails(fn)
	}
	return s.branches(st, s.failsStmt)
}

// branches reports whether the compound statement st proves prove on
// every branch.
func (s *TestFail) branches(st ast.Stmt, prove func(ast.Stmt) bool) bool {
	switch st := st.(type) {
	case *ast.BlockStmt:
		return s.list(st.List, prove)
	case *ast.LabeledStmt:
		return prove(st.Stmt)
	case *ast.IfStmt:
		return st.Else != nil && s.list(st.Body.List, prove) && prove(st.Else)
	case *ast.SwitchStmt:
		return s.clauses(st.Body, prove)
	case *ast.TypeSwitchStmt:
		return s.clauses(st.Body, prove)
	case *ast.SelectStmt:
		for _, c := range st.Body.List {
			if !s.list(c.(*ast.CommClause).Body, prove) {
				return false
			}
		}
		return len(st.Body.List) > 0
	}
	return false
}

// clauses reports whether a switch body has a default and every clause
// proves prove; a fallthrough is taken as leaving the clause.
func (s *TestFail) clauses(body *ast.BlockStmt, prove func(ast.Stmt) bool) bool {
	hasDefault := false
	for _, c := range body.List {
		cc := c.(*ast.CaseClause)
		if cc.List == nil {
			hasDefault = true
		}
		if !s.list(cc.Body, prove) {
			return false
		}
	}
	return hasDefault
}

// exprCall returns the call of an expression statement.
func exprCall(st ast.Stmt) (*ast.CallExpr, bool) {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return nil, false
	}
	call, ok := apis.Unparen(es.X).(*ast.CallExpr)
	return call, ok
}

// isPanic reports whether call calls the predeclared panic.
func isPanic(info *types.Info, call *ast.CallExpr) bool {
	id, ok := apis.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "panic"
}

// leaves reports whether st holds a return, break, continue, goto or
// fallthrough outside nested function literals: a way to leave the
// statement list other than falling through to the next statement.
// Conservative: a break of a loop nested in st leaves only that loop, but
// counts here too.
func leaves(st ast.Stmt) bool {
	found := false
	ast.Inspect(st, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt, *ast.BranchStmt:
			found = true
		}
		return !found
	})
	return found
}
