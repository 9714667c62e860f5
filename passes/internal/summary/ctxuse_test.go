package summary_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/internal/apis"
	"github.com/fanoutlint/fanoutlint/passes/internal/summary"
)

// ctxuseAnalyzer reports, on every function declaration of the package
// with a context parameter, what each such parameter reaches, so that
// testdata can expect the summaries with want comments.
var ctxuseAnalyzer = &analysis.Analyzer{
	Name: "ctxuse",
	Doc:  "report the context summaries of the package's functions",
	Run: func(pass *analysis.Pass) (any, error) {
		s := summary.NewCtxUses(pass.Pkg, pass.TypesInfo, pass.Files)
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					continue
				}
				fn := pass.TypesInfo.Defs[fd.Name].(*types.Func)
				params := fn.Type().(*types.Signature).Params()
				var parts []string
				for i := range params.Len() {
					if !apis.IsContext(params.At(i).Type()) {
						continue
					}
					u := s.Param(fn, i)
					var kinds []string
					if u&summary.Observes != 0 {
						kinds = append(kinds, "observes")
					}
					if u&summary.Spawns != 0 {
						kinds = append(kinds, "spawns")
					}
					if len(kinds) == 0 {
						kinds = append(kinds, "nothing")
					}
					parts = append(parts, params.At(i).Name()+": "+strings.Join(kinds, ","))
				}
				if len(parts) > 0 {
					pass.Reportf(fd.Name.Pos(), "%s", strings.Join(parts, "; "))
				}
			}
		}
		return nil, nil
	},
}

func TestCtxUses(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxuseAnalyzer, "a")
}
