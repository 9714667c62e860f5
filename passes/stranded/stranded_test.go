package stranded_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/stranded"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "a", "groups", "review", "barrier", "testhelpers", "correlated", "joined", "protocol", "harmless", "futures", "crossfunc", "unreceivable", "stop", "fields", "precision", "joinwait", "loopcarried", "gohelper", "initflags", "deferjoin", "sinks", "review16")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), stranded.Analyzer, "fix", "stopfix", "futurefix")
}

// TestCategories checks that reports on goroutines that give nothing
// back carry the note category, and the others their own.
func TestCategories(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "harmless")
	notes, others := 0, 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			cleanup := strings.Contains(d.Message, "give nothing back")
			switch {
			case cleanup && d.Category == "note/cleanup":
				notes++
			case !cleanup && (d.Category == "return" || d.Category == "collector" || d.Category == "never-waited"):
				others++
			default:
				t.Errorf("%s: category %q for %q", r.Pass.Fset.Position(d.Pos), d.Category, d.Message)
			}
		}
	}
	if notes != 1 || others != 2 {
		t.Errorf("got %d note and %d other diagnostics, want 1 and 2", notes, others)
	}
}

// TestFacts checks that, with -facts, futures of another package are
// followed through their facts; without it, the front end declares no
// fact type, which keeps the standalone driver from analysing every
// dependency.
func TestFacts(t *testing.T) {
	if len(fanout.Analyzer.FactTypes) != 0 {
		t.Fatalf("fact types declared by default: %v", fanout.Analyzer.FactTypes)
	}
	if err := stranded.Analyzer.Flags.Set("facts", "true"); err != nil {
		t.Fatal(err)
	}
	defer stranded.Analyzer.Flags.Set("facts", "false")
	if len(fanout.Analyzer.FactTypes) != 1 {
		t.Fatalf("-facts declared %d fact types, want 1", len(fanout.Analyzer.FactTypes))
	}
	analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "futurefacts/use", "review16facts/use")
}
