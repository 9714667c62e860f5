package summary_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// reportsAnalyzer marks every function declaration, and every function
// literal assigned to a variable, that the summary says reports every
// error it returns.
var reportsAnalyzer = &analysis.Analyzer{
	Name: "reports",
	Doc:  "mark functions that report every error they return",
	Run: func(pass *analysis.Pass) (any, error) {
		r := summary.NewReports(pass.Pkg, pass.TypesInfo, pass.Files)
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					if fn, ok := pass.TypesInfo.Defs[n.Name].(*types.Func); ok && r.Func(fn) {
						pass.Reportf(n.Name.Pos(), "reports every error it returns")
					}
				case *ast.FuncLit:
					if r.Lit(n) {
						pass.Reportf(n.Pos(), "literal reports every error it returns")
					}
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestReports(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), reportsAnalyzer, "s")
}
