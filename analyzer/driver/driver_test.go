package driver_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/analyzer/driver"
)

// The findings of ./found and ./ignored, relative to the module, in the
// text form of multichecker and go vet.
var wantText = sorted(
	"found/found.go:18:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
	"found/found.go:26:21: errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group",
	"ignored/ignored.go:31:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
	"ignored/ignored.go:31:11: //fanoutlint:ignore errgroupwait has no reason: say why the finding does not apply",
	"ignored/ignored.go:38:2: //fanoutlint:ignore errgroupwait suppresses nothing: no errgroupwait finding on this line or the next",
)

func sorted(s ...string) []string {
	slices.Sort(s)
	return s
}

// findingLines returns the lines of out that look like findings, with
// the module directory stripped, sorted.
func findingLines(out, dir string) []string {
	var lines []string
	for l := range strings.SplitSeq(out, "\n") {
		l = strings.TrimPrefix(l, dir+string(filepath.Separator))
		if strings.Contains(l, ".go:") && !strings.HasPrefix(l, "fanoutlint: ") {
			lines = append(lines, l)
		}
	}
	slices.Sort(lines)
	return lines
}

func TestExitCodes(t *testing.T) {
	dir := cliModule(t)
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{"./clean"}, driver.ExitClean},
		{[]string{"./found"}, driver.ExitFindings},
		{[]string{"./broken"}, driver.ExitFailure},
		{[]string{"./broken", "./found"}, driver.ExitFailure},
		{[]string{"./nosuchdir"}, driver.ExitFailure},
		{[]string{"-nosuchflag", "./clean"}, driver.ExitUsage},
		{[]string{}, driver.ExitUsage},
		{[]string{"help", "nosuchcheck"}, driver.ExitUsage},
		{[]string{"help"}, driver.ExitClean},
		{[]string{"-json", "./found"}, driver.ExitClean},
		{[]string{"-diff", "-fix", "./found"}, driver.ExitClean},
		{[]string{"-errgroupwait=false", "./found"}, driver.ExitClean},
		{[]string{"-ignoredirective", "./found"}, driver.ExitClean},
		{[]string{"-errgroupwait", "./ignored"}, driver.ExitFindings},
		// The gate driver, chosen by -sarif or -github.
		{[]string{"-sarif=-", "./clean"}, driver.ExitClean},
		{[]string{"-sarif=-", "./found"}, driver.ExitFindings},
		{[]string{"-sarif=-", "./broken"}, driver.ExitFailure},
		{[]string{"-sarif=-", "./broken", "./found"}, driver.ExitFailure},
		{[]string{"-sarif=-", "./nosuchdir"}, driver.ExitFailure},
		{[]string{"-sarif=" + filepath.Join(t.TempDir(), "no", "such", "dir.sarif"), "./clean"}, driver.ExitFailure},
		{[]string{"-sarif=" + filepath.Join(t.TempDir(), "no", "such", "dir.sarif"), "./found"}, driver.ExitFailure},
		{[]string{"-sarif=-", "-nosuchflag", "./clean"}, driver.ExitUsage},
		{[]string{"-sarif=-"}, driver.ExitUsage},
		{[]string{"-sarif=-", "-github", "./clean"}, driver.ExitUsage},
		{[]string{"-github", "-errgroupwait=false", "./found"}, driver.ExitClean},
		{[]string{"-github", "-errgroupwait", "./ignored"}, driver.ExitFindings},
		{[]string{"-github", "-ignoredirective", "./ignored"}, driver.ExitFindings},
		{[]string{"-github", "-ignoredirective", "./found"}, driver.ExitClean},
	} {
		if got := run(t, dir, nil, tc.args...); got.code != tc.want {
			t.Errorf("fanoutlint %s: exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tc.args, " "), got.code, tc.want, got.stdout, got.stderr)
		}
	}
}

// TestText checks the findings, suppression included, in every mode that
// prints text: multichecker, the gate driver and go vet -vettool.
func TestText(t *testing.T) {
	dir := cliModule(t)
	for _, args := range [][]string{
		{"./found", "./ignored", "./clean"},
		{"-github=false", "-sarif=" + filepath.Join(t.TempDir(), "out.sarif"), "./found", "./ignored", "./clean"},
		{"go", "vet", "-vettool=" + bin, "./found", "./ignored", "./clean"},
	} {
		got := run(t, dir, nil, args...)
		if lines := findingLines(got.stderr, dir); !slices.Equal(lines, wantText) {
			t.Errorf("%s: findings\n%s\nwant\n%s", strings.Join(args, " "), strings.Join(lines, "\n"), strings.Join(wantText, "\n"))
		}
		if got.stdout != "" {
			t.Errorf("%s: unexpected stdout %q", strings.Join(args, " "), got.stdout)
		}
	}
}

// TestPerCheckFlags checks that -<check>=false drops that check's
// findings in every driver.
func TestPerCheckFlags(t *testing.T) {
	dir := cliModule(t)
	for _, args := range [][]string{
		{"-errgroupwait=false", "./found", "./ignored"},
		{"-errgroupwait=false", "-github", "./found", "./ignored"},
		{"go", "vet", "-vettool=" + bin, "-errgroupwait=false", "./found", "./ignored"},
	} {
		got := run(t, dir, nil, args...)
		var want []string
		for _, l := range wantText {
			if strings.Contains(l, "fanoutlint:ignore") {
				want = append(want, l)
			}
		}
		if lines := findingLines(got.stderr, dir); !slices.Equal(lines, want) {
			t.Errorf("%s: findings\n%s\nwant\n%s", strings.Join(args, " "), strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestFix(t *testing.T) {
	dir := copyModule(t)
	file := filepath.Join(dir, "found", "found.go")
	orig, _ := os.ReadFile(file)
	golden, err := os.ReadFile(file + ".golden")
	if err != nil {
		t.Fatal(err)
	}

	got := run(t, dir, nil, "-fix", "-diff", "./found")
	if now, _ := os.ReadFile(file); string(now) != string(orig) {
		t.Errorf("-fix -diff changed %s", file)
	}
	if !strings.Contains(got.stdout, "+\tif err := g.Wait(); err != nil {") {
		t.Errorf("-fix -diff printed no diff of the fix:\n%s%s", got.stdout, got.stderr)
	}

	run(t, dir, nil, "-fix", "./found")
	if now, _ := os.ReadFile(file); string(now) != string(golden) {
		t.Errorf("-fix wrote\n%s\nwant\n%s", now, golden)
	}
	// Only the finding without a fix remains.
	if got := run(t, dir, nil, "./found"); got.code != driver.ExitFindings || len(findingLines(got.stderr, dir)) != 1 {
		t.Errorf("after -fix: exit %d, findings:\n%s", got.code, got.stderr)
	}
}

func TestJSON(t *testing.T) {
	dir := cliModule(t)
	got := run(t, dir, nil, "-json", "./found")
	var out map[string]map[string][]struct {
		Posn, Message string
	}
	if err := json.Unmarshal([]byte(got.stdout), &out); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, got.stdout)
	}
	if n := len(out["example.com/cli/found"]["errgroupwait"]); n != 2 {
		t.Errorf("-json: %d errgroupwait findings in example.com/cli/found, want 2:\n%s", n, got.stdout)
	}

	// The gate prints the same JSON, with its exit code.
	gate := run(t, dir, nil, "-json", "-sarif="+filepath.Join(t.TempDir(), "out.sarif"), "./found")
	if gate.stdout != got.stdout || gate.code != driver.ExitFindings {
		t.Errorf("-json -sarif: exit %d, JSON\n%s\nwant 3 and multichecker's\n%s", gate.code, gate.stdout, got.stdout)
	}
}

func TestGitHubAnnotations(t *testing.T) {
	dir := cliModule(t)
	want := []string{
		"::error file=testdata/cli/found/found.go,line=18,endLine=18,col=2,endColumn=10,title=fanoutlint errgroupwait::errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
		// Columns count UTF-16 units: the line holds "日本語" before the call.
		"::error file=testdata/cli/found/found.go,line=26,endLine=26,col=15,endColumn=23,title=fanoutlint errgroupwait::errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group",
		"::error file=testdata/cli/ignored/ignored.go,line=31,endLine=31,col=2,endColumn=10,title=fanoutlint errgroupwait::errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
		"::error file=testdata/cli/ignored/ignored.go,line=31,endLine=31,col=11,endColumn=43,title=fanoutlint ignoredirective:://fanoutlint:ignore errgroupwait has no reason: say why the finding does not apply",
		"::error file=testdata/cli/ignored/ignored.go,line=38,endLine=38,col=2,endColumn=63,title=fanoutlint ignoredirective:://fanoutlint:ignore errgroupwait suppresses nothing: no errgroupwait finding on this line or the next",
	}
	for _, tc := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"-github", "./found", "./ignored"}},
		{[]string{"GITHUB_ACTIONS=true"}, []string{"./found", "./ignored"}},
	} {
		got := run(t, dir, tc.env, tc.args...)
		lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
		if !slices.Equal(lines, want) {
			t.Errorf("%v fanoutlint %s: annotations\n%s\nwant\n%s", tc.env, strings.Join(tc.args, " "), got.stdout, strings.Join(want, "\n"))
		}
		if got.code != driver.ExitFindings || len(findingLines(got.stderr, dir)) != len(want) {
			t.Errorf("%v fanoutlint %s: exit %d, text findings:\n%s", tc.env, strings.Join(tc.args, " "), got.code, got.stderr)
		}
	}

	// In Actions, -json and -github=false keep their plain behaviour.
	got := run(t, dir, []string{"GITHUB_ACTIONS=true"}, "-json", "./found")
	if strings.Contains(got.stdout, "::error") || !json.Valid([]byte(got.stdout)) {
		t.Errorf("GITHUB_ACTIONS=true -json: got\n%s", got.stdout)
	}
	got = run(t, dir, []string{"GITHUB_ACTIONS=true"}, "-sarif=-", "./found")
	if strings.Contains(got.stdout, "::error") || !json.Valid([]byte(got.stdout)) || got.code != driver.ExitFindings {
		t.Errorf("GITHUB_ACTIONS=true -sarif=-: exit %d, stdout\n%s", got.code, got.stdout)
	}
	got = run(t, dir, []string{"GITHUB_ACTIONS=true"}, "-github=false", "./found")
	if got.stdout != "" || got.code != driver.ExitFindings {
		t.Errorf("GITHUB_ACTIONS=true -github=false: exit %d, stdout\n%s", got.code, got.stdout)
	}
}

func TestHelp(t *testing.T) {
	dir := cliModule(t)
	got := run(t, dir, nil, "help")
	for _, a := range analyzer.Analyzers() {
		if !strings.Contains(got.stdout, "\n  "+a.Name+" ") {
			t.Errorf("help does not list %s:\n%s", a.Name, got.stdout)
		}
	}
	for _, a := range analyzer.Analyzers() {
		got := run(t, dir, nil, "help", a.Name)
		_, body, _ := strings.Cut(a.Doc, "\n\n")
		title, _, _ := strings.Cut(a.Doc, "\n\n")
		if got.code != 0 || !strings.HasPrefix(got.stdout, title+"\n") || !strings.Contains(got.stdout, strings.TrimSpace(body)) {
			t.Errorf("help %s: exit %d, does not print the doc:\n%s", a.Name, got.code, got.stdout)
		}
		if a.URL == "" || !strings.Contains(got.stdout, "Documentation: "+a.URL+"\n") {
			t.Errorf("help %s: no documentation URL (Analyzer.URL %q)", a.Name, a.URL)
		}
	}
	got = run(t, dir, nil, "help", "ignoredirective")
	if !strings.Contains(got.stdout, "-ignoredirective.unused=true") {
		t.Errorf("help ignoredirective does not show its flag:\n%s", got.stdout)
	}
}
