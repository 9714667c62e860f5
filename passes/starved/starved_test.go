package starved_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/starved"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), starved.Analyzer, "unclosed", "daemon", "ticker", "groups", "cancel", "single", "watcher", "watchpaths", "fieldrecv")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), starved.Analyzer, "fix")
}
