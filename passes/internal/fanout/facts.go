package fanout

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/chanmodel"
)

// SetFacts turns the cross-package channel summaries on or off. On, the
// front end exports, for each function of the package that is a future
// (chanmodel.Future) with a known number of sends, a
// chanmodel.FutureFact, and reads the facts of the other packages'
// functions that the package calls, so that the channel model answers
// for them too.
//
// Off by default: a fact type makes the standalone driver and
// golangci-lint load and analyse every dependency from source, far over
// the suite's cost budget (see chanmodel's doc). Under go vet, which
// runs the tool on every dependency anyway, the cost is small. It must
// be called before the driver starts (the stranded check's -facts flag
// calls it while flags are parsed, and the fanoutlint command turns that
// flag on for go vet).
func SetFacts(on bool) {
	if on {
		Analyzer.FactTypes = []analysis.Fact{new(chanmodel.FutureFact)}
	} else {
		Analyzer.FactTypes = nil
	}
}

// Facts reports whether the cross-package summaries are on (SetFacts).
func Facts() bool { return len(Analyzer.FactTypes) > 0 }

// importFuture reads the future fact of the function of another package
// that fun, the callee expression of a call, names directly, if it has
// one, and reports whether it does.
func (r *Result) importFuture(fun ast.Expr) bool {
	pass := r.pass
	fn := namedFunc(pass.TypesInfo, fun)
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || !hasChan(fn.Signature().Results()) {
		return false
	}
	fn = fn.Origin()
	if _, ok := r.imported[fn]; ok {
		return true
	}
	ff := new(chanmodel.FutureFact)
	if !pass.ImportObjectFact(fn, ff) {
		return false
	}
	if r.imported == nil {
		r.imported = make(map[*types.Func]*chanmodel.FutureFact)
	}
	r.imported[fn] = ff
	return true
}

// exportFutures exports a FutureFact for every candidate function or
// method of the package that is a future. A summary that panics is not
// exported: the facts are an addition, and a failure here must not cost
// the package its checks.
func (r *Result) exportFutures() {
	pass := r.pass
	for _, d := range r.Funcs {
		obj, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok || d.Body == nil || !hasChan(obj.Signature().Results()) || !startsGoroutine(d) {
			continue
		}
		func() {
			defer func() { _ = recover() }()
			if ff := r.Channels().Future(r.Func(d)).Fact(pass.Fset); ff != nil {
				pass.ExportObjectFact(obj, ff)
			}
		}()
	}
}

// namedFunc returns the function or method that fun, the callee
// expression of a call, names directly, or nil.
func namedFunc(info *types.Info, fun ast.Expr) *types.Func {
	var id *ast.Ident
	switch e := apis.Unparen(fun).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		id = e.Sel
	case *ast.IndexExpr:
		return namedFunc(info, e.X)
	case *ast.IndexListExpr:
		return namedFunc(info, e.X)
	default:
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}
