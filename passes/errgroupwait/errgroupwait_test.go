package errgroupwait_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/errgroupwait"
	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), errgroupwait.Analyzer, "a", "reported", "fieldgroup", "harmless")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), errgroupwait.Analyzer, "fix")
}

// TestCategories checks that findings in _test.go files carry the test
// category, and the others the plain one.
func TestCategories(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), errgroupwait.Analyzer, "harmless")
	inTest, outside := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			name := r.Pass.Fset.Position(d.Pos).Filename
			want := "discarded"
			if strings.HasSuffix(name, "_test.go") {
				want = analysisutil.NotePrefix + want + analysisutil.TestSuffix
				inTest++
			} else {
				outside++
			}
			if d.Category != want {
				t.Errorf("%s: category %q, want %q", r.Pass.Fset.Position(d.Pos), d.Category, want)
			}
		}
	}
	if inTest == 0 || outside == 0 {
		t.Errorf("got %d findings in tests and %d outside, want some of each", inTest, outside)
	}
}
