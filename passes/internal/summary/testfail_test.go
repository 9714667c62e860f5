package summary_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// testFail reports, at each call of a function of the package, whether
// TestFail says it stops or fails the test.
var testFail = &analysis.Analyzer{
	Name: "testfail",
	Doc:  "report what summary.TestFail says of each same-package call",
	Run: func(pass *analysis.Pass) (any, error) {
		s := summary.NewTestFail(pass.Pkg, pass.Files, pass.TypesInfo)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
				if fn == nil || fn.Pkg() != pass.Pkg {
					return true
				}
				switch {
				case s.Stops(fn):
					pass.Reportf(call.Pos(), "stops")
				case s.Fails(fn):
					pass.Reportf(call.Pos(), "fails")
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestTestFail(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), testFail, "testfail")
}

// exitsOnError reports the functions of package main that
// summary.TestFail.ExitsOnError holds to end the process on error.
var exitsOnError = &analysis.Analyzer{
	Name: "exitsonerror",
	Doc:  "report what summary.TestFail.ExitsOnError says of each function",
	Run: func(pass *analysis.Pass) (any, error) {
		s := summary.NewTestFail(pass.Pkg, pass.Files, pass.TypesInfo)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && s.ExitsOnError(fn) {
						pass.Reportf(fd.Name.Pos(), "exits on error")
					}
				}
			}
		}
		return nil, nil
	},
}

func TestExitsOnError(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), exitsOnError, "exits")
}
