package unreaderr

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
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

// detached enables the report of go f(args) that nobody waits for,
// outside _test.go files. It is off by default: on the development
// corpus every such finding was true but of no consequence or
// deliberate (see doc.go).
var detached bool

func init() {
	Analyzer.Flags.BoolVar(&detached, "detached", false,
		"also report go f(args) outside _test.go files whose error result is dropped although nobody waits for the goroutine (go srv.Serve(l), go s.run())")
}

// Diagnostic categories, one per kind of finding.
const (
	catGoStmt   = "gostmt"   // go f() where f returns an error
	catDetached = "detached" // go f() where f returns an error, nobody waits for the goroutine
	catDropped  = "dropped"  // a bare error-returning call inside a joined goroutine
	catChannel  = "channel"  // an error channel nobody receives from
	catSlice    = "slice"    // a slice or map of errors nobody reads
	catVariable = "variable" // an error variable nobody reads after the goroutines start

	catDiscarded = "discarded" // an error channel whose receives throw the errors away
	catLenDrain  = "lendrain"  // a len(ch) > 0 drain of an unbuffered error channel
	catNilChan   = "nilchan"   // a send or receive on an error channel that is never made
)

func run(pass *analysis.Pass) (any, error) {
	fo := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
	if fo.Empty() {
		return nil, nil // no go statement and no WaitGroup or errgroup call
	}
	insp := fo.Inspector()
	rep := summary.NewReports(pass.Pkg, pass.TypesInfo, pass.Files)
	model := fo.Channels()

	for cur := range insp.Root().Preorder((*ast.GoStmt)(nil), (*ast.CallExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.GoStmt:
			checkGoStmt(pass, fo, model, rep, cur, n)
			if lit, ok := apis.Unparen(n.Call.Fun).(*ast.FuncLit); ok && len(n.Call.Args) == 0 &&
				callsDone(pass, lit) && spawnerCounts(pass, cur) && !doneOnlyOnBarriers(fo, lit) {
				checkDropped(pass, rep, lit)
			}
		case *ast.CallExpr:
			if apis.Callee(pass.TypesInfo, n) == apis.WaitGroupGo && len(n.Args) == 1 && spawnerCounts(pass, cur) {
				if lit, ok := apis.Unparen(n.Args[0]).(*ast.FuncLit); ok {
					checkDropped(pass, rep, lit)
				}
			}
		}
	}

	checkFlow(pass, fo, model, rep)
	checkNilChans(pass, fo)
	return nil, nil
}

// checkGoStmt reports go statements whose function returns an error that
// the go statement throws away, when the goroutine is fan-out work: a
// function literal declared to return an error (its author wrote the
// returns that go nowhere), or a call joined by its spawner, which hands
// it a *sync.WaitGroup or receives the values it sends on a channel
// (joinedByChannel), when the spawner returns an error or lies outside a
// test file (spawnerCounts): it waits for the goroutine, but the go
// statement drops its failure.
//
// Conservative: a go statement with no join, such as go srv.Serve(lis)
// or an accept loop's go s.handle(conn), is fire-and-forget by design,
// and whether its error matters cannot be told from the code; it is
// reported only with -unreaderr.detached (checkDetached).
func checkGoStmt(pass *analysis.Pass, fo *fanout.Result, model *chanmodel.Model, rep *summary.Reports, cur inspector.Cursor, stmt *ast.GoStmt) {
	call := stmt.Call
	sig, ok := pass.TypesInfo.TypeOf(call.Fun).Underlying().(*types.Signature)
	if !ok || apis.ErrorResult(sig) < 0 {
		return
	}
	if apis.Callee(pass.TypesInfo, call).Is(apis.ErrgroupWait) {
		return // errgroupwait reports go g.Wait()
	}
	if lit, ok := apis.Unparen(call.Fun).(*ast.FuncLit); ok {
		if rep.Lit(lit) {
			return // every error it returns is nil or already reported
		}
		pass.Report(analysis.Diagnostic{
			Pos:      stmt.Pos(),
			End:      lit.Type.End(),
			Category: analysisutil.CategoryAt(pass, stmt.Pos(), catGoStmt),
			Message:  "go statement discards the error returned by the function literal: the goroutine's failure is lost",
		})
		return
	}
	if !passesWaitGroup(pass, call) {
		if g := ssaGo(fo, cur, stmt); g != nil && joinedByChannel(model, g) && spawnerCounts(pass, cur) {
			if !rep.Func(apis.CalleeFunc(pass.TypesInfo, call)) {
				pass.Report(analysis.Diagnostic{
					Pos:      stmt.Pos(),
					End:      call.End(),
					Category: analysisutil.CategoryAt(pass, stmt.Pos(), catGoStmt),
					Message: fmt.Sprintf("go statement discards the error returned by %s: the goroutine's results are received from a channel but its failure is lost",
						calleeName(pass, call)),
				})
			}
			return
		}
		checkDetached(pass, rep, stmt)
		return
	}
	if !spawnerCounts(pass, cur) {
		return
	}
	if handsOnlyBarriers(fo, cur, stmt) {
		return // the goroutine signals its start; nobody waits for its end
	}
	if rep.Func(apis.CalleeFunc(pass.TypesInfo, call)) {
		return // every error it returns is nil or already reported
	}
	pass.Report(analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      call.End(),
		Category: analysisutil.CategoryAt(pass, stmt.Pos(), catGoStmt),
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

// spawnerCounts reports whether the function enclosing cur is one whose
// joined goroutines' dropped errors are reported: any function outside a
// _test.go file, and in a _test.go file one with an error result
// (returnsError). A test, benchmark or stress test with no error result
// runs its goroutines for their effects, and on the corpus that is where
// the findings of spawners with no error result were (63 in test files
// against 1 elsewhere; see doc.go).
func spawnerCounts(pass *analysis.Pass, cur inspector.Cursor) bool {
	return !analysisutil.InTestFile(pass, cur.Node().Pos()) || returnsError(pass, cur)
}

// checkDetached reports, with -unreaderr.detached, a go statement
// outside a _test.go file that starts a function returning an error and
// hands it no WaitGroup: nobody waits for the goroutine, and its error,
// such as a server's failure to serve, is dropped.
//
// Conservative: the functions whose errors Go code conventionally leaves
// unchecked (Close: best-effort release) and the package's functions
// that report every error they return are not reported.
func checkDetached(pass *analysis.Pass, rep *summary.Reports, stmt *ast.GoStmt) {
	if !detached || analysisutil.InTestFile(pass, stmt.Pos()) {
		return
	}
	call := stmt.Call
	fn := calleeObj(pass, call)
	if fn != nil && (apis.ConventionallyUnchecked(fn) || rep.Func(fn)) {
		return
	}
	pass.Report(analysis.Diagnostic{
		Pos:      stmt.Pos(),
		End:      call.End(),
		Category: catDetached,
		Message: fmt.Sprintf("go statement discards the error returned by %s and nothing waits for the goroutine: its failure is never known",
			calleeName(pass, call)),
	})
}

// calleeObj returns the function or method a call names: its static
// callee, or the interface method it invokes, or nil for a function
// value.
func calleeObj(pass *analysis.Pass, call *ast.CallExpr) *types.Func {
	if fn := apis.CalleeFunc(pass.TypesInfo, call); fn != nil {
		return fn
	}
	if sel, ok := apis.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := pass.TypesInfo.Selections[sel]; ok {
			fn, _ := s.Obj().(*types.Func)
			return fn
		}
	}
	return nil
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
// functions that report every error they return (summary.Reports).
// Goroutines nobody waits for are fire-and-forget (best-effort cleanup,
// servers) and are not examined.
// Nested literals are other goroutines or callbacks and are left alone.
func checkDropped(pass *analysis.Pass, rep *summary.Reports, lit *ast.FuncLit) {
	for call, fn := range analysisutil.DroppedErrorCalls(pass.TypesInfo, rep, lit.Body) {
		pass.Report(analysis.Diagnostic{
			Pos:      call.Pos(),
			End:      call.End(),
			Category: analysisutil.CategoryAt(pass, call.Pos(), catDropped),
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
