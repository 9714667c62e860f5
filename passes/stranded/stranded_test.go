package stranded_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/internal/fanout"
	"github.com/fanoutlint/fanoutlint/passes/stranded"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "a", "groups", "review", "barrier", "testhelpers", "correlated", "joined", "protocol", "harmless", "futures", "crossfunc", "unreceivable", "fields", "precision", "joinwait", "loopcarried", "gohelper", "initflags", "deferjoin", "sinks", "review16")
}

func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), stranded.Analyzer, "fix", "futurefix")
}

// discard is an analysistest.Testing that ignores errors.
type discard struct{}

func (discard) Errorf(string, ...any) {}

// withFlag runs f with the stranded flag name set to value.
func withFlag(t *testing.T, name, value string, f func()) {
	t.Helper()
	old := stranded.Analyzer.Flags.Lookup(name).Value.String()
	if err := stranded.Analyzer.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	defer stranded.Analyzer.Flags.Set(name, old)
	f()
}

// TestStop runs the stop rule, off by default, on its testdata; and
// checks that it is off by default.
func TestStop(t *testing.T) {
	// The testdata's expectations are not met with the rule off: the
	// errors about them are dropped, the diagnostics counted.
	if n := len(analysistest.Run(discard{}, analysistest.TestData(), stranded.Analyzer, "stop")[0].Diagnostics); n != 0 {
		t.Errorf("stop rule off by default: %d diagnostics on its testdata, want 0", n)
	}
	withFlag(t, "stop", "true", func() {
		analysistest.Run(t, analysistest.TestData(), stranded.Analyzer, "stop")
		analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), stranded.Analyzer, "stopfix")
	})
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
