package driver

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// vetUnit reports whether args are go vet's invocation of the tool on one
// package: flags, then a single .cfg file.
func vetUnit(args []string) bool {
	_, positional := flagNames(args)
	return len(positional) == 1 && strings.HasSuffix(positional[0], ".cfg")
}

// FactsFlag is the flag by which a check follows its summaries across
// packages through analysis facts (stranded's -facts).
const FactsFlag = "facts"

// vetFacts turns on, for a go vet run, the facts flag of every check
// that has one; -<check>.facts=false, parsed later, turns it off again.
// go vet runs the tool on every dependency whether or not it uses facts,
// so they cost little there (bench/vetfacts), while the standalone
// driver and golangci-lint would load and analyse every dependency from
// source for them: there they stay off unless asked for.
func vetFacts(analyzers []*analysis.Analyzer) {
	for _, a := range analyzers {
		if fl := a.Flags.Lookup(FactsFlag); fl != nil {
			if err := fl.Value.Set("true"); err != nil {
				fmt.Fprintf(os.Stderr, "fanoutlint: %s.%s: %v\n", a.Name, FactsFlag, err)
			}
		}
	}
}

// internalErrorsForVet changes how the analyzers of roots report an
// internal error (a panic, see ignoredirective.Wrap) for a go vet run.
// go vet stops printing a package's results at the first analyzer error
// it meets, in map order, so an error there can hide the other checks'
// findings; and it shows the errors of the checks only, not of the
// analyzers they require. So a check's internal error becomes a finding
// of the check at the package clause, which go vet prints with the
// others (and exits 1 for), and a required analyzer's is printed on
// stderr before the checks fail with "failed prerequisites".
func internalErrorsForVet(roots []*analysis.Analyzer) {
	onInternalError(roots, true)
}

// internalErrorsOnStderr makes every internal error of the analyzers of
// roots print on stderr as it happens. With -fix, -diff and -json,
// multichecker prints no analysis error in text and exits 0; this way an
// internal error is still seen.
func internalErrorsOnStderr(roots []*analysis.Analyzer) {
	onInternalError(roots, false)
}

// onInternalError wraps the Run of every analyzer in the graph of roots
// to print its internal errors on stderr, or, if asFindings, to report a
// root's as a finding (see internalErrorsForVet).
func onInternalError(roots []*analysis.Analyzer, asFindings bool) {
	isRoot := make(map[*analysis.Analyzer]bool)
	for _, a := range roots {
		isRoot[a] = true
	}
	seen := make(map[*analysis.Analyzer]bool)
	var visit func(as []*analysis.Analyzer)
	visit = func(as []*analysis.Analyzer) {
		for _, a := range as {
			if seen[a] {
				continue
			}
			seen[a] = true
			run, root, resultType := a.Run, isRoot[a], a.ResultType
			a.Run = func(pass *analysis.Pass) (any, error) {
				res, err := run(pass)
				var ie *ignoredirective.InternalError
				if !errors.As(err, &ie) {
					return res, err
				}
				if !asFindings || !root || len(pass.Files) == 0 {
					fmt.Fprintf(os.Stderr, "fanoutlint: %v\n", err)
					return res, err
				}
				pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: "internal-error", Message: ie.Error()})
				if resultType == nil {
					return nil, nil
				}
				return reflect.Zero(resultType).Interface(), nil
			}
			visit(a.Requires)
		}
	}
	visit(roots)
}
