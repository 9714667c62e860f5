// Package driver is the fanoutlint command: it runs the suite the way
// multichecker does (text, -json, -fix, -diff, per-check flags, go vet
// -vettool) and adds what a CI gate needs: SARIF 2.1.0 output, GitHub
// Actions annotations, and "fanoutlint help <check>".
//
// Exit codes, for every mode that analyzes packages:
//
//	0  no findings
//	1  the tool failed: packages did not load or type-check, an analysis
//	   failed, or an output file could not be written
//	2  the command line is wrong (unknown flag or check)
//	3  findings were reported, and no analysis failed
//	4  with -baseline-unused=error: no findings, but baseline entries
//	   that match no finding (fixed since: drop them from the baseline)
//
// With -json alone, -fix or -diff multichecker's rules apply: findings do
// not make the exit code non-zero. -json with a gate flag (-sarif,
// -github, -baseline, -new-from-rev) follows the gate's codes above.
//
// # Adopting on an existing codebase
//
// -baseline=FILE reads a SARIF log written earlier by -sarif and absorbs
// the findings it holds: they are not printed and do not set the exit
// code. A finding matches a baseline result by check (ruleId) and by
// partial fingerprint, which ignores line numbers; each result absorbs
// at most one finding, so a new copy of an old mistake is reported. A
// summary on stderr counts the absorbed findings and the baseline
// entries that matched nothing.
//
// In the SARIF output of a run with -baseline, absorbed findings are
// kept, with baselineState "unchanged", and the others have "new". They
// are kept, not left out, for GitHub code scanning: it tracks alerts by
// fingerprint across uploads and closes an alert as fixed when its result
// is missing from an upload, so leaving the backlog out would close every
// old alert while the code still has it, and reopen them all once the
// baseline is gone. Code scanning does not read baselineState (GitHub's
// SARIF documentation does not list it among the result properties it
// uses) and does its own comparison: its pull request check shows the
// alerts that the pull request introduces, so the kept results do not
// fail it. SARIF viewers that read baselineState show
// the new results first. Entries that matched nothing are not written as
// "absent" results: code scanning would open alerts for them.
//
// -new-from-rev=REV reports only findings whose span holds a line added or
// changed since REV, per "git diff -U0 REV" (the working tree against
// REV) and untracked files, for pull-request gates. It misses findings
// that a change causes on lines it does not touch (a deleted check of an
// error, say); the baseline has no such gap.
package driver

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// Exit codes of the command.
const (
	ExitClean    = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitFindings = 3
	// ExitBaselineUnused: with -baseline-unused=error, no findings were
	// reported but some baseline entries matched no finding.
	ExitBaselineUnused = 4
)

// Main runs the command on os.Args with the given analyzers and exits.
func Main(analyzers []*analysis.Analyzer) {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "help" {
		os.Exit(Help(os.Stdout, os.Stderr, analyzers, args[1:]))
	}
	args = enableSelected(args, analyzers)
	os.Args = append(os.Args[:1:1], args...) // multichecker reads os.Args
	if gateArgs(args, analyzers, os.Getenv("GITHUB_ACTIONS") == "true") {
		os.Exit(Gate(args, analyzers, os.Stdout, os.Stderr))
	}
	if names, positional := flagNames(args); len(positional) == 0 && !protocol(names) {
		// multichecker exits 1 here; no packages is a usage error.
		fmt.Fprint(os.Stderr, usage)
		os.Exit(ExitUsage)
	}
	if vetUnit(args) {
		vetFacts(analyzers)
		internalErrorsForVet(analyzers)
	} else if names, _ := flagNames(args); slices.ContainsFunc(names, func(n string) bool { return n == "fix" || n == "diff" || n == "json" }) {
		internalErrorsOnStderr(analyzers)
	}
	// Everything else, including go vet's -V=full, -flags and unit.cfg
	// invocations, is multichecker's.
	multichecker.Main(analyzers...)
}

// gateArgs reports whether the gate driver (Gate) handles args rather
// than multichecker: when -sarif, -github, -baseline or -new-from-rev is
// given, or when running in GitHub Actions and every flag is one the gate
// understands, -json excepted (so -fix, -diff, -json and go vet's
// protocol keep going to multichecker there).
func gateArgs(args []string, analyzers []*analysis.Analyzer, inActions bool) bool {
	fs := newGateFlags(analyzers, io.Discard)
	if vetUnit(args) {
		return false // go vet -vettool: unitchecker
	}
	names, positional := flagNames(args)
	known := true
	for _, name := range names {
		switch name {
		case "sarif", "github", "baseline", "baseline-unused", "new-from-rev":
			return true
		case "json":
			known = false
		}
		if fs.fs.Lookup(name) == nil {
			known = false
		}
	}
	return inActions && known && len(positional) > 0
}

// protocol reports whether flag names hold one that needs no packages:
// go vet's -V and -flags queries, and -h/-help.
func protocol(names []string) bool {
	for _, n := range names {
		switch n {
		case "V", "flags", "h", "help":
			return true
		}
	}
	return false
}

// flagNames returns the names of the flags at the start of args, before
// the first argument that is not a flag, and the arguments after them. A
// flag's separate value ("-sarif out.sarif") is taken for a positional
// argument; that only matters for go vet's "x.cfg" check, where it cannot
// happen.
func flagNames(args []string) (names, positional []string) {
	for i, arg := range args {
		if arg == "--" {
			return names, args[i+1:]
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			return names, args[i:]
		}
		name := strings.TrimLeft(arg, "-")
		name, _, _ = strings.Cut(name, "=")
		names = append(names, name)
	}
	return names, nil
}

// title returns the one-line title of an analyzer's doc, without the
// "name: " prefix.
func title(a *analysis.Analyzer) string {
	first, _, _ := strings.Cut(a.Doc, "\n\n")
	first = strings.Join(strings.Fields(first), " ")
	return strings.TrimPrefix(first, a.Name+": ")
}

// body returns an analyzer's doc after its title paragraph.
func body(a *analysis.Analyzer) string {
	_, rest, _ := strings.Cut(a.Doc, "\n\n")
	return strings.TrimSpace(rest)
}

// analyzerFlags calls f for each flag of a, named as on the command line.
func analyzerFlags(a *analysis.Analyzer, f func(name string, fl *flag.Flag)) {
	a.Flags.VisitAll(func(fl *flag.Flag) { f(a.Name+"."+fl.Name, fl) })
}

// Help prints the command's help, or the documentation of the named
// checks, and returns the exit code.
func Help(stdout, stderr io.Writer, analyzers []*analysis.Analyzer, names []string) int {
	if len(names) == 0 {
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout, "\nChecks:")
		for _, a := range analyzers {
			fmt.Fprintf(stdout, "  %-16s %s\n", a.Name, title(a))
		}
		fmt.Fprintln(stdout, "\nRun 'fanoutlint help <check>' for a check's documentation and flags.")
		return ExitClean
	}
	for i, name := range names {
		var a *analysis.Analyzer
		for _, b := range analyzers {
			if b.Name == name {
				a = b
			}
		}
		if a == nil {
			fmt.Fprintf(stderr, "fanoutlint: unknown check %q; run 'fanoutlint help' for the list\n", name)
			return ExitUsage
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s: %s\n\n", a.Name, title(a))
		if b := body(a); b != "" {
			fmt.Fprintf(stdout, "%s\n\n", b)
		}
		first := true
		analyzerFlags(a, func(name string, fl *flag.Flag) {
			if first {
				fmt.Fprintln(stdout, "Flags:")
				first = false
			}
			fmt.Fprintf(stdout, "  -%s=%s\n    \t%s\n", name, fl.DefValue, fl.Usage)
		})
		if !first {
			fmt.Fprintln(stdout)
		}
		if a.URL != "" {
			fmt.Fprintf(stdout, "Documentation: %s\n", a.URL)
		}
	}
	return ExitClean
}

const usage = `fanoutlint reports risky goroutine fan-out.

Usage:

  fanoutlint [flags] packages            report findings as file:line:col: message
  fanoutlint -sarif=FILE [flags] packages
                                         also write a SARIF 2.1.0 log ("-" for stdout)
  fanoutlint -github [flags] packages    also print GitHub Actions annotations
                                         (the default when GITHUB_ACTIONS=true)
  fanoutlint -baseline=FILE [flags] packages
                                         report only findings not in FILE, a SARIF
                                         log written earlier by -sarif
  fanoutlint -new-from-rev=REV [flags] packages
                                         report only findings on lines changed
                                         since git revision REV
  fanoutlint -fix [-diff] packages       apply (or show) the suggested fixes
  fanoutlint -json packages              report findings as JSON
  go vet -vettool=$(command -v fanoutlint) [-fix [-diff]] packages
  go fix -fixtool=$(command -v fanoutlint) [-diff] packages
  fanoutlint help [check]

All checks run by default; -<check> selects checks, -<check>=false
disables them. -test=false skips test files. Each check's own flags are
-<check>.<flag>.

A finding is suppressed by a comment on its line or the line above:

  //fanoutlint:ignore <check>[,<check>] <reason>

A reason is required; the ignoredirective check reports directives that
are malformed or suppress nothing. golangci-lint's //nolint:fanoutlint
works under golangci-lint.

With -baseline, a summary on stderr counts the absorbed findings and
lists the baseline entries that match no finding (fixed since: drop them);
-baseline-unused=error makes such entries fail the run (exit 4). -json,
-sarif and -github combine with -baseline and -new-from-rev.

Exit codes: 0 no findings; 1 the tool failed (packages did not load or
type-check, an analysis failed, an output could not be written), even if
other packages had findings; 2 bad command line; 3 findings; 4 no
findings, but unused baseline entries under -baseline-unused=error. With
-json alone, -fix or -diff, findings do not set the exit code.
`
