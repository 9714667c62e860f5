// Command fanoutlint reports risky goroutine fan-out: errgroup errors that
// are discarded, goroutine errors nobody reads, goroutines that
// cancellation cannot reach, and early returns that strand goroutines.
//
// Usage:
//
//	fanoutlint [flags] ./...
//	go vet -vettool=$(which fanoutlint) ./...
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/fanoutlint/fanoutlint/analyzer"
)

func main() { multichecker.Main(analyzer.Suite...) }
