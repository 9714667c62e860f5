package driver_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/analyzer/driver"
	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// panickyEnv, set to 1, makes the test binary run as the fanoutlint
// command with one more check, panicky, which panics on package
// example.com/cli/found.
const panickyEnv = "FANOUTLINT_TEST_PANICKY"

// panicky is a check that dereferences a nil pointer on the package
// example.com/cli/found and reports nothing elsewhere.
var panicky = &analysis.Analyzer{
	Name: "panicky",
	Doc:  "panicky: panic on example.com/cli/found",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() == "example.com/cli/found" {
			var p *analysis.Pass
			_ = p.Pkg
		}
		return nil, nil
	},
}

// panickyMain is the command's main with panicky added to the suite and
// wrapped, through ignoredirective.Wrap, exactly as the real checks are.
func panickyMain() {
	checks := append(slices.Clip(analyzer.Suite), panicky)
	driver.Main(ignoredirective.Wrap(checks, nil))
}

// selfBinary returns the path of the test binary, which runs as the
// panicky command when panickyEnv is 1.
func selfBinary(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

const wantInternal = "internal error in panicky analysing example.com/cli/found: runtime error: invalid memory address or nil pointer dereference; please report it"

// TestPanicIsolated checks, in every driver, that a check panicking on
// one package costs only that check on that package: the other checks'
// findings there and every finding elsewhere are still printed, the
// error names the check, the package and the panic, and the exit code
// is 1.
func TestPanicIsolated(t *testing.T) {
	dir := cliModule(t)
	self := selfBinary(t)
	env := []string{panickyEnv + "=1"}
	pkgs := []string{"./found", "./ignored", "./clean"}
	sarif := filepath.Join(t.TempDir(), "out.sarif")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{pkgs, driver.ExitFailure},
		{append([]string{"-github", "-sarif=" + sarif}, pkgs...), driver.ExitFailure},
		// go vet exits 1 on findings as well.
		{append([]string{"go", "vet", "-vettool=" + self}, pkgs...), 1},
	} {
		args := tc.args
		if args[0] != "go" {
			args = append([]string{self}, args...)
		}
		got := runBinary(t, dir, env, args...)
		name := strings.Join(tc.args, " ")
		if got.code != tc.code {
			t.Errorf("%s: exit code %d, want %d\nstderr:\n%s", name, got.code, tc.code, got.stderr)
		}
		// Under go vet the internal error is a finding at the package
		// clause (see internalErrorsForVet).
		lines := slices.DeleteFunc(findingLines(got.stderr, dir), func(l string) bool {
			return args[0] == "go" && strings.HasPrefix(l, "found/found.go:2:1: "+wantInternal)
		})
		if !slices.Equal(lines, wantText) {
			t.Errorf("%s: findings\n%s\nwant\n%s", name, strings.Join(lines, "\n"), strings.Join(wantText, "\n"))
		}
		if strings.Contains(got.stderr, "failed prerequisites") {
			t.Errorf("%s: another analyzer failed with the panicking one:\n%s", name, got.stderr)
		}
		if !strings.Contains(got.stderr, wantInternal) {
			t.Errorf("%s: stderr lacks %q:\n%s", name, wantInternal, got.stderr)
		}
		if regexp.MustCompile(`(?m)^goroutine \d+ \[`).MatchString(got.stderr) {
			t.Errorf("%s: stack printed without %s=1:\n%s", name, ignoredirective.DebugEnv, got.stderr)
		}
		if slices.Contains(tc.args, "-github") {
			if n := strings.Count(got.stdout, "::error file="); n != len(wantText) {
				t.Errorf("%s: %d annotations, want %d:\n%s", name, n, len(wantText), got.stdout)
			}
			if n := strings.Count(got.stdout, "::error title=fanoutlint internal error::"+wantInternal); n != 1 {
				t.Errorf("%s: %d annotations of the internal error, want 1:\n%s", name, n, got.stdout)
			}
			data, err := os.ReadFile(sarif)
			if err != nil {
				t.Fatal(err)
			}
			var log struct {
				Runs []struct {
					Results     []json.RawMessage
					Invocations []struct {
						ExecutionSuccessful        bool
						ToolExecutionNotifications []struct{ Message struct{ Text string } }
					}
				}
			}
			if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != len(wantText) {
				t.Fatalf("%s: SARIF log (%v) does not hold the %d findings:\n%s", name, err, len(wantText), data)
			}
			if inv := log.Runs[0].Invocations; len(inv) != 1 || inv[0].ExecutionSuccessful ||
				len(inv[0].ToolExecutionNotifications) != 1 || inv[0].ToolExecutionNotifications[0].Message.Text != wantInternal+" (FANOUTLINT_DEBUG=1 prints the stack)" {
				t.Errorf("%s: SARIF invocations %+v, want one unsuccessful with the internal error", name, inv)
			}
		}
	}

	// -json keeps multichecker's form: the findings, and the error under
	// the check's name.
	got := runBinary(t, dir, env, self, "-json", "./found", "./ignored")
	var out map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(got.stdout), &out); err != nil {
		t.Fatalf("-json output does not parse: %v\n%s", err, got.stdout)
	}
	if _, ok := out["example.com/cli/found"]["errgroupwait"]; !ok {
		t.Errorf("-json: no errgroupwait findings in example.com/cli/found:\n%s", got.stdout)
	}
	if _, ok := out["example.com/cli/ignored"]["ignoredirective"]; !ok {
		t.Errorf("-json: no ignoredirective findings in example.com/cli/ignored:\n%s", got.stdout)
	}
	if e := string(out["example.com/cli/found"]["ignoredirective"]); strings.Contains(e, "error") {
		t.Errorf("-json: ignoredirective on example.com/cli/found failed: %s", e)
	}
	if e := string(out["example.com/cli/found"]["panicky"]); !strings.Contains(e, wantInternal) {
		t.Errorf("-json: panicky on example.com/cli/found is %s, want the internal error", e)
	}

	// With -fix -diff multichecker prints no analysis error; the error
	// still shows on stderr, and the other checks' fixes are applied.
	got = runBinary(t, dir, env, self, "-fix", "-diff", "./found")
	if !strings.Contains(got.stderr, wantInternal) || !strings.Contains(got.stdout, "+\tif err := g.Wait(); err != nil {") {
		t.Errorf("-fix -diff: want the internal error on stderr and the fix on stdout:\n%s%s", got.stdout, got.stderr)
	}

	// FANOUTLINT_DEBUG=1 adds the stack, down to the panicking Run.
	got = runBinary(t, dir, append(env, ignoredirective.DebugEnv+"=1"), self, "./found")
	if !strings.Contains(got.stderr, wantInternal) || !strings.Contains(got.stderr, "panic_test.go") {
		t.Errorf("%s=1: no stack of the panic:\n%s", ignoredirective.DebugEnv, got.stderr)
	}
}

// runBinary is run with the program given as args[0].
func runBinary(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	saved := bin
	bin = args[0]
	defer func() { bin = saved }()
	if args[0] == "go" {
		return run(t, dir, env, args...)
	}
	return run(t, dir, env, args[1:]...)
}
