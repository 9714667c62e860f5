// Command noopfact is the noop floor with one analysis fact type: it
// does nothing and exports no fact, but declaring a fact type makes every
// driver analyse each package's dependencies too, which is what exporting
// the channel model's summaries across packages would cost at the least.
// bench/facts compares it with bench/noop.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// summaryFact stands for a channel summary exported for other packages.
type summaryFact struct{}

func (*summaryFact) AFact()         {}
func (*summaryFact) String() string { return "summary" }

var noopfact = &analysis.Analyzer{
	Name:      "noopfact",
	Doc:       "noopfact: do nothing, with one fact type, to measure what facts cost",
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
	FactTypes: []analysis.Fact{new(summaryFact)},
}

// stamp differs between the builds bench/facts makes, so that go vet,
// which caches results by the tool's identity, runs it afresh.
var stamp string

func main() {
	_ = stamp
	multichecker.Main(noopfact)
}
