package unreaderr_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/fanoutlint/fanoutlint/passes/unreaderr"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), unreaderr.Analyzer, "a", "b", "review", "reviewreport", "reported", "barrier", "discard", "nilchan", "chanjoin", "chanhelper")
}

// TestRelated checks that every holder finding points, through its
// related information, at a statement inside a goroutine that produces
// an error into the holder.
func TestRelated(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), unreaderr.Analyzer, "b")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if len(d.Related) != 1 {
				t.Errorf("%s: %d related entries, want 1", r.Pass.Fset.Position(d.Pos), len(d.Related))
				continue
			}
			rel := d.Related[0]
			pos, end := r.Pass.Fset.Position(rel.Pos), r.Pass.Fset.Position(rel.End)
			src, err := os.ReadFile(pos.Filename)
			if err != nil {
				t.Fatal(err)
			}
			stmt := string(src[pos.Offset:end.Offset])
			if !strings.Contains(stmt, "<-") && !strings.Contains(stmt, "=") {
				t.Errorf("%s: related %q is not a send or an assignment", r.Pass.Fset.Position(d.Pos), stmt)
			}
			if pos.Line == r.Pass.Fset.Position(d.Pos).Line {
				t.Errorf("%s: related %q is the holder itself", r.Pass.Fset.Position(d.Pos), stmt)
			}
		}
	}
	if n != 10 {
		t.Errorf("got %d findings in b, want 10", n)
	}
}

// TestDetached runs the fire-and-forget go statement rule, which is off
// by default.
func TestDetached(t *testing.T) {
	f := unreaderr.Analyzer.Flags.Lookup("detached")
	if f == nil || f.DefValue != "false" {
		t.Fatalf("flag detached: %v, want off by default", f)
	}
	if err := unreaderr.Analyzer.Flags.Set("detached", "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = unreaderr.Analyzer.Flags.Set("detached", "false") })
	analysistest.Run(t, analysistest.TestData(), unreaderr.Analyzer, "detached")
}
