package fanout_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
)

// probe reports each candidate and whether its SSA has a body, each
// non-candidate that wrongly got a body, and for every closure started in
// a loop whether it captures a per-iteration loop variable.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "report fanout's candidates",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
		cand := map[*ast.FuncDecl]bool{}
		for _, d := range res.Funcs {
			cand[d] = true
			fn := res.Func(d)
			state := "not built"
			if fn != nil && fn.Blocks != nil {
				state = "built"
			}
			pass.Reportf(d.Pos(), "candidate %s %s", d.Name.Name, state)
		}
		for _, fn := range res.Functions() {
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					mc, ok := instr.(*ssa.MakeClosure)
					if !ok {
						continue
					}
					// A per-iteration variable is a phi over the fresh
					// allocations of each iteration; a Go 1.21 loop
					// variable is one allocation in the entry block.
					for _, bv := range mc.Bindings {
						switch bv := bv.(type) {
						case *ssa.Phi:
							if bv.Comment == "i" {
								pass.Reportf(mc.Fn.Pos(), "closure captures a per-iteration i")
							}
						case *ssa.Alloc:
							if bv.Comment == "i" {
								pass.Reportf(mc.Fn.Pos(), "closure captures a shared i")
							}
						}
					}
				}
			}
			if fn.Blocks != nil {
				if d, ok := fn.Syntax().(*ast.FuncDecl); ok && !cand[d] {
					pass.Reportf(d.Pos(), "non-candidate %s built", d.Name.Name)
				}
			}
		}
		// Non-candidates are in the program, as external functions.
		if m, ok := res.Func(res.Funcs[0]).Pkg.Members["plain"].(*ssa.Function); !ok || m.Blocks != nil {
			t := "missing"
			if ok {
				t = "built"
			}
			pass.Reportf(res.Funcs[0].Pos(), "plain is %s", t)
		}
		return nil, nil
	},
}

func TestCandidates(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "p")
}
