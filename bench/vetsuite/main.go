// Command vetsuite is the fanoutlint suite as the fanoutlint command
// runs it, with a stamp that bench/vetfacts changes on every build, so
// that go vet, which caches results by the tool's identity, runs it
// afresh.
package main

import (
	"github.com/fanoutlint/fanoutlint/analyzer"
	"github.com/fanoutlint/fanoutlint/analyzer/driver"
)

var stamp string

func main() {
	_ = stamp
	driver.Main(analyzer.Analyzers())
}
