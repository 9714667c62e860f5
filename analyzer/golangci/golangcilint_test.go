package golangci_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// golangciVersion is the golangci-lint release the plugin is tested with.
const golangciVersion = "v2.15.0"

// TestGolangciLint builds golangci-lint with the plugin, the way
// "golangci-lint custom" does but from the module cache instead of a git
// clone, and runs it on testdata/golangci. The cold build takes minutes,
// so it runs only when FANOUTLINT_GOLANGCI=1 (CI sets it). The binary is
// kept in the temporary directory under a key made of the golangci-lint
// version and the content of this module, so reruns on unchanged code
// skip the build.
func TestGolangciLint(t *testing.T) {
	if os.Getenv("FANOUTLINT_GOLANGCI") != "1" {
		t.Skip("FANOUTLINT_GOLANGCI is not 1: skipping the golangci-lint build")
	}
	bin := buildGolangciLint(t)
	module, err := filepath.Abs(filepath.Join("..", "..", "testdata", "golangci"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("fanout", "fanout.go")

	// The findings: fanout.go lines 19 and 27, and the stale directive at
	// 50; not line 34 (//nolint:fanoutlint) nor 42 (//fanoutlint:ignore).
	got := lint(t, bin, module, "--config=.golangci.yml")
	want := []string{
		"fanout/fanout.go:19:2: errgroupwait: errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
		"fanout/fanout.go:27:5: errgroupwait: errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group",
		"fanout/fanout.go:50:2: ignoredirective: //fanoutlint:ignore errgroupwait suppresses nothing: no errgroupwait finding on this line or the next",
	}
	if !slices.Equal(got.issues, want) {
		t.Errorf("golangci-lint run: issues\n%s\nwant\n%s\n%s", strings.Join(got.issues, "\n"), strings.Join(want, "\n"), got.stderr)
	}
	if got.code != 1 {
		t.Errorf("golangci-lint run with issues: exit %d, want 1\n%s", got.code, got.stderr)
	}

	// Line 34 is silent only because of //nolint: fanoutlint itself
	// reports it.
	fl := filepath.Join(t.TempDir(), "fanoutlint")
	build := exec.Command("go", "build", "-o", fl, "github.com/fanoutlint/fanoutlint/cmd/fanoutlint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building fanoutlint: %v\n%s", err, out)
	}
	standalone := exec.Command(fl, "./...")
	standalone.Dir = module
	standalone.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, _ := standalone.CombinedOutput()
	if !strings.Contains(string(out), "fanout.go:34:2: errgroup.Group.Wait error is discarded") {
		t.Errorf("fanoutlint does not report the //nolint line 34:\n%s", out)
	}

	// The plugin settings reach the checks' flags.
	got = lint(t, bin, module, "--config=quiet.golangci.yml")
	if !slices.Equal(got.issues, want[:2]) {
		t.Errorf("with ignoredirective.unused=false: issues\n%s\nwant\n%s\n%s", strings.Join(got.issues, "\n"), strings.Join(want[:2], "\n"), got.stderr)
	}
	got = lint(t, bin, module, "--config=bad.golangci.yml")
	if got.code == 0 || got.code == 1 || !strings.Contains(got.stderr, `errgroupwait has no settings`) {
		t.Errorf("with an unknown setting: exit %d, stderr\n%s", got.code, got.stderr)
	}

	// --fix rewrites the bare Wait; nothing else has a fix.
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(module)); err != nil {
		t.Fatal(err)
	}
	lint(t, bin, dir, "--config=.golangci.yml", "--fix")
	fixed, _ := os.ReadFile(filepath.Join(dir, file))
	golden, err := os.ReadFile(filepath.Join(module, file+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fixed, golden) {
		t.Errorf("golangci-lint run --fix wrote\n%s\nwant\n%s", fixed, golden)
	}
	got = lint(t, bin, dir, "--config=.golangci.yml")
	if len(got.issues) != 2 {
		t.Errorf("after --fix: issues\n%s", strings.Join(got.issues, "\n"))
	}
}

// lintResult is one golangci-lint run: its issues as
// "file:line:col: text", its stderr and exit code.
type lintResult struct {
	issues []string
	stderr string
	code   int
}

// lint runs golangci-lint run with JSON output in dir.
func lint(t *testing.T, bin, dir string, args ...string) lintResult {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"run", "--allow-parallel-runners", "--output.json.path=stdout", "--output.text.path=stderr", "--show-stats=false"}, append(args, "./...")...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	res := lintResult{}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatal(err)
		}
		res.code = exit.ExitCode()
	}
	res.stderr = stderr.String()
	if res.code > 1 {
		return res // a configuration or run failure: no JSON
	}
	var out struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("golangci-lint JSON output: %v\n%s\n%s", err, stdout.String(), res.stderr)
	}
	for _, is := range out.Issues {
		if is.FromLinter != "fanoutlint" {
			t.Errorf("issue from linter %q: %s", is.FromLinter, is.Text)
		}
		res.issues = append(res.issues, fmt.Sprintf("%s:%d:%d: %s", filepath.ToSlash(is.Pos.Filename), is.Pos.Line, is.Pos.Column, is.Text))
	}
	slices.Sort(res.issues)
	return res
}

// buildGolangciLint returns the path of a golangci-lint binary with the
// plugin compiled in, building it if the cache has none for this code.
func buildGolangciLint(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	key, err := contentKey(root)
	if err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(os.TempDir(), "fanoutlint-golangci-"+golangciVersion+"-"+key)
	bin := filepath.Join(cache, "golangci-lint")
	if _, err := os.Stat(bin); err == nil {
		t.Logf("using cached %s", bin)
		return bin
	}

	// go runs with the test's environment (its proxy, if any, may fill
	// the module cache), minus workspace and flag settings of ours.
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	gocmd := func(dir string, env []string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.Output()
		if err != nil {
			var stderr []byte
			if exit, ok := err.(*exec.ExitError); ok {
				stderr = exit.Stderr
			}
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr)
		}
		return out
	}

	var mod struct{ Dir string }
	if err := json.Unmarshal(gocmd(root, env, "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+golangciVersion), &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download: %v %+v", err, mod)
	}
	work := filepath.Join(t.TempDir(), "golangci-lint")
	if err := os.CopyFS(work, os.DirFS(mod.Dir)); err != nil {
		t.Fatal(err)
	}
	// Module cache files are read-only; go mod tidy rewrites go.mod and
	// go.sum.
	for _, f := range []string{"go.mod", "go.sum"} {
		if err := os.Chmod(filepath.Join(work, f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	plugins := "// Code generated for the fanoutlint plugin test. DO NOT EDIT.\n\npackage main\n\nimport _ \"github.com/fanoutlint/fanoutlint/analyzer/golangci\"\n"
	if err := os.WriteFile(filepath.Join(work, "cmd", "golangci-lint", "plugins.go"), []byte(plugins), 0o644); err != nil {
		t.Fatal(err)
	}
	gocmd(work, env, "mod", "edit", "-replace", "github.com/fanoutlint/fanoutlint="+root)
	// go mod tidy also wants the test dependencies of golangci-lint's
	// dependencies: with a warm module cache it needs no network, on a
	// fresh machine it fills the cache through the configured proxy. The
	// build then runs with the network shut off.
	gocmd(work, env, "mod", "tidy")
	offline := append(env, "GOPROXY=off")
	if err := os.MkdirAll(cache, 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := bin + ".tmp"
	gocmd(work, offline, "build", "-o", tmp, "-ldflags=-X main.version="+strings.TrimPrefix(golangciVersion, "v")+"-fanoutlint", "./cmd/golangci-lint")
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// contentKey hashes the files of the module at root that go into the
// plugin: go.mod, go.sum and every non-test Go file outside testdata.
func contentKey(root string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if d.Name() == "testdata" || (strings.HasPrefix(d.Name(), ".") && rel != ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if rel != "go.mod" && rel != "go.sum" && (!strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go")) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(filepath.ToSlash(rel) + "\x00"))
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:12]), err
}
