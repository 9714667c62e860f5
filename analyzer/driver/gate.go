package driver

import (
	"flag"
	"fmt"
	"io"
	"os"
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
	tests   bool
	enabled map[*analysis.Analyzer]*triState
}

// newGateFlags declares the gate driver's flags: -sarif, -github, -test,
// and the per-check flags multichecker has (-<check>, -<check>.<flag>).
func newGateFlags(analyzers []*analysis.Analyzer, output io.Writer) *gateFlags {
	g := &gateFlags{
		fs:      flag.NewFlagSet("fanoutlint", flag.ContinueOnError),
		enabled: make(map[*analysis.Analyzer]*triState),
	}
	g.fs.SetOutput(output)
	g.fs.Usage = func() { fmt.Fprint(output, usage) }
	g.fs.StringVar(&g.sarif, "sarif", "", "write a SARIF 2.1.0 log to `file` (\"-\" for stdout)")
	g.fs.BoolVar(&g.github, "github", os.Getenv("GITHUB_ACTIONS") == "true", "print GitHub Actions annotations on stdout")
	g.fs.BoolVar(&g.tests, "test", true, "analyze test files too")
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
// findings as text on stderr, and as SARIF and GitHub Actions
// annotations when asked. It returns the exit code.
func Gate(args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	g := newGateFlags(analyzers, stderr)
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
	if g.sarif == "-" && g.github {
		explicit := false
		g.fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "github" })
		if explicit {
			fmt.Fprintln(stderr, "fanoutlint: -sarif=- and -github both write to stdout; give -sarif a file")
			return ExitUsage
		}
		g.github = false // GITHUB_ACTIONS=true, but stdout is the SARIF log
	}
	selected := g.selected(analyzers)

	code := ExitClean
	fail := func(err error) {
		fmt.Fprintf(stderr, "fanoutlint: %v\n", err)
		code = max(code, ExitFailure)
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
	if err := graph.PrintText(stderr, -1); err != nil {
		fail(err)
	}
	// As in multichecker: a failed analysis makes the exit code 1 even
	// if other packages had findings.
	findings, failed := collect(graph)
	failures := internalErrors(graph)
	if failed {
		code = ExitFailure
	} else if len(findings) > 0 {
		code = max(code, ExitFindings)
	}

	root := repoRoot()
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
		if err := writeSARIF(w, selected, findings, failures, root, newSources()); err != nil {
			fail(err)
		}
		if f != nil {
			if err := f.Close(); err != nil {
				fail(err)
			}
		}
	}
	if g.github {
		if err := writeAnnotations(stdout, findings, failures, root, newSources()); err != nil {
			fail(err)
		}
	}
	return code
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
