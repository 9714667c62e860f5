package fanout_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
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
		// The inspector indexes the candidates and the package
		// variables that start goroutines, nothing else.
		indexed := map[*ast.FuncDecl]bool{}
		for cur := range res.Inspector().Root().Preorder((*ast.FuncDecl)(nil), (*ast.GenDecl)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.FuncDecl:
				indexed[n] = true
				if !cand[n] {
					pass.Reportf(n.Pos(), "non-candidate %s indexed", n.Name.Name)
				}
			case *ast.GenDecl:
				name := "?"
				if vs, ok := n.Specs[0].(*ast.ValueSpec); ok {
					name = vs.Names[0].Name
				}
				pass.Reportf(n.Pos(), "%s %s indexed", n.Tok, name)
			}
		}
		for _, d := range res.Funcs {
			if !indexed[d] {
				pass.Reportf(d.Pos(), "candidate %s not indexed", d.Name.Name)
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

// releaser builds SSA, releases the result as ignoredirective does once
// every check of the package has run, and reports what is still held.
var releaser = &analysis.Analyzer{
	Name:     "releaser",
	Doc:      "release fanout's result",
	Requires: []*analysis.Analyzer{fanout.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[fanout.Analyzer].(*fanout.Result)
		first := res.Funcs[0]
		if len(res.Functions()) == 0 || res.Func(first) == nil || res.Inspector() == nil {
			pass.Reportf(first.Pos(), "nothing built")
		}
		var r analysisutil.Releaser = res
		r.Release()
		held := !res.Empty() || res.Functions() != nil || res.Func(first) != nil
		for range res.Inspector().Root().Preorder() {
			held = true
		}
		if held {
			pass.Reportf(first.Pos(), "released result still holds candidates, SSA or syntax")
		}
		return nil, nil
	},
}

func TestRelease(t *testing.T) {
	for _, r := range analysistest.Run(t, analysistest.TestData(), releaser, "release") {
		if len(r.Diagnostics) > 0 {
			t.Errorf("%s", r.Diagnostics[0].Message)
		}
	}
}
