package unreaderr_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/unreaderr"
)

// TestNilReferrers runs the check where goroutines write constants and
// globals, values whose SSA referrer list is nil (issue 9: the check
// dereferenced it and panicked on the standard library).
func TestNilReferrers(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unreaderr.Analyzer, "rfpanic")
}
