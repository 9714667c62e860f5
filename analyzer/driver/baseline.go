package driver

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A baseline is the set of findings a codebase already had, read from a
// SARIF log that fanoutlint wrote earlier with -sarif. A finding it holds
// is absorbed: not reported, and not counted for the exit code.
//
// Findings match entries by check (the SARIF ruleId) and by fanoutlint's
// partial fingerprint, which hashes the file, the message and the text of
// the finding's line but not its line number: code moving up or down does
// not break the match, while editing the line itself does. Matching counts:
// N entries absorb at most N findings, so a new copy of an old mistake is
// still reported. Identical findings (same check, file, message and line
// text) are told apart only by their order in the file, so when one of
// them is fixed or added, the entry or finding that is left over is the
// last of them, wherever the change was.
type baseline struct {
	path    string
	entries []baselineEntry
}

// A baselineEntry is one result of the baseline log.
type baselineEntry struct {
	check, fingerprint string
	file               string // slash-separated, relative to the repository root when it was under it
	line, column       int
	message            string
	matched            bool
}

// The part of a SARIF log that a baseline reads.
type baselineLog struct {
	Runs []struct {
		Tool struct {
			Driver struct{ Name string }
		}
		Results []struct {
			RuleID  string `json:"ruleId"`
			Message struct {
				Text string
			}
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					}
					Region struct {
						StartLine, StartColumn int
					}
				}
			}
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			BaselineState       string            `json:"baselineState"`
		}
	}
}

// readBaseline reads the baseline at path, a SARIF log written by
// fanoutlint -sarif, possibly under an earlier -baseline (its "new" and
// "unchanged" results are all findings of that run).
func readBaseline(path string) (*baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the baseline: %v", err)
	}
	var log baselineLog
	if err := json.Unmarshal(data, &log); err != nil {
		return nil, fmt.Errorf("baseline %s is not a SARIF log: %v", path, err)
	}
	b := &baseline{path: path}
	for _, run := range log.Runs {
		if run.Tool.Driver.Name != "fanoutlint" {
			return nil, fmt.Errorf("baseline %s holds a run of %q; write it with fanoutlint -sarif", path, run.Tool.Driver.Name)
		}
		for _, r := range run.Results {
			if r.BaselineState == "absent" {
				continue // not a finding of that run
			}
			fp, ok := r.PartialFingerprints[fingerprintKey]
			if !ok || r.RuleID == "" {
				return nil, fmt.Errorf("baseline %s has a result without a %s fingerprint; write it again with this version of fanoutlint", path, fingerprintKey)
			}
			e := baselineEntry{check: r.RuleID, fingerprint: fp, message: strings.TrimSuffix(r.Message.Text, ".")}
			if len(r.Locations) > 0 {
				loc := r.Locations[0].PhysicalLocation
				e.file = entryFile(loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID)
				e.line, e.column = loc.Region.StartLine, loc.Region.StartColumn
			}
			b.entries = append(b.entries, e)
		}
	}
	return b, nil
}

// entryFile returns the file of a baseline entry in the form relPath
// gives: relative to the repository root for a %SRCROOT% URI (wherever
// the repository was checked out when the baseline was written), else the
// absolute path of a file: URI.
func entryFile(uri, base string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	if base == srcRoot {
		return u.Path
	}
	p := u.Path
	if len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x is C:/x
	}
	return p
}

// absorb marks the findings that the baseline holds, with SARIF's
// baselineState ("unchanged" for those, "new" for the others), and
// returns how many it absorbed. It matches each entry at most once.
func (b *baseline) absorb(findings []finding) (absorbed int) {
	type key struct{ check, fingerprint string }
	free := make(map[key][]int) // unmatched entries by key
	for i, e := range b.entries {
		k := key{e.check, e.fingerprint}
		free[k] = append(free[k], i)
	}
	for i := range findings {
		f := &findings[i]
		k := key{f.check.Name, f.fingerprint}
		if idx := free[k]; len(idx) > 0 {
			b.entries[idx[0]].matched = true
			free[k] = idx[1:]
			f.baselineState = "unchanged"
			absorbed++
		} else {
			f.baselineState = "new"
		}
	}
	return absorbed
}

// unused returns the entries that matched no finding among those this
// run could have produced: entries of a check that ran, in a file that
// was analyzed or no longer exists. Entries for other packages or checks
// say nothing about this run, and are counted in outOfScope.
func (b *baseline) unused(checks map[string]bool, analyzed map[string]bool, root string) (stale []baselineEntry, outOfScope int) {
	for _, e := range b.entries {
		if e.matched {
			continue
		}
		if checks[e.check] && (analyzed[e.file] || !exists(root, e.file)) {
			stale = append(stale, e)
		} else {
			outOfScope++
		}
	}
	return stale, outOfScope
}

// exists reports whether the file named as relPath names it exists.
func exists(root, file string) bool {
	path := filepath.FromSlash(file)
	if !filepath.IsAbs(path) {
		path = filepath.Join(root, path)
	}
	_, err := os.Stat(path)
	return err == nil
}

// analyzedFiles returns the Go files of the root packages, named as
// relPath names them.
func analyzedFiles(pkgs []*packages.Package, root string) map[string]bool {
	files := make(map[string]bool)
	for _, p := range pkgs {
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles} {
			for _, f := range list {
				rel, _ := relPath(root, f)
				files[rel] = true
			}
		}
	}
	return files
}

// reportUnused prints the entries that matched nothing, so the user can
// drop them from the baseline.
func reportUnused(w io.Writer, stale []baselineEntry) {
	slices.SortFunc(stale, func(a, b baselineEntry) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.column, b.column), cmp.Compare(a.check, b.check))
	})
	for _, e := range stale {
		fmt.Fprintf(w, "fanoutlint: baseline entry matches no finding (fixed?): %s:%d:%d: %s: %s\n", e.file, e.line, e.column, e.check, e.message)
	}
}
