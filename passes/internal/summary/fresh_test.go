package summary_test

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// fresh reports the functions whose first result summary.Fresh holds to
// be a value they make themselves.
var fresh = &analysis.Analyzer{
	Name: "fresh",
	Doc:  "report what summary.Fresh.Returns says of each function's first result",
	Run: func(pass *analysis.Pass) (any, error) {
		s := summary.NewFresh(pass.Pkg, pass.TypesInfo, pass.Files)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && s.Returns(fn, 0) {
						pass.Reportf(fd.Name.Pos(), "fresh")
					}
				}
			}
		}
		return nil, nil
	},
}

func TestFresh(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), fresh, "fresh")
}
