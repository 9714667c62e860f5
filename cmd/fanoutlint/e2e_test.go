package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// bin is the fanoutlint binary built once for all end-to-end tests.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fanoutlint-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "fanoutlint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		panic("building fanoutlint: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("%s %v: %v", name, args, err)
	return "", -1
}

// copyModule copies a testdata module to a fresh directory, for runs that
// change files.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "..", "testdata", name))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func demoDir() string { return filepath.Join("..", "..", "testdata", "demo") }

// TestDemo checks that the bundled example shows a finding of every check
// and that findings make the exit code 3.
func TestDemo(t *testing.T) {
	out, code := run(t, demoDir(), bin, "./...")
	if code != 3 {
		t.Fatalf("exit code %d, want 3; output:\n%s", code, out)
	}
	if !strings.Contains(out, "errgroupwait.go:") || !strings.Contains(out, "errgroup.Group.Wait error is discarded") {
		t.Errorf("output lacks the errgroupwait finding:\n%s", out)
	}

	// -json names the analyzer of every finding: with the checks that
	// are off by default turned on, each check has one; without, those
	// checks report nothing.
	var enable []string
	off := map[string]bool{}
	for _, a := range analyzer.Suite {
		if a.Flags.Lookup(ignoredirective.EnableFlag) != nil {
			enable = append(enable, "-"+a.Name+"."+ignoredirective.EnableFlag)
			off[a.Name] = true
		}
	}
	if len(off) == 0 {
		t.Fatal("no check is off by default; drop this part of the test")
	}
	for _, on := range []bool{true, false} {
		args := []string{"-json", "./..."}
		if on {
			args = append(enable, args...)
		}
		found := demoJSON(t, args)
		for _, a := range analyzer.Suite {
			if want := on || !off[a.Name]; found[a.Name] != want {
				t.Errorf("%v: the demo shows a finding of %s: %v, want %v", args, a.Name, found[a.Name], want)
			}
		}
	}
}

// demoJSON runs the command with args on the demo and returns the
// checks that reported something.
func demoJSON(t *testing.T, args []string) map[string]bool {
	t.Helper()
	out, code := run(t, demoDir(), bin, args...)
	if code != 0 {
		t.Fatalf("%v: exit code %d, want 0; output:\n%s", args, code, out)
	}
	var tree map[string]map[string]json.RawMessage // package → analyzer → diagnostics
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("%v output: %v\n%s", args, err, out)
	}
	found := map[string]bool{}
	for _, byAnalyzer := range tree {
		for name, diags := range byAnalyzer {
			if len(diags) > 2 {
				found[name] = true
			}
		}
	}
	return found
}

// TestClean checks that idiomatic fan-out code yields nothing and exit 0.
func TestClean(t *testing.T) {
	out, code := run(t, filepath.Join("..", "..", "testdata", "clean"), bin, "./...")
	if code != 0 || out != "" {
		t.Fatalf("exit code %d, output:\n%s\nwant 0 and no output", code, out)
	}
}

// TestLoadError checks that a package that does not type-check is a tool
// failure, exit 1, not a finding.
func TestLoadError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.26\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "broken.go"), []byte("package broken\n\nvar x int = \"s\"\n"), 0o644)
	out, code := run(t, dir, bin, "./...")
	if code != 1 {
		t.Fatalf("exit code %d, want 1; output:\n%s", code, out)
	}
}

// TestFix applies every suggested fix to a copy of the demo and checks
// that the result builds and that the fixed findings are gone.
func TestFix(t *testing.T) {
	dir := copyModule(t, "demo")
	before, _ := run(t, dir, bin, "./...")
	if out, code := run(t, dir, bin, "-fix", "./..."); code != 0 && code != 3 {
		t.Fatalf("-fix: exit code %d; output:\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "build", "./..."); code != 0 {
		t.Fatalf("fixed demo does not build:\n%s", out)
	}
	src, err := os.ReadFile(filepath.Join(dir, "errgroupwait.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "if err := g.Wait(); err != nil {") {
		t.Errorf("fix not applied:\n%s", src)
	}
	after, _ := run(t, dir, bin, "./...")
	if strings.Count(after, "\n") >= strings.Count(before, "\n") {
		t.Errorf("fixing did not reduce findings:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestVet runs the same binary as go vet's -vettool.
func TestVet(t *testing.T) {
	out, code := run(t, demoDir(), "go", "vet", "-vettool="+bin, "./...")
	if code == 0 {
		t.Fatalf("go vet -vettool: exit 0, want failure; output:\n%s", out)
	}
	if !strings.Contains(out, "errgroup.Group.Wait error is discarded") {
		t.Errorf("go vet output lacks the finding:\n%s", out)
	}
	out, code = run(t, filepath.Join("..", "..", "testdata", "clean"), "go", "vet", "-vettool="+bin, "./...")
	if code != 0 {
		t.Errorf("go vet on the clean module: exit %d\n%s", code, out)
	}
}

// TestVetFacts checks that a future of another package is followed
// through facts under go vet by default, and in the command only when
// asked for.
func TestVetFacts(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "crosspkg")
	const finding = "app.go:19:3: return leaves goroutines blocked forever sending on unbuffered channel returned by Async"
	for _, c := range []struct {
		args []string
		want bool
	}{
		{[]string{"go", "vet", "-vettool=" + bin, "-stranded.enable", "./..."}, true},
		{[]string{"go", "vet", "-vettool=" + bin, "-stranded.enable", "-stranded.facts=false", "./..."}, false},
		{[]string{bin, "-stranded.enable", "./..."}, false},
		{[]string{bin, "-stranded.enable", "-stranded.facts", "./..."}, true},
		{[]string{"go", "vet", "-vettool=" + bin, "./..."}, false}, // stranded is off by default
	} {
		out, _ := run(t, dir, c.args[0], c.args[1:]...)
		if got := strings.Contains(out, finding); got != c.want {
			t.Errorf("%s: finding reported: %t, want %t; output:\n%s", strings.Join(c.args[1:], " "), got, c.want, out)
		}
		if strings.Count(out, "return leaves goroutines") > 1 {
			t.Errorf("%s: more than one finding:\n%s", strings.Join(c.args[1:], " "), out)
		}
	}
}
