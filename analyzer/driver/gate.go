package driver

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// gateFlags are the command-line flags of the gate driver.
type gateFlags struct {
	fs      *flag.FlagSet
	sarif   string
	github  bool
	json    bool
	tests   bool
	enabled map[*analysis.Analyzer]*triState

	baseline       string // -baseline: a SARIF log of the findings to absorb
	baselineUnused string // -baseline-unused: "warn" or "error"
	newFromRev     string // -new-from-rev: report only lines changed since this revision
}

// newGateFlags declares the gate driver's flags: -sarif, -github, -json,
// -test, -baseline, -baseline-unused, -new-from-rev, and the per-check
// flags multichecker has (-<check>, -<check>.<flag>).
func newGateFlags(analyzers []*analysis.Analyzer, output io.Writer) *gateFlags {
	g := &gateFlags{
		fs:      flag.NewFlagSet("fanoutlint", flag.ContinueOnError),
		enabled: make(map[*analysis.Analyzer]*triState),
	}
	g.fs.SetOutput(output)
	g.fs.Usage = func() { fmt.Fprint(output, usage) }
	g.fs.StringVar(&g.sarif, "sarif", "", "write a SARIF 2.1.0 log to `file` (\"-\" for stdout)")
	g.fs.BoolVar(&g.github, "github", os.Getenv("GITHUB_ACTIONS") == "true", "print GitHub Actions annotations on stdout")
	g.fs.BoolVar(&g.json, "json", false, "print the findings as JSON on stdout, as multichecker does")
	g.fs.BoolVar(&g.tests, "test", true, "analyze test files too")
	g.fs.StringVar(&g.baseline, "baseline", "", "absorb the findings recorded in `file`, a SARIF log written by -sarif")
	g.fs.StringVar(&g.baselineUnused, "baseline-unused", "warn", "what baseline entries that match no finding do: warn, or error (exit 4)")
	g.fs.StringVar(&g.newFromRev, "new-from-rev", "", "report only findings on lines changed since git revision `rev`")
	for _, a := range analyzers {
		t := new(triState)
		g.enabled[a] = t
		g.fs.Var(t, a.Name, "enable the "+a.Name+" check")
		analyzerFlags(a, func(name string, fl *flag.Flag) { g.fs.Var(fl.Value, name, fl.Usage) })
	}
	return g
}

// selected returns the analyzers to run, with multichecker's rule: if any
// -<check> flag is true, only those; otherwise all but the false ones.
func (g *gateFlags) selected(analyzers []*analysis.Analyzer) []*analysis.Analyzer {
	var onlyTrue bool
	for _, t := range g.enabled {
		if *t == setTrue {
			onlyTrue = true
		}
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		t := *g.enabled[a]
		if (onlyTrue && t == setTrue) || (!onlyTrue && t != setFalse) {
			out = append(out, a)
		}
	}
	return out
}

// triState is a boolean flag that remembers whether it was set.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

// IsBoolFlag lets -<check> stand for -<check>=true.
func (t *triState) IsBoolFlag() bool { return true }

// String returns the state, for flag's default and usage texts.
func (t *triState) String() string {
	switch *t {
	case setTrue:
		return "true"
	case setFalse:
		return "false"
	}
	return "unset"
}

// Set records an explicit true or false.
func (t *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	if b {
		*t = setTrue
	} else {
		*t = setFalse
	}
	return nil
}

// Gate runs the analyzers on the packages named in args and reports the
// findings as text on stderr (or JSON on stdout with -json), and as
// SARIF and GitHub Actions annotations when asked. With -baseline and
// -new-from-rev it reports only the findings that are not in the
// baseline and that are on changed lines. It returns the exit code.
func Gate(args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	g := newGateFlags(analyzers, stderr)
	names, _ := flagNames(args)
	for _, name := range names {
		if name == "fix" || name == "diff" {
			fmt.Fprintf(stderr, "fanoutlint: -%s does not combine with -sarif, -github, -baseline or -new-from-rev\n", name)
			return ExitUsage
		}
	}
	if err := g.fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitClean
		}
		return ExitUsage
	}
	if g.fs.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return ExitUsage
	}
	if g.github && (g.sarif == "-" || g.json) {
		if g.explicit("github") {
			fmt.Fprintln(stderr, "fanoutlint: -github writes to stdout, as do -sarif=- and -json; give -sarif a file")
			return ExitUsage
		}
		g.github = false // GITHUB_ACTIONS=true, but stdout is the SARIF log or the JSON
	}
	if g.sarif == "-" && g.json {
		fmt.Fprintln(stderr, "fanoutlint: -sarif=- and -json both write to stdout; give -sarif a file")
		return ExitUsage
	}
	if g.baselineUnused != "warn" && g.baselineUnused != "error" {
		fmt.Fprintf(stderr, "fanoutlint: -baseline-unused=%s: want warn or error\n", g.baselineUnused)
		return ExitUsage
	}
	selected := g.selected(analyzers)

	code := ExitClean
	// A failure is exit 1 whatever else the run found, as documented.
	fail := func(err error) {
		fmt.Fprintf(stderr, "fanoutlint: %v\n", err)
		code = ExitFailure
	}
	// Read the baseline and the diff first: a mistake there should not
	// cost an analysis.
	var base *baseline
	if g.baseline != "" {
		var err error
		if base, err = readBaseline(g.baseline); err != nil {
			fail(err)
			return code
		}
	}
	var changed *changes
	if g.newFromRev != "" {
		var err error
		if changed, err = gitChanges(g.newFromRev); err != nil {
			fail(err)
			return code
		}
	}
	mode := packages.LoadSyntax | packages.NeedModule
	if needFacts(selected) {
		mode = packages.LoadAllSyntax | packages.NeedModule
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: g.tests}, g.fs.Args()...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%v matched no packages", g.fs.Args())
	}
	if err != nil {
		fail(err)
		return code
	}
	if packages.PrintErrors(pkgs) > 0 {
		code = max(code, ExitFailure)
	}
	graph, err := checker.Analyze(selected, pkgs, nil)
	if err != nil {
		fail(err)
		return code
	}
	// As in multichecker: a failed analysis makes the exit code 1 even
	// if other packages had findings.
	findings, failed := collect(graph)
	failures := internalErrors(graph)
	if failed {
		code = ExitFailure
	}
	root := repoRoot()
	setFingerprints(findings, root, newSources())
	var absorbed int
	if base != nil {
		absorbed = base.absorb(findings)
	}
	// The findings to report, and the ones the SARIF log holds: those
	// on changed lines, the baseline's included (as "unchanged").
	var reported, logged []finding
	var unchangedLines int
	for _, f := range findings {
		if changed != nil && !changed.touches(f) {
			unchangedLines++
			continue
		}
		logged = append(logged, f)
		if f.baselineState != "unchanged" {
			reported = append(reported, f)
		}
	}
	if len(reported) < len(findings) {
		keep(graph, reported)
	}
	if g.json {
		if err := graph.PrintJSON(stdout); err != nil {
			fail(err)
		}
	} else if err := graph.PrintText(stderr, -1); err != nil {
		fail(err)
	}
	if code != ExitFailure && len(reported) > 0 {
		code = ExitFindings
	}

	if base != nil {
		fmt.Fprintf(stderr, "fanoutlint: baseline %s: absorbed %s", base.path, count(absorbed, "finding"))
		if code == ExitFailure {
			// Findings of packages that failed are missing, so unmatched
			// entries prove nothing.
			fmt.Fprintln(stderr, "; unmatched entries not checked, as the run failed")
		} else {
			checks := make(map[string]bool)
			for _, a := range selected {
				checks[a.Name] = true
			}
			stale, other := base.unused(checks, analyzedFiles(pkgs, root), root)
			fmt.Fprintf(stderr, "; %s no finding", count(len(stale), "entry matches", "entries match"))
			if other > 0 {
				fmt.Fprintf(stderr, " (%s for packages or checks not analyzed)", count(other, "more is", "more are"))
			}
			fmt.Fprintln(stderr)
			reportUnused(stderr, stale)
			if len(stale) > 0 && g.baselineUnused == "error" && code == ExitClean {
				code = ExitBaselineUnused
			}
		}
	}
	if changed != nil {
		fmt.Fprintf(stderr, "fanoutlint: -new-from-rev=%s: %s on lines not changed since then not reported\n", changed.rev, count(unchangedLines, "finding"))
	}

	if g.sarif != "" {
		w := stdout
		var f *os.File
		if g.sarif != "-" {
			if f, err = os.Create(g.sarif); err != nil {
				fail(err)
				return code
			}
			w = f
		}
		if err := writeSARIF(w, selected, logged, failures, root, newSources()); err != nil {
			fail(err)
		}
		if f != nil {
			if err := f.Close(); err != nil {
				fail(err)
			}
		}
	}
	if g.github {
		if err := writeAnnotations(stdout, reported, failures, root, newSources()); err != nil {
			fail(err)
		}
	}
	return code
}

// count returns "n noun", with the plural (noun+"s" unless given) when
// n is not 1.
func count(n int, noun string, plural ...string) string {
	if n == 1 {
		return "1 " + noun
	}
	if len(plural) > 0 {
		return fmt.Sprintf("%d %s", n, plural[0])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// explicit reports whether the flag name was set on the command line.
func (g *gateFlags) explicit(name string) bool {
	set := false
	g.fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// keep removes from graph's root actions every diagnostic that is not
// one of findings, so that the text and JSON printers show only those.
func keep(graph *checker.Graph, findings []finding) {
	type key struct {
		check      *analysis.Analyzer
		start, end token.Position
		message    string
	}
	want := make(map[key]bool)
	for _, f := range findings {
		want[key{f.check, f.start, f.end, f.diag.Message}] = true
	}
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		act.Diagnostics = slices.DeleteFunc(act.Diagnostics, func(d analysis.Diagnostic) bool {
			start, end := fset.Position(d.Pos), fset.Position(d.End)
			if !end.IsValid() {
				end = start
			}
			return !want[key{act.Analyzer, start, end, d.Message}]
		})
	}
}

// needFacts reports whether any of analyzers, or their requirements,
// uses facts, in which case dependencies must be loaded from source.
func needFacts(analyzers []*analysis.Analyzer) bool {
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(as []*analysis.Analyzer) bool
	visit = func(as []*analysis.Analyzer) bool {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			if len(a.FactTypes) > 0 || visit(a.Requires) {
				return true
			}
		}
		return false
	}
	return visit(analyzers)
}
