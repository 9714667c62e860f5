package driver_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// bin is the fanoutlint command built once for the end-to-end tests.
var bin string

func TestMain(m *testing.M) {
	if os.Getenv(panickyEnv) == "1" {
		panickyMain() // the test binary runs as a command that has a panicking check
	}
	dir, err := os.MkdirTemp("", "fanoutlint-driver")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "fanoutlint")
	build := exec.Command("go", "build", "-o", bin, "github.com/fanoutlint/fanoutlint/cmd/fanoutlint")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building fanoutlint: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cliModule returns the absolute path of the testdata/cli module.
func cliModule(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "cli"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// result is what one run of the command produced.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the command (or, if args[0] is "go", the go command) in dir
// with the extra environment env and returns its output and exit code.
// The environment is the test's own, minus settings of the enclosing
// module that would change how the testdata module loads, and minus
// GITHUB_ACTIONS unless env sets it.
func run(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	name := bin
	if len(args) > 0 && args[0] == "go" {
		name, args = "go", args[1:]
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GITHUB_ACTIONS=")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("running %s %v: %v", name, args, err)
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

// copyModule copies the testdata/cli module to a temporary directory,
// for tests that edit files.
func copyModule(t *testing.T) string {
	t.Helper()
	src := cliModule(t)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
