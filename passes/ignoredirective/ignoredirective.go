package ignoredirective

import (
	_ "embed"
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/internal/analysisutil"
)

//go:embed doc.go
var doc string

// Prefix starts every fanoutlint directive.
const Prefix = "//fanoutlint:"

// Diagnostic categories of the ignoredirective check.
const (
	catMalformed = "malformed" // cannot be parsed or names no known check
	catUnused    = "unused"    // well-formed but suppressed nothing
)

// Wrap returns the drivers' view of checks: each check reports only the
// findings no //fanoutlint:ignore directive covers, followed by the
// ignoredirective analyzer, which reports the directives themselves.
// known lists every check name a directive may use; a name in known but
// not in checks is valid but its directives are not judged unused (the
// check did not run). If known is nil, the names of checks are used.
//
// A panic in any analyzer of the returned graph (a check, the analyzers
// it requires, ignoredirective) on one package becomes an error of that
// analyzer on that package, "internal error in <check> analysing <pkg>:
// <panic>; please report it", and the run goes on; the stack is added when
// FANOUTLINT_DEBUG=1 (see DebugEnv). The analyzers the checks require are
// guarded in place, keeping their identity.
//
// Wrap builds new analyzers on each call; a driver calls it once.
func Wrap(checks []*analysis.Analyzer, known []string) []*analysis.Analyzer {
	if known == nil {
		for _, a := range checks {
			known = append(known, a.Name)
		}
	}
	scan := &analysis.Analyzer{
		Name: "ignorescan",
		Doc:  "ignorescan: collect the //fanoutlint:ignore directives of a package",
		Run: func(pass *analysis.Pass) (any, error) {
			return scanDirectives(pass.Fset, pass.Files, known), nil
		},
		RunDespiteErrors: true,
		ResultType:       reflect.TypeFor[*directives](),
	}
	out := make([]*analysis.Analyzer, 0, len(checks)+1)
	runs := make([]*analysis.Analyzer, 0, len(checks))
	for _, a := range checks {
		w, run := wrap(a, scan)
		out, runs = append(out, w), append(runs, run)
	}
	report := &analysis.Analyzer{
		Name:     "ignoredirective",
		Doc:      analysisutil.MustExtractDoc(doc, "ignoredirective"),
		URL:      "https://pkg.go.dev/github.com/fanoutlint/fanoutlint/passes/ignoredirective",
		Requires: requirements(append([]*analysis.Analyzer{scan}, runs...), checks),
		// Not on packages with errors, where the checks do not run
		// (none has RunDespiteErrors) and so suppress nothing.
		RunDespiteErrors: false,
	}
	reportUnused := report.Flags.Bool("unused", true, "report //fanoutlint:ignore directives that suppress no finding")
	report.Run = func(pass *analysis.Pass) (any, error) {
		// Directives are judged unused only for the checks that ran to
		// the end on this package.
		ran := make(map[string]bool)
		for _, r := range runs {
			if o := pass.ResultOf[r].(*outcome); o.complete {
				ran[o.check] = true
			}
		}
		pass.ResultOf[scan].(*directives).report(pass, ran, *reportUnused)
		// Every check of the package has finished: what they shared
		// (fanout's syntax index and SSA) is no longer needed.
		for _, res := range pass.ResultOf {
			if r, ok := res.(analysisutil.Releaser); ok {
				r.Release()
			}
		}
		return nil, nil
	}
	out = append(out, report)
	guardAll(out)
	return out
}

// requirements returns direct followed by the requirements, direct and
// indirect, of checks that direct does not hold yet. ignoredirective
// requires them all so that it can release their results once every
// check of the package has run; they run before it in any case.
func requirements(direct, checks []*analysis.Analyzer) []*analysis.Analyzer {
	seen := make(map[*analysis.Analyzer]bool)
	for _, a := range direct {
		seen[a] = true
	}
	var visit func(as []*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if !seen[a] {
				seen[a] = true
				direct = append(direct, a)
				visit(a.Requires)
			}
		}
	}
	for _, a := range checks {
		visit(a.Requires)
	}
	return direct
}

// An outcome is what a check did on one package: its findings that no
// directive suppresses, its result and its error.
type outcome struct {
	check    string
	diags    []analysis.Diagnostic
	result   any
	err      error
	complete bool // the check ran and returned no error
}

// wrap returns a copy w of check a whose diagnostics pass through the
// package's directives first. The copy shares a's flags and result type,
// so drivers and dependent analyzers see the same check.
//
// The work is done by a second analyzer, run, which calls a.Run and
// never fails: it records a's findings, result and error (a panic among
// them, see guard) in its *outcome, and w reports and returns them.
// ignoredirective requires the run analyzers, not the copies, so that a
// check failing on a package does not fail ignoredirective there too
// ("failed prerequisites") and cost its findings. run carries a's facts
// and requirements.
func wrap(a, scan *analysis.Analyzer) (w, run *analysis.Analyzer) {
	run = &analysis.Analyzer{
		Name:             a.Name + "_run",
		Doc:              a.Name + "_run: run the " + a.Name + " check and record its outcome",
		Requires:         append(slices.Clip(a.Requires), scan),
		ResultType:       reflect.TypeFor[*outcome](),
		FactTypes:        a.FactTypes,
		RunDespiteErrors: true,
	}
	checkRun := guard(a.Name, a.Run)
	run.Run = func(pass *analysis.Pass) (any, error) {
		o := &outcome{check: a.Name}
		if len(pass.TypeErrors) > 0 && !a.RunDespiteErrors {
			return o, nil // the driver skips w on this package
		}
		if !Enabled(a) {
			return o, nil // off by default and not turned on
		}
		dirs := pass.ResultOf[scan].(*directives)
		inner := *pass
		inner.Analyzer = a
		inner.Report = func(d analysis.Diagnostic) {
			if !dirs.suppress(a.Name, pass.Fset, d.Pos) {
				o.diags = append(o.diags, d)
			}
		}
		o.result, o.err = checkRun(&inner)
		o.complete = o.err == nil
		return o, nil
	}
	w = &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         []*analysis.Analyzer{run},
		ResultType:       a.ResultType,
		RunDespiteErrors: a.RunDespiteErrors,
	}
	// The copy registers a's flag.Values themselves, so setting
	// -<check>.<flag> through either analyzer sets the variable a.Run
	// reads.
	a.Flags.VisitAll(func(f *flag.Flag) { w.Flags.Var(f.Value, f.Name, f.Usage) })
	w.Run = func(pass *analysis.Pass) (any, error) {
		o := pass.ResultOf[run].(*outcome)
		for _, d := range o.diags {
			pass.Report(d)
		}
		return o.result, o.err
	}
	return w, run
}

// A directive is one //fanoutlint: comment.
type directive struct {
	pos     token.Pos
	end     token.Pos
	file    string
	line    int
	checks  []string        // the checks it names; nil if malformed
	problem string          // why it is malformed; "" if well-formed
	used    map[string]bool // checks whose findings it suppressed
}

// directives are the fanoutlint directives of one package. The wrapped
// checks of the package mark them used concurrently, hence the mutex;
// ignoredirective reads them after all of those checks have finished.
type directives struct {
	mu     sync.Mutex
	list   []*directive
	byLine map[lineKey][]*directive // well-formed directives by position
}

type lineKey struct {
	file string
	line int
}

// scanDirectives collects the directives of files. Positions are taken
// without //line adjustment so that a directive and a finding in the same
// physical file always meet.
func scanDirectives(fset *token.FileSet, files []*ast.File, known []string) *directives {
	ds := &directives{byLine: make(map[lineKey][]*directive)}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				d := parse(c.Text, known)
				if d == nil {
					continue
				}
				p := fset.PositionFor(c.Slash, false)
				d.pos, d.end, d.file, d.line = c.Slash, c.End(), p.Filename, p.Line
				ds.list = append(ds.list, d)
				if d.problem == "" {
					k := lineKey{d.file, d.line}
					ds.byLine[k] = append(ds.byLine[k], d)
				}
			}
		}
	}
	return ds
}

// parse returns the directive written in comment text, or nil if text is
// not a fanoutlint directive. Only the spaced form of the ignore
// directive is caught: "// fanoutlint: ..." with any other word is prose.
func parse(text string, known []string) *directive {
	body, ok := strings.CutPrefix(text, "//")
	if !ok {
		return nil // a /* */ comment
	}
	trimmed := strings.TrimLeft(body, " \t")
	if trimmed != body {
		if strings.HasPrefix(trimmed, "fanoutlint:ignore") {
			return &directive{problem: "malformed fanoutlint directive: write //fanoutlint:ignore with no space after //"}
		}
		return nil
	}
	rest, ok := strings.CutPrefix(body, "fanoutlint:")
	if !ok {
		return nil
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 || fields[0] != "ignore" {
		verb := ""
		if len(fields) > 0 {
			verb = fields[0]
		}
		return &directive{problem: fmt.Sprintf("unknown directive //fanoutlint:%s: the only one is //fanoutlint:ignore", verb)}
	}
	fields = fields[1:]
	if len(fields) == 0 {
		return &directive{problem: "malformed //fanoutlint:ignore directive: want //fanoutlint:ignore <check> <reason>"}
	}
	var checks []string
	for name := range strings.SplitSeq(fields[0], ",") {
		if !slices.Contains(known, name) {
			return &directive{problem: fmt.Sprintf("//fanoutlint:ignore names unknown check %q (checks: %s)", name, strings.Join(known, ", "))}
		}
		if !slices.Contains(checks, name) {
			checks = append(checks, name)
		}
	}
	// The reason may follow the check list directly or, as golangci-lint
	// users write it for //nolint, after a further "//".
	reason := strings.TrimPrefix(strings.Join(fields[1:], " "), "//")
	if strings.TrimSpace(reason) == "" {
		return &directive{problem: "//fanoutlint:ignore " + fields[0] + " has no reason: say why the finding does not apply"}
	}
	return &directive{checks: checks, used: make(map[string]bool)}
}

// suppress reports whether a finding of check at pos is covered by a
// directive on its line or the line above, and marks those directives
// used for check.
func (ds *directives) suppress(check string, fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() || len(ds.byLine) == 0 {
		return false
	}
	p := fset.PositionFor(pos, false)
	ds.mu.Lock()
	defer ds.mu.Unlock()
	found := false
	for _, line := range [2]int{p.Line, p.Line - 1} {
		for _, d := range ds.byLine[lineKey{p.Filename, line}] {
			if slices.Contains(d.checks, check) {
				d.used[check] = true
				found = true
			}
		}
	}
	return found
}

// report reports the malformed directives and, if unused is set, each
// check named by a well-formed directive that ran and found nothing
// there.
func (ds *directives) report(pass *analysis.Pass, ran map[string]bool, unused bool) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	for _, d := range ds.list {
		if d.problem != "" {
			pass.Report(analysis.Diagnostic{Pos: d.pos, End: d.end, Category: catMalformed, Message: d.problem})
			continue
		}
		if !unused {
			continue
		}
		for _, c := range d.checks {
			if ran[c] && !d.used[c] {
				pass.Report(analysis.Diagnostic{
					Pos:      d.pos,
					End:      d.end,
					Category: catUnused,
					Message:  fmt.Sprintf("//fanoutlint:ignore %s suppresses nothing: no %s finding on this line or the next", c, c),
				})
			}
		}
	}
}

// EnableFlag is the name of the flag of a check that is off by default:
// a check that declares a boolean flag of this name runs only when it is
// set (-<check>.enable, or enable: true in golangci-lint's settings).
// Wrap honours it for every check, so the drivers need nothing more; the
// check's own Run does not look at it, so its tests run it directly.
const EnableFlag = "enable"

// Enabled reports whether check a runs: it has no EnableFlag flag, or
// the flag is set.
func Enabled(a *analysis.Analyzer) bool {
	f := a.Flags.Lookup(EnableFlag)
	return f == nil || f.Value.String() == "true"
}
