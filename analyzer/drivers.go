package analyzer

import (
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/fanoutlint/fanoutlint/passes/ignoredirective"
)

// Analyzers returns Suite as the drivers run it: every check honours
// //fanoutlint:ignore directives, and the ignoredirective check, last,
// reports the directives that are malformed or suppress nothing. The list
// is built once, from Suite, so a check added to Suite reaches every
// driver, the SARIF rules and the help text.
var Analyzers = sync.OnceValue(func() []*analysis.Analyzer {
	return ignoredirective.Wrap(Suite, nil)
})

// Names returns the names of the checks in Suite, in order.
func Names() []string {
	names := make([]string, len(Suite))
	for i, a := range Suite {
		names[i] = a.Name
	}
	return names
}
