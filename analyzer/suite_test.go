package analyzer_test

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/analyzer"
)

func TestValidate(t *testing.T) {
	if err := analysis.Validate(analyzer.Suite); err != nil {
		t.Fatal(err)
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
