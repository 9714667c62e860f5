package stranded_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/stranded"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "a", "groups", "review", "barrier", "testhelpers", "correlated", "joined", "protocol")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), stranded.Analyzer, "fix")
}
