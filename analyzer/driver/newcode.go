package driver

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// changes are the lines of the working tree that changed since a
// revision, for -new-from-rev.
type changes struct {
	rev string
	// lines holds, by absolute file name, the 1-based lines that were
	// added or changed.
	lines map[string]map[int]bool
	// whole holds the files that are new in their entirety: untracked
	// files, which git diff does not show.
	whole map[string]bool
}

// gitChanges returns the lines changed between rev and the working tree
// of the git repository enclosing the working directory, as
// "git diff -U0 rev" shows them, plus the untracked files (not ignored).
// The diff is parsed by github.com/bluekeyes/go-gitdiff, which handles
// what git can print: renames, quoted names, binary and mode-only changes.
func gitChanges(rev string) (*changes, error) {
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	// Fixed prefixes, no colour, no external diff or text conversion, and
	// rename detection on: whatever the user's git configuration says, the
	// output is a plain patch, and a moved file's old lines are not new.
	diff, err := git("-C", top, "diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", rev, "--")
	if err != nil {
		return nil, err
	}
	files, _, err := gitdiff.Parse(strings.NewReader(diff))
	if err != nil {
		return nil, fmt.Errorf("parsing git diff %s: %v", rev, err)
	}
	c := &changes{rev: rev, lines: make(map[string]map[int]bool), whole: make(map[string]bool)}
	for _, f := range files {
		if f.IsDelete || f.IsBinary {
			continue
		}
		name := canonical(filepath.Join(top, filepath.FromSlash(f.NewName)))
		for _, frag := range f.TextFragments {
			line := int(frag.NewPosition)
			for _, l := range frag.Lines {
				switch l.Op {
				case gitdiff.OpAdd:
					if c.lines[name] == nil {
						c.lines[name] = make(map[int]bool)
					}
					c.lines[name][line] = true
					line++
				case gitdiff.OpContext:
					line++
				}
			}
		}
	}
	untracked, err := git("-C", top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for name := range strings.SplitSeq(untracked, "\x00") {
		if name != "" {
			c.whole[canonical(filepath.Join(top, filepath.FromSlash(name)))] = true
		}
	}
	return c, nil
}

// touches reports whether a finding's span, from its start line to its
// end line, holds a line that changed since the revision.
func (c *changes) touches(f finding) bool {
	name := canonical(f.start.Filename)
	if c.whole[name] {
		return true
	}
	lines := c.lines[name]
	for l := f.start.Line; l <= max(f.start.Line, f.end.Line); l++ {
		if lines[l] {
			return true
		}
	}
	return false
}

// canonical returns the absolute form of a file name with symbolic links
// resolved, so that names from git and from the Go loader compare equal.
func canonical(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		name = abs
	}
	if real, err := filepath.EvalSymlinks(name); err == nil {
		name = real
	}
	return name
}

// git runs git with args in the working directory and returns its
// standard output, or an error holding its standard error.
func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return "", fmt.Errorf("-new-from-rev: git %s: %s", strings.Join(args, " "), msg)
	}
	return stdout.String(), nil
}
