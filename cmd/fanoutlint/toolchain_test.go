package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cliCopy copies testdata/cli without its package that does not
// type-check, and returns the copy and the path of found/found.go.
func cliCopy(t *testing.T) (dir, found string) {
	t.Helper()
	dir = copyModule(t, "cli")
	if err := os.RemoveAll(filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, "found", "found.go")
}

// golden returns the contents of found/found.go.golden in dir: the file
// with its suggested fix applied.
func golden(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "found", "found.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// theFix is a line of the diff of found.go's suggested fix.
const theFix = "+\tif err := g.Wait(); err != nil {"

// TestGoTool installs fanoutlint as a tool of another module, through a
// replace of this checkout, with "go get -tool", and runs it with
// "go tool fanoutlint".
func TestGoTool(t *testing.T) {
	dir, _ := cliCopy(t)
	checkout, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, dir, "go", "mod", "edit",
		"-require=github.com/fanoutlint/fanoutlint@v0.0.0-00010101000000-000000000000",
		"-replace=github.com/fanoutlint/fanoutlint="+checkout); code != 0 {
		t.Fatalf("go mod edit: %s", out)
	}
	// The checkout's dependencies are verified against its own go.sum.
	sums := readFile(t, filepath.Join(checkout, "go.sum"))
	f, err := os.OpenFile(filepath.Join(dir, "go.sum"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(sums)
	f.Close()

	// The checkout is on no module proxy, so none is asked: everything
	// else is in the module cache, from building this module.
	get := exec.Command("go", "get", "-tool", "github.com/fanoutlint/fanoutlint/cmd/fanoutlint")
	get.Dir = dir
	get.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	if out, err := get.CombinedOutput(); err != nil {
		t.Fatalf("go get -tool: %v\n%s", err, out)
	}
	if mod := readFile(t, filepath.Join(dir, "go.mod")); !strings.Contains(mod, "\ntool github.com/fanoutlint/fanoutlint/cmd/fanoutlint\n") {
		t.Fatalf("go get -tool wrote no tool directive:\n%s", mod)
	}

	out, code := run(t, dir, "go", "tool", "fanoutlint", "./found")
	if code != 3 || !strings.Contains(out, "errgroup.Group.Wait error is discarded") {
		t.Errorf("go tool fanoutlint ./found: exit %d, want 3 and the finding:\n%s", code, out)
	}
	if out, code := run(t, dir, "go", "tool", "fanoutlint", "./clean"); code != 0 || out != "" {
		t.Errorf("go tool fanoutlint ./clean: exit %d, want 0 and nothing:\n%s", code, out)
	}
}

// TestGoFix runs the binary as Go 1.26's go fix tool: -diff shows the
// suggested fix and changes nothing, and without it the fix is applied.
func TestGoFix(t *testing.T) {
	dir, found := cliCopy(t)
	orig := readFile(t, found)
	out, code := run(t, dir, "go", "fix", "-fixtool="+bin, "-diff", "./found")
	if code == 0 || !strings.Contains(out, theFix) {
		t.Errorf("go fix -fixtool -diff: exit %d, want non-zero and the fix's diff:\n%s", code, out)
	}
	if readFile(t, found) != orig {
		t.Errorf("go fix -diff changed found.go")
	}
	if out, code := run(t, dir, "go", "fix", "-fixtool="+bin, "./found"); code != 0 {
		t.Errorf("go fix -fixtool: exit %d\n%s", code, out)
	}
	if got, want := readFile(t, found), golden(t, dir); got != want {
		t.Errorf("go fix -fixtool wrote\n%s\nwant\n%s", got, want)
	}
}

// TestVetFix runs the binary under go vet -vettool with -fix -diff and
// with -fix.
func TestVetFix(t *testing.T) {
	dir, found := cliCopy(t)
	orig := readFile(t, found)
	out, code := run(t, dir, "go", "vet", "-vettool="+bin, "-fix", "-diff", "./found")
	if code == 0 || !strings.Contains(out, theFix) {
		t.Errorf("go vet -vettool -fix -diff: exit %d, want non-zero and the fix's diff:\n%s", code, out)
	}
	if readFile(t, found) != orig {
		t.Errorf("go vet -fix -diff changed found.go")
	}
	if out, code := run(t, dir, "go", "vet", "-vettool="+bin, "-fix", "./found"); code != 0 {
		t.Errorf("go vet -vettool -fix: exit %d\n%s", code, out)
	}
	if got, want := readFile(t, found), golden(t, dir); got != want {
		t.Errorf("go vet -vettool -fix wrote\n%s\nwant\n%s", got, want)
	}
}
