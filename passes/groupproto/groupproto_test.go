package groupproto_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/groupproto"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), groupproto.Analyzer, "loopwait", "limitgo", "selfwait", "done", "wrapper")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), groupproto.Analyzer, "fix")
}

func TestCannotCancel(t *testing.T) {
	if err := groupproto.Analyzer.Flags.Set("cancel", "true"); err != nil {
		t.Fatal(err)
	}
	defer groupproto.Analyzer.Flags.Set("cancel", "false")
	analysistest.Run(t, analysistest.TestData(), groupproto.Analyzer, "cancel")
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), groupproto.Analyzer, "cancelfix")
}
