package ignoredirective_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
)

// panicking returns an analyzer that panics on every package with a
// runtime error, the kind of bug a check's flow code can have.
func panicking(name string, requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      name + ": panic",
		Requires: requires,
		Run: func(pass *analysis.Pass) (any, error) {
			var files []int
			return files[len(pass.Pkg.Path())], nil
		},
	}
}

// errorOf runs a on the testdata package pkg and returns the error of its
// action there.
func errorOf(t *testing.T, a *analysis.Analyzer, pkg string) error {
	t.Helper()
	results := analysistest.Run(fakeT{t}, analysistest.TestData(), a, pkg)
	if len(results) != 1 {
		t.Fatalf("%d results, want 1", len(results))
	}
	return results[0].Err
}

// TestPanicBecomesError checks that a panicking check fails on the
// package with an error naming the check, the package and the panic
// value, while a check beside it still reports its findings.
func TestPanicBecomesError(t *testing.T) {
	toy := toyCheck("toy", "finding")
	all := ignoredirective.Wrap([]*analysis.Analyzer{panicking("boom"), toy}, []string{"boom", "toy", "other"})
	err := errorOf(t, all[0], "suppress")
	want := regexp.MustCompile(`^internal error in boom analysing suppress: runtime error: index out of range \[8\] with length 0; please report it \(FANOUTLINT_DEBUG=1 prints the stack\)$`)
	if err == nil || !want.MatchString(err.Error()) {
		t.Errorf("error = %v, want a match for %s", err, want)
	}
	results := analysistest.Run(t, analysistest.TestData(), all[1], "suppress")
	if len(results) != 1 || results[0].Err != nil || len(results[0].Diagnostics) == 0 {
		t.Errorf("the check beside the panicking one: %+v, want findings and no error", results)
	}
}

// TestPanicStack checks that FANOUTLINT_DEBUG=1 adds the stack of the
// panic, which starts in the analyzer's Run.
func TestPanicStack(t *testing.T) {
	t.Setenv(ignoredirective.DebugEnv, "1")
	all := ignoredirective.Wrap([]*analysis.Analyzer{panicking("boom")}, nil)
	err := errorOf(t, all[0], "suppress")
	if err == nil || !strings.Contains(err.Error(), "goroutine ") || !strings.Contains(err.Error(), "recover_test.go") {
		t.Errorf("error = %v, want the stack of the panic", err)
	}
}

// TestPanicInRequired checks that an analyzer a check requires is guarded
// too: its panic fails the package for the check instead of the process.
func TestPanicInRequired(t *testing.T) {
	pre := panicking("prereq")
	pre.ResultType = nil
	all := ignoredirective.Wrap([]*analysis.Analyzer{toyCheck("toy", "finding"), panicking("user", pre)}, nil)
	err := errorOf(t, all[1], "suppress")
	if err == nil || !strings.Contains(err.Error(), "prereq") {
		t.Errorf("error = %v, want a failed prerequisite prereq", err)
	}
}

// TestFanoutGuarded checks that Wrap guards the shared front end in
// place: fanout.Analyzer keeps its identity, which checks look their
// results up by, and its Run turns a panic into an error.
func TestFanoutGuarded(t *testing.T) {
	check := &analysis.Analyzer{
		Name:     "user",
		Doc:      "user: require fanout",
		Requires: []*analysis.Analyzer{fanout.Analyzer},
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}
	all := ignoredirective.Wrap([]*analysis.Analyzer{check}, nil)
	if got := all[0].Requires[0].Requires[0]; got != fanout.Analyzer {
		t.Fatalf("wrapped check runs with %v, want fanout.Analyzer itself", got)
	}
	// A pass without type information makes fanout's run panic on a
	// file that starts a goroutine.
	f, perr := parser.ParseFile(token.NewFileSet(), "p.go", "package p\n\nfunc f() { go f() }\n", 0)
	if perr != nil {
		t.Fatal(perr)
	}
	pass := &analysis.Pass{Analyzer: fanout.Analyzer, Pkg: types.NewPackage("example.com/p", "p"), Files: []*ast.File{f}, ResultOf: map[*analysis.Analyzer]any{}}
	_, err := fanout.Analyzer.Run(pass)
	if err == nil || !strings.HasPrefix(err.Error(), "internal error in fanout analysing example.com/p: ") {
		t.Errorf("fanout on a broken pass: error %v, want an internal error", err)
	}
	// A second Wrap does not guard again.
	ignoredirective.Wrap([]*analysis.Analyzer{check}, nil)
	_, err = fanout.Analyzer.Run(pass)
	if n := strings.Count(err.Error(), "internal error"); n != 1 {
		t.Errorf("after a second Wrap: %q, want one internal error", err)
	}
}

// TestPanicSparesIgnoredirective checks that a check panicking on a
// package neither fails ignoredirective there nor changes its findings.
func TestPanicSparesIgnoredirective(t *testing.T) {
	all := ignoredirective.Wrap([]*analysis.Analyzer{toyCheck("toy", "finding"), panicking("boom"), toyCheck("toy2", "never")}, []string{"toy", "toy2", "other"})
	results := analysistest.Run(t, analysistest.TestData(), all[len(all)-1], "directives")
	if len(results) != 1 || results[0].Err != nil {
		t.Errorf("ignoredirective beside a panicking check: %+v, want no error", results)
	}
}

// TestOffByDefault checks that a check with an enable flag runs through
// Wrap only when the flag is set, and that while it is off its
// directives are not judged unused.
func TestOffByDefault(t *testing.T) {
	toy := toyCheck("toy", "finding")
	on := toy.Flags.Bool(ignoredirective.EnableFlag, false, "run toy")
	all := ignoredirective.Wrap([]*analysis.Analyzer{toy}, []string{"toy", "other"})
	if ignoredirective.Enabled(toy) {
		t.Fatal("Enabled(toy) with the flag unset")
	}
	count := func(a *analysis.Analyzer, substr string) int {
		n := 0
		for _, r := range analysistest.Run(fakeT{t}, analysistest.TestData(), a, "suppress") {
			for _, d := range r.Diagnostics {
				if strings.Contains(d.Message, substr) {
					n++
				}
			}
		}
		return n
	}
	if n := count(all[0], "call of finding"); n != 0 {
		t.Errorf("toy off: %d findings, want none", n)
	}
	if n := count(all[1], "suppresses nothing"); n != 0 {
		t.Errorf("toy off: %d directives judged unused, want none", n)
	}
	*on = true
	if n := count(all[0], "call of finding"); n == 0 {
		t.Error("toy on: no finding")
	}
}
