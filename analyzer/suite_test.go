package analyzer_test

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/analyzer"
)

func TestSuite(t *testing.T) {
	if err := analysis.Validate(analyzer.Suite); err != nil {
		t.Fatal(err)
	}
	all := analyzer.Analyzers()
	if err := analysis.Validate(all); err != nil {
		t.Fatal(err)
	}
	if len(all) != len(analyzer.Suite)+1 || all[len(all)-1].Name != "ignoredirective" {
		t.Fatalf("Analyzers() = %v, want Suite then ignoredirective", all)
	}
	for i, a := range analyzer.Suite {
		w := all[i]
		if w.Name != a.Name || w.Doc != a.Doc || w.URL != a.URL {
			t.Errorf("Analyzers()[%d] = %s, want the wrapped %s", i, w.Name, a.Name)
		}
	}
	for _, a := range all {
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("%s: Doc does not start with %q", a.Name, a.Name+": ")
		}
		if !strings.HasPrefix(a.URL, "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/") {
			t.Errorf("%s: URL %q does not point at its doc", a.Name, a.URL)
		}
	}
	if got := analyzer.Names(); len(got) != len(analyzer.Suite) {
		t.Errorf("Names() = %v", got)
	}
}

// TestDocs checks that every check documents itself the way drivers and
// users read it: a "name: title" first line, the WRONG/RIGHT examples and
// known limitations, and an absolute URL.
func TestDocs(t *testing.T) {
	for _, a := range analyzer.Suite {
		if !strings.HasPrefix(a.Doc, a.Name+": ") {
			t.Errorf("%s: Doc must start with %q", a.Name, a.Name+": ")
		}
		for _, section := range []string{"WRONG", "RIGHT", "# Known limitations"} {
			if !strings.Contains(a.Doc, section) {
				t.Errorf("%s: Doc lacks %q", a.Name, section)
			}
		}
		if u, err := url.Parse(a.URL); err != nil || !u.IsAbs() {
			t.Errorf("%s: URL %q is not absolute", a.Name, a.URL)
		}
	}
}
