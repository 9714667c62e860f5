package ctxcancel_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/ctxcancel"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "a")
}

// TestValues: contexts used only for their values are not reported;
// those that reach a cancellation observer are.
func TestValues(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "values")
}

// TestLifetime: context.Background handed to a function that starts a
// goroutine with it and returns is not reported.
func TestLifetime(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "lifetime")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxcancel.Analyzer, "fix")
}

// TestBlocking runs with -blocking, which enables case 4; package a,
// run without it above, holds the same kinds of operations and expects
// nothing from them.
func TestBlocking(t *testing.T) {
	setBlocking(t)
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "blocking")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxcancel.Analyzer, "blockfix")
}

// TestTestExit runs with -blocking: a send that blocks only once the test
// has stopped, through t.Fatal, testify's require or a helper of the
// package, is not reported.
func TestTestExit(t *testing.T) {
	setBlocking(t)
	analysistest.Run(t, analysistest.TestData(), ctxcancel.Analyzer, "testexit")
}

// setBlocking turns the blocking flag on for the duration of the test.
func setBlocking(t *testing.T) {
	t.Helper()
	if err := ctxcancel.Analyzer.Flags.Set("blocking", "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ctxcancel.Analyzer.Flags.Set("blocking", "false") })
}

// TestStages: pipeline stages given a context whose goroutine sends
// without selecting on it are reported, with the select fix where a
// return is provably right.
func TestStages(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), ctxcancel.Analyzer, "stage")
}
