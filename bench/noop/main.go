// Command noop is the cost floor for fanoutlint's benchmark: the same
// multichecker driver with one analyzer that does nothing, so that it
// pays only for loading, parsing and type-checking the packages.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing, to measure the driver's own cost",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

// stamp differs between the builds bench/facts makes, so that go vet,
// which caches results by the tool's identity, runs it afresh.
var stamp string

func main() {
	_ = stamp
	multichecker.Main(noop)
}
