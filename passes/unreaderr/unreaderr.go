package unreaderr

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
)

//go:embed doc.go
var doc string

// Analyzer reports errors produced by goroutines that nothing reads.
var Analyzer = &analysis.Analyzer{
	Name:     "unreaderr",
	Doc:      analysisutil.MustExtractDoc(doc, "unreaderr"),
	URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/unreaderr",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run:      run,
}

// Diagnostic categories, one per kind of finding.
const (
	catGoStmt   = "gostmt"   // go f() where f returns an error
	catDropped  = "dropped"  // a bare error-returning call inside a joined goroutine
	catChannel  = "channel"  // an error channel nobody receives from
	catSlice    = "slice"    // a slice or map of errors nobody reads
	catVariable = "variable" // an error variable nobody reads after the goroutines start
)

func run(pass *analysis.Pass) (any, error) {
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil // no go statement and no WaitGroup or errgroup call
	}
	insp := fo.Inspector()

	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			checkGoStmt(pass, fo, cur, n)
			if lit, ok := apis.Unparen(n.Call.Fun).(*ast.FuncLit); ok && len(n.Call.Args) == 0 &&
				callsDone(pass, lit) && returnsError(pass, cur) {
				checkDropped(pass, lit)
			}
		case *ast.CallExpr:
			if apis.Callee(pass.TypesInfo, n) == apis.WaitGroupGo && len(n.Args) == 1 && returnsError(pass, cur) {
				if lit, ok := apis.Unparen(n.Args[0]).(*ast.FuncLit); ok {
					checkDropped(pass, lit)
				}
			}
		}
	}

	checkFlow(pass, fo)
	return nil, nil
}

// checkGoStmt reports go statements whose function returns an error that
// the go statement throws away, when the goroutine is fan-out work: a
// function literal declared to return an error (its author wrote the
// returns that go nowhere), or a call handed a *sync.WaitGroup by a
// function that itself returns an error: it waits for the goroutine and
// has a way to pass its failure on, but the go statement drops it.
//
// Conservative: a go statement with no join, such as go srv.Serve(lis)
// or an accept loop's go s.handle(conn), is fire-and-forget by design,
// and whether its error matters cannot be told from the code; it is not
// reported.
func checkGoStmt(pass *analysis.Pass, fo *fanout.Result, cur inspector.Cursor, stmt *ast.GoStmt) {
	call := stmt.Call
	sig, ok := pass.TypesInfo.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || apis.ErrorResult(sig) < 0 {
		return
	}
	if apis.Callee(pass.TypesInfo, call).Is(apis.ErrgroupWait) {
		return // errgroupwait reports go g.Wait()
	}
	if lit, ok := apis.Unparen(call.Fun).(*ast.FuncLit); ok {
		if analysisutil.ReturnsOnlyNil(pass.TypesInfo, lit) {
			return // the error result carries nothing
		}
		if deferReadsResult(pass.TypesInfo, lit.Type, lit.Body) {
			return // a deferred function handles the returned error
		}
		pass.Report(analysis.Diagnostic{
			Pos:      stmt.Pos(),
			End:      lit.Type.End(),
			Category: catGoStmt,
			Message:  "go statement discards the error returned by the function literal: the goroutine's failure is lost",
		})
		return
	}
	if !passesWaitGroup(pass, call) || !returnsError(pass, cur) {
		return
	}
	if fn := apis.CalleeFunc(pass.TypesInfo, call); fn != nil {
		if handlesOwnFailure(pass, fn) {
			return
		}
		// The started function is a candidate of the fanout front end
		// (the target of a go statement), so its SSA form is built.
		if decl := funcDecl(pass, fn); decl != nil && returnsOnlyReported(fo.Func(decl)) {
			return
		}
	}
	pass.Report(analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      call.End(),
		Category: catGoStmt,
		Message: fmt.Sprintf("go statement discards the error returned by %s: the goroutine is waited for but its failure is lost",
			calleeName(pass, call)),
	})
}

// passesWaitGroup reports whether call hands a sync.WaitGroup (by pointer)
// to the started function, as an argument or as the receiver of a method:
// the callee then signals Done and the caller waits for it, which makes
// the goroutine part of a fan-out whose results the caller collects.
func passesWaitGroup(pass *analysis.Pass, call *ast.CallExpr) bool {
	args := call.Args
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := pass.TypesInfo.Selections[sel]; ok && s.Kind() == types.MethodVal {
			args = append([]ast.Expr{sel.X}, args...)
		}
	}
	for _, a := range args {
		if t := pass.TypesInfo.TypeOf(a); t != nil && apis.IsWaitGroup(t) {
			return true
		}
	}
	return false
}

// returnsError reports whether the innermost function enclosing cur has
// an error result. Only such a function has a way to pass the failures of
// the goroutines it joins on; a function without one (a test, a main
// loop, a benchmark driver, a concurrency stress test that calls an API
// from many goroutines for the races alone) runs its goroutines for their
// effects, and the errors they drop are by its contract best effort.
func returnsError(pass *analysis.Pass, cur inspector.Cursor) bool {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var sig *types.Signature
		switch n := c.Node().(type) {
		case *ast.FuncDecl:
			if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok {
				sig = fn.Type().(*types.Signature)
			}
		case *ast.FuncLit:
			sig, _ = pass.TypesInfo.TypeOf(n).(*types.Signature)
		}
		return sig != nil && apis.ErrorResult(sig) >= 0
	}
	return false
}

// callsDone reports whether the body of lit (not of literals nested in
// it) calls sync.WaitGroup.Done, directly or deferred: someone waits for
// the goroutine that runs lit.
func callsDone(pass *analysis.Pass, lit *ast.FuncLit) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if apis.Callee(pass.TypesInfo, n) == apis.WaitGroupDone {
				found = true
			}
		}
		return !found
	})
	return found
}

// checkDropped reports, in the body of a goroutine that is waited for (a
// literal passed to sync.WaitGroup.Go, or a go literal that calls
// sync.WaitGroup.Done), calls used as statements whose static callee
// returns an error. Such a goroutine cannot return the error, so a bare
// call is the end of it.
//
// Conservative: calls through interfaces and function values have no
// static callee and are skipped, as are the functions whose errors Go
// code conventionally ignores (fmt printers, never-failing writers,
// Close: see analysisutil.DroppedErrorCalls) and the package's own
// functions that handle their failure (handlesOwnFailure). Goroutines
// nobody waits for are fire-and-forget (best-effort cleanup, servers) and are not examined.
// Nested literals are other goroutines or callbacks and are left alone.
func checkDropped(pass *analysis.Pass, lit *ast.FuncLit) {
	for call, fn := range analysisutil.DroppedErrorCalls(pass.TypesInfo, lit.Body) {
		if handlesOwnFailure(pass, fn) {
			continue
		}
		pass.Report(analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: catDropped,
			Message: fmt.Sprintf("error returned by %s is dropped inside a goroutine that is waited for: the failure is lost",
				apis.FuncName(fn)),
		})
	}
}

// calleeName names the function a go statement starts: pkg.F or pkg.T.M
// for a static callee, otherwise the source expression (a function value
// or interface method).
func calleeName(pass *analysis.Pass, call *ast.CallExpr) string {
	if fn := apis.CalleeFunc(pass.TypesInfo, call); fn != nil {
		return apis.FuncName(fn)
	}
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := pass.TypesInfo.Selections[sel]; ok {
			if fn, ok := s.Obj().(*types.Func); ok {
				return apis.FuncName(fn)
			}
		}
	}
	return types.ExprString(call.Fun)
}

// handlesOwnFailure reports whether fn, declared with a body in the
// package under analysis, leaves its caller no failure to lose: it
// returns only nil, or it names its error result and observes it in a
// deferred function literal (see deferReadsResult). Such functions have
// an error result to satisfy a signature, or report their failure
// themselves.
//
// Conservative: a function declared elsewhere is assumed to fail.
func handlesOwnFailure(pass *analysis.Pass, fn *types.Func) bool {
	decl := funcDecl(pass, fn)
	if decl == nil {
		return false
	}
	lit := &ast.FuncLit{Type: decl.Type, Body: decl.Body}
	return analysisutil.ReturnsOnlyNil(pass.TypesInfo, lit) || deferReadsResult(pass.TypesInfo, decl.Type, decl.Body)
}

// returnsOnlyReported reports whether every error fn returns is nil or
// an error fn also hands to a call made for its effect (see reported),
// such as a worker that logs its failure before returning it: a caller
// that discards the result loses nothing.
//
// Conservative: a function without a body counts as failing, and so
// does one whose result variable a closure can reach.
func returnsOnlyReported(fn *ssa.Function) bool {
	if fn == nil || fn.Blocks == nil {
		return false
	}
	idx := apis.ErrorResult(fn.Signature)
	if idx < 0 {
		return false
	}
	seen := make(map[ssa.Value]bool)
	var handled func(v ssa.Value) bool
	handled = func(v ssa.Value) bool {
		switch v := v.(type) {
		case *ssa.Const:
			return v.IsNil()
		case *ssa.Phi:
			if seen[v] {
				return true // the other edges decide
			}
			seen[v] = true
			for _, e := range v.Edges {
				if !handled(e) {
					return false
				}
			}
			return true
		case *ssa.UnOp:
			// A function with defers returns its results through a
			// local slot: every value stored there must be handled, and
			// nothing else (a deferred closure) may touch the slot.
			slot, ok := v.X.(*ssa.Alloc)
			if !ok || v.Op != token.MUL {
				break
			}
			if seen[slot] {
				return true
			}
			seen[slot] = true
			for _, r := range *slot.Referrers() {
				switch r := r.(type) {
				case *ssa.Store:
					if r.Addr != ssa.Value(slot) || !handled(r.Val) {
						return false
					}
				case *ssa.UnOp, *ssa.DebugRef:
				default:
					return false
				}
			}
			return true
		}
		return reported(v)
	}
	for _, b := range fn.Blocks {
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && !handled(ret.Results[idx]) {
			return false
		}
	}
	return true
}

// funcDecl returns the declaration, with a body, of fn when it is
// declared in the package under analysis, or nil.
func funcDecl(pass *analysis.Pass, fn *types.Func) *ast.FuncDecl {
	if fn.Pkg() != pass.Pkg {
		return nil
	}
	fn = fn.Origin()
	file := analysisutil.FileOf(pass, fn.Pos())
	if file == nil {
		return nil
	}
	for _, d := range file.Decls {
		if d, ok := d.(*ast.FuncDecl); ok && d.Body != nil && pass.TypesInfo.Defs[d.Name] == fn {
			return d
		}
	}
	return nil
}

// deferReadsResult reports whether the function with type ft and body
// body names its error result and a deferred call in body (not in the
// literals nested in it) observes that result after the function
// returns: a deferred function literal refers to it, or the deferred
// call is handed its address. Such a function handles its own failure,
// typically by logging it, so a caller that discards the result loses
// nothing. An argument of the deferred call that names the result
// directly does not count: it is evaluated when the defer statement runs,
// before any return.
func deferReadsResult(info *types.Info, ft *ast.FuncType, body *ast.BlockStmt) bool {
	if ft.Results == nil || body == nil {
		return false
	}
	results := make(map[types.Object]bool)
	for _, field := range ft.Results.List {
		for _, name := range field.Names {
			if obj := info.Defs[name]; obj != nil && apis.IsError(obj.Type()) {
				results[obj] = true
			}
		}
	}
	if len(results) == 0 {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // another function: its defers are its own
		case *ast.DeferStmt:
			if observesResult(info, n.Call, results) {
				found = true
			}
			return false
		}
		return !found
	})
	return found
}

// observesResult reports whether the deferred call sees one of results
// as it is after the return: a function literal in call refers to it, or
// its address is taken in call.
func observesResult(info *types.Info, call *ast.CallExpr, results map[types.Object]bool) bool {
	found := false
	var visit func(n ast.Node, inLit bool) bool
	visit = func(n ast.Node, inLit bool) bool {
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				if !inLit {
					visit(n.Body, true)
					return false
				}
			case *ast.UnaryExpr:
				if id, ok := apis.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && results[info.Uses[id]] {
					found = true
				}
			case *ast.Ident:
				if inLit && results[info.Uses[n]] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	return visit(call, false)
}
