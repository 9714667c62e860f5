package driver

import (
	"bytes"
	"cmp"
	"errors"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// A finding is one diagnostic of a root action, with its positions
// resolved (after //line adjustment, as the text output shows them).
type finding struct {
	check      *analysis.Analyzer
	diag       analysis.Diagnostic
	start, end token.Position
	related    []related

	// fingerprint is the finding's SARIF partial fingerprint (see
	// setFingerprints), which -baseline matches on.
	fingerprint string
	// baselineState is the SARIF baselineState of the finding under
	// -baseline: "new" or "unchanged"; "" without a baseline.
	baselineState string
}

// A related location of a finding.
type related struct {
	start, end token.Position
	message    string
}

// collect returns the findings of graph's root actions, without the
// duplicates that files shared by a package and its test variant
// produce, sorted by position; and whether any action failed.
func collect(graph *checker.Graph) (findings []finding, failed bool) {
	type key struct {
		check      *analysis.Analyzer
		start, end token.Position
		message    string
	}
	seen := make(map[key]bool)
	for act := range graph.All() {
		if act.Err != nil {
			failed = true
			continue
		}
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := finding{check: act.Analyzer, diag: d, start: fset.Position(d.Pos), end: fset.Position(d.End)}
			if !f.end.IsValid() {
				f.end = f.start
			}
			k := key{f.check, f.start, f.end, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, r := range d.Related {
				rel := related{start: fset.Position(r.Pos), end: fset.Position(r.End), message: r.Message}
				if !rel.end.IsValid() {
					rel.end = rel.start
				}
				if rel.start.IsValid() {
					f.related = append(f.related, rel)
				}
			}
			findings = append(findings, f)
		}
	}
	slices.SortFunc(findings, func(a, b finding) int {
		return cmp.Or(
			cmp.Compare(a.start.Filename, b.start.Filename),
			cmp.Compare(a.start.Offset, b.start.Offset),
			cmp.Compare(a.end.Offset, b.end.Offset),
			cmp.Compare(a.check.Name, b.check.Name),
			cmp.Compare(a.diag.Message, b.diag.Message))
	})
	return findings, failed
}

// repoRoot returns the directory that report paths are relative to: the
// nearest enclosing directory of the working directory that holds .git
// (a directory, or a file in a worktree), else the working directory.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return wd
		}
		dir = parent
	}
}

// relPath returns filename relative to root with forward slashes, and
// false if filename is not under root.
func relPath(root, filename string) (string, bool) {
	if root == "" {
		return filepath.ToSlash(filename), false
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return filepath.ToSlash(filename), false
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(abs), false
	}
	return filepath.ToSlash(rel), true
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// relativeURI escapes a relative slash-separated path as a URI reference.
func relativeURI(rel string) string {
	return (&url.URL{Path: rel}).EscapedPath()
}

// sources reads and caches the files findings point into. A file that
// cannot be read yields no lines; positions then fall back to bytes.
type sources map[string][][]byte

func newSources() sources { return make(sources) }

// line returns the text of the 1-based line of filename, without its
// line terminator, or nil.
func (s sources) line(filename string, line int) []byte {
	lines, ok := s[filename]
	if !ok {
		data, _ := os.ReadFile(filename)
		lines = bytes.Split(data, []byte("\n"))
		s[filename] = lines
	}
	if line < 1 || line > len(lines) {
		return nil
	}
	return bytes.TrimSuffix(lines[line-1], []byte("\r"))
}

// utf16Column converts the 1-based byte column of a position to the
// 1-based UTF-16 code unit column that SARIF (by default) and GitHub use.
func (s sources) utf16Column(p token.Position) int {
	text := s.line(p.Filename, p.Line)
	if text == nil || p.Column-1 > len(text) {
		return p.Column
	}
	prefix := text[:p.Column-1]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		n += utf16.RuneLen(r) // an invalid byte decodes to U+FFFD, one unit
	}
	return n + 1
}

// text returns the source text from start to end, or "" if it cannot be
// read.
func (s sources) text(start, end token.Position) string {
	if start.Filename != end.Filename {
		return ""
	}
	var b strings.Builder
	for l := start.Line; l <= end.Line; l++ {
		line := s.line(start.Filename, l)
		from, to := 0, len(line)
		if l == start.Line {
			from = start.Column - 1
		}
		if l == end.Line {
			to = end.Column - 1
		}
		if line == nil || from < 0 || to > len(line) || from > to {
			return ""
		}
		if l > start.Line {
			b.WriteByte('\n')
		}
		b.Write(line[from:to])
	}
	return b.String()
}

// internalErrors returns the messages of the internal errors (panics,
// see ignoredirective.Wrap) among graph's actions, once each (a package
// and its test variant fail alike), sorted.
func internalErrors(graph *checker.Graph) []string {
	var msgs []string
	for act := range graph.All() {
		var ie *ignoredirective.InternalError
		if errors.As(act.Err, &ie) && !slices.Contains(msgs, ie.Error()) {
			msgs = append(msgs, ie.Error())
		}
	}
	slices.Sort(msgs)
	return msgs
}
