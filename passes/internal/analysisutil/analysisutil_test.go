package analysisutil

import (
	"strings"
	"testing"
)

const sample = `// Package x is a sample.
//
// # Analyzer x
//
// x: find things
//
// It finds things.
//
// # Known limitations
//
// Many.
//
// # Analyzer y
//
// y: find others
package x
`

func TestExtractDoc(t *testing.T) {
	got, err := ExtractDoc(sample, "x")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "x: find things\n\nIt finds things.") {
		t.Errorf("doc = %q", got)
	}
	// Sub-sections belong to the analyzer; the next analyzer's does not.
	if !strings.Contains(got, "# Known limitations\n\nMany.") {
		t.Errorf("doc lost its known limitations: %q", got)
	}
	if strings.Contains(got, "find others") {
		t.Errorf("doc ran into the next analyzer: %q", got)
	}
	if got, _ := ExtractDoc(sample, "y"); got != "y: find others" {
		t.Errorf("y doc = %q", got)
	}
	if _, err := ExtractDoc(sample, "z"); err == nil {
		t.Error("missing section: want error")
	}
	if _, err := ExtractDoc("package x\n", "x"); err == nil {
		t.Error("no package comment: want error")
	}
}
