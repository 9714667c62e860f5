package driver

import (
	"bytes"
	"encoding/json"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestSARIFShapes checks the parts of the SARIF log that the suite's
// checks do not produce today: related locations, a file outside the
// repository, a finding without an end, a finding spanning lines, and a
// path that needs escaping. The log is validated too when
// FANOUTLINT_SARIF_MULTITOOL is set.
func TestSARIFShapes(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	in := filepath.Join(root, "dir with space", "a.go")
	out := filepath.Join(outside, "b.go")
	for _, f := range []string{in, out} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, []byte("package a\n\nfunc f() {\n\tgo g() // é\n}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check := &analysis.Analyzer{Name: "toy", Doc: "toy: report toys\n\nToys are reported.\n\nWRONG:\n\n\tgo g()", URL: "https://example.com/toy"}
	pos := func(file string, line, col int) token.Position {
		return token.Position{Filename: file, Line: line, Column: col, Offset: line*100 + col}
	}
	findings := []finding{
		{
			check: check, diag: analysis.Diagnostic{Message: "goroutine g leaks", Category: "leak"},
			start: pos(in, 4, 2), end: pos(in, 4, 8),
			related: []related{{start: pos(in, 3, 1), end: pos(in, 5, 2), message: "in this function"}},
		},
		{check: check, diag: analysis.Diagnostic{Message: "no end"}, start: pos(in, 4, 5), end: pos(in, 4, 5)},
		{check: check, diag: analysis.Diagnostic{Message: "outside"}, start: pos(out, 3, 1), end: pos(out, 5, 2)},
	}
	var buf bytes.Buffer
	setFingerprints(findings, root, newSources())
	if err := writeSARIF(&buf, []*analysis.Analyzer{check}, findings, nil, root, newSources()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct {
							StartLine, StartColumn, EndLine, EndColumn int
							Snippet                                    *struct{ Text string }
						}
					}
				}
				RelatedLocations []struct {
					ID      int
					Message struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	loc := func(i int) string {
		p := res[i].Locations[0].PhysicalLocation
		return p.ArtifactLocation.URI + " " + p.ArtifactLocation.URIBaseID
	}
	if got := loc(0); got != "dir%20with%20space/a.go %SRCROOT%" {
		t.Errorf("escaped relative location = %q", got)
	}
	if got, want := loc(2), "file://"+filepath.ToSlash(out)+" "; got != want {
		t.Errorf("location outside the repository = %q, want %q", got, want)
	}
	if r := res[0].RelatedLocations; len(r) != 1 || r[0].ID != 1 || r[0].Message.Text != "in this function." {
		t.Errorf("related locations = %+v", r)
	}
	if s := res[0].Locations[0].PhysicalLocation.Region.Snippet; s == nil || s.Text != "go g()" {
		t.Errorf("snippet = %+v, want go g()", s)
	}
	if r := res[1].Locations[0].PhysicalLocation.Region; r.StartColumn != r.EndColumn || r.Snippet != nil {
		t.Errorf("empty region = %+v", r)
	}
	if r := res[2].Locations[0].PhysicalLocation.Region; r.Snippet == nil || r.Snippet.Text != "func f() {\n\tgo g() // é\n}" {
		t.Errorf("multi-line region = %+v", r)
	}

	tool := os.Getenv("FANOUTLINT_SARIF_MULTITOOL")
	if tool == "" {
		return
	}
	file := filepath.Join(t.TempDir(), "shapes.sarif")
	report := file + ".validation"
	os.WriteFile(file, buf.Bytes(), 0o644)
	if out, err := exec.Command(tool, "validate", file, "-o", report).CombinedOutput(); err != nil {
		t.Fatalf("sarif-multitool: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(report)
	var v struct {
		Runs []struct {
			Results []struct {
				RuleID  string
				Message struct{ Arguments []string }
			}
		}
	}
	if err := json.Unmarshal(data, &v); err != nil || len(v.Runs) != 1 {
		t.Fatalf("validator output: %v\n%s", err, data)
	}
	for _, r := range v.Runs[0].Results {
		t.Errorf("validation: %s %s", r.RuleID, strings.Join(r.Message.Arguments, " "))
	}
}

// TestSARIFLevel checks that a finding whose category starts with
// "note/" is written at level note, and the others at level error.
func TestSARIFLevel(t *testing.T) {
	check := &analysis.Analyzer{Name: "toy", Doc: "toy: report toys", URL: "https://example.com/toy"}
	p := token.Position{Filename: filepath.Join(t.TempDir(), "a.go"), Line: 1, Column: 1}
	findings := []finding{
		{check: check, diag: analysis.Diagnostic{Message: "a", Category: "note/cleanup"}, start: p, end: p},
		{check: check, diag: analysis.Diagnostic{Message: "b", Category: "return"}, start: p, end: p},
		{check: check, diag: analysis.Diagnostic{Message: "c"}, start: p, end: p},
	}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, []*analysis.Analyzer{check}, findings, nil, "", newSources()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct{ Results []struct{ Level string } }
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		got = append(got, r.Level)
	}
	if strings.Join(got, ",") != "note,error,error" {
		t.Errorf("levels = %v, want note, error, error", got)
	}
}
