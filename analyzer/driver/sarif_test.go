package driver_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer"
)

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID                                      string
					ShortDescription, FullDescription, Help struct{ Text, Markdown string }
					HelpURI                                 string
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []sarifResult
	}
}

type sarifResult struct {
	RuleID    string
	RuleIndex int
	Message   struct{ Text string }
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI, URIBaseID string }
			Region           struct {
				StartLine, StartColumn, EndLine, EndColumn int
				Snippet                                    struct{ Text string }
			}
		}
	}
	PartialFingerprints map[string]string
}

// sarif runs fanoutlint -sarif on patterns in dir and returns the log.
func sarif(t *testing.T, dir string, patterns ...string) (*sarifLog, []byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.sarif")
	got := run(t, dir, nil, append([]string{"-sarif=" + out}, patterns...)...)
	if got.code == 1 || got.code == 2 {
		t.Fatalf("fanoutlint -sarif: exit %d\n%s", got.code, got.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF does not parse: %v", err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(log.Runs))
	}
	return &log, data
}

func TestSARIF(t *testing.T) {
	dir := cliModule(t)
	log, _ := sarif(t, dir, "./found", "./ignored", "./clean")
	if log.Version != "2.1.0" || !strings.HasSuffix(log.Schema, "/sarif-schema-2.1.0.json") {
		t.Errorf("version %q, schema %q", log.Version, log.Schema)
	}
	run := log.Runs[0]
	drv := run.Tool.Driver
	if drv.Name != "fanoutlint" || drv.Version == "" || drv.InformationURI == "" {
		t.Errorf("driver = %+v", drv)
	}
	// One rule per check, with the check's doc and URL.
	all := analyzer.Analyzers()
	if len(drv.Rules) != len(all) {
		t.Fatalf("%d rules, want %d", len(drv.Rules), len(all))
	}
	for i, a := range all {
		r := drv.Rules[i]
		if r.ID != a.Name || r.HelpURI != a.URL || r.Help.Text != a.Doc || r.ShortDescription.Text == "" || r.FullDescription.Text == "" || !strings.Contains(r.Help.Markdown, "```go\n") {
			t.Errorf("rule %d = %+v, want check %s", i, r, a.Name)
		}
	}
	// URIs are relative to the repository (the work tree holding .git).
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	if base := run.OriginalURIBaseIDs["%SRCROOT%"].URI; base != "file://"+filepath.ToSlash(root)+"/" {
		t.Errorf("%%SRCROOT%% = %q, want the repository root %s", base, root)
	}
	type loc struct {
		rule, uri                  string
		line, col, endLine, endCol int
		snippet                    string
	}
	var got []loc
	for _, r := range run.Results {
		if drv.Rules[r.RuleIndex].ID != r.RuleID || len(r.Locations) != 1 || !strings.HasSuffix(r.Message.Text, ".") {
			t.Errorf("result %+v", r)
			continue
		}
		p := r.Locations[0].PhysicalLocation
		if p.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %+v: uriBaseId %q", r, p.ArtifactLocation.URIBaseID)
		}
		got = append(got, loc{r.RuleID, p.ArtifactLocation.URI, p.Region.StartLine, p.Region.StartColumn, p.Region.EndLine, p.Region.EndColumn, p.Region.Snippet.Text})
	}
	want := []loc{
		{"errgroupwait", "testdata/cli/found/found.go", 18, 2, 18, 10, "g.Wait()"},
		{"errgroupwait", "testdata/cli/found/found.go", 26, 15, 26, 23, "g.Wait()"}, // UTF-16 columns
		{"errgroupwait", "testdata/cli/ignored/ignored.go", 31, 2, 31, 10, "g.Wait()"},
		{"ignoredirective", "testdata/cli/ignored/ignored.go", 31, 11, 31, 43, "//fanoutlint:ignore errgroupwait"},
		{"ignoredirective", "testdata/cli/ignored/ignored.go", 38, 2, 38, 63, "//fanoutlint:ignore errgroupwait the error used to be dropped"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("results\n%v\nwant\n%v", got, want)
	}
}

// TestSARIFFingerprints checks that partial fingerprints survive edits
// elsewhere in the file and stay distinct between findings.
func TestSARIFFingerprints(t *testing.T) {
	dir := copyModule(t)
	before, _ := sarif(t, dir, "./found", "./ignored")

	file := filepath.Join(dir, "found", "found.go")
	src, _ := os.ReadFile(file)
	edited := strings.Replace(string(src), "func fetch(", "// An unrelated edit\n// moves every finding down.\n\nfunc fetch(", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := sarif(t, dir, "./found", "./ignored")

	prints := func(log *sarifLog) (fps []string, lines []int) {
		for _, r := range log.Runs[0].Results {
			fps = append(fps, r.PartialFingerprints["fanoutlint/v1"])
			lines = append(lines, r.Locations[0].PhysicalLocation.Region.StartLine)
		}
		return fps, lines
	}
	fp1, lines1 := prints(before)
	fp2, lines2 := prints(after)
	if len(fp1) != 5 || !slices.Equal(fp1, fp2) {
		t.Errorf("fingerprints changed with an unrelated edit:\n%v\n%v", fp1, fp2)
	}
	if lines1[0]+3 != lines2[0] {
		t.Errorf("the edit did not move the first finding: lines %v then %v", lines1, lines2)
	}
	seen := make(map[string]bool)
	for _, fp := range fp1 {
		if fp == "" || seen[fp] {
			t.Errorf("fingerprint %q empty or repeated in %v", fp, fp1)
		}
		seen[fp] = true
	}

	// Editing the finding's own line changes its fingerprint.
	edited = strings.Replace(edited, "\tg.Wait()\n\treturn nil", "\tg.Wait() // still dropped\n\treturn nil", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	third, _ := sarif(t, dir, "./found", "./ignored")
	fp3, _ := prints(third)
	if fp3[0] == fp1[0] || !slices.Equal(fp3[1:], fp1[1:]) {
		t.Errorf("editing the first finding's line: fingerprints\n%v\nthen\n%v", fp1, fp3)
	}
}

// TestSARIFMultitool validates the SARIF log with Microsoft's SARIF
// Multitool, the validator GitHub code scanning's format follows. It
// runs when FANOUTLINT_SARIF_MULTITOOL names the sarif-multitool
// command (npm package @microsoft/sarif-multitool); CI sets it.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("FANOUTLINT_SARIF_MULTITOOL")
	if tool == "" {
		t.Skip("FANOUTLINT_SARIF_MULTITOOL is not set")
	}
	validate := func(t *testing.T, data []byte) []string {
		t.Helper()
		tmp := t.TempDir()
		in, out := filepath.Join(tmp, "in.sarif"), filepath.Join(tmp, "out.sarif")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(tool, "validate", in, "-o", out)
		output, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("sarif-multitool validate: %v\n%s", err, output)
		}
		var res struct {
			Runs []struct {
				Results []struct {
					RuleID, Level string
					Message       struct{ Arguments []string }
				}
			}
		}
		report, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(report, &res); err != nil || len(res.Runs) != 1 {
			t.Fatalf("validator output does not parse: %v\n%s", err, report)
		}
		// validate reports errors and warnings only (notes need --level).
		var problems []string
		for _, r := range res.Runs[0].Results {
			problems = append(problems, r.RuleID+" "+strings.Join(r.Message.Arguments, " "))
		}
		return problems
	}

	dir := cliModule(t)
	for _, patterns := range [][]string{{"./found", "./ignored"}, {"./clean"}} {
		_, data := sarif(t, dir, patterns...)
		if problems := validate(t, data); len(problems) > 0 {
			t.Errorf("SARIF for %v has %d validation errors or warnings:\n%s", patterns, len(problems), strings.Join(problems, "\n"))
		}
	}

	// A log written under -baseline, with "unchanged" and "new" results.
	base := filepath.Join(t.TempDir(), "base.sarif")
	run(t, dir, nil, "-sarif="+base, "./found")
	if got := run(t, dir, nil, "-baseline="+base, "-sarif=-", "./found", "./ignored"); !strings.Contains(got.stdout, `"baselineState": "unchanged"`) || !strings.Contains(got.stdout, `"baselineState": "new"`) {
		t.Errorf("-baseline -sarif=- lacks baseline states:\n%s", got.stdout)
	} else if problems := validate(t, []byte(got.stdout)); len(problems) > 0 {
		t.Errorf("SARIF under -baseline has %d validation errors or warnings:\n%s", len(problems), strings.Join(problems, "\n"))
	}

	// The validator does catch what fanoutlint avoids: a rule whose name
	// repeats its id, and a pre-release schema.
	_, data := sarif(t, dir, "./found")
	bad := strings.Replace(string(data), `"id": "errgroupwait",`, `"id": "errgroupwait", "name": "errgroupwait",`, 1)
	bad = strings.Replace(bad, `"$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"`, `"$schema": "https://schemastore.azurewebsites.net/schemas/json/sarif-2.1.0-rtm.5.json"`, 1)
	if bad == string(data) {
		t.Fatal("could not spoil the SARIF log")
	}
	problems := validate(t, []byte(bad))
	var rules []string
	for _, p := range problems {
		rules = append(rules, strings.Fields(p)[0])
	}
	if !slices.Contains(rules, "SARIF1001") || !slices.Contains(rules, "SARIF1011") {
		t.Errorf("validator missed the spoilt rule name and schema: %v", problems)
	}
}
