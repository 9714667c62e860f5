package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// output runs the command in dir with the environment env added and
// returns its stdout and stderr together, stdout first.
func output(t *testing.T, dir string, env []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GITHUB_ACTIONS=")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("fanoutlint %v: %v", args, err)
		}
	}
	return append(stdout.Bytes(), stderr.Bytes()...)
}

// TestDeterministic checks that two runs over the same code print the
// same bytes: on the demo in every output form, and on the packages of
// every check's testdata, which hold many findings of every kind (run in
// GOPATH mode, where they are laid out for analysistest).
func TestDeterministic(t *testing.T) {
	same := func(name, dir string, env []string, args ...string) int {
		t.Helper()
		first := output(t, dir, env, args...)
		second := output(t, dir, env, args...)
		if !bytes.Equal(first, second) {
			t.Errorf("%s: fanoutlint %s printed different output on a second run:\n%s\n---\n%s", name, strings.Join(args, " "), first, second)
		}
		return bytes.Count(first, []byte(".go:"))
	}
	for _, args := range [][]string{
		{"./..."},
		{"-json", "./..."},
		{"-sarif=-", "./..."},
	} {
		same("demo", demoDir(), nil, args...)
	}

	checks, err := filepath.Glob(filepath.Join("..", "..", "passes", "*", "testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	findings := 0
	for _, src := range checks {
		entries, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"-ctxcancel.blocking", "-unreaderr.detached", "-stranded.enable"}
		for _, e := range entries {
			if e.IsDir() && !strings.Contains(e.Name(), ".") {
				args = append(args, e.Name()) // a test package; golang.org holds stubs
			}
		}
		gopath, err := filepath.Abs(filepath.Dir(src))
		if err != nil {
			t.Fatal(err)
		}
		findings += same(src, t.TempDir(), []string{"GO111MODULE=off", "GOPATH=" + gopath}, args...)
	}
	t.Logf("%d findings in the checks' testdata", findings)
	if findings < 100 {
		t.Errorf("%d findings in the checks' testdata, want at least 100 for a test of order", findings)
	}
}
