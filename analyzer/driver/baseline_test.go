package driver_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer/driver"
)

// editFile rewrites a file of a module copy by replacing old with new,
// which must occur exactly once.
func editFile(t *testing.T, dir, name, old, new string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("%s holds %q %d times, want once", name, old, n)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// again is a second copy, in found.go, of FetchAll's mistake: the same
// check, message and line text, so only the baseline's multiplicity
// tells it from the old one.
const again = `
// Again drops the group's error, as FetchAll did before.
func Again(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "b") })
	g.Wait()
}
`

// againLine is the line of Again's g.Wait in found.go once again is
// appended to it after the shift of TestBaseline.
var againLine = regexp.MustCompile(`^found/found\.go:(\d+):2: errgroup\.Group\.Wait error is discarded`)

// TestBaseline writes a baseline of testdata/cli, then checks on a copy
// that it absorbs the old findings through a line shift, reports a new
// copy of an old mistake in every output format with exit 3, and lists
// the entries of a fixed finding as unused (exit 4 with
// -baseline-unused=error).
func TestBaseline(t *testing.T) {
	dir := copyModule(t)
	pkgs := []string{"./found", "./ignored", "./clean"}
	base := filepath.Join(dir, "base.sarif")
	if got := run(t, dir, nil, append([]string{"-sarif=" + base}, pkgs...)...); got.code != driver.ExitFindings {
		t.Fatalf("writing the baseline: exit %d\n%s", got.code, got.stderr)
	}
	args := func(extra ...string) []string {
		return append(append([]string{"-baseline=" + base}, extra...), pkgs...)
	}

	// Every finding is in the baseline.
	got := run(t, dir, nil, args()...)
	if got.code != driver.ExitClean || len(findingLines(got.stderr, dir)) != 0 {
		t.Fatalf("with its own baseline: exit %d, want 0 and no findings\n%s", got.code, got.stderr)
	}
	if !strings.Contains(got.stderr, "absorbed 5 findings; 0 entries match no finding\n") {
		t.Errorf("no summary of the baseline:\n%s", got.stderr)
	}

	// Code above the findings moves them down: they stay absorbed.
	editFile(t, dir, "found/found.go", "\nfunc fetch(", "\n// Three lines\n// more\n// here.\n\nfunc fetch(")
	editFile(t, dir, "ignored/ignored.go", "\nfunc fetch(", "\n// One more line.\nfunc fetch(")
	got = run(t, dir, nil, args()...)
	if got.code != driver.ExitClean || len(findingLines(got.stderr, dir)) != 0 {
		t.Fatalf("after a line shift: exit %d, want 0 and no findings\n%s", got.code, got.stderr)
	}
	if shifted := run(t, dir, nil, pkgs...); !slices.Contains(findingLines(shifted.stderr, dir), "found/found.go:22:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost") {
		t.Fatalf("the shift did not move the finding to line 22:\n%s", shifted.stderr)
	}

	// A second copy of an old mistake is new: one entry absorbs one
	// finding.
	f, err := os.OpenFile(filepath.Join(dir, "found", "found.go"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(again)
	f.Close()
	got = run(t, dir, nil, args()...)
	lines := findingLines(got.stderr, dir)
	if got.code != driver.ExitFindings || len(lines) != 1 || !againLine.MatchString(lines[0]) {
		t.Fatalf("with a new finding: exit %d, findings %q; want 3 and Again's finding only\n%s", got.code, lines, got.stderr)
	}
	newLine := againLine.FindStringSubmatch(lines[0])[1]
	if !strings.Contains(got.stderr, "absorbed 5 findings; 0 entries match no finding\n") {
		t.Errorf("summary:\n%s", got.stderr)
	}

	// -json prints the new finding only, and sets the gate's exit code.
	got = run(t, dir, nil, args("-json")...)
	var tree map[string]map[string][]struct{ Posn, Message string }
	if err := json.Unmarshal([]byte(got.stdout), &tree); err != nil {
		t.Fatalf("-baseline -json: %v\n%s", err, got.stdout)
	}
	var posns []string
	for _, byCheck := range tree {
		for _, diags := range byCheck {
			for _, d := range diags {
				posns = append(posns, d.Posn)
			}
		}
	}
	if got.code != driver.ExitFindings || len(posns) != 1 || !strings.HasSuffix(posns[0], "found.go:"+newLine+":2") {
		t.Errorf("-baseline -json: exit %d, findings at %q; want 3 and found.go:%s:2\n%s", got.code, posns, newLine, got.stdout)
	}

	// -github annotates the new finding only.
	got = run(t, dir, nil, args("-github")...)
	if n := strings.Count(got.stdout, "::error "); got.code != driver.ExitFindings || n != 1 || !strings.Contains(got.stdout, "found.go,line="+newLine+",") {
		t.Errorf("-baseline -github: exit %d, %d annotations; want 3 and one on line %s\n%s", got.code, n, newLine, got.stdout)
	}

	// The SARIF log keeps the absorbed findings as "unchanged".
	out := filepath.Join(t.TempDir(), "out.sarif")
	got = run(t, dir, nil, args("-sarif="+out)...)
	if got.code != driver.ExitFindings {
		t.Errorf("-baseline -sarif: exit %d, want 3\n%s", got.code, got.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				BaselineState string
				Locations     []struct {
					PhysicalLocation struct{ Region struct{ StartLine int } }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, r := range log.Runs[0].Results {
		states[r.BaselineState]++
		if r.BaselineState == "new" && newLine != strconv.Itoa(r.Locations[0].PhysicalLocation.Region.StartLine) {
			t.Errorf("the new SARIF result is on line %d, want %s", r.Locations[0].PhysicalLocation.Region.StartLine, newLine)
		}
	}
	if states["unchanged"] != 5 || states["new"] != 1 || len(states) != 2 {
		t.Errorf("SARIF baselineStates %v, want 5 unchanged and 1 new", states)
	}

	// Fixing an old finding (deleting Background) leaves its entry
	// unused; with Again gone too, nothing is reported.
	editFile(t, dir, "found/found.go", again, "")
	editFile(t, dir, "found/found.go", "\t/* 日本語 */ go g.Wait()\n", "\tif err := g.Wait(); err != nil {\n\t\tpanic(err)\n\t}\n")
	got = run(t, dir, nil, args()...)
	if got.code != driver.ExitClean || len(findingLines(got.stderr, dir)) != 0 {
		t.Errorf("after a fix: exit %d, want 0 and no findings\n%s", got.code, got.stderr)
	}
	stale := "fanoutlint: baseline entry matches no finding (fixed?): found/found.go:26:15: errgroupwait: errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group\n"
	if !strings.Contains(got.stderr, "absorbed 4 findings; 1 entry matches no finding\n") || !strings.Contains(got.stderr, stale) {
		t.Errorf("after a fix: the unused entry is not reported:\n%s", got.stderr)
	}
	got = run(t, dir, nil, args("-baseline-unused=error")...)
	if got.code != driver.ExitBaselineUnused || !strings.Contains(got.stderr, stale) {
		t.Errorf("-baseline-unused=error after a fix: exit %d, want %d\n%s", got.code, driver.ExitBaselineUnused, got.stderr)
	}

	// Entries of packages and checks not analyzed are not unused.
	got = run(t, dir, nil, "-baseline="+base, "-baseline-unused=error", "-errgroupwait", "./ignored")
	if got.code != driver.ExitClean || !strings.Contains(got.stderr, "absorbed 1 finding; 0 entries match no finding (4 more are for packages or checks not analyzed)") {
		t.Errorf("-errgroupwait ./ignored: exit %d, want 0\n%s", got.code, got.stderr)
	}
}

// TestBaselineErrors checks that a baseline that cannot be used is a tool
// failure or a usage error, before any analysis.
func TestBaselineErrors(t *testing.T) {
	dir := cliModule(t)
	tmp := t.TempDir()
	other := filepath.Join(tmp, "other.sarif")
	os.WriteFile(other, []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"golangci-lint"}},"results":[]}]}`), 0o644)
	nofp := filepath.Join(tmp, "nofp.sarif")
	os.WriteFile(nofp, []byte(`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"fanoutlint"}},"results":[{"ruleId":"errgroupwait","message":{"text":"x"}}]}]}`), 0o644)
	notjson := filepath.Join(tmp, "notjson.sarif")
	os.WriteFile(notjson, []byte("found/found.go:18:2: x\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want int
		msg  string
	}{
		{[]string{"-baseline=" + filepath.Join(tmp, "missing.sarif"), "./found"}, driver.ExitFailure, "reading the baseline"},
		{[]string{"-baseline=" + other, "./found"}, driver.ExitFailure, `holds a run of "golangci-lint"`},
		{[]string{"-baseline=" + nofp, "./found"}, driver.ExitFailure, "without a fanoutlint/v1 fingerprint"},
		{[]string{"-baseline=" + notjson, "./found"}, driver.ExitFailure, "is not a SARIF log"},
		{[]string{"-baseline=" + other, "-baseline-unused=maybe", "./found"}, driver.ExitUsage, "want warn or error"},
		{[]string{"-baseline=" + other, "-fix", "./found"}, driver.ExitUsage, "-fix"},
		{[]string{"-baseline=" + other, "-json", "-sarif=-", "./found"}, driver.ExitUsage, "both write to stdout"},
	} {
		got := run(t, dir, nil, tc.args...)
		if got.code != tc.want || !strings.Contains(got.stderr, tc.msg) {
			t.Errorf("fanoutlint %s: exit %d, want %d and %q\n%s", strings.Join(tc.args, " "), got.code, tc.want, tc.msg, got.stderr)
		}
	}
}
