package driver_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fanoutlint/fanoutlint/analyzer/driver"
)

// gitRepo makes dir a git repository with its files committed, and
// returns a function running git in it.
func gitRepo(t *testing.T, dir string) func(args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = dir
		// The repository's own settings only, not the test machine's.
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "old code")
	return git
}

// TestNewFromRev checks on a temporary git repository that
// -new-from-rev reports the findings on added and edited lines and in
// untracked files, and no others.
func TestNewFromRev(t *testing.T) {
	dir := copyModule(t)
	git := gitRepo(t, dir)
	pkgs := []string{"./found", "./ignored", "./clean"}

	got := run(t, dir, nil, append([]string{"-new-from-rev=HEAD"}, pkgs...)...)
	if got.code != driver.ExitClean || len(findingLines(got.stderr, dir)) != 0 {
		t.Fatalf("nothing changed: exit %d, want 0 and no findings\n%s", got.code, got.stderr)
	}
	if !strings.Contains(got.stderr, "-new-from-rev=HEAD: 5 findings on lines not changed since then not reported") {
		t.Errorf("no summary:\n%s", got.stderr)
	}

	// Lines added above the old findings move them; an edited line, an
	// added function and an untracked file hold new findings.
	editFile(t, dir, "found/found.go", "\nfunc fetch(", "\n// Moved down.\n\nfunc fetch(")
	editFile(t, dir, "found/found.go", "\t/* 日本語 */ go g.Wait()\n", "\tgo g.Wait() // edited\n")
	editFile(t, dir, "ignored/ignored.go", "// Stale has a directive", `// Added drops the group's error.
func Added(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	g.Wait()
}

// Stale has a directive`)
	os.WriteFile(filepath.Join(dir, "clean", "untracked.go"), []byte(`package clean

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Untracked drops the group's error.
func Untracked(ctx context.Context) {
	var g errgroup.Group
	g.Go(func() error { return fetch(ctx, "a") })
	g.Wait()
}
`), 0o644)
	want := []string{
		"clean/untracked.go:13:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
		"found/found.go:28:5: errgroup.Group.Wait called in a go statement: its error is discarded and nothing waits for the group",
		"ignored/ignored.go:38:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost",
	}
	for _, args := range [][]string{
		{"-new-from-rev=HEAD"},
		{"-new-from-rev=HEAD", "-github=false", "-sarif=" + filepath.Join(t.TempDir(), "out.sarif")},
	} {
		got = run(t, dir, nil, append(args, pkgs...)...)
		if lines := findingLines(got.stderr, dir); got.code != driver.ExitFindings || !slices.Equal(lines, want) {
			t.Errorf("%v: exit %d, findings\n%s\nwant 3 and\n%s\n%s", args, got.code, strings.Join(lines, "\n"), strings.Join(want, "\n"), got.stderr)
		}
		if !strings.Contains(got.stderr, "4 findings on lines not changed since then not reported") {
			t.Errorf("%v: summary:\n%s", args, got.stderr)
		}
	}
	// Without -new-from-rev all seven are reported.
	if got := run(t, dir, nil, pkgs...); len(findingLines(got.stderr, dir)) != 7 {
		t.Errorf("without -new-from-rev: findings\n%s\nwant 7", got.stderr)
	}

	// Committed, the same changes are new since HEAD~1 and old since HEAD.
	git("add", ".")
	git("commit", "-q", "-m", "new code")
	if got := run(t, dir, nil, append([]string{"-new-from-rev=HEAD~1"}, pkgs...)...); !slices.Equal(findingLines(got.stderr, dir), want) {
		t.Errorf("-new-from-rev=HEAD~1: findings\n%s\nwant\n%s", got.stderr, strings.Join(want, "\n"))
	}
	if got := run(t, dir, nil, append([]string{"-new-from-rev=HEAD"}, pkgs...)...); got.code != driver.ExitClean {
		t.Errorf("-new-from-rev=HEAD after the commit: exit %d, want 0\n%s", got.code, got.stderr)
	}

	// A moved file holds no new lines.
	git("mv", "clean/untracked.go", "clean/moved.go")
	if got := run(t, dir, nil, append([]string{"-new-from-rev=HEAD"}, pkgs...)...); got.code != driver.ExitClean {
		t.Errorf("-new-from-rev=HEAD after git mv: exit %d, want 0\n%s", got.code, got.stderr)
	}

	// A revision git does not know is a tool failure.
	if got := run(t, dir, nil, "-new-from-rev=nosuchrev", "./found"); got.code != driver.ExitFailure || !strings.Contains(got.stderr, "nosuchrev") {
		t.Errorf("-new-from-rev=nosuchrev: exit %d, want 1\n%s", got.code, got.stderr)
	}
}

// TestNewFromRevWithBaseline checks that the two combine: a finding is
// reported when it is on a changed line and not in the baseline.
func TestNewFromRevWithBaseline(t *testing.T) {
	dir := copyModule(t)
	gitRepo(t, dir)
	base := filepath.Join(t.TempDir(), "base.sarif")
	run(t, dir, nil, "-sarif="+base, "./found")
	// Re-indenting FetchAll's g.Wait changes its line but not its
	// fingerprint, which trims the line: it stays absorbed. The line
	// added after it is new.
	editFile(t, dir, "found/found.go", "\tg.Wait()\n\treturn nil\n", "\t\tg.Wait()\n\tg.Wait() // again\n\treturn nil\n")
	got := run(t, dir, nil, "-baseline="+base, "-new-from-rev=HEAD", "./found")
	want := []string{"found/found.go:19:2: errgroup.Group.Wait error is discarded: the first goroutine failure is lost"}
	if lines := findingLines(got.stderr, dir); got.code != driver.ExitFindings || !slices.Equal(lines, want) {
		t.Errorf("exit %d, findings %q, want 3 and %q\n%s", got.code, lines, want, got.stderr)
	}
}
